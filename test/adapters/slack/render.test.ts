import { describe, expect, it } from "vitest";
import { channelMention, escapeText, link } from "../../../adapters/slack/escape.ts";
import { LIMITS, renderReply, type Block } from "../../../adapters/slack/render.ts";
import type { Idea } from "../../../src/ideas/schema.ts";
import { toCard, type Reply } from "../../../src/reply.ts";

const long = (word: string, n: number) => Array.from({ length: n }, (_, i) => `${word}${i}`).join(" ");

function hugeIdea(i: number): Idea {
  return {
    id: `huge-${String(i).padStart(6, "0")}`,
    term: "lfx-2026-3",
    stage: "accepted",
    project: long("Project", 50),
    group: long("Group", 20),
    title: long("Title", 200),
    description: long("Describe <!channel> & more", 2_000),
    descriptionMarkdown: "",
    skills: Array.from({ length: 200 }, (_, k) => `Skill ${k}`),
    canonicalSkills: [],
    mentors: Array.from({ length: 100 }, (_, k) => ({ name: `Mentor <@U${k}>`, handle: `m${k}` })),
    issues: ["https://github.com/o/r/issues/1"],
    links: [],
    extra: Array.from({ length: 20 }, (_, k) => ({ label: `Extra ${k}`, text: long("x", 1_000) })),
    source: "s",
    line: 1,
  };
}

function sectionTexts(blocks: Block[]): string[] {
  return blocks.flatMap((b) => [(b.text as { text?: string } | undefined)?.text ?? "", ...((b.elements as Array<{ text?: string | { text: string } }> | undefined) ?? []).map((e) => (typeof e.text === "string" ? e.text : e.text?.text ?? ""))]);
}

describe("Slack rendering limits", () => {
  const cards: Reply = {
    kind: "cards",
    heading: long("Heading", 500),
    cards: [1, 2, 3, 4, 5].map((i) => toCard(hugeIdea(i))),
    page: 2,
    pageCount: 3,
    total: 15,
    note: long("note", 800),
    continuation: { command: "search", input: { query: "x" } },
  };

  it("keeps cards within 50 blocks, 3,000 characters a section, 75 a button label", () => {
    const { blocks, text } = renderReply(cards, { token: "tok1234567" });
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    for (const t of sectionTexts(blocks)) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
    const actions = blocks.filter((b) => b.type === "actions").flatMap((b) => b.elements as Array<{ text: { text: string }; value: string }>);
    expect(actions.map((a) => a.text.text)).toEqual(["◀ Previous", "Next ▶", "Share in channel"]);
    for (const a of actions) {
      expect(a.text.text.length).toBeLessThanOrEqual(LIMITS.buttonText);
      expect(a.value.length).toBeLessThanOrEqual(LIMITS.buttonValue);
    }
    expect(text.length).toBeLessThanOrEqual(LIMITS.fallbackText);
    expect(JSON.stringify(blocks)).not.toMatch(/<!channel>|<@U\d/);
  });

  it("keeps one huge idea within limits, with a header of at most 150 characters", () => {
    const idea = hugeIdea(1);
    const { blocks } = renderReply({ kind: "idea", idea, card: toCard(idea) }, { token: "t" });
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const header = blocks.find((b) => b.type === "header") as { text: { text: string } };
    expect(header.text.text.length).toBeLessThanOrEqual(LIMITS.headerText);
    for (const t of sectionTexts(blocks)) expect(t.length).toBeLessThanOrEqual(LIMITS.sectionText);
  });

  it("splits long listings over sections and says how many more there are", () => {
    const reply: Reply = { kind: "message", tone: "info", text: "Projects", lines: Array.from({ length: 20_000 }, (_, i) => `Project number ${i} (3)`) };
    const { blocks } = renderReply(reply);
    expect(blocks.length).toBeLessThanOrEqual(LIMITS.blocks);
    const last = JSON.stringify(blocks[blocks.length - 1]);
    expect(last).toMatch(/…and \d+ more/);
  });

  it("has no buttons on a shared copy, and names the sharer as plain text", () => {
    const { blocks } = renderReply(cards, { sharedBy: "<@U1> ada" });
    expect(blocks.some((b) => b.type === "actions" || b.accessory)).toBe(false);
    expect(JSON.stringify(blocks)).toContain("Shared by &lt;@U1&gt; ada");
  });
});

describe("escaping", () => {
  it("escapes &, < and > so no mention or link can be produced", () => {
    expect(escapeText("<!here> <@U1> <#C1|x> a & b")).toBe("&lt;!here&gt; &lt;@U1&gt; &lt;#C1|x&gt; a &amp; b");
  });

  it("makes a channel line's channel a mention only when it is a channel id; the text stays escaped", () => {
    expect(channelMention("C0123ABCD")).toBe("<#C0123ABCD>");
    expect(channelMention("<!here>")).toBe("#&lt;!here&gt;");
    const { blocks } = renderReply({ kind: "message", tone: "info", text: "x", lines: [{ channelId: "C0123ABCD", text: "<!channel> every new idea" }, { channelId: "C1|<!here>", text: "y" }] });
    const shown = JSON.stringify(blocks);
    expect(shown).toContain("<#C0123ABCD>: &lt;!channel&gt; every new idea");
    expect(shown).toContain("#C1|&lt;!here&gt;: y");
    expect(shown).not.toMatch(/<!(here|channel)>/);
  });

  it("links only http(s) URLs, and keeps the label from closing the link", () => {
    expect(link("https://github.com/o/r/issues/1", "Title | <!channel>")).toBe("<https://github.com/o/r/issues/1|Title ¦ &lt;!channel&gt;>");
    expect(link("javascript:alert(1)", "x")).toBe("x");
    expect(link("https://x.org/a|<!channel>", "x")).toBe("x");
    expect(link(null, "plain")).toBe("plain");
  });
});
