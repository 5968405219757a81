import { readFileSync } from "node:fs";
import Fuse from "fuse.js";
import MiniSearch from "minisearch";
import { Catalog } from "../src/catalog/catalog.ts";
import { parseSearchQuery } from "../src/catalog/query.ts";
import { recommendIdeas } from "../src/catalog/recommend.ts";
import { searchIdeas } from "../src/catalog/search.ts";
import { parseIdeas } from "../src/ideas/parse.ts";
import type { Idea } from "../src/ideas/schema.ts";
import { corpusFiles, judgments, scaledIdeas, SEED, seedIdeas } from "./data.ts";
import { fmt, ndcgAt, percentile, reciprocalRank, timeCalls } from "./metrics.ts";

/**
 * `npm run bench`: the figures the issues ask for, each beside the plain alternative, in one run.
 * Timings are wall-clock on this machine; compare columns within a run, not across machines.
 */

const FUSE_KEYS = ["title", "project", "group", "skills", "mentors.name", "mentors.handle", "description"];

/** A first page's worth of results and more: what a person sees, and what nDCG@5 and MRR read. */
const RESULTS = 10;

function ours(catalog: Catalog, query: string, limit = RESULTS): Idea[] {
  const parsed = parseSearchQuery(query);
  return parsed.ok ? searchIdeas(catalog, parsed.value, limit).hits.map((h) => h.idea) : [];
}

function plainFuse(ideas: Idea[]) {
  const fuse = new Fuse(ideas, { keys: FUSE_KEYS });
  return (query: string) => fuse.search(query).map((r) => r.item);
}

function plainMiniSearch(ideas: Idea[]) {
  const index = new MiniSearch<{ id: string; title: string; project: string; skills: string; mentors: string; description: string }>({
    fields: ["title", "project", "skills", "mentors", "description"],
  });
  index.addAll(ideas.map((i) => ({ id: i.id, title: i.title, project: i.project, skills: i.skills.join(" "), mentors: i.mentors.map((m) => `${m.name} ${m.handle ?? ""}`).join(" "), description: i.description })));
  const byId = new Map(ideas.map((i) => [i.id, i]));
  return (query: string) => index.search(query).map((r) => byId.get(r.id as string)!);
}

function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  "));
  console.log();
}

function benchParse(): void {
  const files = corpusFiles();
  console.log("## Parse");
  if (files.length === 0) {
    console.log("../shared/corpus not found: parse figures skipped.\n");
    return;
  }
  const seed = { name: "seed", text: readFileSync(SEED, "utf8") };
  const all = [seed, ...files];
  const bytes = all.reduce((n, f) => n + f.text.length, 0);
  const ideas = all.reduce((n, f) => n + parseIdeas(f.text, { source: f.name }).ideas.length, 0);
  const times = timeCalls([all], 10, (batch) => batch.forEach((f) => parseIdeas(f.text, { source: f.name })));
  console.log(`${all.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${ideas} ideas`);
  table([
    ["whole corpus", "median ms", "p99 ms", "ideas/s"],
    ["parseIdeas", fmt(percentile(times, 50), 1), fmt(percentile(times, 99), 1), fmt(ideas / (percentile(times, 50) / 1000), 0)],
  ]);
}

/** Mean nDCG@5 and MRR of one engine over judged cases. */
function score(run: (input: string) => Idea[], cases: Array<{ input: string; relevant: Record<string, number> }>): [number, number] {
  let ndcg = 0;
  let mrr = 0;
  for (const c of cases) {
    const ranked = run(c.input).map((i) => i.title);
    ndcg += ndcgAt(5, ranked, c.relevant);
    mrr += reciprocalRank(ranked, c.relevant);
  }
  return [ndcg / cases.length, mrr / cases.length];
}

function benchRelevance(seed: Idea[], file: string, label: string): void {
  console.log(`## Relevance: ${label} (${file})`);
  const j = judgments(file);
  const catalog = new Catalog(seed);
  const plain: Array<[string, (input: string) => Idea[]]> = [
    ["fuse.js (defaults)", plainFuse(seed)],
    ["MiniSearch (defaults)", plainMiniSearch(seed)],
  ];
  const searches = j.search.map((q) => ({ input: q.query, relevant: q.relevant, kind: q.kind }));
  const skillLists = j.recommend.map((q) => ({ input: q.skills, relevant: q.relevant, kind: q.kind }));
  const suites: Array<[string, typeof searches, (input: string) => Idea[]]> = [
    [`search: ${searches.length} queries`, searches, (q) => ours(catalog, q)],
    [`recommend: ${skillLists.length} skill lists`, skillLists, (s) => recommendIdeas(catalog, catalog.vocabulary.resolveList(s), RESULTS).map((r) => r.idea)],
  ];
  for (const [title, cases, run] of suites) {
    const rows = [[title, "nDCG@5", "MRR"]];
    for (const [name, engine] of [["ideas-bot", run] as const, ...plain]) rows.push([name, ...score(engine, cases).map((v) => fmt(v))]);
    table(rows);
    // Per kind, to see where ideas-bot is weak.
    const kindRows = [[`ideas-bot ${title.split(":")[0]} by kind`, "cases", "nDCG@5", "MRR"]];
    for (const kind of new Set(cases.map((c) => c.kind))) {
      const some = cases.filter((c) => c.kind === kind);
      kindRows.push([kind, String(some.length), ...score(run, some).map((v) => fmt(v))]);
    }
    table(kindRows);
  }
}

/** JS heap plus typed-array buffers (the index's postings live outside the heap). */
function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}

function benchSpeed(seed: Idea[]): void {
  const j = judgments();
  const queries = j.search.map((q) => q.query);
  const skillLists = j.recommend.map((q) => q.skills);
  for (const [label, ideas, rounds, fuseRounds] of [
    ["seed (42 ideas)", seed, 50, 20],
    ["10,500 ideas (seed × 250 projects)", scaledIdeas(seed, 250), 10, 1],
  ] as const) {
    console.log(`## Speed: ${label}`);
    const before = heapMiB();
    const start = performance.now();
    const catalog = new Catalog([...ideas]);
    const build = performance.now() - start;
    const heap = heapMiB() - before;
    const fuseStart = performance.now();
    const fuse = plainFuse([...ideas]);
    const fuseBuild = performance.now() - fuseStart;
    const ourSearch = timeCalls(queries, rounds, (q) => ours(catalog, q));
    const fuseSearch = timeCalls(queries, fuseRounds, fuse);
    const ourRecommend = timeCalls(skillLists, rounds, (s) => recommendIdeas(catalog, catalog.vocabulary.resolveList(s), RESULTS));
    const fuseRecommend = timeCalls(skillLists, fuseRounds, fuse);
    table([
      ["per query (ms)", "p50", "p99", "build ms"],
      ["ideas-bot search", fmt(percentile(ourSearch, 50)), fmt(percentile(ourSearch, 99)), fmt(build, 0)],
      ["fuse.js search (same fields)", fmt(percentile(fuseSearch, 50)), fmt(percentile(fuseSearch, 99)), fmt(fuseBuild, 0)],
      ["ideas-bot recommend", fmt(percentile(ourRecommend, 50)), fmt(percentile(ourRecommend, 99)), ""],
      ["fuse.js over skills text", fmt(percentile(fuseRecommend, 50)), fmt(percentile(fuseRecommend, 99)), ""],
    ]);
    console.log(
      `search: ideas-bot is ${fmt(percentile(fuseSearch, 50) / percentile(ourSearch, 50), 1)}× faster than fuse.js at p50 ` +
        `(${fmt(percentile(fuseSearch, 99) / percentile(ourSearch, 99), 1)}× at p99); catalogue build ${fmt(build, 0)} ms, memory +${fmt(heap, 1)} MiB\n`,
    );
  }
}

async function main(): Promise<void> {
  console.log(`ideas-bot bench — node ${process.version}, ${new Date().toISOString()}\n`);
  benchParse();
  const seed = seedIdeas();
  benchRelevance(seed, "judgments.json", "judged queries over the seed, seen while tuning");
  benchRelevance(seed, "judgments-holdout.json", "second judged set, never used for tuning");
  benchSpeed(seed);
}

await main();
