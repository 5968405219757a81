import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { announcementClient, classifySlackError, announcementMessage as slackMessage, createSlackSink } from "../../../adapters/slack/announce.ts";
import { escapeText as escapeSlack, link as slackLink } from "../../../adapters/slack/escape.ts";
import { Delivery } from "../../../src/announce/deliver.ts";
import { ALERT_FOOTER, type AnnouncedIdea } from "../../../src/announce/message.ts";
import { ChannelUnavailableError, DETAILS, RejectedError, RetryLaterError } from "../../../src/announce/sink.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import type { ChannelRef, OutboxEntry } from "../../../src/store/store.ts";
import { announced as idea, clock, diesAfterAccepted, hostileAnnouncement as hostile, hostileBurst as burst, outboxEntry as entry, queued } from "../../announce/delivery-helpers.ts";
import { slackBodyError, startFakeSlack, type FakeSlack } from "./fake-slack.ts";

/** Announcements through the Web API's WebClient (Bolt's client), against a loopback Slack. */

let slack: FakeSlack;

beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(() => slack.close());

const slackChannel = (id: string): ChannelRef => ({ platform: "slack", workspaceId: "T0001", channelId: id });
const slackSink = () => createSlackSink(announcementClient({ token: slack.token, apiUrl: slack.apiUrl, timeoutMs: 5_000 }));

const logs: string[] = [];
const log = (m: string) => logs.push(m);

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

describe("Slack delivery when a body is refused", () => {
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

});

describe("Slack rendering", () => {
  it("escapes & < > everywhere text is echoed, and builds links only for http(s)", () => {
    expect(escapeSlack("a & <!channel> <@U1> >")).toBe("a &amp; &lt;!channel&gt; &lt;@U1&gt; &gt;");
    expect(slackLink("https://x.example/a", "t|<b>")).toBe("<https://x.example/a|t¦&lt;b&gt;>");
    expect(slackLink("https://x.example/a|<!here>", "t")).toBe("t");
    const message = slackMessage(entry([idea(1, { title: "<!channel> hi", project: "P & Q", mentors: ["<@U99>"] })]));
    const text = JSON.stringify(message);
    expect(text).not.toMatch(/<!channel>|<@U99>/);
    expect(message.text).toBe("New project idea: &lt;!channel&gt; hi (P &amp; Q)");
  });

  it("a digest of many ideas stays within 50 blocks of 3,000 characters", () => {
    const message = slackMessage(entry(Array.from({ length: 500 }, (_, i) => idea(i + 1))));
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? "";
      expect(text.length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(message.blocks)).toMatch(/…and \d+ more/);
  });

  it("understands WebClient's thrown errors as well as ok: false answers", async () => {
    const throwing = (error: unknown) => createSlackSink({ apiCall: async () => Promise.reject(error) });
    const e = entry([idea(1)]);
    await expect(throwing({ code: "slack_webapi_platform_error", data: { ok: false, error: "channel_not_found" } }).post(e)).rejects.toBeInstanceOf(ChannelUnavailableError);
    await expect(throwing({ code: "slack_webapi_rate_limited_error", retryAfter: 7 }).post(e)).rejects.toMatchObject({ retryAfterMs: 7000 });
    await expect(throwing({ code: "slack_webapi_request_error", message: "socket hang up" }).post(e)).rejects.toBeInstanceOf(RetryLaterError);
    await expect(createSlackSink({ apiCall: async () => ({ ok: false, error: "invalid_blocks" }) }).post(e)).rejects.toBeInstanceOf(RejectedError);
  });
});

describe("Slack announcements fit after escaping", () => {
  type Section = { type: string; text?: { text: string } };
  const texts = (blocks: unknown[]) => (blocks as Section[]).filter((b) => b.type === "section").map((b) => b.text!.text);

  it("a digest whose first line is huge: no empty section, every section within 3,000, no link cut in half", () => {
    const huge = idea(1, { title: "&".repeat(3000), project: "<".repeat(3000), skills: [">".repeat(3000)], url: `https://github.com/o/r/issues/1?${"q".repeat(2900)}` });
    const message = slackMessage(entry([huge, ...Array.from({ length: 6 }, (_, i) => idea(i + 2))]));
    for (const text of texts(message.blocks)) {
      expect(text.length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(3000);
      expect((text.match(/</g) ?? []).length).toBe((text.match(/>/g) ?? []).length);
    }
    expect(texts(message.blocks).join("\n")).toContain("Idea number 7");
  });

  it("one idea with every field at its worst stays one section within 3,000", () => {
    const huge = idea(1, { title: "&".repeat(3000), project: "<".repeat(3000), skills: ["&".repeat(3000)], mentors: ["<".repeat(3000)], summary: ">".repeat(5000) });
    for (const text of texts(slackMessage(entry([huge])).blocks)) expect(text.length).toBeLessThanOrEqual(3000);
  });
});

describe("every form of a hostile announcement passes Slack's own validation", () => {
  it.each(DETAILS)("Slack, %s detail: one idea and a digest", (detail) => {
    for (const ideas of [[hostile], burst]) {
      const message = slackMessage(entry(ideas), detail);
      expect(slackBodyError({ text: message.text, blocks: JSON.stringify(message.blocks) })).toBeNull();
    }
  });

  it("a cut never leaves half an entity", () => {
    for (let n = 1; n < 40; n++) {
      const text = `${"a".repeat(n)}${"\\&".repeat(500)}`;
      const slack = JSON.stringify(slackMessage(entry([idea(1, { skills: [text], summary: text })])).blocks);
      expect(slack).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?…/);
    }
  });

  it("the minimal form has no link", () => {
    const slackMinimal = JSON.stringify(slackMessage(entry([idea(1)]), "minimal").blocks);
    expect(slackMinimal).not.toContain("<https://");
  });
});

describe("personal alerts by direct message on Slack", () => {
  type Section = { type: string; text?: { text: string }; elements?: Array<{ text: string }> };
  const skills = { matched: ["Rust"], missing: ["Go"] };
  /** A personal alert's outbox entry for `userId` (a digest above one idea, as alertPayload makes them). */
  const alertEntry = (ideas: AnnouncedIdea[], userId: string, id: number, more?: number): OutboxEntry => ({
    ...entry(ideas, id),
    subscription: { id: 900, platform: "slack", workspaceId: "T0001", channelId: userId, kind: "dm" },
    payload: { kind: ideas.length > 1 || more ? "digest" : "idea", ideas, alert: { skills: ["Rust", "Go"], ...(more ? { more } : {}) } },
  });
  const opensFor = (userId: string) => slack.opens.filter((o) => o.users === userId).length;

  it("opens the person's DM with conversations.open and posts there with the outbox key; it says why the idea fits and cannot ping", async () => {
    const e = alertEntry([idea(1, { title: "<!channel> Rust <@U1> idea", project: "<!here>", mentors: ["<@U99>"], ...skills })], "U0000DM1", 101);
    const { messageId } = await slackSink().post(e);
    expect(slack.opens.filter((o) => o.users === "U0000DM1")).toEqual([{ users: "U0000DM1" }]);
    const dm = slack.dmChannel("U0000DM1")!;
    expect(dm).toMatch(/^D/);
    expect(slack.posts.filter((p) => p.channel === "U0000DM1")).toHaveLength(0);
    const [message] = slack.messages.get(dm)!;
    expect(message!.ts).toBe(messageId);
    expect(message!.metadata).toEqual({ event_type: "ideas_bot_announcement", event_payload: { outbox_id: e.key, idea_ids: e.ideaIds } });
    expect(message!.text).toBe("New idea for your skills: &lt;!channel&gt; Rust &lt;@U1&gt; idea (&lt;!here&gt;)");
    const blocks = JSON.stringify(message!.blocks);
    expect(blocks).toContain("New idea for your skills");
    expect(blocks).toContain("You have: Rust · To learn: Go");
    expect(blocks).toContain(escapeSlack(ALERT_FOOTER));
    expect(`${message!.text}${blocks}`).not.toMatch(/<!|<@/);
  });

  it("a second alert for the same person reuses the DM channel: one conversations.open", async () => {
    const sink = slackSink();
    await sink.post(alertEntry([idea(1, skills)], "U0000DM2", 102));
    await sink.post(alertEntry([idea(2, skills)], "U0000DM2", 103));
    expect(opensFor("U0000DM2")).toBe(1);
    const dm = slack.dmChannel("U0000DM2")!;
    expect(slack.messages.get(dm)!.map((m) => m.metadata?.event_payload.outbox_id)).toEqual([entry([], 102).key, entry([], 103).key]);
  });

  it("a remembered DM channel Slack no longer knows (channel_not_found) is opened again once", async () => {
    const sink = slackSink();
    await sink.post(alertEntry([idea(1, skills)], "U0000DM9", 104));
    slack.messages.delete(slack.dmChannel("U0000DM9")!);
    await sink.post(alertEntry([idea(2, skills)], "U0000DM9", 105));
    expect(opensFor("U0000DM9")).toBe(2);
    expect(slack.messages.get(slack.dmChannel("U0000DM9")!)).toHaveLength(1);
  });

  it("cannot_dm_bot is forbidden; user_not_found, user_disabled and account_inactive from conversations.open are gone, each naming the code", async () => {
    const sink = slackSink();
    slack.cannotDm.add("U0000DM3");
    await expect(sink.post(alertEntry([idea(1, skills)], "U0000DM3", 106))).rejects.toMatchObject({
      name: "ChannelUnavailableError",
      reason: "forbidden",
      message: "the person cannot get direct messages from the bot (cannot_dm_bot)",
    });
    // Refused on the post to a DM opened before.
    await sink.post(alertEntry([idea(1, skills)], "U0000DM4", 107));
    slack.cannotDm.add("U0000DM4");
    const refused = await sink.post(alertEntry([idea(2, skills)], "U0000DM4", 108)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ChannelUnavailableError);
    expect(refused).toMatchObject({ reason: "forbidden", message: expect.stringContaining("cannot_dm_bot") });
    slack.goneUsers.add("U0000DM5");
    await expect(sink.post(alertEntry([idea(1, skills)], "U0000DM5", 109))).rejects.toMatchObject({ reason: "gone", message: "the person cannot get direct messages from the bot (user_not_found)" });
    for (const code of ["user_disabled", "account_inactive"]) {
      slack.openErrors.set("U0000DM6", code);
      const error = await sink.post(alertEntry([idea(1, skills)], "U0000DM6", 110)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ChannelUnavailableError);
      expect(error).toMatchObject({ reason: "gone", message: expect.stringContaining(`(${code})`) });
    }
    slack.openErrors.delete("U0000DM6");
  });

  it("account_inactive keeps meaning a dead bot token: for a channel post, and for a DM when auth.test fails too", async () => {
    expect(classifySlackError("account_inactive")).toBeInstanceOf(RetryLaterError);
    slack.tokenInactive = true;
    try {
      await expect(slackSink().post(alertEntry([idea(1, skills)], "U0000DM7", 111))).rejects.toBeInstanceOf(RetryLaterError);
    } finally {
      slack.tokenInactive = false;
    }
  });

  it("alreadyPosted finds an alert's earlier post in the person's DM by its key, after a restart; without im:history it skips the lookup", async () => {
    const e = alertEntry([idea(1, skills)], "U0000DM8", 112);
    const { messageId } = await slackSink().post(e);
    const restarted = slackSink();
    expect(await restarted.alreadyPosted!(e)).toBe(messageId);
    expect(await restarted.alreadyPosted!(alertEntry([idea(1, skills)], "U0000DM8", 113))).toBeNull();
    slack.historyMissingScope = true;
    try {
      expect(await restarted.alreadyPosted!(e)).toBeNull();
    } finally {
      slack.historyMissingScope = false;
    }
    slack.cannotDm.add("U0000DMA");
    expect(await slackSink().alreadyPosted!(alertEntry([idea(1, skills)], "U0000DMA", 114))).toBeNull();
  });

  it("a digest alert lists every idea with its fit line, counts the rest, ends with the footer, within Slack's limits", async () => {
    const ideas = Array.from({ length: 7 }, (_, i) => idea(i + 1, { matched: ["Rust"], missing: [`Go${i + 1}`] }));
    const e = alertEntry(ideas, "U0000DMB", 115, 3);
    await slackSink().post(e);
    const [message] = slack.messages.get(slack.dmChannel("U0000DMB")!)!;
    expect(message!.text).toBe("10 new ideas for your skills (Rust, Go)");
    const blocks = message!.blocks as Section[];
    expect(blocks[0]!.text!.text).toBe("*10 new ideas for your skills*");
    const sections = blocks.filter((b) => b.type === "section").map((b) => b.text!.text).join("\n");
    for (let i = 1; i <= 7; i++) {
      expect(sections).toContain(`You have: Rust · To learn: Go${i}`);
      expect(sections).toContain(`\`${idea(i).id}\``);
    }
    expect(sections).toContain("…and 3 more for your skills");
    expect(blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: escapeSlack(ALERT_FOOTER) }] });
    expect(slackBodyError({ text: message!.text, blocks: JSON.stringify(message!.blocks) })).toBeNull();
  });

  it.each(DETAILS)("a hostile alert, %s detail, one idea and a digest, passes Slack's validation and cannot ping", (detail) => {
    const fit = { matched: Array.from({ length: 300 }, () => "<!channel> &"), missing: Array.from({ length: 300 }, () => "<@U1>") };
    for (const ideas of [[{ ...hostile, ...fit }], burst.map((i) => ({ ...i, ...fit }))]) {
      const message = slackMessage(alertEntry(ideas, "U0000DMC", 116, 40), detail);
      expect(slackBodyError({ text: message.text, blocks: JSON.stringify(message.blocks) })).toBeNull();
      expect(message.blocks.length).toBeLessThanOrEqual(50);
      expect(JSON.stringify(message)).not.toMatch(/<!|<@/);
      expect(JSON.stringify(message.blocks)).toContain("You have:");
    }
  });
});
