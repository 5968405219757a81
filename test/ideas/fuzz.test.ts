import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { IdeaSchema } from "../../src/ideas/schema.ts";
import { fixture } from "../helpers.ts";

/** mulberry32: a tiny seeded PRNG, so a failing document can be regenerated from its number. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LABELS = [
  "Description", "Recommended Skills", "Mentor(s)", "Mentors", "Metor(s)", "Potential Mentors", "Upstream Issue (URL)",
  "Issue", "Relevant Issues", "LFX URL", "Skills", "Technologies", "Expected outcome", "Difficulty", "TODO",
];
const WORDS = ["Kubernetes", "golang", "k8s", "Rust", "@handle", "Jane Doe (@jane)", "<https://github.com/o/r/issues/1>", "[x](https://github.com/x)", "`code`", "TODO", "，", "：", "ü", "🚀", "C++", "(a, b)", "**bold**", "\\*\\*", "<!channel>", "@everyone"];

function generate(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const words = (n: number) => Array.from({ length: 1 + Math.floor(random() * n) }, () => pick(WORDS)).join(" ");
  const lines: string[] = [];
  for (let i = 0, n = Math.floor(random() * 40); i < n; i++) {
    const r = random();
    if (r < 0.2) lines.push(`${"#".repeat(1 + Math.floor(random() * 6))} ${words(4)}`);
    else if (r < 0.55) {
      const indent = "  ".repeat(Math.floor(random() * 3));
      const bold = random() < 0.3;
      const label = pick(LABELS);
      lines.push(`${indent}${pick(["- ", "* ", "1. ", ""])}${bold ? `**${label}**` : label}${pick([":", "：", "", ":**"])} ${words(5)}`);
    } else if (r < 0.65) lines.push(`> ${pick(["", "## ", "- "])}${words(6)}`);
    else if (r < 0.72) lines.push(pick(["```", "```md", "~~~"]));
    else if (r < 0.78) lines.push(`| ${pick(["Project", "Title", "Mentors"])} | ${words(2)} | ${words(2)} |`, "|---|---|---|");
    else if (r < 0.82) lines.push("---");
    else lines.push(words(10));
  }
  return lines.join(pick(["\n", "\n\n", "\r\n"]));
}

/** Byte-level damage to a real-looking document: truncation, deletion, duplication, junk. */
function mutate(text: string, random: () => number): string {
  let out = text;
  for (let i = 0, n = 1 + Math.floor(random() * 6); i < n; i++) {
    const at = Math.floor(random() * out.length);
    const r = random();
    if (r < 0.25) out = out.slice(0, at);
    else if (r < 0.5) out = out.slice(0, at) + out.slice(at + Math.floor(random() * 200));
    else if (r < 0.75) out = out.slice(0, at) + out.slice(Math.max(0, at - 300), at) + out.slice(at);
    else out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 0xffff)) + out.slice(at);
  }
  return out;
}

function check(markdown: string): void {
  const { ideas, warnings } = parseIdeas(markdown, { source: "fuzz" });
  const lineCount = markdown.split(/\r\n|\r|\n/).length;
  const ids = new Set<string>();
  for (const idea of ideas) {
    IdeaSchema.parse(idea);
    expect(idea.line).toBeLessThanOrEqual(lineCount);
    expect(ids.has(idea.id)).toBe(false);
    ids.add(idea.id);
  }
  expect(Array.isArray(warnings)).toBe(true);
}

describe("parseIdeas under fuzzing", () => {
  it("never throws on 2,000 generated documents, and every idea passes the schema", () => {
    for (let seed = 1; seed <= 2_000; seed++) {
      const doc = generate(prng(seed));
      try {
        check(doc);
      } catch (error) {
        throw new Error(`generated document #${seed} failed: ${(error as Error).message}\n---\n${doc.slice(0, 2_000)}`);
      }
    }
  });

  it("never throws on 1,000 mutations of a real-looking file", () => {
    const base = fixture("catalog/small-ideas.md");
    for (let seed = 1; seed <= 1_000; seed++) {
      const doc = mutate(base, prng(seed));
      try {
        check(doc);
      } catch (error) {
        throw new Error(`mutation #${seed} failed: ${(error as Error).message}`);
      }
    }
  });

  it("survives inputs that are not markdown at all", () => {
    for (const junk of ["", "\u0000\u0001\u0002", "#".repeat(10_000), "- ".repeat(5_000), "[".repeat(3_000), "> ".repeat(2_000) + "x", "\uFEFF# A\n#### B\n- Mentors: @x"]) {
      check(junk);
    }
  });
});
