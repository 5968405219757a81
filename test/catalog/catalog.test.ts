import { describe, expect, it } from "vitest";
import { Catalog } from "../../src/catalog/catalog.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { parseSourceList } from "../../src/sources/spec.ts";
import { fixture, fixturePath } from "../helpers.ts";

describe("Catalog", () => {
  const text = fixture("catalog/small-ideas.md");

  it("lists an idea found in two sources once, from the first source", () => {
    const a = parseIdeas(text, { source: "ideas-file" }).ideas;
    const b = parseIdeas(text.replace(/^####/gm, "#####").replace(/^###/gm, "####"), { source: "readme" }).ideas;
    const catalog = new Catalog([...a, ...b]);
    expect(catalog.size).toBe(6);
    expect(new Set(catalog.ideas.map((i) => i.source))).toEqual(new Set(["ideas-file"]));
  });

  it("looks up by id (any case), lists projects and sources", () => {
    const catalog = new Catalog(parseIdeas(text, { source: "fixture" }).ideas);
    const first = catalog.ideas[0]!;
    expect(catalog.get(first.id.toUpperCase())).toBe(first);
    expect(catalog.get("nope")).toBeUndefined();
    expect(catalog.projects()).toEqual([
      { name: "Nebula", count: 2, sources: ["fixture"] },
      { name: "Orbit", count: 2, sources: ["fixture"] },
      { name: "Quasar", count: 2, sources: ["fixture"] },
    ]);
    expect(catalog.sources()).toEqual(["fixture"]);
  });

  it("loads several labelled sources, and reports one that fails without losing the others", async () => {
    const specs = parseSourceList(`one=${fixturePath("catalog/small-ideas.md")},two=${fixturePath("ideas/labels.md")},gone=${fixturePath("nope.md")}`);
    const { catalog, loads } = await loadCatalog(specs);
    expect(catalog.sources()).toEqual(["one", "two"]);
    expect(loads.map((l) => [l.spec.label, l.ideas.length > 0, l.error ?? null])).toEqual([
      ["one", true, null],
      ["two", true, null],
      ["gone", false, expect.stringContaining("no such file")],
    ]);
  });
});
