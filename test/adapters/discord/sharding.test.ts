import { afterEach, describe, expect, it, vi } from "vitest";
import { DiscordAdapter, shardOptions, type DiscordAdapterOptions } from "../../../adapters/discord/discord.ts";
import { discord, discordSettings } from "../../../adapters/discord/platform.ts";
import type { PlatformDeps } from "../../../adapters/platform.ts";
import { Delivery } from "../../../src/announce/deliver.ts";
import { CatalogHolder } from "../../../src/catalog/holder.ts";
import type { ChannelRef } from "../../../src/store/store.ts";
import { smallCatalog } from "../../helpers.ts";
import { queued } from "../../announce/delivery-helpers.ts";
import { APPLICATION_ID, FakeDiscord, guildOnShard, inGuild, shardOf, slashCommand, type FakeDiscordOptions, type RecordedRequest } from "./fake-discord.ts";

/**
 * Sharding: SHARD_COUNT, a real discord.js client running every shard in one process against the
 * fake gateway (which routes a guild's interactions to the shard that holds it only), and
 * announcements, which go by REST and need no shard at all.
 */

const TOKEN = "shard-test-token";
const BASE_ENV = { DISCORD_TOKEN: TOKEN, DISCORD_APPLICATION_ID: APPLICATION_ID };

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fakeDiscord(options: FakeDiscordOptions): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start(options);
  cleanups.push(() => fake.close());
  return fake;
}

/** A started adapter against `fake`; its identify bucket per shard (maxConcurrency) keeps start quick. */
async function startedAdapter(fake: FakeDiscord, options: Partial<DiscordAdapterOptions> = {}): Promise<{ adapter: DiscordAdapter; logs: string[] }> {
  const logs: string[] = [];
  const adapter = new DiscordAdapter({
    token: TOKEN,
    applicationId: APPLICATION_ID,
    apiUrl: fake.apiUrl,
    catalog: new CatalogHolder(smallCatalog()),
    logger: (message) => logs.push(message),
    ...options,
  });
  cleanups.push(() => adapter.stop());
  await adapter.start();
  return { adapter, logs };
}

const callbackOf = (fake: FakeDiscord, interaction: { id: string; token: string }): Promise<RecordedRequest> =>
  fake.waitForRequest((r) => r.method === "POST" && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);

describe("SHARD_COUNT", () => {
  it.each([
    [undefined, "auto"],
    ["", "auto"],
    ["auto", "auto"],
    ["1", 1],
    ["2", 2],
    [" 16 ", 16],
  ])("%j is %j", (value, expected) => {
    const { settings, issues } = discordSettings({ ...BASE_ENV, ...(value === undefined ? {} : { SHARD_COUNT: value }) });
    expect(issues).toEqual([]);
    expect(settings?.shardCount).toBe(expected);
  });

  it.each(["0", "-1", "two", "1.5", "AUTO", "1e3"])("refuses %j with an issue naming SHARD_COUNT", (value) => {
    const { settings, issues } = discordSettings({ ...BASE_ENV, SHARD_COUNT: value });
    expect(settings).toBeNull();
    expect(issues).toEqual(["SHARD_COUNT: must be auto or a whole number of shards, 1 or more"]);
  });

  it.each([
    ["0,1", [0, 1]],
    ["2-4, 0", [0, 2, 3, 4]],
    ["3", [3]],
  ])("SHARD_IDS %j with SHARD_COUNT=6 runs shards %j here", (value, ids) => {
    const { settings, issues } = discordSettings({ ...BASE_ENV, SHARD_COUNT: "6", SHARD_IDS: value });
    expect(issues).toEqual([]);
    expect(settings?.shardIds).toEqual(ids);
    expect(shardOptions(6, ids)).toEqual({ shards: ids, shardCount: 6 });
  });

  it.each([
    [{ SHARD_IDS: "0,1" }, /SHARD_IDS: needs SHARD_COUNT/],
    [{ SHARD_COUNT: "2", SHARD_IDS: "2" }, /SHARD_IDS: every id must be below SHARD_COUNT \(2\)/],
    [{ SHARD_COUNT: "4", SHARD_IDS: "3-1" }, /SHARD_IDS: must list shard ids/],
    [{ SHARD_COUNT: "4", SHARD_IDS: "one" }, /SHARD_IDS: must list shard ids/],
  ])("refuses %j with an issue naming SHARD_IDS", (env, issue) => {
    const { settings, issues } = discordSettings({ ...BASE_ENV, ...env });
    expect(settings).toBeNull();
    expect(issues).toEqual([expect.stringMatching(issue)]);
  });

  it("maps to discord.js's Client options: auto asks GET /gateway/bot; N runs shards 0..N-1 of N here", () => {
    expect(shardOptions("auto").shards).toBe("auto");
    expect(shardOptions(1)).toEqual({ shards: [0], shardCount: 1 });
    expect(shardOptions(3)).toEqual({ shards: [0, 1, 2], shardCount: 3 });
  });

  it("reaches the adapter through the platform's configuration", async () => {
    const fake = await fakeDiscord({ maxConcurrency: 16 });
    const { platform } = discord.configure({ ...BASE_ENV, DISCORD_API_URL: fake.apiUrl, SHARD_COUNT: "3" });
    // Only built, never started: it needs no store, status or port.
    const deps = { holder: new CatalogHolder(), log: () => {} } as Partial<PlatformDeps> as PlatformDeps;
    const adapter = (await platform!.adapter(deps)) as DiscordAdapter;
    expect(adapter.client.options.shards).toEqual([0, 1, 2]);
    expect(adapter.client.options.shardCount).toBe(3);
    await adapter.client.destroy();
  });
});

describe("a sharded client against the fake gateway", () => {
  it("SHARD_COUNT=auto with 2 shards recommended: identifies as [0,2] and [1,2], and reports connected", async () => {
    const fake = await fakeDiscord({ recommendedShards: 2, maxConcurrency: 16 });
    const { adapter, logs } = await startedAdapter(fake, { shardCount: "auto" });
    expect(fake.identifiedShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(adapter.client.options.shardCount).toBe(2);
    expect(adapter.client.ws.shards.size).toBe(2);
    expect(adapter.connected()).toBe(true);
    expect(logs[0]).toContain(" on 2 shards;");
  });

  it("with SHARD_COUNT=auto in process.env too, where discord.js's Client also reads it: starts, with the recommended count", async () => {
    // Left at its default of 1, discord.js would take shardCount from SHARD_COUNT ("auto": NaN) and throw.
    vi.stubEnv("SHARD_COUNT", "auto");
    const fake = await fakeDiscord({ recommendedShards: 1 });
    const { adapter } = await startedAdapter(fake, { shardCount: "auto" });
    expect(fake.identifiedShards).toEqual([[0, 1]]);
    expect(adapter.client.options.shardCount).toBe(1);
    expect(adapter.connected()).toBe(true);
  });

  it("two replicas split the gateway (SHARD_IDS 0 and 1 of 2): each identifies its own shard and answers only its guilds' commands", async () => {
    const fake = await fakeDiscord({ recommendedShards: 2, maxConcurrency: 16 });
    const first = await startedAdapter(fake, { shardCount: 2, shardIds: [0] });
    const second = await startedAdapter(fake, { shardCount: 2, shardIds: [1] });
    expect(fake.identifiedShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect([first.adapter.client.ws.shards.size, second.adapter.client.ws.shards.size]).toEqual([1, 1]);
    const onShard1 = guildOnShard(1, 2);
    const interaction = fake.push(inGuild(slashCommand("help"), onShard1));
    expect((await callbackOf(fake, interaction)).body.type).toBe(4);
    expect(fake.dispatched.filter((d) => d.t === "INTERACTION_CREATE")).toEqual([{ t: "INTERACTION_CREATE", guildId: onShard1, shards: [[1, 2]] }]);
  });

  it("SHARD_COUNT=2 runs both shards whatever Discord recommends", async () => {
    const fake = await fakeDiscord({ recommendedShards: 1, maxConcurrency: 16 });
    const { adapter } = await startedAdapter(fake, { shardCount: 2 });
    expect(fake.identifiedShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(adapter.connected()).toBe(true);
  });

  it("answers a slash command from a guild on shard 1 and one from a guild on shard 0, each delivered only on its own shard", async () => {
    const fake = await fakeDiscord({ recommendedShards: 2, maxConcurrency: 16 });
    await startedAdapter(fake, { shardCount: 2 });
    const onShard1 = guildOnShard(1, 2);
    const onShard0 = guildOnShard(0, 2);
    expect([shardOf(onShard1, 2), shardOf(onShard0, 2)]).toEqual([1, 0]);

    const fromShard1 = fake.push(inGuild(slashCommand("help"), onShard1));
    const fromShard0 = fake.push(inGuild(slashCommand("help"), onShard0));
    expect((await callbackOf(fake, fromShard1)).body.type).toBe(4);
    expect((await callbackOf(fake, fromShard0)).body.type).toBe(4);
    expect(fake.dispatched.filter((d) => d.t === "INTERACTION_CREATE")).toEqual([
      { t: "INTERACTION_CREATE", guildId: onShard1, shards: [[1, 2]] },
      { t: "INTERACTION_CREATE", guildId: onShard0, shards: [[0, 2]] },
    ]);
  });
});

describe("announcements and shards", () => {
  it("a post to a channel of a guild on shard 1 goes by REST through the platform's sink, with no gateway connection at all", async () => {
    const fake = await fakeDiscord({ recommendedShards: 2 });
    fake.token = TOKEN;
    const guild = guildOnShard(1, 2);
    const channel: ChannelRef = { platform: "discord", workspaceId: guild, channelId: "200000000000000101" };
    fake.addChannel(channel.channelId);
    const { platform } = discord.configure({ ...BASE_ENV, DISCORD_API_URL: fake.apiUrl, SHARD_COUNT: "2" });
    const { store } = await queued([channel]);
    cleanups.push(() => store.close());

    const report = await new Delivery({ store, sinks: [await platform!.sink({ store })], log: () => {} }).deliverNow();

    expect(shardOf(guild, 2)).toBe(1);
    expect(report.sent).toBe(1);
    expect(fake.channelMessages.get(channel.channelId)).toHaveLength(1);
    expect(fake.connections).toBe(0);
    expect(fake.identifies).toBe(0);
    expect(fake.requests.some((r) => r.path === "/gateway/bot")).toBe(false);
  });
});
