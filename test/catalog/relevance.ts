/**
 * Relevance on the held-out judged sets (bench/judgments*-holdout.json, judged by reading the ideas
 * and never used for tuning), shared by test/catalog/relevance.test.ts (the seed, in the fast suite)
 * and test/catalog/relevance-catalogue.test.ts (the whole bundled catalogue, in the e2e suite).
 */
import { judgments } from "../../bench/data.ts";
import { ours, oursRecommend } from "../../bench/engines.ts";
import { ndcgAt, reciprocalRank, uniqueTitles } from "../../bench/metrics.ts";
import type { Catalog } from "../../src/catalog/catalog.ts";

export function quality(catalog: Catalog, file: string, kind: "search" | "recommend"): { ndcg: number; mrr: number } {
  const cases = judgments(file)[kind].map((c) => ({ input: "query" in c ? c.query : c.skills, relevant: c.relevant }));
  let ndcg = 0;
  let mrr = 0;
  for (const c of cases) {
    const ranked = uniqueTitles((kind === "search" ? ours(catalog, c.input) : oursRecommend(catalog, c.input)).map((i) => i.title));
    ndcg += ndcgAt(5, ranked, c.relevant);
    mrr += reciprocalRank(ranked, c.relevant);
  }
  return { ndcg: ndcg / cases.length, mrr: mrr / cases.length };
}
