import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Delivery, retryDelay } from "../../src/announce/deliver.ts";
import type { AnnouncementSink } from "../../src/announce/sink.ts";
import { createDiscordRest, createDiscordSink, discordNonce } from "../../src/announce/sinks/discord.ts";
import { createShellSink } from "../../src/announce/sinks/shell.ts";
import { createSlackApi, createSlackSink } from "../../src/announce/sinks/slack.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import type { ChannelRef } from "../../src/store/store.ts";
import { startFakeDiscord, startFakeSlack, type FakeDiscord, type FakeSlack } from "./fake-platforms.ts";
import { announceFixture, check, SHELL, subscription, tempDir } from "./helpers.ts";

let discord: FakeDiscord;
let slack: FakeSlack;

beforeAll(async () => {
  [discord, slack] = await Promise.all([startFakeDiscord(), startFakeSlack()]);
});
afterAll(() => Promise.all([discord.close(), slack.close()]));

const discordChannel = (id: string): ChannelRef => ({ platform: "discord", workspaceId: "111111111111111111", channelId: id });
const slackChannel = (id: string): ChannelRef => ({ platform: "slack", workspaceId: "T0001", channelId: id });

function discordSink(options: { history?: boolean } = {}): AnnouncementSink {
  const rest = createDiscordRest({ token: discord.token, apiUrl: discord.apiUrl, timeoutMs: 5_000 });
  return createDiscordSink(options.history === false ? { post: rest.post } : rest);
}
const slackSink = () => createSlackSink(createSlackApi({ token: slack.token, apiUrl: slack.apiUrl, timeoutMs: 5_000 }));

/** The sink, in a process that dies (its store closes) right after the platform accepted the post. */
function diesAfterAccepted(real: AnnouncementSink, store: SqliteStore): AnnouncementSink {
  return {
    platform: real.platform,
    async post(entry) {
      const accepted = await real.post(entry);
      await store.close(); // the process dies here, before "sent" is written
      return accepted;
    },
  };
}

/** A test clock: delivery reads it, tests move it forward past backoffs and leases. */
function clock() {
  let t = Date.now();
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/**
 * A DATA_DIR whose store has these subscriptions and the announcements of one new idea ("Web
 * dashboard for Comet jobs") for each — or, with `burst`, of seven (one digest each).
 */
async function queued(channels: ChannelRef[], options: { burst?: boolean; dir?: string } = {}) {
  const dir = options.dir ?? tempDir();
  const store = new SqliteStore(dir);
  for (const c of channels) await store.subscribe(subscription(c));
  await check(store, "ideas", announceFixture("v1.md"));
  await check(store, "ideas", announceFixture(options.burst ? "burst.md" : "v3-added.md"));
  return { dir, store };
}

const logs: string[] = [];
const log = (m: string) => logs.push(m);

describe("Discord sink against a loopback Discord", () => {
  it("posts the idea: title linked to its issue, project, skills, mentors; no mentions; a nonce from the outbox key with enforce_nonce", async () => {
    discord.addChannel("200000000000000001");
    const { store } = await queued([discordChannel("200000000000000001")]);
    const report = await new Delivery({ store, sinks: [discordSink()], log }).deliverNow();
    expect(report.sent).toBe(1);
    const [message] = discord.messages.get("200000000000000001")!;
    const [row] = await store.outbox();
    expect(row).toMatchObject({ status: "sent", messageId: message!.id, attempts: 1 });
    const post = discord.posts.find((p) => p.channel === "200000000000000001")!.body;
    expect(post.allowed_mentions).toEqual({ parse: [] });
    expect(post.enforce_nonce).toBe(true);
    expect(post.nonce).toBe(discordNonce(row!));
    expect(String(post.nonce).length).toBeLessThanOrEqual(25);
    const embed = message!.embeds[0]!;
    expect(embed).toMatchObject({ title: "Web dashboard for Comet jobs", url: "https://github.com/comet/comet/issues/12" });
    expect(embed.fields).toEqual([
      { name: "Project", value: "Comet", inline: true },
      { name: "Skills", value: "ReactJS, TypeScript", inline: true },
      { name: "Mentors", value: "Margaret Hamilton (@margaret)", inline: false },
    ]);
    await store.close();
  });

  it("pauses the subscription of an unknown channel (404, code 10003) or one it may not post in (403, code 50001), with a log line; subscribing again resumes", async () => {
    discord.forbid("200000000000000003");
    const gone = discordChannel("200000000000000002");
    const forbidden = discordChannel("200000000000000003");
    const { store } = await queued([gone, forbidden]);
    const delivery = new Delivery({ store, sinks: [discordSink()], log });
    expect(await delivery.deliverNow()).toMatchObject({ sent: 0, paused: 2 });
    const subs = await store.subscriptions({ platform: "discord" });
    expect(subs.map((s) => s.pausedReason)).toEqual([expect.stringMatching(/^gone: the channel is gone \(Unknown Channel\)/), expect.stringMatching(/^forbidden: the bot may not post there \(Missing Access\)/)]);
    expect(logs.some((l) => /subscription \d+ \(discord channel 200000000000000002\) paused/.test(l))).toBe(true);
    // Paused: not tried again.
    expect(await delivery.deliverNow()).toMatchObject({ sent: 0, paused: 0 });
    // Access fixed, subscribed again: the held announcement goes out.
    // An idea found while the channel is paused is held for it too.
    await check(store, "ideas", `${announceFixture("v3-added.md")}\n#### Held while paused\n\n- Description: Found while the channel was paused.\n- Recommended Skills: Go\n- Mentor(s): Ada (@ada)\n- Upstream Issue: https://github.com/o/r/issues/4242\n`);
    expect((await delivery.deliverNow()).sent).toBe(0);
    discord.addChannel("200000000000000002");
    await store.subscribe(subscription(gone));
    expect((await delivery.deliverNow()).sent).toBe(2);
    expect(discord.messages.get("200000000000000002")).toHaveLength(2);
    expect(JSON.stringify(discord.messages.get("200000000000000002"))).toContain("Held while paused");
    await store.close();
  });

  it("waits at least Discord's retry_after on a 429, then posts", async () => {
    discord.addChannel("200000000000000004");
    const { store } = await queued([discordChannel("200000000000000004")]);
    const time = clock();
    const delivery = new Delivery({ store, sinks: [discordSink()], now: time.now, log });
    discord.failNext({ status: 429, body: { message: "You are being rate limited.", retry_after: 40, global: false } });
    expect(await delivery.deliverNow()).toMatchObject({ retried: 1, sent: 0 });
    const [row] = await store.outbox();
    expect(row!.nextAttemptAt - time.now()).toBeGreaterThanOrEqual(40_000);
    time.advance(39_000);
    expect((await delivery.deliverNow()).sent).toBe(0);
    time.advance(2_000);
    expect((await delivery.deliverNow()).sent).toBe(1);
    expect(discord.messages.get("200000000000000004")).toHaveLength(1);
    await store.close();
  });

  it("a crash after Discord accepted, before 'sent' was written: after the restart the message is found (nonce in the footer) and not posted again", async () => {
    discord.addChannel("200000000000000005");
    const { dir, store } = await queued([discordChannel("200000000000000005")]);
    const time = clock();
    const real = discordSink();
    const dying = diesAfterAccepted(real, store);
    await expect(new Delivery({ store, sinks: [dying], now: time.now }).deliverNow()).rejects.toThrow(/not open/);
    expect(discord.messages.get("200000000000000005")).toHaveLength(1);

    const restarted = new SqliteStore(dir);
    const delivery = new Delivery({ store: restarted, sinks: [discordSink()], now: time.now, log });
    // The dead process's lease still holds: nobody touches the entry.
    expect(await delivery.deliverNow()).toMatchObject({ sent: 0, alreadyPosted: 0 });
    time.advance(121_000);
    expect(await delivery.deliverNow()).toMatchObject({ sent: 0, alreadyPosted: 1 });
    const postsHere = discord.posts.filter((p) => p.channel === "200000000000000005");
    expect(postsHere).toHaveLength(1);
    expect(discord.messages.get("200000000000000005")).toHaveLength(1);
    expect((await restarted.outbox())[0]).toMatchObject({ status: "sent", messageId: discord.messages.get("200000000000000005")![0]!.id, attempts: 2 });
    await restarted.close();
  });

  it("the same crash without Read Message History: the repeated post carries the same nonce, and Discord returns the first message", async () => {
    discord.addChannel("200000000000000006");
    const { dir, store } = await queued([discordChannel("200000000000000006")]);
    const time = clock();
    const real = discordSink({ history: false });
    const dying = diesAfterAccepted(real, store);
    await expect(new Delivery({ store, sinks: [dying], now: time.now }).deliverNow()).rejects.toThrow(/not open/);
    const restarted = new SqliteStore(dir);
    time.advance(121_000);
    expect((await new Delivery({ store: restarted, sinks: [discordSink({ history: false })], now: time.now }).deliverNow()).sent).toBe(1);
    expect(discord.posts.filter((p) => p.channel === "200000000000000006")).toHaveLength(2);
    expect(discord.messages.get("200000000000000006")).toHaveLength(1);
    expect((await restarted.outbox())[0]!.messageId).toBe(discord.messages.get("200000000000000006")![0]!.id);
    await restarted.close();
  });

  it("Discord down (503), then a restart: delivered once, later", async () => {
    discord.addChannel("200000000000000007");
    const { dir, store } = await queued([discordChannel("200000000000000007")]);
    const time = clock();
    discord.failNext({ status: 503, body: { message: "upstream connect error", code: 0 } }, 2);
    const first = new Delivery({ store, sinks: [discordSink()], now: time.now, log });
    expect(await first.deliverNow()).toMatchObject({ retried: 1, sent: 0 });
    time.advance(60_000);
    expect(await first.deliverNow()).toMatchObject({ retried: 1, sent: 0 });
    await store.close();
    const restarted = new SqliteStore(dir);
    time.advance(3_600_000);
    expect(await new Delivery({ store: restarted, sinks: [discordSink()], now: time.now, log }).deliverNow()).toMatchObject({ sent: 1, alreadyPosted: 0 });
    expect(discord.messages.get("200000000000000007")).toHaveLength(1);
    const [row] = await restarted.outbox();
    expect(row).toMatchObject({ status: "sent", attempts: 3 });
    await restarted.close();
  });

  it("two processes sharing one DATA_DIR deliver each announcement once", async () => {
    const ids = ["200000000000000011", "200000000000000012", "200000000000000013", "200000000000000014", "200000000000000015"];
    for (const id of ids) discord.addChannel(id);
    const { dir, store } = await queued(ids.map(discordChannel));
    const other = new SqliteStore(dir);
    const a = new Delivery({ store, sinks: [discordSink()], batch: 1 });
    const b = new Delivery({ store: other, sinks: [discordSink()], batch: 1 });
    const [ra, rb] = await Promise.all([a.deliverNow(), b.deliverNow()]);
    expect(ra.sent + rb.sent).toBe(5);
    for (const id of ids) expect(discord.messages.get(id), id).toHaveLength(1);
    expect(discord.posts.filter((p) => ids.includes(p.channel))).toHaveLength(5);
    await store.close();
    await other.close();
  });

  it("a burst of seven new ideas is one digest message, which pings no one", async () => {
    discord.addChannel("200000000000000020");
    const { store } = await queued([discordChannel("200000000000000020")], { burst: true });
    expect(await store.outbox()).toHaveLength(1);
    expect((await new Delivery({ store, sinks: [discordSink()] }).deliverNow()).sent).toBe(1);
    const [message] = discord.messages.get("200000000000000020")!;
    expect(message!.content).toBe("7 new project ideas");
    expect(message!.allowed_mentions).toEqual({ parse: [] });
    const description = message!.embeds[0]!.description!;
    expect(description.split("\n")).toHaveLength(7);
    expect(description).toContain("[Rust bindings for Nova](https://github.com/nova/nova/issues/1) — Nova · Rust");
    const text = JSON.stringify(message);
    expect(text).not.toMatch(/@everyone|<@U/);
    expect(description).toContain("@\u200beveryone");
    await store.close();
  });
});

describe("Slack sink against a loopback Slack", () => {
  it("posts the idea with escaped text and the outbox key in its metadata", async () => {
    slack.addChannel("C0000000001");
    const { store } = await queued([slackChannel("C0000000001")]);
    expect((await new Delivery({ store, sinks: [slackSink()] }).deliverNow()).sent).toBe(1);
    const [message] = slack.messages.get("C0000000001")!;
    const [row] = await store.outbox();
    expect(row).toMatchObject({ status: "sent", messageId: message!.ts });
    expect(message!.metadata).toEqual({ event_type: "ideas_bot_announcement", event_payload: { outbox_id: row!.key, idea_ids: row!.ideaIds } });
    const section = JSON.stringify(message!.blocks);
    expect(section).toContain("<https://github.com/comet/comet/issues/12|Web dashboard for Comet jobs>");
    expect(section).toContain("*Project:* Comet");
    expect(section).toContain("*Skills:* ReactJS, TypeScript");
    expect(section).toContain("*Mentors:* Margaret Hamilton (@margaret)");
    expect(message!.unfurl_links).toBe("false");
    await store.close();
  });

  it("channel_not_found and not_in_channel pause the subscription; ratelimited waits at least Retry-After", async () => {
    slack.exclude("C0000000003");
    slack.addChannel("C0000000004");
    const { store } = await queued([slackChannel("C0000000002"), slackChannel("C0000000003"), slackChannel("C0000000004")]);
    const time = clock();
    slack.failNext("ratelimited");
    // Entries go in id order: the rate limit hits the first post (C…02), which is gone anyway on retry.
    const delivery = new Delivery({ store, sinks: [slackSink()], now: time.now, log });
    const report = await delivery.deliverNow();
    expect(report).toMatchObject({ retried: 1, paused: 1, sent: 1 });
    const rows = await store.outbox();
    expect(rows[0]!.nextAttemptAt - time.now()).toBeGreaterThanOrEqual(2_000);
    time.advance(3_600_000);
    expect(await delivery.deliverNow()).toMatchObject({ paused: 1 });
    const reasons = (await store.subscriptions({ platform: "slack", workspaceId: "T0001" })).map((s) => s.pausedReason);
    expect(reasons).toEqual([expect.stringMatching(/^gone: .*channel_not_found/), expect.stringMatching(/^forbidden: .*not_in_channel/), null]);
    await store.close();
  });

  it("a crash after Slack accepted: the restart finds the post by its metadata in conversations.history and does not post again", async () => {
    slack.addChannel("C0000000005");
    const { dir, store } = await queued([slackChannel("C0000000005")]);
    const time = clock();
    const real = slackSink();
    const dying = diesAfterAccepted(real, store);
    await expect(new Delivery({ store, sinks: [dying], now: time.now }).deliverNow()).rejects.toThrow(/not open/);
    const restarted = new SqliteStore(dir);
    time.advance(121_000);
    const calls = slack.historyCalls;
    expect(await new Delivery({ store: restarted, sinks: [slackSink()], now: time.now, log }).deliverNow()).toMatchObject({ alreadyPosted: 1, sent: 0 });
    expect(slack.historyCalls).toBe(calls + 1);
    expect(slack.posts.filter((p) => p.channel === "C0000000005")).toHaveLength(1);
    expect((await restarted.outbox())[0]).toMatchObject({ status: "sent", messageId: slack.messages.get("C0000000005")![0]!.ts });
    await restarted.close();
  });

  it("Slack down (HTTP 500), then a restart: delivered once; without the history scope the retry still posts", async () => {
    slack.addChannel("C0000000006");
    const { dir, store } = await queued([slackChannel("C0000000006")]);
    const time = clock();
    slack.failNext("http_500");
    expect(await new Delivery({ store, sinks: [slackSink()], now: time.now, log }).deliverNow()).toMatchObject({ retried: 1 });
    await store.close();
    const restarted = new SqliteStore(dir);
    time.advance(3_600_000);
    slack.historyMissingScope = true;
    try {
      expect((await new Delivery({ store: restarted, sinks: [slackSink()], now: time.now }).deliverNow()).sent).toBe(1);
    } finally {
      slack.historyMissingScope = false;
    }
    expect(slack.messages.get("C0000000006")).toHaveLength(1);
    await restarted.close();
  });

  it("a burst is one digest; nothing from the file can ping (& < > escaped)", async () => {
    slack.addChannel("C0000000007");
    const { store } = await queued([slackChannel("C0000000007")], { burst: true });
    expect((await new Delivery({ store, sinks: [slackSink()] }).deliverNow()).sent).toBe(1);
    const [message] = slack.messages.get("C0000000007")!;
    expect(message!.text).toBe("7 new project ideas");
    const text = JSON.stringify(message!.blocks);
    expect(text).not.toMatch(/<!channel>|<@U123>|<!here>/);
    expect(text).toContain("@everyone &lt;!channel&gt; free prizes &lt;@U123&gt; &amp; more");
    expect(text).toContain("<https://github.com/nova/nova/issues/1|Rust bindings for Nova>");
    await store.close();
  });
});

describe("delivery rules", () => {
  it("entries for a platform without a sink stay pending", async () => {
    const { store } = await queued([discordChannel("200000000000000099"), SHELL]);
    const out: string[] = [];
    const sink = createShellSink({ write: (s: string) => out.push(s) } as unknown as NodeJS.WritableStream & import("node:stream").Writable);
    expect((await new Delivery({ store, sinks: [sink] }).deliverNow()).sent).toBe(1);
    expect(out.join("")).toContain("New project idea: Web dashboard for Comet jobs (Comet)");
    expect((await store.outbox()).map((r) => [r.subscription.platform, r.status])).toEqual([
      ["discord", "pending"],
      ["shell", "sent"],
    ]);
    await store.close();
  });

  it("a body Discord refuses is posted again with less detail, not dropped", async () => {
    discord.addChannel("200000000000000030");
    const { store } = await queued([discordChannel("200000000000000030")]);
    discord.failNext({ status: 400, body: { message: "Invalid Form Body", code: 50035 } });
    expect(await new Delivery({ store, sinks: [discordSink()], log }).deliverNow()).toMatchObject({ sent: 1, failed: 0 });
    // The refused post and the shorter one that passed: the same announcement, with the same nonce.
    const posts = discord.posts.filter((p) => p.channel === "200000000000000030");
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body.nonce).toBe(posts[0]!.body.nonce);
    expect(discord.messages.get("200000000000000030")).toHaveLength(1);
    expect((await store.outbox())[0]).toMatchObject({ status: "sent", attempts: 1 });
    await store.close();
  });

  it("when Discord's limits are tighter than the bot thinks, the message is cut further until it fits", async () => {
    discord.addChannel("200000000000000031");
    const { store } = await queued([discordChannel("200000000000000031")]);
    // Every text field of the full and the short form is over 20 characters; the minimal form has the title and project only.
    discord.limits.description = 20;
    discord.limits.fieldValue = 20;
    try {
      expect(await new Delivery({ store, sinks: [discordSink()], log }).deliverNow()).toMatchObject({ sent: 1 });
    } finally {
      Object.assign(discord.limits, { description: 4096, fieldValue: 1024 });
    }
    expect(discord.posts.filter((p) => p.channel === "200000000000000031")).toHaveLength(3);
    const [message] = discord.messages.get("200000000000000031")!;
    expect(message!.embeds[0]).toMatchObject({ title: "Web dashboard for Comet jobs", fields: [{ name: "Project", value: "Comet" }] });
    expect(message!.embeds[0]!.description).toBeUndefined();
    await store.close();
  });

  it("a message refused in every form fails for good: logged with the channel and the idea, and said in the channel's status", async () => {
    discord.addChannel("200000000000000032");
    const { store } = await queued([discordChannel("200000000000000032")]);
    discord.failNext({ status: 400, body: { message: "Invalid Form Body", code: 50035 } }, 3);
    logs.length = 0;
    expect(await new Delivery({ store, sinks: [discordSink()], log }).deliverNow()).toMatchObject({ failed: 1 });
    const [row] = await store.outbox();
    expect(row).toMatchObject({ status: "failed", lastError: expect.stringMatching(/refused in every form.*Invalid Form Body/) });
    expect(logs.join("\n")).toMatch(/discord channel 200000000000000032 \(comet-[0-9a-f]+ "Web dashboard for Comet jobs"\) failed for good/);
    await store.close();
  });

  it("a refusal that is not about the body (an unknown error code) fails at once, without shorter forms", async () => {
    discord.addChannel("200000000000000033");
    const { store } = await queued([discordChannel("200000000000000033")]);
    discord.failNext({ status: 405, body: { message: "Method Not Allowed", code: 0 } });
    expect(await new Delivery({ store, sinks: [discordSink()], log }).deliverNow()).toMatchObject({ failed: 1 });
    expect(discord.posts.filter((p) => p.channel === "200000000000000033")).toHaveLength(1);
    await store.close();
  });

  it("when Slack's limits are tighter than the bot thinks (invalid_blocks), the message is cut further until it fits", async () => {
    slack.addChannel("C0SHRINK");
    const { store } = await queued([slackChannel("C0SHRINK")]);
    slack.limits.sectionText = 120;
    try {
      expect(await new Delivery({ store, sinks: [slackSink()], log }).deliverNow()).toMatchObject({ sent: 1 });
    } finally {
      slack.limits.sectionText = 3000;
    }
    const posts = slack.posts.filter((p) => p.channel === "C0SHRINK");
    expect(posts.length).toBeGreaterThan(1);
    const [message] = slack.messages.get("C0SHRINK")!;
    const text = message!.blocks.map((b) => JSON.stringify(b)).join("\n");
    expect(text).toContain("Web dashboard for Comet jobs");
    await store.close();
  });

  it("backoff doubles from the base, is capped, and honours Retry-After", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 10].map((n) => retryDelay(n, undefined, 30_000, 3_600_000, mid))).toEqual([30_000, 60_000, 120_000, 3_600_000]);
    expect(retryDelay(1, 90_000, 30_000, 3_600_000, mid)).toBe(90_000);
  });
});
