import { DiscordAPIError, HTTPError, RateLimitError, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announcementMessage, announcementRest, classifyDiscordError, createDiscordSink, discordNonce, snowflakeAt } from "../../../adapters/discord/announce.ts";
import { markdownText } from "../../../adapters/discord/text.ts";
import { Delivery } from "../../../src/announce/deliver.ts";
import { ChannelUnavailableError, DETAILS, RejectedError, RetryLaterError, type AnnouncementSink } from "../../../src/announce/sink.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import type { ChannelRef } from "../../../src/store/store.ts";
import { announced as idea, clock, diesAfterAccepted, hostileAnnouncement as hostile, hostileBurst as burst, outboxEntry as entry, queued } from "../../announce/delivery-helpers.ts";
import { announceFixture, check, subscription } from "../../announce/helpers.ts";
import { discordBodyErrors, FakeDiscord } from "./fake-discord.ts";

/** Announcements through discord.js's REST, against the same loopback Discord as the adapter's tests. */

let discord: FakeDiscord;

beforeAll(async () => {
  discord = await FakeDiscord.start();
  discord.token = "discord-test-token";
});
afterAll(() => discord.close());

const discordChannel = (id: string): ChannelRef => ({ platform: "discord", workspaceId: "111111111111111111", channelId: id });

function discordSink(options: { history?: boolean } = {}): AnnouncementSink {
  const rest = announcementRest({ token: "discord-test-token", apiUrl: discord.apiUrl, timeoutMs: 5_000 });
  return createDiscordSink(options.history === false ? { post: rest.post.bind(rest) } : rest);
}

const logs: string[] = [];
const log = (m: string) => logs.push(m);

describe("Discord sink against a loopback Discord", () => {
  it("posts the idea: title linked to its issue, project, skills, mentors; no mentions; a nonce from the outbox key with enforce_nonce", async () => {
    discord.addChannel("200000000000000001");
    const { store } = await queued([discordChannel("200000000000000001")]);
    const report = await new Delivery({ store, sinks: [discordSink()], log }).deliverNow();
    expect(report.sent).toBe(1);
    const [message] = discord.channelMessages.get("200000000000000001")!;
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
    expect(discord.channelMessages.get("200000000000000002")).toHaveLength(2);
    expect(JSON.stringify(discord.channelMessages.get("200000000000000002"))).toContain("Held while paused");
    await store.close();
  });

  it("waits at least Discord's retry_after on a 429, then posts", async () => {
    discord.addChannel("200000000000000004");
    const { store } = await queued([discordChannel("200000000000000004")]);
    const time = clock();
    const delivery = new Delivery({ store, sinks: [discordSink()], now: time.now, log });
    discord.failNext({ status: 429, body: { message: "You are being rate limited.", retry_after: 40, global: false }, headers: { "retry-after": "40" } });
    expect(await delivery.deliverNow()).toMatchObject({ retried: 1, sent: 0 });
    const [row] = await store.outbox();
    expect(row!.nextAttemptAt - time.now()).toBeGreaterThanOrEqual(40_000);
    time.advance(39_000);
    expect((await delivery.deliverNow()).sent).toBe(0);
    time.advance(2_000);
    expect((await delivery.deliverNow()).sent).toBe(1);
    expect(discord.channelMessages.get("200000000000000004")).toHaveLength(1);
    await store.close();
  });

  it("a crash after Discord accepted, before 'sent' was written: after the restart the message is found (nonce in the footer) and not posted again", async () => {
    discord.addChannel("200000000000000005");
    const { dir, store } = await queued([discordChannel("200000000000000005")]);
    const time = clock();
    const real = discordSink();
    const dying = diesAfterAccepted(real, store);
    await expect(new Delivery({ store, sinks: [dying], now: time.now }).deliverNow()).rejects.toThrow(/not open/);
    expect(discord.channelMessages.get("200000000000000005")).toHaveLength(1);

    const restarted = new SqliteStore(dir);
    const delivery = new Delivery({ store: restarted, sinks: [discordSink()], now: time.now, log });
    // The dead process's lease still holds: nobody touches the entry.
    expect(await delivery.deliverNow()).toMatchObject({ sent: 0, alreadyPosted: 0 });
    time.advance(121_000);
    expect(await delivery.deliverNow()).toMatchObject({ sent: 0, alreadyPosted: 1 });
    const postsHere = discord.posts.filter((p) => p.channel === "200000000000000005");
    expect(postsHere).toHaveLength(1);
    expect(discord.channelMessages.get("200000000000000005")).toHaveLength(1);
    expect((await restarted.outbox())[0]).toMatchObject({ status: "sent", messageId: discord.channelMessages.get("200000000000000005")![0]!.id, attempts: 2 });
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
    expect(discord.channelMessages.get("200000000000000006")).toHaveLength(1);
    expect((await restarted.outbox())[0]!.messageId).toBe(discord.channelMessages.get("200000000000000006")![0]!.id);
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
    expect(discord.channelMessages.get("200000000000000007")).toHaveLength(1);
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
    for (const id of ids) expect(discord.channelMessages.get(id), id).toHaveLength(1);
    expect(discord.posts.filter((p) => ids.includes(p.channel))).toHaveLength(5);
    await store.close();
    await other.close();
  });

  it("a burst of seven new ideas is one digest message, which pings no one", async () => {
    discord.addChannel("200000000000000020");
    const { store } = await queued([discordChannel("200000000000000020")], { burst: true });
    expect(await store.outbox()).toHaveLength(1);
    expect((await new Delivery({ store, sinks: [discordSink()] }).deliverNow()).sent).toBe(1);
    const [message] = discord.channelMessages.get("200000000000000020")!;
    expect(message!.content).toBe("7 new project ideas");
    expect(discord.posts.find((p) => p.channel === "200000000000000020")!.body.allowed_mentions).toEqual({ parse: [] });
    const description = message!.embeds[0]!.description!;
    expect(description.split("\n")).toHaveLength(7);
    expect(description).toContain("[Rust bindings for Nova](https://github.com/nova/nova/issues/1) — Nova · Rust");
    const text = JSON.stringify(message);
    expect(text).not.toMatch(/@everyone|<@U/);
    expect(description).toContain("@\u200beveryone");
    await store.close();
  });
});

describe("Discord delivery when a body is refused", () => {
  it("a body Discord refuses is posted again with less detail, not dropped", async () => {
    discord.addChannel("200000000000000030");
    const { store } = await queued([discordChannel("200000000000000030")]);
    discord.failNext({ status: 400, body: { message: "Invalid Form Body", code: 50035 } });
    expect(await new Delivery({ store, sinks: [discordSink()], log }).deliverNow()).toMatchObject({ sent: 1, failed: 0 });
    // The refused post and the shorter one that passed: the same announcement, with the same nonce.
    const posts = discord.posts.filter((p) => p.channel === "200000000000000030");
    expect(posts).toHaveLength(2);
    expect(posts[1]!.body.nonce).toBe(posts[0]!.body.nonce);
    expect(discord.channelMessages.get("200000000000000030")).toHaveLength(1);
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
    const [message] = discord.channelMessages.get("200000000000000031")!;
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

});

describe("Discord rendering", () => {
  it("fits Discord's limits after escaping: a 256-character title with @everyone, skills full of markdown, a 3,000-character URL", () => {
    const hostile = idea(1, {
      title: `@everyone ${"t".repeat(300)}`,
      skills: Array.from({ length: 300 }, () => "*_`|"),
      mentors: Array.from({ length: 300 }, () => "[x](y)"),
      summary: "*".repeat(5000),
      url: `https://github.com/o/r/issues/1?${"q".repeat(3000)}`,
    });
    const [embed] = announcementMessage(entry([hostile])).embeds;
    expect(embed!.title!.length).toBeLessThanOrEqual(256);
    expect(embed!.title!.startsWith("@\u200beveryone")).toBe(true);
    expect(embed!.url).toBeUndefined();
    for (const field of embed!.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
    expect((embed!.description ?? "").length).toBeLessThanOrEqual(4096);
  });

  it("nonces fit in 25 characters even for the largest outbox id", () => {
    expect(discordNonce(entry([idea(1)], Number.MAX_SAFE_INTEGER)).length).toBeLessThanOrEqual(25);
    expect(discordNonce(entry([idea(1)], 1))).toBe("ib-abcdef01-1");
  });

  it("breaks mentions and markdown in text from files", () => {
    expect(markdownText("@everyone and @here <@123> <#9> [x](https://evil) *b*")).toBe("@\u200beveryone and @\u200bhere <\u200b@123> <\u200b#9> \\[x\\](https://evil) \\*b\\*");
    const message = announcementMessage(entry([idea(1, { title: "Ping @everyone", project: "<@&42>", mentors: ["@here"] })]));
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(message)).not.toMatch(/@everyone|@here|<@/);
  });

  it("a digest of many ideas stays within the embed limits, saying how many more", () => {
    const message = announcementMessage(entry(Array.from({ length: 200 }, (_, i) => idea(i + 1))));
    const description = message.embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/… and \d+ more$/);
    expect(message.content).toBe("200 new project ideas");
  });

  it("omits a link that is not http(s)", () => {
    const message = announcementMessage(entry([idea(1, { url: "javascript:alert(1)" })]));
    expect(message.embeds[0]!.url).toBeUndefined();
  });

  it("classifies discord.js's own errors: DiscordAPIError, HTTPError, RateLimitError, a network error", () => {
    const api = (status: number, code: number, message: string) => new DiscordAPIError({ code, message }, code, status, "POST", "/channels/1/messages", {});
    expect(classifyDiscordError(api(404, 10003, "Unknown Channel"))).toBeInstanceOf(ChannelUnavailableError);
    expect(classifyDiscordError(api(403, 50013, "Missing Permissions"))).toMatchObject({ reason: "forbidden" });
    expect(classifyDiscordError(api(400, 50035, "Invalid Form Body"))).toMatchObject({ lessMayPass: true });
    expect(classifyDiscordError(api(400, 50035, "Invalid Form Body"))).toBeInstanceOf(RejectedError);
    expect(classifyDiscordError(new HTTPError(503, "Service Unavailable", "POST", "/channels/1/messages", {}))).toBeInstanceOf(RetryLaterError);
    const limited = new RateLimitError({ timeToReset: 1500, limit: 5, method: "POST", hash: "h", url: "/x", route: "/channels/:id/messages", majorParameter: "1", global: false, retryAfter: 1500, sublimitTimeout: 0, scope: "user" });
    expect(classifyDiscordError(limited)).toMatchObject({ retryAfterMs: 1500 });
    expect(classifyDiscordError(new TypeError("fetch failed"))).toBeInstanceOf(RetryLaterError);
  });


  it("alreadyPosted looks at messages since the entry was written", async () => {
    const asked: Array<{ route: string; query: string }> = [];
    const e = entry([idea(1)]);
    const sink = createDiscordSink({
      post: async () => ({ id: "1" }),
      get: async (route, options) => {
        asked.push({ route, query: String(options?.query ?? "") });
        return [{ id: "77", embeds: [{ footer: { text: `/ideas show x · ${discordNonce(e)}` } }] }];
      },
    });
    expect(await sink.alreadyPosted!(e)).toBe("77");
    expect(asked).toEqual([{ route: Routes.channelMessages("C"), query: `limit=100&after=${snowflakeAt(e.createdAt - 60_000)}` }]);
  });
});

describe("every form of a hostile announcement passes Discord's own validation", () => {
  it.each(DETAILS)("Discord, %s detail: one idea and a digest", (detail) => {
    for (const ideas of [[hostile], burst]) expect(discordBodyErrors(announcementMessage(entry(ideas), detail) as unknown as Record<string, unknown>)).toBeNull();
  });

  it("a cut never leaves half an escape: no lone backslash before the ellipsis", () => {
    for (let n = 1; n < 40; n++) {
      const text = `${"a".repeat(n)}${"\\&".repeat(500)}`;
      const discord = announcementMessage(entry([idea(1, { skills: [text], summary: text })]));
      for (const value of [discord.embeds[0]!.description!, ...discord.embeds[0]!.fields!.map((f) => f.value)]) {
        const slashes = /(\\*)…$/.exec(value)?.[1]!.length ?? 0;
        expect(slashes % 2).toBe(0);
      }
    }
  });

  it("shorter forms carry less: the minimal form has no link and only the project field", () => {
    const [full] = announcementMessage(entry([hostile]), "full").embeds;
    const [minimal] = announcementMessage(entry([hostile]), "minimal").embeds;
    expect(JSON.stringify(minimal).length).toBeLessThan(JSON.stringify(full).length / 2);
    expect(minimal!.fields!.map((f) => f.name)).toEqual(["Project"]);
    expect(minimal!.url).toBeUndefined();
  });
});
