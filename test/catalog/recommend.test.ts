import { describe, expect, it } from "vitest";
import { Catalog } from "../../src/catalog/catalog.ts";
import { parseSearchQuery } from "../../src/catalog/query.ts";
import { recommendIdeas } from "../../src/catalog/recommend.ts";
import { searchIdeas } from "../../src/catalog/search.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { fixture, seedCatalog, smallCatalog } from "../helpers.ts";

describe("recommendIdeas", () => {
  const catalog = smallCatalog();
  const recommend = (skills: string) => recommendIdeas(catalog, catalog.vocabulary.resolveList(skills));

  it("gives the same answer for aliases: go, k8s = golang, kubernetes = Go, Kubernetes", () => {
    const a = recommend("go, k8s").map((r) => [r.idea.id, r.score]);
    expect(a.length).toBeGreaterThan(0);
    expect(recommend("golang, kubernetes").map((r) => [r.idea.id, r.score])).toEqual(a);
    expect(recommend("Go, Kubernetes").map((r) => [r.idea.id, r.score])).toEqual(a);
  });

  it("ranks an idea the person fully covers first, and says what matched and what is missing", () => {
    const [first, ...rest] = recommend("go, k8s");
    expect(first!.idea.title).toBe("Scheduler plugin framework");
    expect(first!.matched).toEqual(["Go", "Kubernetes"]);
    expect(first!.missing).toEqual([]);
    const docs = rest.find((r) => r.idea.title === "Kubernetes documentation overhaul")!;
    expect(docs.matched).toEqual(["Kubernetes"]);
    expect(docs.missing).toEqual(["Technical Writing"]);
    expect(docs.score).toBeLessThan(first!.score);
  });

  it("weighs optional skills less: missing an optional skill costs less than missing a required one", () => {
    const rust = recommend("rust");
    expect(rust[0]!.idea.title).toBe("Rust storage engine compaction");
    expect(rust[0]!.missing).toEqual(["Databases"]);
    // Rust covers 1 of 1.5 weighted units: better than half.
    expect(rust[0]!.score).toBeGreaterThan(0.6 * 0.5 + 0.4);
  });

  it("splits compound skills: Python/Flask and (Golang and/or C++ helpful)", () => {
    const flask = recommend("flask");
    expect(flask.map((r) => r.idea.title)).toEqual(["Python/Flask admin console"]);
    const cpp = recommend("c++").map((r) => r.idea.title);
    expect(cpp).toEqual(["C++ profiler integration", "Python/Flask admin console"]);
  });

  it("lists nothing for skills no idea asks for, and nothing for an empty list", () => {
    expect(recommend("haskell")).toEqual([]);
    expect(recommend("")).toEqual([]);
    expect(recommend(" , ,, ")).toEqual([]);
  });

  it("keeps ranking stable across equal scores (file order)", () => {
    const seed = seedCatalog();
    const run = () => recommendIdeas(seed, seed.vocabulary.resolveList("go, k8s")).map((r) => r.idea.id);
    expect(run()).toEqual(run());
    const ties = recommendIdeas(seed, seed.vocabulary.resolveList("go, k8s")).filter((r) => r.score === 1);
    const order = ties.map((r) => seed.orderOf(r.idea.id));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });
});

describe("recommend: every requested skill counts, by how specific it is", () => {
  const catalog = new Catalog(parseIdeas(fixture("catalog/specific-skills.md"), { source: "fixture" }).ideas);
  const titles = (skills: string) => recommendIdeas(catalog, catalog.vocabulary.resolveList(skills)).map((r) => r.idea.title);

  it("a rare skill decides over a common one, even when only the description names it", () => {
    const ranked = recommendIdeas(catalog, catalog.vocabulary.resolveList("go, neo4j"));
    expect(ranked[0]!.idea.title).toBe("Graph store for topology");
    expect(ranked[0]!.matched).toEqual(["Go", "neo4j"]);
    expect(ranked[0]!.missing).toEqual(["Kubernetes"]);
  });

  it("a kind of a skill (pytorch) puts the ideas that name it before the rest of its category", () => {
    expect(titles("pytorch")).toEqual(["Train detectors with PyTorch", "Generic machine learning pipeline"]);
    expect(titles("machine learning").sort()).toEqual(["Generic machine learning pipeline", "Train detectors with PyTorch"]);
  });
});

describe("search: a kind of a skill is not widened to the skill", () => {
  const catalog = new Catalog(parseIdeas(fixture("catalog/specific-skills.md"), { source: "fixture" }).ideas);
  it("linkerd finds Linkerd, not every service mesh", () => {
    const parsed = parseSearchQuery("linkerd");
    if (!parsed.ok) throw parsed.error;
    expect(searchIdeas(catalog, parsed.value).hits.map((h) => h.idea.title)).toEqual(["Linkerd proxy metrics"]);
  });
});

describe("the recommend command with a skill no list names", () => {
  const catalog = new Catalog(parseIdeas(fixture("catalog/specific-skills.md"), { source: "fixture" }).ideas);
  const context = { catalog, platform: "shell" as const, userId: "u", page: 1 };

  it("looks for it in the descriptions and says so; one found nowhere is still refused kindly", async () => {
    const { dispatch } = await import("../../commands/index.ts");
    const found = await dispatch("recommend", { skills: "neo4j" }, context);
    expect(found).toMatchObject({ kind: "cards", total: 1, note: `No skills list names "neo4j": found in the ideas' descriptions.`, cards: [{ title: "Graph store for topology", matched: ["neo4j"] }] });
    const nowhere = await dispatch("recommend", { skills: "cobol" }, context);
    expect(nowhere).toMatchObject({ kind: "message", tone: "error", text: expect.stringContaining(`I don't know "cobol"`) });
  });
});
