import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SlackAdapter } from "../../../adapters/slack/slack.ts";
import { CANNOT_POST, MANAGE_REFUSED, renderReply } from "../../../adapters/slack/render.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { smallCatalog } from "../../helpers.ts";
import { httpAdapter, recorder, sign, until } from "./loopback.ts";

const SECRET = "subs-signing-secret";

/** users.info as Slack answers it: an admin, an owner, a member; anyone else is unknown. */
const USERS: Record<string, Record<string, unknown>> = {
  UADMIN: { id: "UADMIN", is_admin: true, is_owner: false },
  UOWNER: { id: "UOWNER", is_admin: false, is_owner: true },
  UMEMBER: { id: "UMEMBER", is_admin: false, is_owner: false },
  ULISTED: { id: "ULISTED", is_admin: false, is_owner: false },
};

describe("Slack subscription commands (real Bolt on loopback, real store)", () => {
  let api: Awaited<ReturnType<typeof recorder>>;
  let responses: Awaited<ReturnType<typeof recorder>>;
  let adapter: SlackAdapter;
  let store: SqliteStore;
  let dir: string;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ideas-slack-subs-"));
    store = new SqliteStore(dir);
    api = await recorder((path, body) => {
      if (path.endsWith("auth.test")) return { ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" };
      if (path.endsWith("users.info")) {
        const user = USERS[new URLSearchParams(body).get("user") ?? ""];
        return user ? { ok: true, user } : { ok: false, error: "user_not_found" };
      }
      return { ok: true };
    });
    responses = await recorder();
    adapter = httpAdapter(api, {
      botToken: "xoxb-subs",
      signingSecret: SECRET,
      catalog: new CatalogHolder(smallCatalog()),
      store,
      admins: ["ULISTED"],
      logger: (message) => logs.push(message),
    });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter.stop();
    await api.close();
    await responses.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  async function slash(text: string, user: string, channel = "C1"): Promise<string> {
    const path = `/respond/${++n}`;
    const body = new URLSearchParams({ command: "/ideas", text, user_id: user, user_name: user, channel_id: channel, team_id: "T1", response_url: `${responses.url}${path}`, trigger_id: "1" }).toString();
    const res = await fetch(`http://127.0.0.1:${adapter.port}/slack/events`, { method: "POST", body, headers: sign(SECRET, body) });
    expect(res.status).toBe(200);
    return (await until(() => responses.requests.find((r) => r.path === path))).body;
  }
  const infoCalls = () => api.requests.filter((r) => r.path.endsWith("users.info")).length;

  it("refuses a member who is neither admin, owner nor in ANNOUNCE_ADMINS, and stores nothing", async () => {
    expect(await slash("subscribe go", "UMEMBER")).toContain(MANAGE_REFUSED.slice(0, 40));
    expect(await slash("unsubscribe", "UMEMBER")).toContain(MANAGE_REFUSED.slice(0, 40));
    expect(await store.subscriptions()).toEqual([]);
  });

  it("words the refusal in Slack's terms: workspace roles and ANNOUNCE_ADMINS, never Discord's Manage Channels", async () => {
    const said = await slash("subscribe go", "UMEMBER");
    expect(said).toMatch(/workspace admins and owners/);
    expect(said).toContain("ANNOUNCE_ADMINS");
    expect(said).not.toContain("Manage Channels");
    // Whom to ask: the people ANNOUNCE_ADMINS lists, as mentions (this answer is ephemeral: seen by the asker only).
    expect(said).toContain("Besides workspace admins and owners, you can ask: <@ULISTED>");
    expect(said).toContain('"response_type":"ephemeral"');
  });

  it("lists the workspace's other channels as channel mentions, with the time of their last post and, when paused, why and how to resume", async () => {
    await slash("subscribe go", "UADMIN", "C2");
    const [sub] = await store.subscriptions({ channelId: "C2" });
    await store.pauseSubscription(sub!.id, "gone: channel_not_found");
    const said = await slash("subscriptions", "UMEMBER", "C1");
    expect(said).toContain("<#C2>: new ideas asking for Go · nothing posted yet · paused: gone: channel_not_found");
    expect(said).toContain("runs `/ideas subscribe` there");
    expect(said).not.toMatch(/Manage Channels|ideas-admin/);
    await slash("unsubscribe", "UADMIN", "C2");
  });

  it("says in help who may use the admin commands, in Slack's terms", async () => {
    const said = await slash("help", "UMEMBER");
    expect(said).toContain("subscribe, unsubscribe and status are for workspace admins and owners");
    expect(said).not.toMatch(/Manage Channels|ideas-admin/);
  });

  it("words the can't-post hint in Slack's terms: invite the bot, no Discord permission names", () => {
    const { blocks } = renderReply({ kind: "message", tone: "info", text: "Subscribed.", hints: ["botCannotPost"] });
    const shown = JSON.stringify(blocks);
    expect(shown).toContain(CANNOT_POST.slice(0, 40));
    expect(shown).toContain("/invite");
    expect(shown).not.toMatch(/View Channel|Embed Links/);
  });

  it("subscribes for a workspace admin, keyed by team and channel, with the filters typed on the line", async () => {
    expect(await slash('subscribe golang, k8s project:"orbit"', "UADMIN")).toContain("Subscribed");
    const [sub] = await store.subscriptions();
    expect(sub).toMatchObject({ platform: "slack", workspaceId: "T1", channelId: "C1", skills: ["Go", "Kubernetes"], project: "orbit", createdBy: "UADMIN" });
  });

  it("lets an owner change it and a user listed in ANNOUNCE_ADMINS unsubscribe (without asking Slack)", async () => {
    expect(await slash("subscribe rust", "UOWNER")).toContain("Updated");
    expect((await store.subscriptions())[0]!.skills).toEqual(["Rust"]);
    const before = infoCalls();
    expect(await slash("unsubscribe", "ULISTED")).not.toContain(MANAGE_REFUSED.slice(0, 40));
    expect(infoCalls()).toBe(before);
    expect(await store.subscriptions()).toEqual([]);
  });

  it("asks Slack about the user only for commands that change subscriptions; anyone may list", async () => {
    const before = infoCalls();
    await slash("search docs", "UMEMBER");
    expect(await slash("subscriptions", "UMEMBER")).toContain("This channel has no subscription");
    expect(infoCalls()).toBe(before);
  });

  it("treats a failed users.info (missing users:read scope, unknown user) as no right, with a log line", async () => {
    expect(await slash("subscribe", "UGHOST")).toContain(MANAGE_REFUSED.slice(0, 40));
    expect(logs.some((l) => l.includes("users.info failed (user_not_found)") && l.includes("users:read"))).toBe(true);
    expect(logs.join("\n")).not.toContain("xoxb-subs");
  });
});
