import { describe, expect, it } from "vitest";
import { ideaChoices, MAX_CHOICE_LENGTH, MAX_CHOICES, skillChoices, termChoices } from "../../../commands/autocomplete.ts";
import { CUSTOM_ID_MAX, decodeCustomId, encodeCustomId, type ComponentAction } from "../../../adapters/discord/custom-id.ts";
import { embedLength, fitEmbeds, LIMITS, notice, renderReply, sharedBy, type DiscordMessage } from "../../../adapters/discord/render.ts";
import { channelMention, joinWithin, noPings, safeUrl } from "../../../adapters/discord/text.ts";
import { Catalog } from "../../../src/catalog/catalog.ts";
import type { Idea } from "../../../src/ideas/schema.ts";
import { toCard, type Reply } from "../../../src/reply.ts";
import { smallCatalog } from "../../helpers.ts";

const OWNER = "444444444444444444";

/** A synthetic idea, every text field as long as `n` allows (built by hand, not parsed). */
function hugeIdea(i: number, n = 10_000): Idea {
  const words = (w: string, count: number) => Array.from({ length: count }, (_, k) => `${w}${k}`).join(" ");
  return {
    id: `project-${(0xa00000 + i).toString(16)}`,
    term: "lfx-2026-3",
    stage: "accepted",
    project: `Project ${i} ${"P".repeat(n)}`,
    group: `Group ${"G".repeat(n)}`,
    title: `Title ${i} ${words("title", n / 6)}`,
    description: words("description @everyone <@123456789012345678>", n / 40),
    descriptionMarkdown: words("**markdown** description", n / 20),
    skills: Array.from({ length: 300 }, (_, k) => `Skill ${k} ${"s".repeat(40)}`),
    canonicalSkills: [],
    mentors: Array.from({ length: 200 }, (_, k) => ({ name: `Mentor ${k} ${"m".repeat(30)}`, handle: `handle${k}` })),
    issues: [`https://github.com/example/project/issues/${i}`, ...Array.from({ length: 30 }, (_, k) => `https://github.com/example/project/issues/${i}${k}`)],
    links: [{ label: "LFX " + "L".repeat(200), url: "https://mentorship.lfx.linuxfoundation.org/project/" + "x".repeat(600) }],
    extra: Array.from({ length: 40 }, (_, k) => ({ label: `Extra ${k} ${"E".repeat(400)}`, text: `Text ${"t ".repeat(1000)}` })),
    source: `source-${"S".repeat(3000)}`,
    line: 42,
  };
}

function cardsReply(ideas: Idea[], extra: Partial<Extract<Reply, { kind: "cards" }>> = {}): Reply {
  return {
    kind: "cards",
    heading: `${ideas.length} ideas for "${"q".repeat(400)} @everyone"`,
    cards: ideas.map((idea) => ({ ...toCard(idea, { matched: idea.skills.slice(0, 150), missing: idea.skills.slice(150) }), summary: idea.description })),
    page: 2,
    pageCount: 3,
    total: 13,
    note: "n".repeat(5000),
    continuation: { command: "recommend", input: { skills: "go" } },
    ...extra,
  };
}

/** Every Discord limit a message must respect. */
function expectWithinLimits(message: DiscordMessage): void {
  expect(message.embeds.length).toBeLessThanOrEqual(LIMITS.embeds);
  expect(message.embeds.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(LIMITS.embedTotal);
  for (const embed of message.embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.title);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.description);
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
    expect(embed.author?.name.length ?? 0).toBeLessThanOrEqual(LIMITS.author);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.fields);
    for (const f of embed.fields ?? []) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
      expect(f.value.length).toBeGreaterThan(0);
      expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
    }
    if (embed.url) expect(() => new URL(embed.url!)).not.toThrow();
  }
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
  expect(message.components.length).toBeLessThanOrEqual(LIMITS.rows);
  for (const row of message.components) {
    expect(row.components.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
    for (const c of row.components) {
      if ("custom_id" in c && c.custom_id) expect(c.custom_id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
      if ("label" in c && c.label) expect(c.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
      if ("url" in c && c.url) expect(c.url.length).toBeLessThanOrEqual(LIMITS.buttonUrl);
      if ("options" in c && c.options) {
        expect(c.options.length).toBeLessThanOrEqual(LIMITS.selectOptions);
        for (const o of c.options) {
          expect(o.label.length).toBeLessThanOrEqual(LIMITS.optionText);
          expect(o.value.length).toBeLessThanOrEqual(LIMITS.optionText);
          expect(o.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.optionText);
        }
      }
    }
  }
}

describe("renderReply limits", () => {
  it("fits five huge cards with a huge heading and note into one message", () => {
    const message = renderReply(cardsReply([1, 2, 3, 4, 5].map((i) => hugeIdea(i))), { ownerId: OWNER, token: "tok1234567" });
    expectWithinLimits(message);
    // The header and the page in its footer survive; cuts end with an ellipsis, not mid-character.
    expect(message.embeds[0]!.footer!.text).toMatch(/^Page 2 of 3 · 13 ideas/);
    expect(message.embeds[1]!.title!.endsWith("…")).toBe(true);
    // Details menu, then Previous / Next / Share.
    const labels = message.components[1]!.components.map((c) => ("label" in c ? c.label : ""));
    expect(labels).toEqual(["Previous", "Next", "Share in channel"]);
  });

  it("never sends more than 10 embeds, even for a page of 20 cards", () => {
    const message = renderReply(cardsReply(Array.from({ length: 20 }, (_, i) => hugeIdea(i, 300))), { ownerId: OWNER, token: "tok1234567" });
    expectWithinLimits(message);
    expect(message.embeds.length).toBeLessThanOrEqual(10);
    // The Details menu offers only the cards that are shown.
    const menu = message.components[0]!.components[0]!;
    expect("options" in menu && menu.options.length).toBe(message.embeds.length - 1);
  });

  it("renders one huge idea: description within 4,096, at most 25 fields, link buttons within a row", () => {
    const idea = hugeIdea(7);
    const message = renderReply({ kind: "idea", idea, card: toCard(idea) }, { ownerId: OWNER });
    expectWithinLimits(message);
    const fields = message.embeds[0]!.fields ?? [];
    expect(fields.length).toBeLessThanOrEqual(25);
    expect(fields.map((f) => f.name).slice(0, 3)).toEqual(["Skills", "Mentors", "Links"]);
    expect(fields[0]!.value).toMatch(/^Skill 0 s+, Skill 1 .*…$/);
    // The description keeps the most room; extra sections that do not fit are left out.
    expect(message.embeds[0]!.description!.length).toBeGreaterThan(250);
    const buttons = message.components[0]!.components;
    expect(buttons[0]).toMatchObject({ label: "Share in channel", custom_id: `ideas:sharei:${OWNER}:${idea.id}` });
    // The 600+ character LFX URL is no button (Discord allows 512); the issue links are.
    expect(buttons.slice(1).every((b) => "url" in b && b.url!.startsWith("https://github.com/"))).toBe(true);
  });

  it("renders a long list message (every skill) within the description limit", () => {
    const lines = Array.from({ length: 2000 }, (_, i) => `Skill number ${i} (${i})`);
    const message = renderReply({ kind: "message", tone: "info", title: "T".repeat(1000), text: "x ".repeat(3000), lines }, { ownerId: OWNER });
    expectWithinLimits(message);
    expect(message.embeds[0]!.description).toMatch(/… and \d+ more$/);
    expect(message.components).toEqual([]);
  });

  it("colours errors red and keeps short lists one per line", () => {
    const message = renderReply({ kind: "message", tone: "error", text: "Nope.", lines: ["a", "b"] }, { ownerId: OWNER });
    expect(message.embeds[0]!.color).toBe(0xed4245);
    expect(message.embeds[0]!.description).toBe("Nope.\n\n• a\n• b");
  });

  it("shows You have / To learn for recommendations", () => {
    const catalog = smallCatalog();
    const idea = catalog.ideas[1]!;
    const reply: Reply = {
      kind: "cards",
      heading: "1 idea for Go",
      cards: [toCard(idea, { matched: ["Go"], missing: ["Kubernetes"] })],
      page: 1,
      pageCount: 1,
      total: 1,
      continuation: { command: "recommend", input: { skills: "go" } },
    };
    const card = renderReply(reply, { ownerId: OWNER, token: "tok1234567" }).embeds[1]!;
    expect(card.fields).toEqual(
      expect.arrayContaining([
        { name: "You have", value: "Go", inline: true },
        { name: "To learn", value: "Kubernetes", inline: true },
      ]),
    );
    expect(card.url).toBe("https://github.com/orbit/orbit/issues/2");
    expect(card.author?.name).toBe("Orbit");
  });

  it("the public copy has no paging or share buttons, and a Details menu for anyone", () => {
    const message = renderReply(cardsReply([hugeIdea(1, 200)]), { ownerId: OWNER, token: "tok1234567", publicCopy: true });
    expect(message.components).toHaveLength(1);
    expect(message.components[0]!.components[0]).toMatchObject({ custom_id: "ideas:details:-" });
  });

  it("a shared answer says so on a disabled button", () => {
    const message = renderReply(cardsReply([hugeIdea(1, 200)], { page: 1, pageCount: 1 }), { ownerId: OWNER, token: "tok1234567", shared: true });
    expect(message.components[1]!.components).toEqual([expect.objectContaining({ label: "Shared", disabled: true })]);
  });

  it("leaves out links that are not http(s) URLs", () => {
    const idea = { ...hugeIdea(2, 100), issues: [], links: [{ label: "bad", url: "javascript:alert(1)" }] };
    const card = { ...toCard(idea), url: "javascript:alert(1)" };
    const message = renderReply({ kind: "idea", idea, card }, { ownerId: OWNER });
    expect(message.embeds[0]!.url).toBeUndefined();
    expect(message.components[0]!.components).toHaveLength(1);
  });
});

describe("render helpers", () => {
  it("noPings breaks @everyone, @here and user and role mentions", () => {
    const out = noPings("@everyone @here <@123> <@!456> <@&789> mail@example.com");
    expect(out).not.toMatch(/@everyone|@here|<@!?&?\d+>/);
    expect(out).toContain("mail@example.com");
    expect(out.replace(/\u200b/g, "")).toBe("@everyone @here <@123> <@!456> <@&789> mail@example.com");
  });

  it("joinWithin keeps whole items and counts the rest", () => {
    expect(joinWithin(["a", "b", "c"], 100)).toBe("a, b, c");
    const out = joinWithin(Array.from({ length: 100 }, (_, i) => `item${i}`), 50);
    expect(out.length).toBeLessThanOrEqual(50);
    expect(out).toMatch(/^item0, item1, .*… and \d+ more$/);
    expect(joinWithin(["x".repeat(500)], 20).length).toBeLessThanOrEqual(20);
    expect(joinWithin(["x".repeat(500), "y"], 40).length).toBeLessThanOrEqual(40);
  });

  it("fitEmbeds cuts to 6,000 characters in all, longest text first", () => {
    const embeds = Array.from({ length: 12 }, (_, i) => ({ title: `t${i}`, description: "d".repeat(4000) }));
    const fitted = fitEmbeds(embeds);
    expect(fitted.length).toBeLessThanOrEqual(10);
    expect(fitted.reduce((n, e) => n + embedLength(e), 0)).toBeLessThanOrEqual(6000);
    expect(fitted.every((e) => e.title)).toBe(true);
  });

  it("safeUrl accepts http(s) only", () => {
    expect(safeUrl("https://x.org/a")).toBe("https://x.org/a");
    expect(safeUrl("ftp://x.org")).toBeUndefined();
    expect(safeUrl("not a url")).toBeUndefined();
    expect(safeUrl(null)).toBeUndefined();
  });

  it("sharedBy names the person without a mention", () => {
    expect(sharedBy("Ada")).toBe("Shared by **Ada**");
    expect(sharedBy("@everyone")).not.toContain("@everyone");
    // A display name with a masked link shows its text; no working link.
    expect(sharedBy("[Claim your Nitro gift](https://evil.example)")).toBe("Shared by **\\[Claim your Nitro gift\\](https://evil.example)**");
    expect(sharedBy("[a]( https://x.example )")).not.toMatch(/(?<!\\)\[a(?<!\\)\]/);
    expect(sharedBy("x".repeat(5000)).length).toBeLessThanOrEqual(2000);
  });

  it("notice is one embed", () => {
    expect(notice("hi").embeds).toHaveLength(1);
  });
});

describe("custom ids", () => {
  it("round-trips every action within 100 characters", () => {
    const actions: ComponentAction[] = [
      { kind: "page", token: "Ab_-12cdEF", page: 3 },
      { kind: "share", token: "Ab_-12cdEF", page: 1 },
      { kind: "share-idea", owner: OWNER, id: "kubearmor-fe86be" },
      { kind: "details", owner: OWNER },
      { kind: "details", owner: null },
    ];
    for (const action of actions) {
      const id = encodeCustomId(action);
      expect(id.length).toBeLessThanOrEqual(100);
      expect(decodeCustomId(id)).toEqual(action);
    }
  });

  it("rejects what the bot did not make", () => {
    for (const id of ["", "other:page:a:1", "ideas:page:a", "ideas:page:a:x", "ideas:nope:a:1", "ideas:sharei:1:bad id", `ideas:page:${"a".repeat(120)}:1`]) {
      expect(decodeCustomId(id)).toBeNull();
    }
  });
});

describe("autocomplete choices", () => {
  const catalog = smallCatalog();

  it("completes the last skill after a comma, keeping the list", () => {
    const choices = skillChoices(catalog, "go, kub");
    expect(choices[0]).toEqual({ name: "go, Kubernetes", value: "go, Kubernetes" });
    expect(choices.every((c) => c.value.startsWith("go, "))).toBe(true);
  });

  it("does not suggest a skill the list already names (k8s is Kubernetes)", () => {
    const choices = skillChoices(catalog, "k8s, ");
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.map((c) => c.value)).not.toContain("k8s, Kubernetes");
  });

  it("offers at most 25 choices of at most 100 characters, even for huge input", () => {
    for (const typed of ["", "a", "x".repeat(5000), `${"go, ".repeat(30)}ru`, "rust, " + "z".repeat(90)]) {
      const choices = skillChoices(catalog, typed);
      expect(choices.length).toBeLessThanOrEqual(MAX_CHOICES);
      for (const c of choices) {
        expect(c.name.length).toBeGreaterThan(0);
        expect(c.name.length).toBeLessThanOrEqual(MAX_CHOICE_LENGTH);
        expect(c.value.length).toBeLessThanOrEqual(MAX_CHOICE_LENGTH);
      }
    }
  });

  it("suggests terms: current and all first, then the terms with ideas, newest first, filtered by what was typed", () => {
    const terms = new Catalog([
      { ...hugeIdea(1, 50), term: "gsoc-2025", id: "a-000001" },
      { ...hugeIdea(2, 50), term: "lfx-2026-3", id: "a-000002" },
    ]);
    expect(termChoices(terms, "")).toEqual([
      { name: "current (LFX Mentorship 2026 Term 3)", value: "current" },
      { name: "all terms", value: "all" },
      { name: "LFX Mentorship 2026 Term 3 (1)", value: "lfx-2026-3" },
      { name: "Google Summer of Code 2025 (1)", value: "gsoc-2025" },
    ]);
    expect(termChoices(terms, "summer").map((c) => c.value)).toEqual(["gsoc-2025"]);
    expect(termChoices(terms, "x".repeat(500))).toEqual([]);
  });

  it("suggests ideas by title, valued by id", () => {
    const choices = ideaChoices(catalog, "schedulr");
    expect(choices[0]).toEqual({ name: "Scheduler plugin framework — Orbit", value: catalog.ideas[1]!.id });
  });

  it("cuts long titles to 100 characters", () => {
    const long = new Catalog([{ ...hugeIdea(1, 2000), skills: ["Go"], canonicalSkills: ["Go"] }]);
    const choices = ideaChoices(long, "");
    expect(choices).toHaveLength(1);
    expect(choices[0]!.name.length).toBeLessThanOrEqual(100);
    expect(choices[0]!.value).toBe(long.ideas[0]!.id);
  });
});

describe("no masked link from what a person typed", () => {
  const evil = "[Claim your Nitro gift](https://evil.example)";

  it("a note or a message that echoes the input shows the brackets, it does not link", () => {
    const cards = renderReply(cardsReply([hugeIdea(1, 50)], { note: `Not recognised: "${evil}".` }), { ownerId: OWNER });
    expect(cards.embeds[0]!.description).toContain("\\[Claim your Nitro gift\\](https://evil.example)");
    const message = renderReply({ kind: "message", tone: "error", text: `I don't know ${evil}.`, lines: [evil] }, { ownerId: OWNER });
    expect(message.embeds[0]!.description).not.toMatch(/(?<!\\)\[Claim your Nitro gift(?<!\\)\]\(/);
    expect(message.embeds[0]!.description).toContain("\\[Claim your Nitro gift\\]");
  });
});

describe("channel lines", () => {
  it("show a snowflake as a channel mention (a name, no ping) and anything else as text that cannot mention", () => {
    expect(channelMention("222222222222222222")).toBe("<#222222222222222222>");
    expect(channelMention("<@&1> @everyone")).not.toMatch(/<[@#]|@everyone/);
    const message = renderReply({ kind: "message", tone: "info", text: "x", lines: [{ channelId: "222222222222222222", text: "@here every new idea <#1>" }] }, { ownerId: "u" });
    const description = message.embeds[0]!.description!;
    expect(description).toContain("• <#222222222222222222>: ");
    expect(description).not.toMatch(/@here|<#1>/);
  });
});
