/**
 * A floor under the held-out relevance figures (bench/judgments*-holdout.json, judged by reading
 * the ideas and never used for tuning): a change to parsing, merging or ranking that loses
 * relevance fails here, not only in `npm run bench`. The floors sit a little under today's figures
 * (the closing notes have them), so noise in ties does not fail CI. The whole bundled catalogue's
 * floor is test/catalog/relevance-catalogue.test.ts (npm run test:e2e: it parses every file).
 */
import { describe, expect, it } from "vitest";
import { seedIdeas } from "../../bench/data.ts";
import { Catalog } from "../../src/catalog/catalog.ts";
import { quality } from "./relevance.ts";

describe("relevance on the held-out judged sets", () => {
  it("the seed (42 ideas)", () => {
    const seed = new Catalog(seedIdeas(), { defaultTerm: "all" });
    expect(quality(seed, "judgments-holdout.json", "search").ndcg).toBeGreaterThanOrEqual(0.93);
    expect(quality(seed, "judgments-holdout.json", "recommend").ndcg).toBeGreaterThanOrEqual(0.9);
  });
});
