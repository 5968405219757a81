import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../../src/ideas/markdown.ts";
import { parseIdeas, type ParseResult } from "../../src/ideas/parse.ts";
import { IdeaSchema } from "../../src/ideas/schema.ts";
import { cpuMs, fixture, fixturePath } from "../helpers.ts";

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

function check(markdown: string): ParseResult {
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
  return { ideas, warnings };
}

function run(label: string, doc: string): ParseResult {
  try {
    return check(doc);
  } catch (error) {
    throw new Error(`${label} failed: ${(error as Error).message}\n---\n${JSON.stringify(doc.slice(0, 2_000))}`);
  }
}

const FIXTURES = readdirSync(fixturePath("ideas"))
  .filter((f) => f.endsWith(".md"))
  .sort()
  .map((f) => fixture(`ideas/${f}`));

/**
 * The seeded documents, in runs of a fixed size: each test does a bounded amount of work (a few
 * seconds of CPU), whatever else the machine is doing; the seeds together are the same 2,000
 * generated documents and 1,000 mutations.
 */
const RUN = 500;
const runs = (first: number, count: number) => Array.from({ length: count / RUN }, (_, i) => [first + i * RUN, first + (i + 1) * RUN - 1] as const);

/** Lower bounds on the ideas each run of 500 produces (measured, then halved): guards against a generator that stops exercising the parser. */
// Seeded, so the counts are fixed (459-496 per run of generated documents, 543-636 per run of
// mutations, when written): a floor well below catches a generator that stops reaching ideas.
const IDEAS_FLOOR = { generated: 275, mutated: 500 };

describe("parseIdeas under fuzzing", () => {
  it("has fixtures to mutate", () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(10);
  });

  for (const [first, last] of runs(1, 2_000)) {
    it(`never throws on generated documents #${first}-${last} (of 2,000); every idea passes the schema, ids are unique, lines are in range`, () => {
      ideasSeen = 0;
      for (let seed = first; seed <= last; seed++) run(`generated document #${seed}`, generate(prng(seed)));
      // The generator must reach the idea-building code, not only the "no ideas" path.
      expect(ideasSeen).toBeGreaterThan(IDEAS_FLOOR.generated);
    });
  }

  for (const [first, last] of runs(1, 1_000)) {
    it(`never throws on mutations and truncations #${first}-${last} (of 1,000) of excerpts of the fixtures`, () => {
      ideasSeen = 0;
      for (let seed = first; seed <= last; seed++) {
        const random = prng(100_000 + seed);
        const base = FIXTURES[seed % FIXTURES.length]!;
        run(`mutation #${seed}`, mutate(excerpt(base, random), random));
      }
      expect(ideasSeen).toBeGreaterThan(IDEAS_FLOOR.mutated);
    });
  }

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

/**
 * The shapes of ideas files that once froze or crashed the bot (the hostile-input issue), scaled down
 * so a run stays fast. In production a file is parsed in a worker thread within a time and memory
 * budget (src/sources/parse-pool.ts); the parser itself should still cost about as much per byte at
 * any size. Each shape is a fragment of about `n` bytes; `inIdea` puts it below an idea's fields (a
 * field value, a paragraph or a block of the idea), where the files that hit it had it.
 */
interface HostileShape {
  name: string;
  fragment: (n: number) => string;
  inIdea: boolean;
  /** The size compared with twice it: some tens of milliseconds of parsing. */
  unit: number;
}

const hostileIdea = (fragment: string) => `# Ideas\n\n### Orbit\n\n#### Faster builds\n\n- Description: Make builds faster.\n- Mentor(s): Ada (@ada)\n${fragment}`;
const fill = (unit: string, n: number) => unit.repeat(Math.max(1, Math.floor(n / unit.length)));

/** A 5 MB single line, scaled: seeded words, handles, punctuation and labels, with no markup. */
function oneLine(n: number, tokens: readonly string[]): string {
  const random = prng(42);
  const out: string[] = [];
  for (let size = 0; size < n; ) {
    const token = tokens[Math.floor(random() * tokens.length)]!;
    out.push(token);
    size += token.length + 1;
  }
  return `\n${out.join(" ")}\n`;
}
const PLAIN_TOKENS = ["word", "@handle", "a.b", "(x)", "日本語", "Mentors:", "#3", "x,y", "C++", "—", "Ada"];
const MARKUP_TOKENS = ["word", "`code`", "**bold**", "[t](https://x.org)", "https://example.com/a/b", "_it_"];

/** What a host serves while down: an HTML maintenance page, not markdown. */
function maintenancePage(n: number): string {
  return [
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>503 Service Unavailable</title>',
    "<style>body { font-family: sans-serif; margin: 0 } .row { color: #333 } h1 { font-size: 2em }</style></head>",
    "<body><h1>We&rsquo;ll be back soon</h1>",
    "<p>Sorry for the inconvenience: we are performing some maintenance at the moment.</p>",
    fill('<div class="row"><a href="https://status.example.com/">status</a> <span>Retry-After: 120</span> # not a heading</div>\n', n),
    '<script>window.__data = {"ideas": [], "retry": true};</script></body></html>\n',
  ].join("\n");
}

/** Lines of list items, each indented by `indent(i)` levels, up to about n bytes. */
function listLines(n: number, indent: (i: number) => number): string {
  const out: string[] = [];
  for (let i = 0, size = 0; size < n; i++) {
    const line = `${"  ".repeat(indent(i))}- item ${i}`;
    out.push(line);
    size += line.length + 1;
  }
  return `\n${out.join("\n")}\n`;
}

/** Parsed in time about proportional to their size: twice the input must not cost much more than twice. */
const LINEAR_SHAPES: HostileShape[] = [
  { name: "a paragraph of x, a long run of spaces, y", fragment: (n) => `\nx${" ".repeat(n)}y\n`, inIdea: true, unit: 100_000 },
  { name: "Mentors: a.a.a… (no handle)", fragment: (n) => `- Mentors: ${fill("a.", n)}\n`, inIdea: true, unit: 80_000 },
  { name: "Upstream Issue: a.a.a… (no URL)", fragment: (n) => `- Upstream Issue: ${fill("a.", n)}\n`, inIdea: true, unit: 80_000 },
  { name: "a code block of thousands of lines", fragment: (n) => `\n\`\`\`\n${fill("  line\n", n)}\`\`\`\n`, inIdea: true, unit: 10_000 },
  { name: "a blockquote of thousands of lines", fragment: (n) => `\n${fill("> line\n", n)}`, inIdea: true, unit: 5_000 },
  { name: "a single long line of words", fragment: (n) => oneLine(n, PLAIN_TOKENS), inIdea: true, unit: 40_000 },
  { name: "an HTML maintenance page", fragment: maintenancePage, inIdea: false, unit: 120_000 },
  { name: "a run of [", fragment: (n) => fill("[", n), inIdea: false, unit: 4_000 },
  { name: "lists nested 40 deep, over and over", fragment: (n) => listLines(n, (i) => i % 40), inIdea: false, unit: 5_000 },
];

/**
 * Shapes remark itself (micromark) parses in more than linear time: a run of unmatched emphasis,
 * deep container nesting, and a long paragraph of inline markup cost up to about the square of their
 * size (a megabyte of `*a`, or 30 KB of nested list markers: minutes). No growth ratio is asserted for
 * them: in the bot the worker's budget bounds them (test/sources/parse-pool.test.ts,
 * test/sources/startup-hostile.test.ts). Here they are small, and the parser must add no more than a
 * constant factor to remark's own cost.
 */
const REMARK_BOUND_SHAPES: HostileShape[] = [
  { name: "a run of *a", fragment: (n) => fill("*a", n), inIdea: false, unit: 3_000 },
  { name: "nested > (blockquotes in blockquotes)", fragment: (n) => `${">".repeat(n)} deep\n`, inIdea: false, unit: 800 },
  { name: "nested list markers on one line (- - - x)", fragment: (n) => `${fill("- ", n)}x\n`, inIdea: false, unit: 500 },
  { name: "a list that nests one level deeper each item", fragment: (n) => listLines(n, (i) => i), inIdea: false, unit: 8_000 },
  { name: "a single long line of code spans, emphasis and links", fragment: (n) => oneLine(n, MARKUP_TOKENS), inIdea: true, unit: 8_000 },
];

const HOSTILE_SHAPES = [...LINEAR_SHAPES, ...REMARK_BOUND_SHAPES];
const hostileDocument = (shape: HostileShape, n: number) => (shape.inIdea ? hostileIdea(shape.fragment(n)) : shape.fragment(n));

/**
 * A generated document with hostile fragments in it: structured projects and ideas (the generator
 * above) with one shape (each in turn) or two, of random sizes up to their unit, right below a
 * generated idea or between projects. Well under 300 KB.
 */
function withHostile(seed: number): string {
  const random = prng(300_000 + seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const shapes = [HOSTILE_SHAPES[seed % HOSTILE_SHAPES.length]!, ...(random() < 0.3 ? [pick(HOSTILE_SHAPES)] : [])];
  const parts: string[] = [structured(random)];
  for (const shape of shapes) {
    parts.push(shape.fragment(Math.floor((shape.unit * (0.1 + 0.9 * random())) / shapes.length)));
    if (random() < 0.7) parts.push(structured(random));
  }
  return parts.join(pick(["\n", "\n\n", "\r\n"]));
}

function costMs(parse: (text: string) => unknown, text: string): number {
  const start = cpuMs();
  parse(text);
  return cpuMs() - start;
}

const parseHostile = (text: string) => parseIdeas(text, { source: "hostile" });

/**
 * How much more twice the input costs: the least CPU time at each size over runs interleaved (so a
 * spell of load or a garbage collection falls on both sizes alike), with a floor under the small
 * time. Linear is about 2, quadratic about 4. Three runs of each; when that says "over the limit",
 * three more, up to nine, each taking the least so far at each size: noise only adds time, so the
 * least of more runs is nearer the true cost of both sizes, while a quadratic cost stays about 4.
 * The caller has run both sizes once (JIT warm-up).
 */
function growth(small: string, large: string, limit: number): number {
  let a = Infinity;
  let b = Infinity;
  const ratio = () => b / Math.max(a, 10);
  for (let i = 0; i < 9 && (i < 3 || ratio() >= limit); i++) {
    a = Math.min(a, costMs(parseHostile, small));
    b = Math.min(b, costMs(parseHostile, large));
  }
  return ratio();
}

/** Linear, with room for noise. */
const GROWTH_LIMIT = 3.5;

// Seeded, so the count is fixed (127 when written; the floor is about half): a generator that stops reaching ideas fails it.
const HOSTILE_IDEAS_FLOOR = 60;

describe("parseIdeas on the hostile shapes of ideas files", () => {
  const documents = HOSTILE_SHAPES.length * 2;
  it(`never throws on ${documents} generated documents with hostile fragments; every idea passes the schema, ids are unique, lines are in range`, () => {
    ideasSeen = 0;
    for (let seed = 1; seed <= documents; seed++) {
      const doc = withHostile(seed);
      expect(doc.length).toBeLessThan(300_000);
      run(`hostile document #${seed}`, doc);
    }
    expect(ideasSeen).toBeGreaterThan(HOSTILE_IDEAS_FLOOR);
  });

  it("an HTML maintenance page gives no ideas", () => {
    expect(run("maintenance page", maintenancePage(20_000)).ideas).toEqual([]);
  });

  for (const shape of LINEAR_SHAPES) {
    it(`${shape.name}: the invariants hold at 1x and 2x, and 2x costs less than ${GROWTH_LIMIT}x the CPU time`, () => {
      const small = hostileDocument(shape, shape.unit);
      const large = hostileDocument(shape, 2 * shape.unit);
      expect(large.length).toBeLessThan(300_000);
      for (const [size, doc] of [["1x", small], ["2x", large]] as const) {
        const { ideas } = run(`${shape.name} (${size})`, doc);
        // The idea the hostile value or block belongs to is still read (a shape on its own has no idea).
        expect(ideas.some((i) => i.title === "Faster builds"), `${shape.name} (${size})`).toBe(shape.inIdea);
      }
      expect(growth(small, large, GROWTH_LIMIT), shape.name).toBeLessThan(GROWTH_LIMIT);
    });
  }

  for (const shape of REMARK_BOUND_SHAPES) {
    it(`${shape.name}: the invariants hold, and parsing costs about what remark alone does`, () => {
      const doc = hostileDocument(shape, shape.unit);
      const { ideas } = run(shape.name, doc);
      expect(ideas.some((i) => i.title === "Faster builds"), shape.name).toBe(shape.inIdea);
      let remark = Infinity;
      let whole = Infinity;
      for (let i = 0; i < 3; i++) {
        remark = Math.min(remark, costMs(parseMarkdown, doc));
        whole = Math.min(whole, costMs(parseHostile, doc));
      }
      // parseIdeas is remark's parse plus linear walks of its tree: about 1x remark on these.
      expect(whole, shape.name).toBeLessThan(2 * remark + 20);
    });
  }
});
