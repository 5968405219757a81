import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DiscordAdapter } from "../../../adapters/discord/discord.ts";
import { CANNOT_POST, MANAGE_REFUSED } from "../../../adapters/discord/render.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { smallCatalog } from "../../helpers.ts";
import { APPLICATION_ID, autocomplete, CHANNEL_ID, FakeDiscord, GUILD_ID, slashCommand, STRANGER, withPermissions, type RecordedRequest } from "./fake-discord.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

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
    const body = await answer(fake.push(withPermissions(slashCommand("subscribe", { skills: "go" }, STRANGER), MEMBER)));
    expect(body.type).toBe(4);
    expect(body.data.flags & 64).toBe(64);
    expect(shown(body)).toContain(MANAGE_REFUSED.slice(0, 40));
    // In Discord's terms: its permission, not Slack's workspace roles.
    expect(shown(body)).toContain("Manage Channels");
    expect(shown(body)).not.toMatch(/workspace|ANNOUNCE_ADMINS/);
    expect(await store.subscriptions()).toEqual([]);
  });

  it("subscribes the channel for a member with Manage Channels, keyed by guild and channel, with skills read as recommend reads them", async () => {
    const body = await answer(fake.push(withPermissions(slashCommand("subscribe", { skills: "golang, k8s", project: "orbit" }), MODERATOR)));
    expect(shown(body)).toContain("Subscribed");
    const [sub] = await store.subscriptions();
    expect(sub).toMatchObject({ platform: "discord", workspaceId: GUILD_ID, channelId: CHANNEL_ID, skills: ["Go", "Kubernetes"], project: "orbit" });
  });

  it("says at once when the bot itself may not post in the channel (its app_permissions), and still subscribes", async () => {
    const bare = { ...withPermissions(slashCommand("subscribe", { skills: "golang, k8s", project: "orbit" }), MODERATOR), app_permissions: PermissionFlagsBits.ViewChannel.toString() };
    const body = await answer(fake.push(bare));
    expect(shown(body)).toContain(CANNOT_POST.slice(0, 40));
    expect(shown(body)).toContain("View Channel, Send Messages and Embed Links");
    expect(await store.subscriptions()).toHaveLength(1);
    // With the permissions it needs, no such note.
    const fine = await answer(fake.push(withPermissions(slashCommand("subscribe", { skills: "golang, k8s", project: "orbit" }), MODERATOR)));
    expect(shown(fine)).not.toContain(CANNOT_POST.slice(0, 40));
  });

  it("lists the channel's subscription for anyone, and only a manager may unsubscribe", async () => {
    const listed = await answer(fake.push(withPermissions(slashCommand("subscriptions", {}, STRANGER), MEMBER)));
    expect(shown(listed)).toMatch(/This channel: new ideas asking for Go or Kubernetes, in project orbit/);
    const refused = await answer(fake.push(withPermissions(slashCommand("unsubscribe", {}, STRANGER), MEMBER)));
    expect(shown(refused)).toContain(MANAGE_REFUSED.slice(0, 40));
    expect(await store.subscriptions()).toHaveLength(1);
    await answer(fake.push(withPermissions(slashCommand("unsubscribe"), MODERATOR)));
    expect(await store.subscriptions()).toEqual([]);
  });

  it("autocompletes the subscribe skills and project options", async () => {
    const skills = await answer(fake.push(autocomplete("subscribe", { skills: "rust, reac" }, "skills")));
    expect(skills.type).toBe(8);
    expect(skills.data.choices[0]).toEqual({ name: "rust, React", value: "rust, React" });
    const projects = await answer(fake.push(autocomplete("subscribe", { project: "nebul" }, "project")));
    expect(projects.data.choices[0]).toEqual({ name: "Nebula", value: "Nebula" });
    const all = await answer(fake.push(autocomplete("subscribe", { project: "" }, "project")));
    expect(all.data.choices.map((c: Json) => c.value)).toEqual(catalog.projects().map((p) => p.name).slice(0, 25));
  });
});
