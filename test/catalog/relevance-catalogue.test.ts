/**
 * The floor under the held-out relevance figures of the whole bundled catalogue (see
 * test/catalog/relevance.test.ts for the seed's): every file of data/ parsed and ranked, so it runs
 * in the e2e suite (npm run test:e2e). The floors sit a little under today's figures.
 */
import { describe, expect, it } from "vitest";
import { loadCatalog } from "../../src/catalog/load.ts";
import { manifestSources } from "../../src/sources/manifest.ts";
import { quality } from "./relevance.ts";

describe("relevance on the held-out judged sets", () => {
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
