/**
 * "Add to Slack" for many workspaces: a real Bolt app in HTTP mode on loopback, with Bolt's OAuth
 * flow (/slack/install, /slack/oauth_redirect) and the bot's own store as its installation store,
 * against a fake Web API whose oauth.v2.access hands out one bot token per workspace. Two
 * workspaces install; each one's commands are answered with its own token; announcements go out
 * with the subscription's workspace's token; uninstalling one removes it and nothing of the other.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { StoreInstallations } from "../../../adapters/slack/installations.ts";
import { workspaceSink } from "../../../adapters/slack/announce.ts";
import { SlackAdapter } from "../../../adapters/slack/slack.ts";
import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { ChannelUnavailableError } from "../../../src/announce/sink.ts";
import { sealer } from "../../../src/store/sealed.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import type { OutboxEntry } from "../../../src/store/store.ts";
import { freshStore, tempDir } from "../../announce/helpers.ts";
import { smallCatalog } from "../../helpers.ts";
import { httpAdapter, recorder, sign, until, type Recorded } from "./loopback.ts";

const SIGNING = "test-signing-secret";
const OAUTH = { clientId: "1111.2222", clientSecret: "client-secret-value", stateSecret: "state-secret-0123456789", encryptionKey: "an-encryption-key-of-32-characters!!" };
const TEAMS = { T1: { name: "One", token: "xoxb-T1-bot-token", bot: "UB1" }, T2: { name: "Two", token: "xoxb-T2-bot-token", bot: "UB2" } } as const;
type Team = keyof typeof TEAMS;

/** What the fake Web API answers: oauth.v2.access trades `code-<team>` for that team's installation. */
function webApi(path: string, body: string): unknown {
  if (path.endsWith("/oauth.v2.access")) {
    const code = new URLSearchParams(body).get("code") ?? "";
    const team = code.replace(/^code-/, "") as Team;
    if (!(team in TEAMS)) return { ok: false, error: "invalid_code" };
    const { name, token, bot } = TEAMS[team];
    return { ok: true, app_id: "A1", authed_user: { id: `U-${team}` }, scope: "commands,chat:write", token_type: "bot", access_token: token, bot_user_id: bot, team: { id: team, name }, enterprise: null, is_enterprise_install: false };
  }
  if (path.endsWith("/users.info")) return { ok: true, user: { id: "U", is_admin: true } };
  if (path.endsWith("/chat.postMessage")) return { ok: true, ts: "1700000000.000100" };
  return { ok: true };
}

/** An outbox entry for `subscription`, as Delivery hands it to a sink. */
function entryFor(subscription: OutboxEntry["subscription"]): OutboxEntry {
  return { id: subscription.id, key: `k-${subscription.id}`, subscription, ideaIds: [], payload: { kind: "idea", ideas: [] }, attempts: 1, createdAt: Date.now() };
}

const tokenOf = (request: Recorded) => (request.headers.authorization ?? "").replace(/^Bearer /, "");

describe("Slack for many workspaces: Add to Slack (real Bolt OAuth on loopback)", () => {
  let api: Awaited<ReturnType<typeof recorder>>;
  let responses: Awaited<ReturnType<typeof recorder>>;
  let store: SqliteStore;
  let adapter: SlackAdapter;
  let base = "";
  const logged: string[] = [];
  const dataDir = tempDir();

  beforeAll(async () => {
    api = await recorder(webApi);
    responses = await recorder();
    store = freshStore(dataDir);
    adapter = httpAdapter(api, { oauth: OAUTH, signingSecret: SIGNING, catalog: new CatalogHolder(smallCatalog()), store, logger: (m) => logged.push(m) });
    await adapter.start();
    base = `http://127.0.0.1:${adapter.port}`;
  });
  afterAll(async () => {
    await adapter.stop();
    await api.close();
    await responses.close();
    await store.close();
  });

  /** The browser's side: /slack/install, Slack's consent (skipped: it would redirect with a code), then the redirect back. */
  async function install(team: string, tamper?: (state: string) => string): Promise<Response> {
    const start = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const consent = new URL(start.headers.get("location")!);
    const cookie = start.headers.get("set-cookie")!.split(";")[0]!;
    const state = consent.searchParams.get("state")!;
    return fetch(`${base}/slack/oauth_redirect?code=code-${team}&state=${encodeURIComponent(tamper ? tamper(state) : state)}`, { headers: { cookie }, redirect: "manual" });
  }

  let n = 0;
  async function slash(team: Team, text: string): Promise<Recorded> {
    const path = `/respond/${++n}`;
    const body = new URLSearchParams({ command: "/ideas", text, user_id: `U-${team}`, user_name: "ada", channel_id: `C-${team}`, team_id: team, response_url: `${responses.url}${path}`, trigger_id: "1" }).toString();
    const res = await fetch(`${base}/slack/events`, { method: "POST", body, headers: sign(SIGNING, body) });
    expect(res.status).toBe(200);
    return until(() => responses.requests.find((r) => r.path === path));
  }

  async function event(team: Team, payload: Record<string, unknown>): Promise<number> {
    const body = JSON.stringify({ type: "event_callback", token: "x", team_id: team, api_app_id: "A1", event: { event_ts: "1", ...payload }, event_id: `Ev${++n}`, event_time: 1 });
    const res = await fetch(`${base}/slack/events`, { method: "POST", body, headers: { ...sign(SIGNING, body), "content-type": "application/json" } });
    return res.status;
  }

  it("/slack/install sends the person straight to Slack's consent page with the client id, the manifest's scopes and a signed state", async () => {
    const start = await fetch(`${base}/slack/install`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const consent = new URL(start.headers.get("location")!);
    expect(consent.origin + consent.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(consent.searchParams.get("client_id")).toBe(OAUTH.clientId);
    expect(consent.searchParams.get("scope")!.split(",")).toEqual(expect.arrayContaining(["commands", "chat:write", "users:read", "im:write"]));
    expect(consent.searchParams.get("state")).toBeTruthy();
    expect(start.headers.get("set-cookie")).toMatch(/HttpOnly/i);
  });

  it("a redirect with a forged state installs nothing, and never calls oauth.v2.access", async () => {
    const before = api.requests.length;
    const res = await install("T1", (state) => `${state.slice(0, -4)}AAAA`);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(api.requests.slice(before).some((r) => r.path.endsWith("oauth.v2.access"))).toBe(false);
    expect(await store.loadInstallation("slack", "T1")).toBeUndefined();
  });

  it("two workspaces install: each one's code is traded for its token with the app's credentials, and kept sealed", async () => {
    for (const team of ["T1", "T2"] as const) {
      const res = await install(team);
      expect(res.status).toBe(200);
      const exchange = api.requests.filter((r) => r.path.endsWith("oauth.v2.access")).at(-1)!;
      const form = new URLSearchParams(exchange.body);
      expect(form.get("code")).toBe(`code-${team}`);
      // The app's credentials go as the form's fields or HTTP Basic auth, whichever WebClient uses.
      const basic = Buffer.from((exchange.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
      expect(form.get("client_secret") ?? basic).toContain(OAUTH.clientSecret);
      const record = await store.loadInstallation("slack", team);
      // A dump of the database shows no token: the record is sealed with ENCRYPTION_KEY.
      expect(record).toMatch(/^sealed:v1:/);
      expect(record).not.toContain("xoxb");
      expect(await new StoreInstallations(store, sealer(OAUTH.encryptionKey)).botToken(team)).toBe(TEAMS[team].token);
    }
    expect(logged).toContain("installed in One (T1), its token sealed");
    expect(logged.join("\n")).not.toContain("xoxb");
  });

  it("answers each workspace's commands with that workspace's own token", async () => {
    for (const team of ["T1", "T2"] as const) {
      const before = api.requests.length;
      const answer = await slash(team, "subscribe go");
      expect(JSON.stringify(answer.json)).toContain("Subscribed");
      // users.info (is the asker an admin?) was asked with the team's token.
      const asked = api.requests.slice(before).filter((r) => r.path.endsWith("users.info"));
      expect(asked.map(tokenOf)).toEqual([TEAMS[team].token]);
    }
    const subscribed = await store.subscriptions({ platform: "slack" });
    expect(subscribed.map((s) => `${s.workspaceId}/${s.channelId}`).sort()).toEqual(["T1/C-T1", "T2/C-T2"]);
  });

  it("announcements go out with the token of the subscription's workspace", async () => {
    const installations = new StoreInstallations(store, sealer(OAUTH.encryptionKey));
    const sink = workspaceSink((team) => installations.botToken(team), { apiUrl: `${api.url}/api/` });
    for (const subscription of await store.subscriptions({ platform: "slack" })) {
      const before = api.requests.length;
      await sink.post(entryFor(subscription));
      const post = api.requests.slice(before).find((r) => r.path.endsWith("chat.postMessage"))!;
      expect(tokenOf(post)).toBe(TEAMS[subscription.workspaceId as Team].token);
    }
  });

  it("app_uninstalled removes that workspace's installation and subscriptions; the other's are untouched", async () => {
    await slash("T1", "notify rust");
    expect(await event("T1", { type: "app_uninstalled" })).toBe(200);
    await until(() => (logged.some((m) => m.startsWith("the app was uninstalled in T1")) ? true : undefined));
    expect(await store.loadInstallation("slack", "T1")).toBeUndefined();
    expect(await store.subscriptions({ workspaceId: "T1" })).toEqual([]);
    expect((await store.subscriptions({ workspaceId: "T2" })).map((s) => s.channelId)).toEqual(["C-T2"]);
    expect(await store.loadInstallation("slack", "T2")).toBeDefined();
    // An announcement left for the workspace that left is "gone": it pauses, nothing is posted.
    const sink = workspaceSink(async () => undefined);
    const [left] = await store.subscriptions({ workspaceId: "T2" });
    await expect(sink.post(entryFor({ ...left!, workspaceId: "T1" }))).rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it("tokens_revoked for the bot removes the workspace; a revoked user token alone changes nothing", async () => {
    expect(await event("T2", { type: "tokens_revoked", tokens: { oauth: ["U-T2"] } })).toBe(200);
    expect(await event("T2", { type: "tokens_revoked", tokens: { bot: [TEAMS.T2.bot] } })).toBe(200);
    await until(() => (logged.some((m) => m.startsWith("its bot token was revoked in T2")) ? true : undefined));
    expect(logged.filter((m) => m.includes("in T2:"))).toHaveLength(1);
    expect(await store.loadInstallation("slack", "T2")).toBeUndefined();
    expect(await store.subscriptions({ platform: "slack" })).toEqual([]);
  });

  it("installing again after an uninstall works, with the new token", async () => {
    expect((await install("T1")).status).toBe(200);
    const answer = await slash("T1", "search docs");
    expect(answer.json).toMatchObject({ response_type: "ephemeral" });
    expect(await new StoreInstallations(store, sealer(OAUTH.encryptionKey)).botToken("T1")).toBe(TEAMS.T1.token);
  });

  it("a workspace installed through one process is answered by another on the same store (replicas), with its token", async () => {
    const other = new SqliteStore(dataDir);
    const replica = httpAdapter(api, { oauth: OAUTH, signingSecret: SIGNING, catalog: new CatalogHolder(smallCatalog()), store: other, logger: () => {} });
    await replica.start();
    try {
      const path = `/respond/replica-${++n}`;
      const body = new URLSearchParams({ command: "/ideas", text: "status", user_id: "U-T1", user_name: "ada", channel_id: "C-T1", team_id: "T1", response_url: `${responses.url}${path}`, trigger_id: "1" }).toString();
      const before = api.requests.length;
      const res = await fetch(`http://127.0.0.1:${replica.port}/slack/events`, { method: "POST", body, headers: sign(SIGNING, body) });
      expect(res.status).toBe(200);
      await until(() => responses.requests.find((r) => r.path === path));
      expect(api.requests.slice(before).filter((r) => r.path.endsWith("users.info")).map(tokenOf)).toEqual([TEAMS.T1.token]);
    } finally {
      await replica.stop();
      await other.close();
    }
  });
});
