/**
 * The catalogue across terms: one listing per idea of a term (accepted wins), the same idea of
 * several terms shown once (newest) with where else it was, the default scope (the current term)
 * and term:/negated filters. Fixtures: test/fixtures/terms/, one file per term and role.
 */
import { describe, expect, it } from "vitest";
import { Catalog } from "../../src/catalog/catalog.ts";
import { noFilters, parseSearchQuery } from "../../src/catalog/query.ts";
import { recommendInScope } from "../../src/catalog/recommend.ts";
import { searchIdeas } from "../../src/catalog/search.ts";
import { dispatch } from "../../commands/index.ts";
import { readIdeas } from "../../src/sources/read.ts";
import { inferRole, type SourceRole } from "../../src/sources/spec.ts";
import { fixture } from "../helpers.ts";

const FILES: Array<[string, string]> = [
  ["lfx-2026-3-accepted.md", "lfx-2026-3"],
  ["gsoc-2026.md", "gsoc-2026"],
  ["lfx-2025-3-proposals.md", "lfx-2025-3"],
  ["lfx-2025-3-accepted.md", "lfx-2025-3"],
];

function catalog(defaultTerm?: string): Catalog {
  const ideas = FILES.flatMap(([file, term]) => {
    const role: SourceRole = file.includes("accepted") ? "accepted" : "proposals";
    return readIdeas(fixture(`terms/${file}`), { label: file.replace(/\.md$/, ""), term, role }).ideas;
  });
  return new Catalog(ideas, defaultTerm ? { defaultTerm } : {});
}

function search(c: Catalog, q: string) {
  const parsed = parseSearchQuery(q);
  if (!parsed.ok) throw parsed.error;
  return searchIdeas(c, parsed.value, 20);
}

const titles = (r: ReturnType<typeof search>) => r.hits.map((h) => `${h.idea.title} [${h.idea.term}]`);

describe("one listing per idea of a term", () => {
  const c = catalog("all");

  it("merges a term's proposals and accepted list (same title, or a retitle with the same issue); accepted wins", () => {
    const term2025 = c.ideas.filter((i) => i.term === "lfx-2025-3");
    expect(term2025.map((i) => [i.title, i.stage])).toEqual([
      ["Faster builds with remote caching", "accepted"],
      ["Orbit web dashboard (retitled)", "accepted"],
      ["Rust storage engine for Nebula", "proposed"],
    ]);
    expect(term2025[0]!.description).toContain("(accepted)");
    expect(c.terms().map((t) => [t.term.key, t.count, t.accepted])).toEqual([
      ["lfx-2026-3", 2, 2],
      ["gsoc-2026", 2, 0],
      ["lfx-2025-3", 3, 2],
    ]);
  });

  it("keeps the proposal's id working for show", () => {
    const proposal = readIdeas(fixture("terms/lfx-2025-3-proposals.md"), { label: "p", term: "lfx-2025-3", role: "proposals" }).ideas.find((i) => i.title === "Orbit dashboard")!;
    expect(c.get(proposal.id)?.title).toBe("Orbit web dashboard (retitled)");
  });

  it("gives the same idea of two terms two ids, and links them", () => {
    const builds = c.ideas.filter((i) => i.title === "Faster builds with remote caching");
    expect(builds.map((i) => i.term)).toEqual(["lfx-2026-3", "lfx-2025-3"]);
    expect(builds[0]!.id).not.toBe(builds[1]!.id);
    expect(c.alsoIn(builds[0]!).map((t) => t.short)).toEqual(["2025 Term 3"]);
    expect(c.alsoIn(builds[1]!).map((t) => t.short)).toEqual(["2026 Term 3"]);
  });
});

describe("term scope", () => {
  it("searches the current term by default and says how many more match elsewhere", () => {
    const c = catalog();
    const result = search(c, "comet");
    expect(titles(result)).toEqual(["Comet scheduler in Go [lfx-2026-3]"]);
    expect(result.scope).toMatchObject({ defaulted: true, outside: 2, widened: false });
  });

  it("answers from every term when the current one has nothing, and says so", () => {
    const result = search(catalog(), "rust storage");
    expect(titles(result)).toEqual(["Rust storage engine for Nebula [lfx-2025-3]"]);
    expect(result.scope).toMatchObject({ widened: true });
  });

  it("term:all shows one idea once, in its newest term; term:2025 shows that term's copy", () => {
    const c = catalog();
    expect(titles(search(c, "remote caching term:all"))).toEqual(["Faster builds with remote caching [lfx-2026-3]"]);
    expect(titles(search(c, "remote caching term:2025"))).toEqual(["Faster builds with remote caching [lfx-2025-3]"]);
    expect(search(c, "remote caching term:all").scope).toMatchObject({ defaulted: false, outside: 0 });
  });

  it("takes term:gsoc, term:lfx-2025-3, term:current and several term: values", () => {
    const c = catalog();
    expect(titles(search(c, "comet term:gsoc")).sort()).toEqual(["Comet documentation site [gsoc-2026]", "Comet scheduler plugins in Go [gsoc-2026]"]);
    expect(titles(search(c, "term:lfx-2025-3")).length).toBe(3);
    expect(titles(search(c, "term:current"))).toEqual(["Faster builds with remote caching [lfx-2026-3]", "Comet scheduler in Go [lfx-2026-3]"]);
    expect(titles(search(c, "orbit term:2025 term:gsoc")).every((t) => /2025|gsoc/.test(t))).toBe(true);
  });

  it("excludes with a leading minus: -skill:, -project:, -term:", () => {
    const c = catalog("all");
    expect(titles(search(c, "comet -skill:hugo"))).not.toContain("Comet documentation site [gsoc-2026]");
    expect(titles(search(c, "comet -skill:hugo")).length).toBe(2);
    expect(titles(search(c, "go -project:comet")).every((t) => !/Comet/.test(t))).toBe(true);
    expect(titles(search(c, "comet -term:gsoc"))).toEqual(["Comet scheduler in Go [lfx-2026-3]"]);
    // An excluded term's copy does not hide an older copy that is in scope.
    expect(titles(search(c, "remote caching -term:lfx-2026-3"))).toEqual(["Faster builds with remote caching [lfx-2025-3]"]);
  });

  it("refuses an unknown term with the known ones as hints", () => {
    expect(() => search(catalog(), "comet term:gsoc-2031")).toThrow(/I don't know the term "gsoc-2031". Try `term:gsoc-2026`/);
    expect(() => search(catalog(), "comet -term:nope")).toThrow(/I don't know the term "nope"/);
  });

  it("uses DEFAULT_TERM, and falls back to the current term when it names no term with ideas", () => {
    expect(titles(search(catalog("gsoc"), "comet"))).toHaveLength(2);
    expect(search(catalog("gsoc"), "comet").scope.outside).toBe(1);
    expect(titles(search(catalog("gsoc-2031"), "comet"))).toEqual(["Comet scheduler in Go [lfx-2026-3]"]);
  });

  it("recommend looks at the same scope and takes the same filters", () => {
    const c = catalog();
    const go = c.vocabulary.resolveList("go");
    const current = recommendInScope(c, go, { filters: noFilters(), exclude: noFilters() }, 10);
    expect(current.items.map((r) => r.idea.term)).toEqual(["lfx-2026-3", "lfx-2026-3"]);
    expect(current.scope.outside).toBe(1);
    const gsoc = recommendInScope(c, go, { filters: { ...noFilters(), term: ["gsoc"] }, exclude: noFilters() }, 10);
    expect(gsoc.items.map((r) => r.idea.title)).toEqual(["Comet scheduler plugins in Go"]);
  });
});

describe("the commands", () => {
  const context = (c: Catalog) => ({ catalog: c, platform: "shell" as const, userId: "u", page: 1 });

  it("search cards carry the term, accepted, and the other terms; the note says how to widen", async () => {
    // Orbit's remote caching idea is in 2025 too (named on its card, not counted again); its dashboard only in 2025.
    const reply = await dispatch("search", { query: "orbit" }, context(catalog()));
    expect(reply).toMatchObject({ kind: "cards", note: expect.stringMatching(/^LFX Mentorship 2026 Term 3 only: 1 more in other terms \(add term:all/) });
    if (reply.kind !== "cards") throw new Error("cards expected");
    expect(reply.cards[0]).toMatchObject({ term: "LFX Mentorship 2026 Term 3", stage: "accepted", alsoIn: ["2025 Term 3"] });
  });

  it("search and recommend take a term option (Discord) as well as term: in the words", async () => {
    const viaOption = await dispatch("search", { query: "comet", term: "gsoc" }, context(catalog()));
    const viaWords = await dispatch("search", { query: "comet term:gsoc" }, context(catalog()));
    expect(viaOption).toMatchObject({ kind: "cards", total: 2 });
    expect(viaOption.kind === "cards" && viaOption.cards).toEqual(viaWords.kind === "cards" && viaWords.cards);
    expect(viaOption.kind === "cards" && viaOption.continuation).toEqual({ command: "search", input: { query: "comet", term: "gsoc" } });
    const rec = await dispatch("recommend", { skills: "rust term:all" }, context(catalog()));
    expect(rec).toMatchObject({ kind: "cards", total: 1, cards: [{ title: "Rust storage engine for Nebula", term: "LFX Mentorship 2025 Term 3", stage: "proposed" }] });
  });

  it("show names the idea's term and the other terms that had it", async () => {
    const c = catalog();
    const older = c.ideas.find((i) => i.title === "Faster builds with remote caching" && i.term === "lfx-2025-3")!;
    const reply = await dispatch("show", { id: older.id }, context(c));
    expect(reply).toMatchObject({ kind: "idea", card: { term: "LFX Mentorship 2025 Term 3", stage: "accepted", alsoIn: ["2026 Term 3"] } });
  });

  it("an unknown term is a kind error, not a crash", async () => {
    expect(await dispatch("search", { query: "comet term:2031" }, context(catalog()))).toMatchObject({ kind: "message", tone: "error", text: expect.stringContaining('I don\'t know the term "2031"') });
    expect(await dispatch("recommend", { skills: "go", term: "nope" }, context(catalog()))).toMatchObject({ kind: "message", tone: "error" });
  });

  it("terms lists the terms newest first with counts and the default scope", async () => {
    const reply = await dispatch("terms", {}, context(catalog()));
    expect(reply).toMatchObject({
      kind: "message",
      text: "3 terms, 7 ideas. Searches look at LFX Mentorship 2026 Term 3 unless you add term:<term> (term:all for every term).",
      lines: [
        "LFX Mentorship 2026 Term 3 (term:lfx-2026-3): 2 ideas",
        "Google Summer of Code 2026 (term:gsoc-2026): 2 ideas",
        "LFX Mentorship 2025 Term 3 (term:lfx-2025-3): 3 ideas, 2 accepted",
      ],
    });
  });
});

it("inferRole: README and selected_projects are accepted lists, JSON an export, the rest proposals", () => {
  expect(["a/README.md", "a/selected_projects.md", "a/lfx-export.json", "a/project_ideas.md", "https://x.org/ideas.md?raw=1"].map(inferRole)).toEqual([
    "accepted",
    "accepted",
    "export",
    "proposals",
    "proposals",
  ]);
});
