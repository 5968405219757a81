import { describe, expect, it } from "vitest";
import type { AnnouncedIdea } from "../../src/announce/message.ts";
import { ChannelUnavailableError, RejectedError, RetryLaterError } from "../../src/announce/sink.ts";
import { classifyDiscordError, createDiscordSink, discordMessage, discordNonce, discordText, snowflakeAt } from "../../src/announce/sinks/discord.ts";
import { createSlackSink, escapeSlack, slackLink, slackMessage } from "../../src/announce/sinks/slack.ts";
import type { OutboxEntry } from "../../src/store/store.ts";
import { DETAILS } from "../../src/announce/sink.ts";
import { discordBodyErrors, slackBodyError } from "./fake-platforms.ts";

const idea = (n: number, extra: Partial<AnnouncedIdea> = {}): AnnouncedIdea => ({
  id: `proj-${String(n).padStart(6, "0")}`,
  title: `Idea number ${n} with a reasonably long title to fill the digest`,
  project: "Project",
  group: null,
  url: `https://github.com/o/r/issues/${n}`,
  skills: ["Go", "Kubernetes", "Rust", "Python"],
  mentors: ["Ada (@ada)"],
  summary: "Summary.",
  source: "s",
  ...extra,
});

const entry = (ideas: AnnouncedIdea[], id = 1): OutboxEntry => ({
  id,
  key: `abcdef01-${id.toString(36)}`,
  subscription: { id: 1, platform: "discord", workspaceId: "G", channelId: "C" },
  ideaIds: ideas.map((i) => i.id),
  payload: { kind: ideas.length > 5 ? "digest" : "idea", ideas },
  attempts: 1,
  createdAt: Date.now(),
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
    const [embed] = discordMessage(entry([hostile])).embeds;
    expect(embed!.title.length).toBeLessThanOrEqual(256);
    expect(embed!.title.startsWith("@\u200beveryone")).toBe(true);
    expect(embed!.url).toBeUndefined();
    for (const field of embed!.fields ?? []) expect(field.value.length).toBeLessThanOrEqual(1024);
    expect((embed!.description ?? "").length).toBeLessThanOrEqual(4096);
  });

  it("nonces fit in 25 characters even for the largest outbox id", () => {
    expect(discordNonce(entry([idea(1)], Number.MAX_SAFE_INTEGER)).length).toBeLessThanOrEqual(25);
    expect(discordNonce(entry([idea(1)], 1))).toBe("ib-abcdef01-1");
  });

  it("breaks mentions and markdown in text from files", () => {
    expect(discordText("@everyone and @here <@123> <#9> [x](https://evil) *b*")).toBe("@\u200beveryone and @\u200bhere <\u200b@123> <\u200b#9> \\[x\\](https://evil) \\*b\\*");
    const message = discordMessage(entry([idea(1, { title: "Ping @everyone", project: "<@&42>", mentors: ["@here"] })]));
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(JSON.stringify(message)).not.toMatch(/@everyone|@here|<@/);
  });

  it("a digest of many ideas stays within the embed limits, saying how many more", () => {
    const message = discordMessage(entry(Array.from({ length: 200 }, (_, i) => idea(i + 1))));
    const description = message.embeds[0]!.description!;
    expect(description.length).toBeLessThanOrEqual(4096);
    expect(description).toMatch(/…and \d+ more$/);
    expect(message.content).toBe("200 new project ideas");
  });

  it("omits a link that is not http(s)", () => {
    const message = discordMessage(entry([idea(1, { url: "javascript:alert(1)" })]));
    expect(message.embeds[0]!.url).toBeUndefined();
  });

  it("classifies discord.js-style errors too", () => {
    expect(classifyDiscordError({ name: "DiscordAPIError", status: 404, code: 10003, message: "Unknown Channel" })).toBeInstanceOf(ChannelUnavailableError);
    expect(classifyDiscordError({ name: "DiscordAPIError", status: 403, code: 50013, message: "Missing Permissions" })).toMatchObject({ reason: "forbidden" });
    expect(classifyDiscordError({ name: "RateLimitError", retryAfter: 1500, message: "limited" })).toMatchObject({ retryAfterMs: 1500 });
    expect(classifyDiscordError(new TypeError("fetch failed"))).toBeInstanceOf(RetryLaterError);
    expect(classifyDiscordError({ name: "DiscordAPIError", status: 400, code: 50035, message: "Invalid Form Body" })).toBeInstanceOf(RejectedError);
  });

  it("alreadyPosted looks at messages since the entry was written", async () => {
    const paths: string[] = [];
    const e = entry([idea(1)]);
    const sink = createDiscordSink({
      post: async () => ({ id: "1" }),
      get: async (path) => {
        paths.push(path);
        return [{ id: "77", embeds: [{ footer: { text: `/ideas show x · ${discordNonce(e)}` } }] }];
      },
    });
    expect(await sink.alreadyPosted!(e)).toBe("77");
    expect(paths[0]).toBe(`/channels/C/messages?limit=100&after=${snowflakeAt(e.createdAt - 60_000)}`);
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


describe("every form of a hostile announcement passes the platforms' own validation", () => {
  const hostile = idea(1, {
    title: `@everyone ${"\\".repeat(300)}`,
    project: `${"<&>".repeat(400)}`,
    skills: Array.from({ length: 300 }, () => "*_`|\\"),
    mentors: Array.from({ length: 300 }, () => "[x](y) <@1> &amp;"),
    summary: "\\*".repeat(3000),
    url: `https://github.com/o/r/issues/1?${"q".repeat(3000)}`,
  });
  const burst = [hostile, ...Array.from({ length: 60 }, (_, i) => idea(i + 2, { title: "&<>\\".repeat(100) }))];

  it.each(DETAILS)("Discord, %s detail: one idea and a digest", (detail) => {
    for (const ideas of [[hostile], burst]) expect(discordBodyErrors(discordMessage(entry(ideas), detail) as unknown as Record<string, unknown>)).toBeNull();
  });

  it.each(DETAILS)("Slack, %s detail: one idea and a digest", (detail) => {
    for (const ideas of [[hostile], burst]) {
      const message = slackMessage(entry(ideas), detail);
      expect(slackBodyError({ text: message.text, blocks: JSON.stringify(message.blocks) })).toBeNull();
    }
  });

  it("a cut never leaves half an escape: no lone backslash before the ellipsis on Discord, no half entity on Slack", () => {
    for (let n = 1; n < 40; n++) {
      const text = `${"a".repeat(n)}${"\\&".repeat(500)}`;
      const discord = discordMessage(entry([idea(1, { skills: [text], summary: text })]));
      for (const value of [discord.embeds[0]!.description!, ...discord.embeds[0]!.fields!.map((f) => f.value)]) {
        const slashes = /(\\*)…$/.exec(value)?.[1]!.length ?? 0;
        expect(slashes % 2).toBe(0);
      }
      const slack = JSON.stringify(slackMessage(entry([idea(1, { skills: [text], summary: text })])).blocks);
      expect(slack).not.toMatch(/&(?:a|am|amp|l|lt|g|gt)?…/);
    }
  });

  it("shorter forms carry less: the minimal form has no link and only the project field", () => {
    const [full] = discordMessage(entry([hostile]), "full").embeds;
    const [minimal] = discordMessage(entry([hostile]), "minimal").embeds;
    expect(JSON.stringify(minimal).length).toBeLessThan(JSON.stringify(full).length / 2);
    expect(minimal!.fields!.map((f) => f.name)).toEqual(["Project"]);
    expect(minimal!.url).toBeUndefined();
    const slackMinimal = JSON.stringify(slackMessage(entry([idea(1)]), "minimal").blocks);
    expect(slackMinimal).not.toContain("<https://");
  });
});
