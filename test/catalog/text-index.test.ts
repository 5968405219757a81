import { describe, expect, it } from "vitest";
import { matcher, pairMatchers } from "../../src/catalog/search.ts";
import { TextIndex, type TermMatcher } from "../../src/catalog/text-index.ts";
import { analyze, tokenize, wordPairs } from "../../src/catalog/text.ts";

function index(titles: string[]): TextIndex {
  return new TextIndex(
    titles.map((title) => ({ title })),
    { title: 1 },
    analyze,
    { pairs: wordPairs, fields: ["title"] },
  );
}

function words(query: string, pairs = true): TermMatcher[] {
  const single = tokenize(query).map((w, slot) => matcher(w, slot));
  return pairs ? [...single, ...pairMatchers(query)] : single;
}

describe("TextIndex", () => {
  it("weighs each query word by how rare it is when it counts how much of the query an idea covers", () => {
    // 8 of 30 titles say "add … support"; one says "arm64". Counting words, the two common ones
    // would outrank the one that says what the person wants.
    const titles = [
      ...Array.from({ length: 8 }, (_, i) => `add widget${i} support`),
      "arm64 container images",
      ...Array.from({ length: 21 }, (_, i) => `other thing${i} here`),
    ];
    const found = index(titles).search(words("add arm64 support", false), { limit: 3 });
    expect(titles[found.docs[0]!]).toBe("arm64 container images");
    expect(found.total).toBe(9);
  });

  it("ranks both words side by side above the same words apart", () => {
    const titles = ["service mesh plugin discovery", "service discovery mesh plugin", "unrelated title words"];
    const idx = index(titles);
    // Without the pair the two tie, and the first in file order wins.
    expect(titles[idx.search(words("service discovery", false), { limit: 2 }).docs[0]!]).toBe("service mesh plugin discovery");
    expect(titles[idx.search(words("service discovery"), { limit: 2 }).docs[0]!]).toBe("service discovery mesh plugin");
  });

  it("never matches an idea on a word pair alone, nor reaches pairs by prefix or typo", () => {
    const idx = index(["service discovery", "services discovered", "serv"]);
    const pairOnly = pairMatchers("service discovery");
    expect(idx.search(pairOnly, { limit: 5 }).total).toBe(0);
    // "serv" by prefix reaches the words, never the pair term "servic discoveri".
    expect(idx.search([matcher("serv", 0)], { limit: 5 }).matchedTerms).toBeLessThanOrEqual(4);
  });
});
