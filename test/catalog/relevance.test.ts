/**
 * A floor under the held-out relevance figures (bench/judgments*-holdout.json, judged by reading
 * the ideas and never used for tuning): a change to parsing, merging or ranking that loses
 * relevance fails here, not only in `npm run bench`. The floors sit a little under today's figures
 * (the closing notes have them), so noise in ties does not fail CI.
 */
import { describe, expect, it } from "vitest";
import { judgments, seedIdeas } from "../../bench/data.ts";
import { ours, oursRecommend } from "../../bench/engines.ts";
import { ndcgAt, reciprocalRank, uniqueTitles } from "../../bench/metrics.ts";
import { Catalog } from "../../src/catalog/catalog.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { manifestSources } from "../../src/sources/manifest.ts";

function quality(catalog: Catalog, file: string, kind: "search" | "recommend"): { ndcg: number; mrr: number } {
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

describe("relevance on the held-out judged sets", { timeout: 120_000 }, () => {
  it("the seed (42 ideas)", () => {
    const seed = new Catalog(seedIdeas(), { defaultTerm: "all" });
    expect(quality(seed, "judgments-holdout.json", "search").ndcg).toBeGreaterThanOrEqual(0.93);
    expect(quality(seed, "judgments-holdout.json", "recommend").ndcg).toBeGreaterThanOrEqual(0.9);
  });

  it("the whole bundled catalogue (every term)", async () => {
    const { catalog } = await loadCatalog(manifestSources(), { defaultTerm: "all" });
    const search = quality(catalog, "judgments-catalogue-holdout.json", "search");
    const recommend = quality(catalog, "judgments-catalogue-holdout.json", "recommend");
    expect(search.ndcg).toBeGreaterThanOrEqual(0.78);
    expect(search.mrr).toBeGreaterThanOrEqual(0.85);
    expect(recommend.ndcg).toBeGreaterThanOrEqual(0.88);
    expect(recommend.mrr).toBeGreaterThanOrEqual(0.94);
  });
});
