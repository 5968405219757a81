import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { IdeaSchema } from "../../src/ideas/schema.ts";
import { fixture, fixturePath } from "../helpers.ts";

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
  "Description", "Mentor(s)", "Mentors", "Mentor", "Potential Mentors", "Likely mentors", "Metor(s)", "Mentors(s)", "Mentor[s]", "Mentor(-s)",
  "Recommended Skills", "Recommend Skills", "Required skills", "Skills", "Technologies",
  "Upstream Issue", "Upstream Issue (URL)", "Issue", "Issues", "Relevant Issues", "Issue Link", "GitHub Issue", "LFX URL",
  "Expected outcome", "Project goals", "Difficulty", "TODO",
];
const LABEL_STYLES: Array<(label: string) => string> = [
  (l) => `${l}:`, (l) => `**${l}**:`, (l) => `**${l}:**`, (l) => `${l}\\*\\*:`, (l) => l, (l) => `${l}：`, (l) => `__${l}__:`, (l) => `*${l}*`,
];
const WORDS = [
  "Kubernetes", "golang", "k8s", "Rust", "Go", "@handle", "@a-b", "Jane Doe (@jane)", "Li Lei (lilei, li@x.org) - primary", "mail@x.org",
  "<https://github.com/o/r/issues/1>", "https://github.com/o/r/issues/2", "o/r#3", "[x](https://github.com/x)", "[@y](https://github.com/y)",
  "[t](https://example.com/(paren))", "`code`", "TODO", "TBD", "，", "：", "、", "and", "&", "/", "ü", "é", "日本語", "🚀", "\u200b", "\u202e",
  "C++", "(a, b)", "(unclosed", "]", "**bold**", "*", "_", "\\*\\*", "<br>", "<!-- c -->", "<details>", "|", "#", "\\", "&amp;", "[^1]",
];
const HEADINGS = [
  "Proposed Project ideas", "Template", "Sample", "Table of contents", "TODO", "SIG Network", "Sub-project kubelet", "Expected outcome", "Project goals",
  "Background", "Recommended Skills", "Mentor(s)", "Orbit", "Nebula",
];

/** A document shaped like a real ideas file (projects, maybe groups, ideas with fields), with noise mixed in. */
function structured(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const words = (n: number) => Array.from({ length: 1 + Math.floor(random() * n) }, () => pick(WORDS)).join(pick([" ", ", "]));
  const base = 1 + Math.floor(random() * 4);
  const h = (d: number, text: string) => `${"#".repeat(Math.min(6, d))} ${text}`;
  const out: string[] = [];
  for (let p = 0, np = 1 + Math.floor(random() * 2); p < np; p++) {
    out.push(h(base, random() < 0.1 ? pick(HEADINGS) : `Project ${words(2)}`));
    // Zero, one or two group levels ("SIG Node" then "Sub-project kubelet").
    const groups = random() < 0.3 ? 1 + Math.floor(random() * 2) : 0;
    for (let g = 1; g <= groups; g++) out.push(h(base + g, `${g === 1 ? "SIG" : "Sub-project"} ${words(1)}`));
    for (let i = 0, ni = 1 + Math.floor(random() * 3); i < ni; i++) {
      out.push(h(base + groups + 1, random() < 0.1 ? pick(HEADINGS) : random() < 0.2 ? `[${words(2)}](https://github.com/o/r/issues/${i})` : words(3)));
      for (let f = 0, nf = Math.floor(random() * 4); f < nf; f++) {
        const bullet = pick(["- ", "* ", "", "1. "]);
        const label = pick(LABEL_STYLES)(pick(LABELS));
        // Values are sometimes cut by a hard break (<br>, two spaces, a backslash) before more words.
        const broken = random() < 0.1 ? `${pick(["<br>", "  \n", "\\\n"])}${words(2)}` : "";
        if (random() < 0.25) out.push(`${bullet}${label}`, ...Array.from({ length: 1 + Math.floor(random() * 3) }, () => `  - ${words(3)}`));
        else out.push(`${bullet}${label} ${words(3)}${broken}`);
      }
      // Noise under an idea: a quote, a fenced template, a table, or a sub-section heading.
      if (random() < 0.2) out.push(pick(["> ### quoted\n> - Mentors: @q", "```\n#### fenced\n- Mentors: @f\n```", "| Title | Mentors |\n|---|---|\n| t | @m |", h(base + groups + 2, pick(HEADINGS))]));
    }
  }
  return out.join(pick(["\n", "\n\n", "\r\n"]));
}

function generate(random: () => number): string {
  if (random() < 0.5) return structured(random);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const words = (n: number) => Array.from({ length: 1 + Math.floor(random() * n) }, () => pick(WORDS)).join(pick([" ", ", ", ""]));
  const lines: string[] = [];
  const indent = () => pick(["", "", "  ", "    ", "      ", "\t"]);
  for (let i = 0, n = Math.floor(random() * 14); i < n; i++) {
    const r = random();
    if (r < 0.2) lines.push(`${"#".repeat(1 + Math.floor(random() * 7))}${pick([" ", "  ", ""])}${random() < 0.3 ? pick(HEADINGS) : words(4)}${pick(["", " #", " ##"])}`);
    else if (r < 0.5) lines.push(`${indent()}${pick(["- ", "* ", "+ ", "1. ", "", "> - "])}${pick(LABEL_STYLES)(pick(LABELS))} ${random() < 0.2 ? "" : words(5)}`);
    else if (r < 0.6) lines.push(`${indent()}${pick(["- ", "* ", "1) "])}${words(4)}`);
    else if (r < 0.67) lines.push(`${">".repeat(1 + Math.floor(random() * 3))} ${pick(["", "## ", "- ", "```"])}${words(6)}`);
    else if (r < 0.72) lines.push(pick(["```", "```md", "~~~", "````", "    code"]));
    else if (r < 0.78) {
      const header = pick(["| Project | Title | Mentors |", "| Title | Mentors | Skills |", "| Project | Idea | Issue |", `| ${words(1)} | ${words(1)} |`]);
      lines.push(header, pick(["|---|---|---|", "|-|", ""]));
      for (let k = Math.floor(random() * 3); k > 0; k--) lines.push(`| ${words(2)} | ${words(2)} | ${words(3)} |`);
    } else if (r < 0.81) lines.push(pick(["---", "***", "===", "", "<br/>", "[ref]: https://example.com"]));
    else lines.push(words(10));
  }
  return lines.join(pick(["\n", "\n\n", "\r\n", "\r"]));
}

/** Byte-level damage to a real-looking document: truncation, deletion, duplication, junk characters. */
function mutate(text: string, random: () => number): string {
  let out = text;
  for (let i = 0, n = 1 + Math.floor(random() * 6); i < n; i++) {
    const at = Math.floor(random() * (out.length + 1));
    const r = random();
    if (r < 0.2) out = out.slice(0, at);
    else if (r < 0.4) out = out.slice(0, at) + out.slice(at + Math.floor(random() * 200));
    else if (r < 0.6) out = out.slice(0, at) + out.slice(Math.max(0, at - 300), at) + out.slice(at);
    else if (r < 0.75) out = out.slice(0, at) + String.fromCharCode(Math.floor(random() * 0x10000)) + out.slice(at);
    else if (r < 0.9) out = out.slice(0, at) + ["#", "\n", "- ", "> ", "```", "|", "**", ":", "：", "(", ")", "@", "\u0000", "\uFEFF"][Math.floor(random() * 14)]! + out.slice(at);
    else out = out.replace(/^#+/gm, (h) => "#".repeat(Math.max(1, Math.min(7, h.length + (random() < 0.5 ? -1 : 1)))));
  }
  return out;
}

/**
 * A run of a fixture's lines (all of it when short), so thousands of mutations stay fast; a run cut
 * from the middle gets a project heading, so it still reaches the idea-building code.
 */
function excerpt(text: string, random: () => number): string {
  const lines = text.split("\n");
  const length = Math.min(lines.length, 12 + Math.floor(random() * 36));
  const start = Math.floor(random() * (lines.length - length + 1));
  const run = lines.slice(start, start + length).join("\n");
  return start > 0 && random() < 0.7 ? `### Orbit\n\n${run}` : run;
}

let ideasSeen = 0;

function check(markdown: string): void {
  const { ideas, warnings } = parseIdeas(markdown, { source: "fuzz" });
  ideasSeen += ideas.length;
  const lineCount = markdown.split(/\r\n|\r|\n/).length;
  const ids = new Set<string>();
  for (const idea of ideas) {
    IdeaSchema.parse(idea);
    if (idea.line > lineCount) throw new Error(`line ${idea.line} beyond the document's ${lineCount} lines`);
    if (ids.has(idea.id)) throw new Error(`duplicate id ${idea.id}`);
    ids.add(idea.id);
  }
  if (!Array.isArray(warnings) || warnings.some((w) => typeof w !== "string")) throw new Error("warnings are not strings");
}

function run(label: string, doc: string): void {
  try {
    check(doc);
  } catch (error) {
    throw new Error(`${label} failed: ${(error as Error).message}\n---\n${JSON.stringify(doc.slice(0, 2_000))}`);
  }
}

const FIXTURES = readdirSync(fixturePath("ideas"))
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((f) => fixture(`ideas/${f}`));

/** Lower bounds on the ideas the runs produce (measured, then halved): guards against a generator that stops exercising the parser. */
// Seeded, so the counts are fixed (about 1,150 from excerpts): a floor well below catches a generator that stops reaching ideas.
const IDEAS_FLOOR = { generated: 1_100, mutated: 1_000 };

describe("parseIdeas under fuzzing", () => {
  it("has fixtures to mutate", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(10);
  });

  it("never throws on 2,000 generated documents; every idea passes the schema, ids are unique, lines are in range", () => {
    ideasSeen = 0;
    for (let seed = 1; seed <= 2_000; seed++) run(`generated document #${seed}`, generate(prng(seed)));
    // The generator must reach the idea-building code, not only the "no ideas" path.
    expect(ideasSeen).toBeGreaterThan(IDEAS_FLOOR.generated);
  });

  it("never throws on 1,000 mutations and truncations of excerpts of the fixtures", () => {
    ideasSeen = 0;
    for (let seed = 1; seed <= 1_000; seed++) {
      const random = prng(100_000 + seed);
      const base = FIXTURES[seed % FIXTURES.length]!;
      run(`mutation #${seed}`, mutate(excerpt(base, random), random));
    }
    expect(ideasSeen).toBeGreaterThan(IDEAS_FLOOR.mutated);
  });

  it("never throws on every prefix of a fixture, cut at each line", () => {
    const base = fixture("ideas/scaffolding.md");
    const lines = base.split("\n");
    for (let n = 0; n <= lines.length; n++) run(`prefix of ${n} lines`, lines.slice(0, n).join("\n"));
  });

  it("survives inputs that are not markdown at all", () => {
    const random = prng(7);
    const bytes = Array.from({ length: 4_000 }, () => String.fromCharCode(Math.floor(random() * 256))).join("");
    for (const junk of [
      "", "\u0000\u0001\u0002", bytes, "#".repeat(10_000), "- ".repeat(5_000), "[".repeat(3_000), "(".repeat(3_000) + "@a",
      "> ".repeat(2_000) + "x", "  ".repeat(2_000) + "- Mentors: @x", "\uFEFF# A\n#### B\n- Mentors: @x", "\uD800\uD800\uDC00",
      "| a |\n|---|\n" + "| x |\n".repeat(2_000),
    ]) run(`junk ${JSON.stringify(junk.slice(0, 20))}`, junk);
  });
});
