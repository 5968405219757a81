import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer, type WebSocket } from "ws";
import type { AddressInfo } from "node:net";
import { REFUSAL } from "../../../adapters/slack/render.ts";
import { SlackAdapter } from "../../../adapters/slack/slack.ts";
import { smallCatalog } from "../../helpers.ts";
import { httpAdapter, recorder, sign, until, type Recorded } from "./loopback.ts";

const SECRET = "test-signing-secret";
const catalog = smallCatalog();

describe("Slack adapter, HTTP mode (real Bolt on loopback)", () => {
  let api: Awaited<ReturnType<typeof recorder>>;
  let responses: Awaited<ReturnType<typeof recorder>>;
  let adapter: SlackAdapter;
  let events = "";

  beforeAll(async () => {
    api = await recorder((path) => (path.endsWith("auth.test") ? { ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" } : { ok: true }));
    responses = await recorder();
    adapter = httpAdapter(api, { botToken: "xoxb-test-token", signingSecret: SECRET, catalog: new CatalogHolder(catalog), logger: () => {} });
    await adapter.start();
    events = `http://127.0.0.1:${adapter.port}/slack/events`;
  });
  afterAll(async () => {
    await adapter.stop();
    await api.close();
    await responses.close();
  });

  let n = 0;
  /** Posts a signed slash command and returns the answer that reaches its response_url. */
  async function slash(text: string, user = "U1", headers?: Record<string, string>): Promise<{ status: number; answer?: Recorded }> {
    const path = `/respond/${++n}`;
    const body = new URLSearchParams({ command: "/ideas", text, user_id: user, user_name: `name-${user}`, channel_id: "C1", team_id: "T1", response_url: `${responses.url}${path}`, trigger_id: "1" }).toString();
    const res = await fetch(events, { method: "POST", body, headers: headers ?? sign(SECRET, body) });
    if (res.status !== 200) return { status: res.status };
    return { status: res.status, answer: await until(() => responses.requests.find((r) => r.path === path)) };
  }

  async function press(user: string, actionId: string, value: string): Promise<Recorded> {
    const path = `/respond/${++n}`;
    const payload = { type: "block_actions", user: { id: user, name: `name-${user}` }, team: { id: "T1" }, channel: { id: "C1" }, api_app_id: "A1", token: "x", trigger_id: "1", response_url: `${responses.url}${path}`, container: { type: "message" }, actions: [{ type: "button", action_id: actionId, block_id: "b", value, action_ts: "1" }] };
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    const res = await fetch(events, { method: "POST", body, headers: sign(SECRET, body) });
    expect(res.status).toBe(200);
    return until(() => responses.requests.find((r) => r.path === path));
  }

  const buttons = (answer: Recorded) =>
    ((answer.json!.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === "actions")?.elements ?? []);

  it("answers a signed /ideas search ephemerally with Block Kit and a text fallback, via response_url", async () => {
    const { status, answer } = await slash("search kuberntes documentaion");
    expect(status).toBe(200);
    expect(answer!.json).toMatchObject({ response_type: "ephemeral", text: expect.stringContaining("for \"kuberntes documentaion\"") });
    expect(JSON.stringify(answer!.json!.blocks)).toContain("<https://github.com/orbit/orbit/issues/1|Kubernetes documentation overhaul>");
  });

  it("reached the Web API through SLACK_API_URL with the bot token", () => {
    const auth = api.requests.find((r) => r.path === "/api/auth.test");
    expect(auth).toBeDefined();
    expect(`${auth!.headers.authorization ?? ""} ${auth!.body}`).toContain("xoxb-test-token");
  });

  it("refuses a wrong signature and a stale timestamp with 401", async () => {
    const body = new URLSearchParams({ command: "/ideas", text: "help", user_id: "U1", response_url: `${responses.url}/x` }).toString();
    expect((await slash("help", "U1", sign("wrong-secret", body))).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await fetch(events, { method: "POST", body, headers: sign(SECRET, body, stale) });
    expect(res.status).toBe(401);
  });

  it("answers bare /ideas with help, and an unknown subcommand with did-you-mean", async () => {
    expect(JSON.stringify((await slash("")).answer!.json)).toContain("I help you find an open-source mentorship project idea.");
    expect(JSON.stringify((await slash("serch docs")).answer!.json)).toContain("Did you mean `search`?");
  });

  it("escapes <!channel> and <@U123> everywhere it echoes them", async () => {
    const { answer } = await slash("search <!channel> <@U123> &");
    const raw = answer!.body;
    expect(raw).not.toMatch(/<!channel>|<@U123>/);
    expect(raw).toContain("&lt;!channel&gt;");
    expect(raw).toContain("&lt;@U123&gt;");
  });

  it("answers an empty and a 10,000-character query kindly", async () => {
    expect(JSON.stringify((await slash("search")).answer!.json)).toContain("Tell me what to look for");
    expect(JSON.stringify((await slash(`search ${"x".repeat(10_000)}`)).answer!.json)).toContain("Please keep a search under 200 characters.");
  });

  it("pages with Next and Previous for the asker, and refuses anyone else politely", async () => {
    const { answer } = await slash("recommend go, k8s, rust, react, c++, python, technical writing", "U7");
    const next = buttons(answer!).find((b) => b.action_id === "ideas_page")!;
    const stranger = await press("U8", "ideas_page", next.value);
    expect(stranger.json).toMatchObject({ response_type: "ephemeral", replace_original: false, text: REFUSAL });
    const page2 = await press("U7", "ideas_page", next.value);
    expect(page2.json).toMatchObject({ replace_original: true });
    expect(JSON.stringify(page2.json!.blocks)).toContain("(page 2 of 2)");
    const previous = buttons(page2).find((b) => b.action_id === "ideas_page")!;
    const page1 = await press("U7", "ideas_page", previous.value);
    expect(JSON.stringify(page1.json!.blocks)).toContain("(page 1 of 2)");
  });

  it("shares an answer in the channel without buttons, naming who shared it in plain text", async () => {
    const { answer } = await slash("search rust", "U9");
    const share = buttons(answer!).find((b) => b.action_id === "ideas_share")!;
    const shared = await press("U9", "ideas_share", share.value);
    expect(shared.json).toMatchObject({ response_type: "in_channel", replace_original: false });
    expect(JSON.stringify(shared.json!.blocks)).toContain("Shared by name-U9");
    expect(buttons(shared)).toEqual([]);
  });

  it("shows details for a card", async () => {
    const { answer } = await slash("search compaction", "U10");
    const details = (answer!.json!.blocks as Array<{ accessory?: { action_id: string; value: string } }>).find((b) => b.accessory)!.accessory!;
    const shown = await press("U10", details.action_id, details.value);
    expect(shown.json).toMatchObject({ response_type: "ephemeral", text: "Rust storage engine compaction (Nebula)" });
  });
});

describe("Slack adapter, Socket Mode (loopback websocket)", () => {
  let api: Awaited<ReturnType<typeof recorder>>;
  let responses: Awaited<ReturnType<typeof recorder>>;
  let wss: WebSocketServer;
  let adapter: SlackAdapter;
  const received: string[] = [];
  let socket: WebSocket | undefined;

  beforeAll(async () => {
    wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => wss.once("listening", r));
    const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
    wss.on("connection", (ws) => {
      socket = ws;
      ws.on("message", (m) => received.push(m.toString()));
      ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" }, debug_info: { host: "h", approximate_connection_time: 3600 } }));
    });
    api = await recorder((path) => (path.endsWith("apps.connections.open") ? { ok: true, url: wsUrl } : { ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" }));
    responses = await recorder();
    adapter = new SlackAdapter({ botToken: "xoxb-test-token", signingSecret: SECRET, appToken: "xapp-test-token", apiUrl: `${api.url}/api/`, autoReconnect: false, catalog: new CatalogHolder(catalog), logger: () => {} });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter.stop();
    for (const client of wss.clients) client.terminate();
    await new Promise((r) => wss.close(r));
    await api.close();
    await responses.close();
  });

  it("opens the connection with the app token through SLACK_API_URL", () => {
    const open = api.requests.find((r) => r.path === "/api/apps.connections.open");
    expect(open?.headers.authorization).toBe("Bearer xapp-test-token");
  });

  it("acks a slash_commands envelope and answers through response_url", async () => {
    await until(() => socket);
    socket!.send(
      JSON.stringify({
        envelope_id: "e1",
        type: "slash_commands",
        accepts_response_payload: true,
        payload: { command: "/ideas", text: "search trace dashboard", user_id: "U1", user_name: "ada", channel_id: "C1", team_id: "T1", response_url: `${responses.url}/socket`, trigger_id: "1" },
      }),
    );
    const ack = await until(() => received.find((m) => m.includes('"envelope_id":"e1"')));
    expect(JSON.parse(ack)).toMatchObject({ envelope_id: "e1" });
    const answer = await until(() => responses.requests.find((r) => r.path === "/socket"));
    expect(JSON.stringify(answer.json)).toContain("React dashboard for traces");
  });
});
