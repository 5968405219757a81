import { describe, expect, it } from "vitest";
import { parseSearchQuery, MAX_QUERY_LENGTH } from "../../src/catalog/query.ts";
import { searchIdeas } from "../../src/catalog/search.ts";
import { Catalog } from "../../src/catalog/catalog.ts";
import { seedCatalog, smallCatalog } from "../helpers.ts";

function titles(catalog: Catalog, query: string, n = 3): string[] {
  const parsed = parseSearchQuery(query);
  if (!parsed.ok) throw parsed.error;
  return searchIdeas(catalog, parsed.value).hits.slice(0, n).map((h) => h.idea.title);
}

describe("parseSearchQuery", () => {
  it("separates words from project:, skill: and source: filters, quoted or not", () => {
    const parsed = parseSearchQuery('docs project:"chaos mesh" skill:go source:lfx plugin');
    expect(parsed).toEqual({
      ok: true,
      value: { text: "docs plugin", filters: { project: ["chaos mesh"], skill: ["go"], source: ["lfx"], term: [], stage: [] }, exclude: { project: [], skill: [], source: [], term: [], stage: [] } },
    });
    expect(parseSearchQuery('kubernetes -skill:go term:2026 -term:"gsoc"')).toEqual({
      ok: true,
      value: { text: "kubernetes", filters: { project: [], skill: [], source: [], term: ["2026"], stage: [] }, exclude: { project: [], skill: ["go"], source: [], term: ["gsoc"], stage: [] } },
    });
    expect(parseSearchQuery("tracing stage:accepted").ok && parseSearchQuery("tracing stage:accepted")).toMatchObject({ value: { text: "tracing", filters: { stage: ["accepted"] } } });
  });

  it("refuses a query over the limit before doing any work, as a result, not a throw", () => {
    const parsed = parseSearchQuery("x".repeat(10_000));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) throw new Error("a query over the limit was accepted");
    expect(parsed.error.code).toBe("query_too_long");
    expect(parsed.error.message).toContain(String(MAX_QUERY_LENGTH));
  });
});

describe("searchIdeas on a small catalogue", () => {
  const catalog = smallCatalog();

  it("filters by stage: stage:accepted keeps the accepted ideas, -stage:accepted the others, and an unknown stage is refused kindly", () => {
    const ideas = catalog.ideas.map((idea, i) => ({ ...idea, stage: i % 2 === 0 ? ("accepted" as const) : ("proposed" as const) }));
    const staged = new Catalog(ideas);
    const all = (query: string) => titles(staged, query, 100);
    const accepted = ideas.filter((i) => i.stage === "accepted").map((i) => i.title);
    expect(all("stage:accepted").length).toBeGreaterThan(0);
    expect(all("stage:accepted").every((t) => accepted.includes(t))).toBe(true);
    expect(all("-stage:accepted").some((t) => accepted.includes(t))).toBe(false);
    expect(() => all("stage:approved")).toThrow(/A stage is proposed or accepted, not "approved"/);
  });

  it("ranks the idea whose title matches first", () => {
    expect(titles(catalog, "scheduler plugin")[0]).toBe("Scheduler plugin framework");
    expect(titles(catalog, "trace dashboard")[0]).toBe("React dashboard for traces");
  });

  it("forgives typos in longer words", () => {
    expect(titles(catalog, "kuberntes documentaion")[0]).toBe("Kubernetes documentation overhaul");
    expect(titles(catalog, "compactoin")[0]).toBe("Rust storage engine compaction");
  });

  it("expands skill aliases: k8s finds ideas that say Kubernetes", () => {
    const found = titles(catalog, "k8s", 5);
    expect(found).toContain("Scheduler plugin framework");
    expect(found).toContain("Kubernetes documentation overhaul");
  });

  it("finds by mentor name and handle", () => {
    expect(titles(catalog, "Hopper")[0]).toBe("Kubernetes documentation overhaul");
    expect(titles(catalog, "barbara")[0]).toBe("Rust storage engine compaction");
  });

  it("finds C++ ideas by cpp and by c++", () => {
    expect(titles(catalog, "c++")[0]).toBe("C++ profiler integration");
    expect(titles(catalog, "cpp")[0]).toBe("C++ profiler integration");
  });

  it("filters by project and skill, and lists a filter's ideas in file order without words", () => {
    expect(titles(catalog, "project:nebula", 5)).toEqual(["React dashboard for traces", "Rust storage engine compaction"]);
    expect(titles(catalog, "skill:golang", 5)).toEqual(["Scheduler plugin framework", "Python/Flask admin console"]);
    expect(titles(catalog, "documentation project:nebula", 5)).not.toContain("Kubernetes documentation overhaul");
  });

  it("answers an unknown project or skill filter with did-you-mean", () => {
    const parsed = parseSearchQuery("project:nebulla");
    if (!parsed.ok) throw parsed.error;
    expect(() => searchIdeas(catalog, parsed.value)).toThrow(/Did you mean "Nebula"/);
    const skill = parseSearchQuery("skill:pyhton");
    if (!skill.ok) throw skill.error;
    expect(() => searchIdeas(catalog, skill.value)).toThrow(/Did you mean "Python"/);
  });

  it("returns nothing for punctuation or emoji only", () => {
    expect(titles(catalog, "!!! ??? ...")).toEqual([]);
    expect(titles(catalog, "🚀🔥")).toEqual([]);
  });
});

describe("searchIdeas on the seed", () => {
  const catalog = seedCatalog();

  it("puts the idea a person is after first", () => {
    expect(titles(catalog, "kuberntes documentaion")[0]).toBe("Documentation assessment (SIG-Network Gateway API)");
    expect(titles(catalog, "mutating webhok")[0]).toBe("Using mutating webhooks for applying pod/container kubearmor annotations");
    expect(titles(catalog, "terraform")[0]).toBe("Management of Terraform state");
    expect(titles(catalog, "chaos playground")[0]).toBe("Interactive Katacoda Playground for Chaos Experiment Examples");
    expect(titles(catalog, "miniruby")[0]).toBe("Improving the performance of running miniruby");
  });
});
