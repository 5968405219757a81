import { describe, expect, it } from "vitest";
import { Catalog } from "../../src/catalog/catalog.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { ideaId } from "../../src/ideas/id.ts";
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

describe("Catalog: ideas whose ids collide", () => {
  /** Two different titles of one project with one 6-hex-digit id, by a birthday search (about 5,000 titles). */
  function collidingTitles(): [string, string] {
    const byId = new Map<string, string>();
    for (let n = 0; n < 200_000; n++) {
      const title = `Speed up Comet queries, step ${n}`;
      const other = byId.get(ideaId("Comet", title));
      if (other !== undefined) return [other, title];
      byId.set(ideaId("Comet", title), title);
    }
    throw new Error("no collision found");
  }
  const [first, second] = collidingTitles();
  const file = (...titles: string[]) =>
    `# Ideas\n\n### Comet\n\n${titles.map((t) => `#### ${t}\n\n- Description: ${t}.\n- Mentor(s): Ada (@ada)\n- Upstream Issue (URL): <https://github.com/comet/comet/issues/${/step (\d+)/.exec(t)![1]}>\n`).join("\n")}`;

  it("forges a real collision", () => {
    expect(first).not.toBe(second);
    expect(ideaId("Comet", first)).toBe(ideaId("Comet", second));
  });

  it("keeps both ideas of one file, and finds each by its id", () => {
    const catalog = new Catalog(parseIdeas(file(first, second), { source: "f" }).ideas);
    expect(catalog.ideas.map((i) => i.title)).toEqual([first, second]);
    const [a, b] = catalog.ideas;
    expect(a!.id).toBe(ideaId("Comet", first));
    expect(b!.id).toBe(ideaId("Comet", second, undefined, 12));
    expect(catalog.get(a!.id)).toBe(a);
    expect(catalog.get(b!.id.toUpperCase())).toBe(b);
    expect(catalog.warnings).toEqual([]);
  });

  it("keeps both when they come from two files, the later file's idea with the longer id and a warning", () => {
    const one = parseIdeas(file(first), { source: "one" }).ideas;
    const two = parseIdeas(file(second), { source: "two" }).ideas;
    expect(one[0]!.id).toBe(two[0]!.id);
    const catalog = new Catalog([...one, ...two]);
    expect(catalog.ideas.map((i) => [i.title, i.id, i.source])).toEqual([
      [first, ideaId("Comet", first), "one"],
      [second, ideaId("Comet", second, undefined, 12), "two"],
    ]);
    expect(catalog.get(ideaId("Comet", first))!.title).toBe(first);
    expect(catalog.get(ideaId("Comet", second, undefined, 12))!.title).toBe(second);
    expect(catalog.warnings).toEqual([expect.stringContaining(`two line 5: "${second}" (Comet) has the id ${ideaId("Comet", first)} of a different idea, "${first}" (Comet) at one line 5`)]);
  });

  it("is one listing for an idea a file resolved and another file did not, and the file's id still finds it", () => {
    const one = parseIdeas(file(first), { source: "one" }).ideas;
    // In this file the second title comes first and keeps the short id; the first gets the long one.
    const two = parseIdeas(file(second, first), { source: "two" }).ideas;
    expect(two.map((i) => i.id)).toEqual([ideaId("Comet", second), ideaId("Comet", first, undefined, 12)]);
    const catalog = new Catalog([...one, ...two]);
    expect(catalog.ideas.map((i) => [i.title, i.id, i.source])).toEqual([
      [first, ideaId("Comet", first), "one"],
      [second, ideaId("Comet", second, undefined, 12), "two"],
    ]);
    expect(catalog.get(ideaId("Comet", first, undefined, 12))!.title).toBe(first);
  });

  it("leaves the ids of ideas that do not collide as they were", () => {
    const ideas = parseIdeas(text(), { source: "fixture" }).ideas;
    const catalog = new Catalog(ideas);
    expect(catalog.ideas.map((i) => i.id)).toEqual(ideas.map((i) => i.id));
    expect(catalog.ideas.map((i) => i.id)).toEqual(ideas.map((i) => ideaId(i.project, i.title)));
    expect(catalog.warnings).toEqual([]);
  });
  const text = () => fixture("catalog/small-ideas.md");
});
