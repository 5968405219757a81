import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { request } from "node:http";
import { connect } from "node:net";
import type { SlackAdapter } from "../../../adapters/slack/slack.ts";
import { SLACK_BODY_LIMIT, type BodyRefusal } from "../../../adapters/slack/body-limit.ts";
import { smallCatalog } from "../../helpers.ts";
import { httpAdapter, recorder, sign, until, type Recorded } from "./loopback.ts";

const SECRET = "test-signing-secret";
const catalog = smallCatalog();

/** What a raw client saw: everything the server wrote, and how many body bytes the socket took before it closed. */
interface RawResult {
  response: string;
  sent: number;
}

/**
 * Sends `head` on a raw socket, then (if `chunk` is given) streams chunked body data, waiting for
 * drain each time, until `total` bytes are sent or the server answers or closes; then collects the
 * answer until the server closes the connection.
 */
function raw(port: number, head: string, stream?: { chunk: Buffer; total: number }): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let response = "";
    let sent = 0;
    let closed = false;
    socket.on("data", (d) => (response += d.toString("latin1")));
    socket.on("error", () => {}); // EPIPE/ECONNRESET once the server cuts the upload off
    socket.on("close", () => {
      closed = true;
      resolve({ response, sent });
    });
    socket.setTimeout(4_000, () => {
      socket.destroy();
      reject(new Error(`no close from the server; got ${JSON.stringify(response.slice(0, 80))} after ${sent} bytes`));
    });
    socket.write(head, async () => {
      if (!stream) return;
      const frame = Buffer.concat([Buffer.from(`${stream.chunk.length.toString(16)}\r\n`), stream.chunk, Buffer.from("\r\n")]);
      while (!closed && response === "" && sent < stream.total) {
        const ok = socket.write(frame);
        sent += stream.chunk.length;
        if (!ok) await new Promise((r) => socket.once("drain", r).once("close", r));
      }
      if (!closed && response === "") socket.end("0\r\n\r\n");
    });
  });
}

describe("Slack HTTP mode refuses bodies over SLACK_BODY_LIMIT before buffering them (real Bolt on loopback)", () => {
  let api: Awaited<ReturnType<typeof recorder>>;
  let responses: Awaited<ReturnType<typeof recorder>>;
  let adapter: SlackAdapter;
  let port = 0;
  const refusals: BodyRefusal[] = [];
  const logs: string[] = [];

  beforeAll(async () => {
    api = await recorder((path) => (path.endsWith("auth.test") ? { ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" } : { ok: true }));
    responses = await recorder();
    adapter = httpAdapter(api, {
      botToken: "xoxb-test-token",
      signingSecret: SECRET,
      catalog: new CatalogHolder(catalog),
      logger: (m) => logs.push(m),
      onBodyRefused: (r) => refusals.push(r),
    });
    await adapter.start();
    port = adapter.port!;
  });
  afterAll(async () => {
    await adapter.stop();
    await api.close();
    await responses.close();
  });

  let n = 0;
  /** A signed slash command of about `size` bytes (padded in channel_name), and where its answer will arrive. */
  function command(text: string, size: number): { body: string; path: string } {
    const path = `/respond/${++n}`;
    const fields = { command: "/ideas", text, user_id: "U1", user_name: "ada", channel_id: "C1", team_id: "T1", response_url: `${responses.url}${path}`, trigger_id: "1" };
    const base = new URLSearchParams({ ...fields, channel_name: "" }).toString().length;
    return { body: new URLSearchParams({ ...fields, channel_name: "c".repeat(Math.max(0, size - base)) }).toString(), path };
  }
  const answerAt = (path: string): Promise<Recorded> => until(() => responses.requests.find((r) => r.path === path));

  it("answers a 50 MB Content-Length with 413 at once, without waiting for (or reading) the body", async () => {
    const before = refusals.length;
    const { response } = await raw(
      port,
      "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
        `Content-Length: ${50 * 1024 * 1024}\r\nX-Slack-Signature: v0=00\r\nX-Slack-Request-Timestamp: 1\r\n\r\n`,
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    expect(response.toLowerCase()).toContain("connection: close");
    expect(refusals.slice(before)).toEqual([{ reason: "content-length", method: "POST", path: "/slack/events", limit: SLACK_BODY_LIMIT, declared: 50 * 1024 * 1024, received: 0 }]);
    expect(logs.some((l) => l.includes("413"))).toBe(true);
  }, 5_000);

  it("cuts a chunked upload off with 413 once it passes the limit, closing the connection, having read barely more than the limit", async () => {
    const before = refusals.length;
    const total = 50 * 1024 * 1024;
    const { response, sent } = await raw(
      port,
      "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nTransfer-Encoding: chunked\r\n\r\n",
      { chunk: Buffer.alloc(16 * 1024, "a"), total },
    );
    expect(response).toMatch(/^HTTP\/1\.1 413 /);
    // The socket closed (raw() resolved on close) long before the client could send it all.
    expect(sent).toBeLessThan(total / 2);
    const [refusal, ...more] = refusals.slice(before);
    expect(more).toEqual([]);
    expect(refusal).toMatchObject({ reason: "streamed", method: "POST", path: "/slack/events", limit: SLACK_BODY_LIMIT });
    expect(refusal!.declared).toBeUndefined();
    // Counted on the server: past the limit by at most one read of the socket.
    expect(refusal!.received).toBeGreaterThan(SLACK_BODY_LIMIT);
    expect(refusal!.received).toBeLessThanOrEqual(SLACK_BODY_LIMIT + 64 * 1024);
  }, 5_000);

  it("still answers a normal signed slash command of a few KB", async () => {
    const { body, path } = command("search rust", 4 * 1024);
    expect(body.length).toBeGreaterThanOrEqual(4 * 1024);
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body, headers: sign(SECRET, body) });
    expect(res.status).toBe(200);
    expect((await answerAt(path)).json).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("rust") });
  }, 5_000);

  it("still answers a signed slash command sent chunked, without Content-Length", async () => {
    const { body, path } = command("search rust", 4 * 1024);
    const status = await new Promise<number>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/slack/events", method: "POST", headers: sign(SECRET, body) }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write(body.slice(0, 1000));
      setTimeout(() => req.end(body.slice(1000)), 20);
    });
    expect(status).toBe(200);
    expect((await answerAt(path)).json).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("rust") });
  }, 5_000);

  it("accepts a signed body of exactly the limit, and still refuses a wrong signature with 401", async () => {
    const { body, path } = command("search rust", SLACK_BODY_LIMIT);
    expect(body.length).toBe(SLACK_BODY_LIMIT);
    const ok = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body, headers: sign(SECRET, body) });
    expect(ok.status).toBe(200);
    expect((await answerAt(path)).json).toMatchObject({ response_type: "ephemeral" });
    const bad = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body: "command=%2Fideas", headers: sign("wrong-secret", "command=%2Fideas") });
    expect(bad.status).toBe(401);
  }, 5_000);
});
