import { DiscordAPIError, HTTPError, RateLimitError, Routes } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announcementMessage, announcementRest, classifyDiscordError, createDiscordSink, discordNonce, snowflakeAt } from "../../../adapters/discord/announce.ts";
import { markdownText } from "../../../adapters/discord/text.ts";
import { Delivery } from "../../../src/announce/deliver.ts";
import { ALERT_FOOTER, type AnnouncedIdea } from "../../../src/announce/message.ts";
import { ChannelUnavailableError, DETAILS, RejectedError, RetryLaterError, type AnnouncementSink } from "../../../src/announce/sink.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { ALERT_SCOPE, type ChannelRef, type OutboxEntry } from "../../../src/store/store.ts";
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

/** A personal alert's outbox entry: subscription kind "dm", its channelId the person's user id (a digest above five ideas). */
const alertEntry = (userId: string, ideas: AnnouncedIdea[], id: number, alert: NonNullable<OutboxEntry["payload"]["alert"]> = { skills: ["Rust", "Go"] }): OutboxEntry => ({
  ...entry(ideas, id),
  subscription: { id: 1000 + id, platform: "discord", workspaceId: ALERT_SCOPE, channelId: userId, kind: "dm" },
  payload: { kind: ideas.length > 5 || alert.more ? "digest" : "idea", ideas, alert },
});
const fits = (n: number, extra: Partial<AnnouncedIdea> = {}) => idea(n, { matched: ["Rust"], missing: ["Go", "Kubernetes"], ...extra });
const dmOpens = (userId: string) => discord.requests.filter((r) => r.method === "POST" && r.path === "/users/@me/channels" && r.body?.recipient_id === userId);
const occurrences = (text: string, part: string) => text.split(part).length - 1;

describe("personal alerts: direct messages", () => {
  it("opens the DM channel with the person (recipient_id = the user id) and posts the alert there with the nonce: headline, why it fits, ALERT_FOOTER, no pings", async () => {
    const user = "700000000000000001";
    const e = alertEntry(user, [fits(1, { title: "Ping @everyone" })], 501);
    const { messageId } = await discordSink().post(e);
    expect(dmOpens(user)).toHaveLength(1);
    const channel = discord.dmChannels.get(user)!;
    expect(channel).toMatch(/^\d+$/);
    const [message] = discord.channelMessages.get(channel)!;
    expect(message!.id).toBe(messageId);
    const post = discord.posts.find((p) => p.channel === channel)!.body;
    expect(post).toMatchObject({ nonce: discordNonce(e), enforce_nonce: true, allowed_mentions: { parse: [] } });
    expect(post.content).toMatch(/^New idea for your skills: Ping @\u200beveryone/);
    const embed = message!.embeds[0]!;
    expect(embed.fields[0]).toEqual({ name: "Why it fits", value: "You have: Rust · To learn: Go, Kubernetes", inline: false });
    expect(embed.fields.map((f: { name: string }) => f.name)).toEqual(["Why it fits", "Project", "Skills", "Mentors"]);
    expect(embed.footer.text).toBe(`proj-000001 · ${ALERT_FOOTER} · ${discordNonce(e)}`);
    expect(occurrences(JSON.stringify(message), ALERT_FOOTER)).toBe(1);
    expect(JSON.stringify(message)).not.toMatch(/@everyone/);
  });

  it("a second alert for the same person reuses the DM channel it opened (one POST /users/@me/channels); the fake gives the same channel again", async () => {
    const user = "700000000000000002";
    const sink = discordSink();
    await sink.post(alertEntry(user, [fits(1)], 502));
    await sink.post(alertEntry(user, [fits(2)], 503));
    expect(dmOpens(user)).toHaveLength(1);
    const channel = discord.dmChannels.get(user)!;
    expect(discord.channelMessages.get(channel)).toHaveLength(2);
    // Another process (no cache) opens it again and gets the same channel.
    await discordSink().post(alertEntry(user, [fits(3)], 504));
    expect(dmOpens(user)).toHaveLength(2);
    expect(discord.dmChannels.get(user)).toBe(channel);
    expect(discord.channelMessages.get(channel)).toHaveLength(3);
  });

  it("a person who takes no DMs from the bot (403, code 50007): ChannelUnavailableError 'forbidden' naming 50007", async () => {
    const user = "700000000000000003";
    discord.closedDms.add(user);
    const error = await discordSink()
      .post(alertEntry(user, [fits(1)], 505))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect(error).toMatchObject({ reason: "forbidden", message: expect.stringMatching(/^the person does not accept direct messages from the bot \(50007\): Cannot send messages to this user/) });
    expect(discord.channelMessages.get(discord.dmChannels.get(user)!)).toHaveLength(0);
    const api = new DiscordAPIError({ code: 50007, message: "Cannot send messages to this user" }, 50007, 403, "POST", "/channels/1/messages", {});
    expect(classifyDiscordError(api)).toMatchObject({ reason: "forbidden", message: expect.stringContaining("(50007)") });
  });

  it("opening the DM: Unknown User (404, 10013) is 'gone'; a rate limit or 503 is RetryLaterError, and the alert goes out once Discord answers", async () => {
    const gone = "700000000000000004";
    discord.unknownUsers.add(gone);
    await expect(discordSink().post(alertEntry(gone, [fits(1)], 506))).rejects.toMatchObject({ name: "ChannelUnavailableError", reason: "gone", message: expect.stringMatching(/Unknown User/) });

    const user = "700000000000000005";
    const sink = discordSink();
    discord.dmOpenFailures.push({ status: 429, body: { message: "You are being rate limited.", retry_after: 3, global: false }, headers: { "retry-after": "3" } });
    await expect(sink.post(alertEntry(user, [fits(1)], 507))).rejects.toBeInstanceOf(RetryLaterError);
    discord.dmOpenFailures.push({ status: 503, body: { message: "upstream connect error", code: 0 } });
    await expect(sink.post(alertEntry(user, [fits(1)], 507))).rejects.toBeInstanceOf(RetryLaterError);
    await sink.post(alertEntry(user, [fits(1)], 507));
    expect(discord.channelMessages.get(discord.dmChannels.get(user)!)).toHaveLength(1);
  });

  it("alreadyPosted finds an alert's earlier post by its nonce in the DM channel (after a restart: the channel opened again)", async () => {
    const user = "700000000000000006";
    const e = alertEntry(user, [fits(1)], 508);
    const { messageId } = await discordSink().post(e);
    const restarted = discordSink();
    const gets = discord.gets;
    expect(await restarted.alreadyPosted!({ ...e, attempts: 2 })).toBe(messageId);
    expect(discord.gets).toBe(gets + 1);
    const channel = discord.dmChannels.get(user)!;
    expect(discord.requests.findLast((r) => r.method === "GET")!.path).toBe(`/channels/${channel}/messages`);
    expect(await restarted.alreadyPosted!({ ...alertEntry(user, [fits(2)], 509), attempts: 2 })).toBeNull();
    expect(dmOpens(user)).toHaveLength(2);
    // A person who closed their DMs since: nothing found, and the post says why.
    discord.closedDms.add(user);
    expect(await discordSink().alreadyPosted!({ ...alertEntry(user, [fits(3)], 510), attempts: 2 })).toBeNull();
  });

  it("a digest alert (12 ideas, 2 more than shown): each idea's line has its fit line and id under it, within Discord's limits at every detail; posted as a DM", async () => {
    const ideas = Array.from({ length: 10 }, (_, i) => fits(i + 1));
    const e = alertEntry("700000000000000007", ideas, 511, { skills: ["Rust", "Go"], more: 2 });
    const message = announcementMessage(e);
    expect(message.content).toBe("12 new ideas for your skills (Rust, Go)");
    const [embed] = message.embeds;
    expect(embed!.title).toBe("12 new ideas for your skills");
    const lines = embed!.description!.split("\n");
    expect(lines).toHaveLength(21);
    expect(lines[0]).toBe("• [Idea number 1 with a reasonably long title to fill the digest](https://github.com/o/r/issues/1) — Project");
    expect(lines[1]).toBe("  ↳ You have: Rust · To learn: Go, Kubernetes · proj-000001");
    expect(lines.at(-1)).toBe("… and 2 more for your skills");
    expect(embed!.footer!.text).toBe(`${ALERT_FOOTER} · ${discordNonce(e)}`);
    expect(occurrences(JSON.stringify(message), ALERT_FOOTER)).toBe(1);
    for (const detail of DETAILS) {
      for (const alert of [e, alertEntry("700000000000000007", burst.map((i) => ({ ...i, matched: i.skills, missing: i.skills })), 512)]) {
        const body = announcementMessage(alert, detail);
        expect(discordBodyErrors(body as unknown as Record<string, unknown>), detail).toBeNull();
        expect(body.embeds[0]!.footer!.text!.endsWith(discordNonce(alert))).toBe(true);
        expect(JSON.stringify(body)).not.toMatch(/@everyone|<@/);
      }
    }
    await discordSink().post(e);
    const [posted] = discord.channelMessages.get(discord.dmChannels.get("700000000000000007")!)!;
    expect(posted!.embeds[0]!.description).toBe(embed!.description);
  });

  it("a hostile single-idea alert passes Discord's validation at every detail, its fit line included", () => {
    const e = alertEntry("700000000000000008", [{ ...hostile, matched: hostile.skills, missing: hostile.mentors }], 513);
    for (const detail of DETAILS) {
      const body = announcementMessage(e, detail);
      expect(discordBodyErrors(body as unknown as Record<string, unknown>), detail).toBeNull();
      expect(body.embeds[0]!.fields![0]!.name).toBe("Why it fits");
      expect(JSON.stringify(body)).not.toMatch(/@everyone|<@/);
    }
  });
});
