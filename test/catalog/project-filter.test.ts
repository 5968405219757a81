import { describe, expect, it } from "vitest";
import { matchesFilter } from "../../src/announce/plan.ts";
import { parseSearchQuery } from "../../src/catalog/query.ts";
import { searchIdeas } from "../../src/catalog/search.ts";
import { normalizeKey } from "../../src/ideas/id.ts";
import { projectFilter } from "../../src/catalog/project-filter.ts";
import { seedCatalog } from "../helpers.ts";

const matches = (filter: string, name: string) => projectFilter(filter)(normalizeKey(name));

describe("projectFilter", () => {
  it("matches words that begin words of the name, in order, any case and punctuation", () => {
    expect(matches("kube", "KubeEdge")).toBe(true);
    expect(matches("kube", "Kubernetes (SIG Node)")).toBe(true);
    expect(matches("litmus", "LitmusChaos")).toBe(true);
    expect(matches("chaos mesh", "Chaos Mesh")).toBe(true);
    expect(matches("sig node", "Kubernetes (SIG Node)")).toBe(true);
    expect(matches("Open-Telemetry", "OpenTelemetry")).toBe(false);
    expect(matches("ernetes", "Kubernetes")).toBe(false);
    expect(matches("mesh chaos", "Chaos Mesh")).toBe(false);
    expect(matches("", "Chaos Mesh")).toBe(false);
    expect(matches("  ", "Chaos Mesh")).toBe(false);
  });
});

describe("one rule for search's project: and a subscription's project", () => {
  const catalog = seedCatalog();
  it.each(["kube", "kubernetes", "chaos", "thanos", "vit", "sig"])("project:%s selects the same ideas in both", (project) => {
    const parsed = parseSearchQuery(`project:${project}`);
    if (!parsed.ok) throw parsed.error;
    let searched: string[] = [];
    try {
      searched = searchIdeas(catalog, parsed.value).hits.map((h) => h.idea.id);
    } catch {
      searched = []; // no project matches: search says so, a subscription matches nothing
    }
    const subscribed = catalog.ideas.filter((idea) => matchesFilter({ skills: [], project }, idea)).map((idea) => idea.id);
    expect(new Set(searched)).toEqual(new Set(subscribed));
  });

  it("and the rule is not vacuous on the seed: kube selects several projects", () => {
    const projects = new Set(catalog.ideas.filter((idea) => matchesFilter({ skills: [], project: "kube" }, idea)).map((i) => i.project));
    expect(projects.size).toBeGreaterThan(1);
  });
});
