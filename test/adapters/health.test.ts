/**
 * Health and readiness (adapters/health.ts), in process: the routes on their own small server,
 * readiness following the catalogue and the platforms, the Slack adapter serving them on Bolt's
 * server beside its slash command, and each adapter's `connected()`. `npm start` serving them is
 * in test/adapters/start.test.ts (e2e).
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { WebSocketServer } from "ws";
import { DiscordAdapter } from "../../adapters/discord/discord.ts";
import { healthRoutes, listenFailure, readiness, startHealthServer, type HealthServer, type HealthState } from "../../adapters/health.ts";
import { ShellAdapter } from "../../adapters/shell/shell.ts";
import { SlackAdapter } from "../../adapters/slack/slack.ts";
import { CatalogHolder } from "../../src/catalog/holder.ts";
import type { SourceState } from "../../src/store/store.ts";
import { smallCatalog } from "../helpers.ts";
import { httpAdapter, recorder, sign, until } from "./slack/loopback.ts";

const SECRET_URL = "https://user:hunter2@example.org/ideas.md?token=tok-secret";

function state(label: string, fields: Partial<SourceState>): SourceState {
  return { label, location: null, parsedWith: null, checkedAt: null, recordedAt: null, lastError: null, presentCount: 0, etag: null, lastModified: null, contentHash: null, ...fields };
}

/** A process's state, changed by the tests as a start-up would. */
function fakeProcess() {
  const world = {
    loaded: false,
    ideas: 0,
    connected: { discord: false, slack: false } as Record<string, boolean>,
    states: new Map<string, SourceState>(),
    storeFails: false,
  };
  const health: HealthState = {
    version: "9.9.9",
    startedAt: new Date("2026-01-01T00:00:00.000Z"),
    nextCheck: () => (world.loaded ? new Date("2026-01-01T00:15:00.000Z") : null),
    catalogue: () => ({ ideas: world.ideas, loaded: world.loaded }),
    platforms: () => Object.entries(world.connected).map(([name, connected]) => ({ name, connected })),
    sources: () => [
      { label: "lfx", location: SECRET_URL },
      { label: "local", location: "./data/ideas.md" },
    ],
    store: {
      sourceState: async (label) => {
        if (world.storeFails) throw new Error("database is closed");
        return world.states.get(label);
      },
    },
  };
  return { world, health };
}

async function get(base: string, path: string, init?: RequestInit): Promise<{ status: number; json: unknown; text: string; type: string | null }> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, json, text, type: res.headers.get("content-type") };
}

describe("the health routes on their own server", () => {
  const { world, health } = fakeProcess();
  let server: HealthServer;
  let base: string;

  beforeAll(async () => {
    server = await startHealthServer(healthRoutes(health), { port: 0, host: "127.0.0.1" });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
  });

  it("listens on a free port for PORT=0 and names it in its URL", () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it("answers /healthz with 200 {status: ok} whatever the readiness", async () => {
    const res = await get(base, "/healthz");
    expect(res).toMatchObject({ status: 200, json: { status: "ok" } });
    expect(res.type).toMatch(/^application\/json/);
    const head = await fetch(`${base}/healthz`, { method: "HEAD" });
    expect(head.status).toBe(200);
  });

  it("answers /readyz 503 until the catalogue is loaded and every platform is connected, then 200; JSON either way", async () => {
    const notYet = await get(base, "/readyz");
    expect(notYet.status).toBe(503);
    expect(notYet.json).toEqual({
      ready: false,
      version: "9.9.9",
      startedAt: "2026-01-01T00:00:00.000Z",
      nextCheck: null,
      catalogue: { ideas: 0, loaded: false },
      platforms: [
        { name: "discord", connected: false },
        { name: "slack", connected: false },
      ],
      sources: [
        { label: "lfx", checkedAt: null, recordedAt: null, ideas: 0, error: null },
        { label: "local", checkedAt: null, recordedAt: null, ideas: 0, error: null },
      ],
    });

    // The first check: the catalogue is built, one source failed, one recorded.
    world.states.set("lfx", state("lfx", { checkedAt: "2026-01-01T00:00:00.000Z", lastError: `GET ${SECRET_URL} failed: 500` }));
    world.states.set("local", state("local", { checkedAt: "2026-01-01T00:00:01.000Z", recordedAt: "2026-01-01T00:00:01.000Z", presentCount: 3 }));
    world.loaded = true;
    world.ideas = 3;
    expect((await get(base, "/readyz")).status).toBe(503);
    world.connected.discord = true;
    const oneOfTwo = await get(base, "/readyz");
    expect(oneOfTwo.status).toBe(503);
    expect(oneOfTwo.json).toMatchObject({ ready: false, platforms: [{ name: "discord", connected: true }, { name: "slack", connected: false }] });

    world.connected.slack = true;
    const ready = await get(base, "/readyz");
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      ready: true,
      version: "9.9.9",
      startedAt: "2026-01-01T00:00:00.000Z",
      nextCheck: "2026-01-01T00:15:00.000Z",
      catalogue: { ideas: 3, loaded: true },
      platforms: [
        { name: "discord", connected: true },
        { name: "slack", connected: true },
      ],
      sources: [
        { label: "lfx", checkedAt: "2026-01-01T00:00:00.000Z", recordedAt: null, ideas: 0, error: expect.stringContaining("failed: 500") },
        { label: "local", checkedAt: "2026-01-01T00:00:01.000Z", recordedAt: "2026-01-01T00:00:01.000Z", ideas: 3, error: null },
      ],
    });
    // A source's error quotes its URL: never its credentials, nor the locations themselves.
    expect(ready.text).not.toMatch(/hunter2|tok-secret|\.\/data\/ideas\.md/);

    // Loaded but empty (every source failed on a first start, or yielded nothing): not ready.
    world.ideas = 0;
    expect(await get(base, "/readyz")).toMatchObject({ status: 503, json: { ready: false, catalogue: { ideas: 0, loaded: true } } });
    world.ideas = 3;

    // A platform that drops (a gateway reconnecting) makes it not ready again.
    world.connected.discord = false;
    expect((await get(base, "/readyz")).status).toBe(503);
    world.connected.discord = true;
  });

  it("is not ready when the store cannot be read, and says which source", async () => {
    world.storeFails = true;
    try {
      const res = await get(base, "/readyz");
      expect(res.status).toBe(503);
      expect(res.json).toMatchObject({ ready: false, sources: [{ label: "lfx", error: expect.any(String) }, { label: "local", error: expect.any(String) }] });
      expect(res.text).not.toContain("database is closed");
    } finally {
      world.storeFails = false;
    }
  });

  it("answers 405 to another method, and 404 to any other path", async () => {
    const post = await fetch(`${base}/readyz`, { method: "POST", body: "x" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
    expect((await get(base, "/")).status).toBe(404);
    expect((await get(base, "/slack/events")).status).toBe(404);
    // The query does not change the route.
    expect((await get(base, "/healthz?probe=1")).status).toBe(200);
  });

  it("a port in use is refused with EADDRINUSE, told as one line naming PORT", async () => {
    const error = await startHealthServer(healthRoutes(health), { port: server.port, host: "127.0.0.1" }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: "EADDRINUSE" });
    const line = listenFailure(error, server.port, "127.0.0.1");
    expect(line).toContain(`PORT ${server.port}`);
    expect(line).toContain("already in use");
    expect(line).not.toContain("\n");
    expect(listenFailure(new Error("something else"), 3000)).toBeUndefined();
  });
});

describe("healthRoutes as a listener's first stop", () => {
  const { health } = fakeProcess();
  const routes = healthRoutes(health);
  let server: ReturnType<typeof createServer>;
  let base: string;
  const reachedNext: string[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      if (routes(req, res)) return;
      reachedNext.push(req.url ?? "");
      res.writeHead(418).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("answers its two paths and leaves every other one untouched to the next listener", async () => {
    expect((await get(base, "/healthz")).status).toBe(200);
    expect((await get(base, "/readyz")).status).toBe(503);
    expect((await get(base, "/healthzz")).status).toBe(418);
    expect((await get(base, "/slack/events", { method: "POST", body: "x" })).status).toBe(418);
    expect(reachedNext).toEqual(["/healthzz", "/slack/events"]);
  });

  it("readiness is the same report the route sends", async () => {
    expect(await readiness(health)).toMatchObject({ ready: false, catalogue: { loaded: false } });
  });
});

describe("Slack in HTTP mode serves the health routes on Bolt's own port", () => {
  const SECRET = "health-signing-secret";
  let api: Awaited<ReturnType<typeof recorder>>;
  let responses: Awaited<ReturnType<typeof recorder>>;
  let adapter: SlackAdapter;
  let base: string;
  const holder = new CatalogHolder(smallCatalog());
  let loaded = false;

  beforeAll(async () => {
    api = await recorder((path) => (path.endsWith("auth.test") ? { ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" } : { ok: true }));
    responses = await recorder();
    const extraRoutes = healthRoutes({
      version: "1.0.0",
      startedAt: new Date(),
      nextCheck: () => null,
      catalogue: () => ({ ideas: holder.current.size, loaded }),
      platforms: () => [{ name: "slack", connected: adapter.connected() }],
      sources: () => [],
      store: { sourceState: async () => undefined },
    });
    adapter = httpAdapter(api, { botToken: "xoxb-test-token", signingSecret: SECRET, catalog: holder, logger: () => {}, extraRoutes });
    expect(adapter.connected()).toBe(false);
    await adapter.start();
    base = `http://127.0.0.1:${adapter.port}`;
  });
  afterAll(async () => {
    await adapter.stop();
    await api.close();
    await responses.close();
  });

  it("answers /healthz and /readyz, connected once listening", async () => {
    expect(adapter.connected()).toBe(true);
    expect(await get(base, "/healthz")).toMatchObject({ status: 200, json: { status: "ok" } });
    expect(await get(base, "/readyz")).toMatchObject({ status: 503, json: { ready: false, catalogue: { loaded: false }, platforms: [{ name: "slack", connected: true }] } });
    loaded = true;
    expect(await get(base, "/readyz")).toMatchObject({ status: 200, json: { ready: true, catalogue: { ideas: holder.current.size, loaded: true }, sources: [] } });
  });

  it("still answers a signed slash command, and still refuses an unsigned one", async () => {
    const body = new URLSearchParams({ command: "/ideas", text: "search kubernetes", user_id: "U1", user_name: "ada", channel_id: "C1", team_id: "T1", response_url: `${responses.url}/health`, trigger_id: "1" }).toString();
    const res = await fetch(`${base}/slack/events`, { method: "POST", body, headers: sign(SECRET, body) });
    expect(res.status).toBe(200);
    const answer = await until(() => responses.requests.find((r) => r.path === "/health"));
    expect(answer.json).toMatchObject({ response_type: "ephemeral" });
    const unsigned = await fetch(`${base}/slack/events`, { method: "POST", body, headers: sign("wrong-secret", body) });
    expect(unsigned.status).toBe(401);
  });

  it("leaves other paths to Bolt (404)", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});

describe("connected()", () => {
  const stoppers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stoppers.splice(0)) await stop();
  });

  it("shell: always", () => {
    const shell = new ShellAdapter({ catalog: new CatalogHolder(), input: new PassThrough(), output: new PassThrough(), interactive: false });
    expect(shell.connected()).toBe(true);
  });

  it("discord: not before its client is ready", async () => {
    const discord = new DiscordAdapter({ token: "t", applicationId: "123456789012345678", catalog: new CatalogHolder(), logger: () => {} });
    stoppers.push(() => discord.stop());
    expect(discord.connected()).toBe(false);
  });

  it("slack in HTTP mode: while its server listens", async () => {
    const api = await recorder(() => ({ ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" }));
    stoppers.push(() => api.close());
    const slack = httpAdapter(api, { botToken: "xoxb-t", signingSecret: "s", catalog: new CatalogHolder(), logger: () => {} });
    expect(slack.connected()).toBe(false);
    await slack.start();
    expect(slack.connected()).toBe(true);
    await slack.stop();
    expect(slack.connected()).toBe(false);
  });

  it("slack in Socket Mode: while its WebSocket is open", async () => {
    const wss = new WebSocketServer({ port: 0, host: "127.0.0.1" });
    await new Promise((r) => wss.once("listening", r));
    stoppers.push(async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise((r) => wss.close(r));
    });
    wss.on("connection", (ws) => ws.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A1" }, debug_info: { host: "h", approximate_connection_time: 3600 } })));
    const wsUrl = `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
    const api = await recorder((path) => (path.endsWith("apps.connections.open") ? { ok: true, url: wsUrl } : { ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" }));
    stoppers.push(() => api.close());
    const slack = new SlackAdapter({ botToken: "xoxb-t", signingSecret: "s", appToken: "xapp-t", apiUrl: `${api.url}/api/`, autoReconnect: false, catalog: new CatalogHolder(), logger: () => {} });
    expect(slack.connected()).toBe(false);
    await slack.start();
    expect(slack.connected()).toBe(true);
    await slack.stop();
    expect(slack.connected()).toBe(false);
  });
});
