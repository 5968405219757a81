import { Catalog } from "../src/catalog/catalog.ts";
import type { Idea } from "../src/ideas/schema.ts";
import { readIdeas } from "../src/sources/read.ts";
import { judgments, manifestFiles, scaledIdeas, seedIdeas, type Judgments } from "./data.ts";
import { bestMiniSearch, type Engine, ours, oursRecommend, plainFuse, plainMiniSearch, RESULTS } from "./engines.ts";
import { fmt, ndcgAt, percentile, reciprocalRank, table, timeCalls, uniqueTitles } from "./metrics.ts";
import { benchReplicas } from "./replicas.ts";
import { benchStartup } from "./startup.ts";
import { benchWorstCases } from "./worst.ts";

/**
 * `npm run bench`: the figures the issues ask for, each beside the plain alternative, in one run.
 * Timings are wall-clock on this machine; compare columns within a run, not across machines.
 */

const ALL_TERMS = { defaultTerm: "all" } as const;

/** Parses every file of the bundled catalogue once (the first, JIT-cold pass); returns the ideas in manifest order. */
function benchParse(): Idea[] {
  const files = manifestFiles();
  console.log("## Parse: every bundled file (data/catalogue.json), one pass");
  const ideas: Idea[] = [];
  const perFile: Array<{ label: string; ms: number; ideas: number; bytes: number }> = [];
  let warnings = 0;
  for (const { spec, text } of files) {
    const start = performance.now();
    const result = readIdeas(text, spec);
    perFile.push({ label: spec.label, ms: performance.now() - start, ideas: result.ideas.length, bytes: text.length });
    ideas.push(...result.ideas);
    warnings += result.warnings.length;
  }
  const ms = perFile.reduce((n, f) => n + f.ms, 0);
  const bytes = perFile.reduce((n, f) => n + f.bytes, 0);
  console.log(`${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, ${ideas.length} idea rows, ${warnings} warnings`);
  const rows = [["parse (readIdeas)", "ms", "ideas", "KiB", "ideas/s", "KiB/s"]];
  rows.push(["whole catalogue", fmt(ms, 0), String(ideas.length), (bytes / 1024).toFixed(0), fmt(ideas.length / (ms / 1000), 0), fmt(bytes / 1024 / (ms / 1000), 0)]);
  for (const f of [...perFile].sort((a, b) => b.ms - a.ms).slice(0, 5)) {
    rows.push([`  slowest: ${f.label}`, fmt(f.ms, 0), String(f.ideas), (f.bytes / 1024).toFixed(0), fmt(f.ideas / (f.ms / 1000), 0), fmt(f.bytes / 1024 / (f.ms / 1000), 0)]);
  }
  table(rows);
  return ideas;
}

// ── relevance ──────────────────────────────────────────────────────────────────────────────

interface Case {
  input: string;
  kind: string;
  relevant: Record<string, number>;
  notRelevant?: string[];
}

/** Titles in an engine's top 5 that no reader graded: counted as irrelevant, so the pool must keep up with the engines. */
function unread(run: Engine, cases: Case[]): number {
  let n = 0;
  for (const c of cases) {
    const read = new Set([...Object.keys(c.relevant), ...(c.notRelevant ?? [])]);
    n += uniqueTitles(run(c.input).map((i) => i.title)).slice(0, 5).filter((t) => !read.has(t)).length;
  }
  return n;
}

/** Mean nDCG@5 and MRR of one engine over judged cases; each title counts once, at its best rank. */
function score(run: Engine, cases: Case[]): [number, number] {
  let ndcg = 0;
  let mrr = 0;
  for (const c of cases) {
    const ranked = uniqueTitles(run(c.input).map((i) => i.title));
    ndcg += ndcgAt(5, ranked, c.relevant);
    mrr += reciprocalRank(ranked, c.relevant);
  }
  return [ndcg / cases.length, mrr / cases.length];
}

interface JudgedSet {
  label: string;
  file: string;
  j: Judgments;
  /** The engines over this set's ideas; ideas-bot first. */
  engines: Array<{ name: string; search: Engine; recommend: Engine }>;
  /** Titles the catalogue has, to count judged titles that are nowhere to be found. */
  titles: Set<string>;
}

function enginesOver(catalog: Catalog, ideas: Idea[]): JudgedSet["engines"] {
  const fuse = plainFuse(ideas);
  const mini = plainMiniSearch(ideas);
  const best = bestMiniSearch(ideas);
  return [
    { name: "ideas-bot", search: (q) => ours(catalog, q), recommend: (s) => oursRecommend(catalog, s) },
    // The plain engines get the skill list as a query: what a person would do without recommend.
    { name: "fuse.js (defaults)", search: fuse, recommend: fuse },
    { name: "MiniSearch (defaults)", search: mini, recommend: mini },
    { name: "MiniSearch, best config", search: best.search, recommend: best.recommend },
  ];
}

function cases(j: Judgments): { search: Case[]; recommend: Case[] } {
  return {
    search: j.search.map((q) => ({ input: q.query, kind: q.kind, relevant: q.relevant, notRelevant: q.notRelevant })),
    recommend: j.recommend.map((q) => ({ input: q.skills, kind: q.kind, relevant: q.relevant, notRelevant: q.notRelevant })),
  };
}

function benchRelevance(sets: JudgedSet[]): void {
  console.log("## Relevance: nDCG@5 / MRR per judged set (each title counted once per ranked list, for every engine)");
  for (const s of sets) {
    const c = cases(s.j);
    const judged = new Set([...s.j.search, ...s.j.recommend].flatMap((q) => Object.keys(q.relevant)));
    const missing = [...judged].filter((t) => !s.titles.has(t)).length;
    console.log(`- ${s.label}: ${s.file}, ${c.search.length} queries + ${c.recommend.length} skill lists; judged titles not in its catalogue: ${missing} of ${judged.size}`);
  }
  console.log(`ideas-bot returns ${RESULTS} results; the plain engines return every match (so their MRR can count a hit past rank ${RESULTS}).`);
  console.log("Recommend rows for fuse.js and MiniSearch: the skill list typed as a search query.\n");
  const scores = sets.map((s) => {
    const c = cases(s.j);
    return s.engines.map((e) => ({ name: e.name, search: score(e.search, c.search), recommend: score(e.recommend, c.recommend) }));
  });
  const cell = ([ndcg, mrr]: [number, number]) => `${fmt(ndcg)} / ${fmt(mrr)}`;
  const rows = [["nDCG@5 / MRR", ...sets.map((s) => s.label)]];
  for (const suite of ["search", "recommend"] as const) {
    for (let e = 0; e < sets[0]!.engines.length; e++) {
      rows.push([`${sets[0]!.engines[e]!.name} ${suite}`, ...scores.map((perSet) => cell(perSet[e]![suite]))]);
    }
  }
  table(rows);
  const unreadRows = [["ungraded titles in the top 5", ...sets.map((s) => s.label)]];
  for (const suite of ["search", "recommend"] as const) {
    for (let e = 0; e < sets[0]!.engines.length; e++) {
      unreadRows.push([`${sets[0]!.engines[e]!.name} ${suite}`, ...sets.map((s) => String(unread(s.engines[e]![suite], cases(s.j)[suite])))]);
    }
  }
  table(unreadRows);
  // Per kind, to see where ideas-bot is weak.
  for (const suite of ["search", "recommend"] as const) {
    const bySet = sets.map((s) => cases(s.j)[suite]);
    const kinds = [...new Set(bySet.flatMap((cs) => cs.map((c) => c.kind)))];
    const kindRows = [[`ideas-bot ${suite} by kind (n: nDCG@5 / MRR)`, ...sets.map((s) => s.label)]];
    for (const kind of kinds) {
      kindRows.push([
        kind,
        ...bySet.map((cs, i) => {
          const some = cs.filter((c) => c.kind === kind);
          return some.length === 0 ? "" : `${some.length}: ${cell(score(sets[i]!.engines[0]![suite], some))}`;
        }),
      ]);
    }
    table(kindRows);
  }
}

// ── speed ──────────────────────────────────────────────────────────────────────────────────

/** JS heap plus typed-array buffers (the index's postings live outside the heap). */
function heapMiB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}

/** `n` inputs spread evenly over the list (for the slow engines). */
function spread<T>(inputs: T[], n: number): T[] {
  if (inputs.length <= n) return inputs;
  return Array.from({ length: n }, (_, i) => inputs[Math.floor((i * inputs.length) / n)]!);
}

interface SpeedCase {
  label: string;
  ideas: Idea[];
  catalogOptions?: { defaultTerm: string };
  rounds: number;
  /** Rounds of MiniSearch (both setups) over all queries. */
  miniRounds: number;
  /** fuse.js: this many queries (spread over the workload), one round, a few warm-up calls. */
  fuseQueries: number;
  fuseRounds: number;
}

function benchSpeed(c: SpeedCase, queries: string[], skillLists: string[]): void {
  const before = heapMiB();
  const start = performance.now();
  const catalog = new Catalog([...c.ideas], c.catalogOptions);
  const build = performance.now() - start;
  const heap = heapMiB() - before;
  console.log(`## Speed: ${c.label}: ${catalog.size} ideas in the catalogue, ${queries.length} queries + ${skillLists.length} skill lists`);
  const ideas = [...catalog.ideas];
  const timedBuild = <T>(make: () => T): [T, number] => {
    const t = performance.now();
    const made = make();
    return [made, performance.now() - t];
  };
  const [fuse, fuseBuild] = timedBuild(() => plainFuse(ideas));
  const [mini, miniBuild] = timedBuild(() => plainMiniSearch(ideas));
  const [best, bestBuild] = timedBuild(() => bestMiniSearch(ideas));
  const fuseQ = spread(queries, c.fuseQueries);
  const fuseS = spread(skillLists, c.fuseQueries);
  const fuseWarm = c.fuseRounds > 1 ? fuseQ.length : 1;
  const rows: string[][] = [["per query (ms)", "calls", "p50", "p95", "p99", "build ms"]];
  const add = (name: string, times: number[], buildMs?: number) =>
    rows.push([name, String(times.length), fmt(percentile(times, 50)), fmt(percentile(times, 95)), fmt(percentile(times, 99)), buildMs === undefined ? "" : fmt(buildMs, 0)]);
  const ourSearch = timeCalls(queries, c.rounds, (q) => ours(catalog, q));
  const ourRecommend = timeCalls(skillLists, c.rounds, (s) => oursRecommend(catalog, s));
  const fuseSearch = timeCalls(fuseQ, c.fuseRounds, fuse, fuseWarm);
  add("ideas-bot search", ourSearch, build);
  add(`fuse.js search (same fields; ${fuseQ.length} queries)`, fuseSearch, fuseBuild);
  add("MiniSearch search (defaults)", timeCalls(queries, c.miniRounds, mini), miniBuild);
  add("MiniSearch search (best config)", timeCalls(queries, c.miniRounds, best.search), bestBuild);
  add("ideas-bot recommend", ourRecommend);
  add(`fuse.js over skills text (${fuseS.length} lists)`, timeCalls(fuseS, c.fuseRounds, fuse, fuseWarm));
  add("MiniSearch over skills text (defaults)", timeCalls(skillLists, c.miniRounds, mini));
  add("MiniSearch over skills text (best config)", timeCalls(skillLists, c.miniRounds, best.recommend));
  table(rows);
  if (fuseQ.length < queries.length) {
    console.log(
      `fuse.js is slow at this size, so it is timed on fewer calls: ${fuseQ.length} queries and ${fuseS.length} skill lists spread evenly over the workload, ` +
        `${c.fuseRounds} call each after ${fuseWarm} warm-up call(s); the other engines run every query.`,
    );
  }
  const p95 = Math.max(percentile(ourSearch, 95), percentile(ourRecommend, 95));
  console.log(
    `ideas-bot: search p95 ${fmt(percentile(ourSearch, 95))} ms, recommend p95 ${fmt(percentile(ourRecommend, 95))} ms` +
      (catalog.size >= 10_000 ? ` (target ≤ 5 ms at 10,000+ ideas: ${p95 <= 5 ? "met" : "NOT met"})` : "") +
      `; ${fmt(percentile(fuseSearch, 50) / percentile(ourSearch, 50), 1)}× faster than fuse.js at p50; ` +
      `catalogue build ${fmt(build, 0)} ms, memory +${fmt(heap, 1)} MiB\n`,
  );
}

const began = performance.now();
let lap = began;
/** Where the run's time goes (the bench should stay under ~4 minutes). */
function elapsed(section: string): void {
  const now = performance.now();
  console.log(`[${section}: ${fmt((now - lap) / 1000, 1)} s; ${fmt((now - began) / 1000, 0)} s so far]\n`);
  lap = now;
}

/** Sections that can run alone: `npm run bench -- <name>`. */
const SECTIONS: Record<string, () => Promise<void>> = {
  replicas: () => benchReplicas(),
};

async function main(): Promise<void> {
  console.log(`ideas-bot bench — node ${process.version}, ${new Date().toISOString()}\n`);
  const only = process.argv[2];
  if (only !== undefined) {
    const section = SECTIONS[only];
    if (!section) throw new Error(`no bench section "${only}": run all with \`npm run bench\`, or one of ${Object.keys(SECTIONS).join(", ")}`);
    await section();
    elapsed(only);
    return;
  }
  const rows = benchParse();
  elapsed("parse");
  const seed = seedIdeas();
  const seedCatalog = new Catalog(seed);
  // The same as loadCatalog(manifestSources(), { defaultTerm: "all" }): the loads' ideas in manifest order.
  const catalogue = new Catalog(rows, ALL_TERMS);
  const sets = {
    seedTuning: judgments("judgments.json"),
    seedHoldout: judgments("judgments-holdout.json"),
    catTuning: judgments("judgments-catalogue.json"),
    catHoldout: judgments("judgments-catalogue-holdout.json"),
  };

  await benchStartup(
    manifestFiles().map((f) => f.spec),
    sets.catTuning.search[0]!.query,
  );
  elapsed("start-up");

  const seedEngines = enginesOver(seedCatalog, seed);
  const catalogueEngines = enginesOver(catalogue, [...catalogue.ideas]);
  const seedTitles = new Set(seedCatalog.ideas.map((i) => i.title));
  const catalogueTitles = new Set(catalogue.ideas.map((i) => i.title));
  benchRelevance([
    { label: "seed tuning", file: "judgments.json", j: sets.seedTuning, engines: seedEngines, titles: seedTitles },
    { label: "seed held-out", file: "judgments-holdout.json", j: sets.seedHoldout, engines: seedEngines, titles: seedTitles },
    { label: "catalogue tuning", file: "judgments-catalogue.json", j: sets.catTuning, engines: catalogueEngines, titles: catalogueTitles },
    { label: "catalogue held-out", file: "judgments-catalogue-holdout.json", j: sets.catHoldout, engines: catalogueEngines, titles: catalogueTitles },
  ]);
  elapsed("relevance");

  // Speed: the seed as before (its tuning set's queries), then the catalogue and 10,000+ ideas with every judged query.
  const seedQueries = sets.seedTuning.search.map((q) => q.query);
  const seedSkills = sets.seedTuning.recommend.map((q) => q.skills);
  benchSpeed({ label: "seed (42 ideas)", ideas: seed, rounds: 50, miniRounds: 20, fuseQueries: seedQueries.length, fuseRounds: 20 }, seedQueries, seedSkills);
  elapsed("speed, seed");
  const all = Object.values(sets);
  const queries = all.flatMap((j) => j.search.map((q) => q.query));
  const skillLists = all.flatMap((j) => j.recommend.map((q) => q.skills));
  const base = [...catalogue.ideas];
  const copies = Math.ceil(10_000 / base.length);
  benchSpeed({ label: "whole catalogue (all terms)", ideas: base, catalogOptions: ALL_TERMS, rounds: 20, miniRounds: 3, fuseQueries: 20, fuseRounds: 1 }, queries, skillLists);
  elapsed("speed, catalogue");
  const scaled = scaledIdeas(base, copies);
  benchSpeed(
    { label: `whole catalogue × ${copies} project names (all terms)`, ideas: scaled, catalogOptions: ALL_TERMS, rounds: 5, miniRounds: 1, fuseQueries: 10, fuseRounds: 1 },
    queries,
    skillLists,
  );
  elapsed("speed, 10,000+");
  await benchWorstCases([
    [`catalogue (${base.length} ideas)`, catalogue],
    [`× ${copies} (${scaled.length} ideas)`, new Catalog(scaled, ALL_TERMS)],
  ]);
  elapsed("worst cases");
  await benchReplicas();
  elapsed("replicas");
  console.log(`bench finished in ${fmt((performance.now() - began) / 1000, 0)} s`);
}

await main();
