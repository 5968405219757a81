import { describe, expect, it } from "vitest";
import { byNewest, inferTerm, selectTerms, termFromKey } from "../../src/ideas/terms.ts";

describe("term keys", () => {
  it("name the program, year and term, and sort by when the term starts", () => {
    expect(termFromKey("lfx-2026-3")).toMatchObject({ program: "lfx", year: 2026, number: 3, label: "LFX Mentorship 2026 Term 3", short: "2026 Term 3" });
    expect(termFromKey("gsoc-2025")).toMatchObject({ program: "gsoc", label: "Google Summer of Code 2025", short: "GSoC 2025" });
    expect(termFromKey("sod-2020")).toMatchObject({ program: "sod", label: "Season of Docs 2020" });
    expect(termFromKey("lfx-2019")).toMatchObject({ label: "LFX Mentorship 2019", number: null });
    expect(termFromKey("other")).toMatchObject({ label: "Other sources" });
    for (const bad of ["gsoc-2025-1", "lfx-26-3", "lfx-2026-9", "spring", ""]) expect(termFromKey(bad), bad).toBeNull();
    const keys = ["gsoc-2026", "lfx-2026-1", "other", "lfx-2026-3", "lfx-2026-2", "gsoc-2017", "lfx-2020-1"];
    // GSoC starts in May: after LFX Term 1 (March), before Term 2 (June).
    expect(keys.sort(byNewest)).toEqual(["lfx-2026-3", "lfx-2026-2", "gsoc-2026", "lfx-2026-1", "lfx-2020-1", "gsoc-2017", "other"]);
  });

  it("are read from cncf/mentoring's layout and from file names, or `other`", () => {
    const cases: Array<[string, string]> = [
      ["data/cncf-mentoring/programs/lfx-mentorship/2026/03-Sep-Nov/README.md", "lfx-2026-3"],
      ["https://raw.githubusercontent.com/cncf/mentoring/main/programs/lfx-mentorship/2022/01-Spring/project_ideas.md", "lfx-2022-1"],
      ["programs/lfx-mentorship/2020/q3-q4/selected_projects.md", "lfx-2020-3"],
      ["programs/lfx-mentorship/2019/README.md", "lfx-2019"],
      ["programs/summerofcode/2024.md", "gsoc-2024"],
      ["programs/archive/seasonofdocs/previous-years/2023/README.md", "sod-2023"],
      ["./corpus/gsoc-2023.md", "gsoc-2023"],
      ["lfx-2022-spring-project_ideas.md", "lfx-2022-1"],
      ["lfx-2023-term2-ideas.md", "lfx-2023-2"],
      ["./ideas.md", "other"],
      ["https://example.org/2026/ideas.md", "other"],
    ];
    for (const [location, key] of cases) expect(inferTerm(location), location).toBe(key);
  });
});

describe("term: values", () => {
  const known = ["lfx-2026-3", "lfx-2026-2", "gsoc-2026", "lfx-2025-3", "gsoc-2025", "sod-2020", "other"];
  const keys = (value: string) => {
    const s = selectTerms(value, known);
    return s.kind === "keys" ? [...s.keys].sort() : s.kind;
  };

  it("select a key, a year, a program, a program's year, the current term or all", () => {
    expect(keys("lfx-2026-3")).toEqual(["lfx-2026-3"]);
    expect(keys("2026")).toEqual(["gsoc-2026", "lfx-2026-2", "lfx-2026-3"]);
    expect(keys("gsoc")).toEqual(["gsoc-2025", "gsoc-2026"]);
    expect(keys("Summer of Code")).toEqual(["gsoc-2025", "gsoc-2026"]);
    expect(keys("season-of-docs")).toEqual(["sod-2020"]);
    expect(keys("gsoc-2025")).toEqual(["gsoc-2025"]);
    expect(keys("lfx-2026")).toEqual(["lfx-2026-2", "lfx-2026-3"]);
    expect(keys("current")).toEqual(["lfx-2026-3"]);
    expect(keys("LATEST")).toEqual(["lfx-2026-3"]);
    expect(keys("all")).toBe("all");
    expect(keys("other")).toEqual(["other"]);
  });

  it("that select nothing are unknown, with the closest terms as hints", () => {
    const gsoc = selectTerms("gsoc-2030", known);
    expect(gsoc).toMatchObject({ kind: "unknown", input: "gsoc-2030" });
    expect(gsoc.kind === "unknown" && gsoc.suggestions[0]).toBe("gsoc-2026");
    const year = selectTerms("lfx-2025-1", known);
    expect(year.kind === "unknown" && year.suggestions).toEqual(expect.arrayContaining(["lfx-2025-3"]));
    expect(selectTerms("banana", known)).toMatchObject({ kind: "unknown", suggestions: ["lfx-2026-3", "lfx-2026-2", "gsoc-2026", "lfx-2025-3"] });
  });
});
