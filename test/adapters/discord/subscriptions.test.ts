import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordAdapter } from "../../../adapters/discord/discord.ts";
import { ADMIN_COMMANDS, CANNOT_POST, MANAGE_REFUSED, RESUME_PAUSED } from "../../../adapters/discord/render.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { smallCatalog } from "../../helpers.ts";
import { APPLICATION_ID, autocomplete, CHANNEL_ID, FakeDiscord, GUILD_ID, slashCommand, STRANGER, withPermissions, type RecordedRequest } from "./fake-discord.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** `/ideas-admin <sub>`: where the subscription commands live on Discord. */
const admin = (sub: string, options: Record<string, string> = {}, user?: Parameters<typeof slashCommand>[2]) => slashCommand(sub, options, user, "ideas-admin");

/** A member who may read and write in the channel, but not manage it. */
const MEMBER = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.UseApplicationCommands;
const MODERATOR = MEMBER | PermissionFlagsBits.ManageChannels;

describe("Discord subscription commands (real discord.js, fake Discord, real store)", () => {
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;
  let store: SqliteStore;
  let dir: string;
  const catalog = smallCatalog();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ideas-discord-subs-"));
    store = new SqliteStore(dir);
    fake = await FakeDiscord.start();
    adapter = new DiscordAdapter({ token: "t", applicationId: APPLICATION_ID, apiUrl: fake.apiUrl, catalog: new CatalogHolder(catalog), store, logger: () => {} });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter.stop();
    await fake.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function answer(interaction: { id: string; token: string }): Promise<Json> {
    const callback: RecordedRequest = await fake.waitForRequest((r) => r.method === "POST" && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
    return callback.body;
  }
  const shown = (body: Json) => JSON.stringify(body.data);

  it("refuses a member without Manage Channels, privately, and stores nothing", async () => {
    const body = await answer(fake.push(withPermissions(admin("subscribe", { skills: "go" }, STRANGER), MEMBER)));
    expect(body.type).toBe(4);
    expect(body.data.flags & 64).toBe(64);
    expect(shown(body)).toContain(MANAGE_REFUSED.slice(0, 40));
    // In Discord's terms: its permission, not Slack's workspace roles.
    expect(shown(body)).toContain("Manage Channels");
    expect(shown(body)).not.toMatch(/workspace|ANNOUNCE_ADMINS/);
    expect(await store.subscriptions()).toEqual([]);
  });

  it("subscribes the channel for a member with Manage Channels, keyed by guild and channel, with skills read as recommend reads them", async () => {
    const body = await answer(fake.push(withPermissions(admin("subscribe", { skills: "golang, k8s", project: "orbit" }), MODERATOR)));
    expect(shown(body)).toContain("Subscribed");
    const [sub] = await store.subscriptions();
    expect(sub).toMatchObject({ platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID, skills: ["Go", "Kubernetes"], project: "orbit" });
  });

  it("says at once when the bot itself may not post in the channel (its app_permissions), and still subscribes", async () => {
    const bare = { ...withPermissions(admin("subscribe", { skills: "golang, k8s", project: "orbit" }), MODERATOR), app_permissions: PermissionFlagsBits.ViewChannel.toString() };
    const body = await answer(fake.push(bare));
    expect(shown(body)).toContain(CANNOT_POST.slice(0, 40));
    expect(shown(body)).toContain("View Channel, Send Messages and Embed Links");
    expect(await store.subscriptions()).toHaveLength(1);
    // With the permissions it needs, no such note.
    const fine = await answer(fake.push(withPermissions(admin("subscribe", { skills: "golang, k8s", project: "orbit" }), MODERATOR)));
    expect(shown(fine)).not.toContain(CANNOT_POST.slice(0, 40));
  });

  it("lists the channel's subscription for anyone, and only a manager may unsubscribe", async () => {
    const listed = await answer(fake.push(withPermissions(admin("subscriptions", {}, STRANGER), MEMBER)));
    expect(shown(listed)).toMatch(/This channel gets new ideas asking for Go or Kubernetes, in project orbit · nothing posted yet\./);
    const refused = await answer(fake.push(withPermissions(admin("unsubscribe", {}, STRANGER), MEMBER)));
    expect(shown(refused)).toContain(MANAGE_REFUSED.slice(0, 40));
    expect(await store.subscriptions()).toHaveLength(1);
    await answer(fake.push(withPermissions(admin("unsubscribe"), MODERATOR)));
    expect(await store.subscriptions()).toEqual([]);
  });

  it("still answers the old /ideas subscribe for a release, doing the work and pointing to /ideas-admin", async () => {
    const body = await answer(fake.push(withPermissions(slashCommand("subscribe", { skills: "go" }), MODERATOR)));
    expect(shown(body)).toContain("Subscribed");
    expect(shown(body)).toContain("has moved to `/ideas-admin subscribe`");
    expect(shown(body)).toContain("Server Settings > Integrations");
    expect(await store.subscriptions()).toHaveLength(1);
    // Its refusal points there too, and stores nothing.
    const refused = await answer(fake.push(withPermissions(slashCommand("unsubscribe", {}, STRANGER), MEMBER)));
    expect(shown(refused)).toContain(MANAGE_REFUSED.slice(0, 40));
    expect(shown(refused)).toContain("has moved to `/ideas-admin unsubscribe`");
    expect(await store.subscriptions()).toHaveLength(1);
    await answer(fake.push(withPermissions(admin("unsubscribe"), MODERATOR)));
    expect(await store.subscriptions()).toEqual([]);
  });

  it("knows only the admin commands under /ideas-admin: a member's command there (a stale registration) says where it is", async () => {
    const body = await answer(fake.push(withPermissions(admin("search", { query: "go" }), MODERATOR)));
    expect(shown(body)).toContain("use `/ideas search`");
    expect(await store.subscriptions()).toEqual([]);
  });

  it("lists the server's other channels as channel mentions (names, no ping), with their last post and, when paused, why and how to resume", async () => {
    const other = "222222222222222222";
    const { subscription } = await store.subscribe({ platform: "discord", workspaceId: GUILD_ID, channelId: other, skills: ["Rust"], project: null, createdBy: "U", now: new Date() });
    await store.pauseSubscription(subscription.id, "forbidden: the bot may not post there (Missing Access)");
    // Another server's channel is not shown here.
    await store.subscribe({ platform: "discord", workspaceId: "999999999999999999", channelId: "333333333333333333", skills: [], project: null, createdBy: "U", now: new Date() });
    const body = await answer(fake.push(withPermissions(admin("subscriptions", {}, STRANGER), MEMBER)));
    const description: string = body.data.embeds[0].description;
    expect(description).toContain(`• <#${other}>: new ideas asking for Rust · nothing posted yet · paused: forbidden: the bot may not post there (Missing Access)`);
    expect(description).toContain(RESUME_PAUSED);
    expect(description).not.toContain("333333333333333333");
    expect(body.data.allowed_mentions).toEqual({ parse: [] });
    await store.unsubscribe({ platform: "discord", workspaceId: GUILD_ID, channelId: other });
    await store.unsubscribe({ platform: "discord", workspaceId: "999999999999999999", channelId: "333333333333333333" });
  });

  it("says in help where the admin commands are and who may use them, in Discord's terms", async () => {
    const body = await answer(fake.push(slashCommand("help")));
    expect(shown(body)).toContain(ADMIN_COMMANDS);
    expect(shown(body)).not.toMatch(/ANNOUNCE_ADMINS|workspace/);
  });

  it("autocompletes the subscribe skills and project options", async () => {
    const skills = await answer(fake.push(autocomplete("subscribe", { skills: "rust, reac" }, "skills", undefined, "ideas-admin")));
    expect(skills.type).toBe(8);
    expect(skills.data.choices[0]).toEqual({ name: "rust, React", value: "rust, React" });
    const projects = await answer(fake.push(autocomplete("subscribe", { project: "nebul" }, "project", undefined, "ideas-admin")));
    expect(projects.data.choices[0]).toEqual({ name: "Nebula", value: "Nebula" });
    const all = await answer(fake.push(autocomplete("subscribe", { project: "" }, "project", undefined, "ideas-admin")));
    expect(all.data.choices.map((c: Json) => c.value)).toEqual(catalog.projects().map((p) => p.name).slice(0, 25));
  });
});
