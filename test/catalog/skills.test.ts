import { describe, expect, it } from "vitest";
import { canonicalizeSkill, canonicalizeSkills } from "../../src/ideas/skills.ts";
import { smallCatalog } from "../helpers.ts";

describe("skills vocabulary", () => {
  it.each([
    ["go", ["Go"]],
    ["golang", ["Go"]],
    ["GoLang (required)", ["Go"]],
    ["k8s", ["Kubernetes"]],
    ["kube", ["Kubernetes"]],
    ["ReactJS", ["React"]],
    ["react.js", ["React"]],
    ["cpp", ["C++"]],
    ["c++", ["C++"]],
    ["js", ["JavaScript"]],
    ["Python/Flask programming", ["Python", "Flask"]],
    ["(Golang and/or C++ helpful, but not necessary)", ["Go", "C++"]],
    ["Kubernetes E2E testing", ["Kubernetes", "Testing"]],
  ])("maps %j to %j", (written, canonical) => {
    expect(canonicalizeSkills([written as string])).toEqual(canonical);
  });

  it("keeps a short skill the vocabulary does not know, and drops a long sentence", () => {
    expect(canonicalizeSkills(["Temporal"])).toEqual(["Temporal"]);
    expect(canonicalizeSkill("a thing nobody has ever heard of")).toEqual([]);
    expect(canonicalizeSkills(["How one would maybe approach the whole thing somehow"])).toEqual([]);
  });

  it("resolves a typed list and suggests for unknown items", () => {
    const vocabulary = smallCatalog().vocabulary;
    const resolved = vocabulary.resolveList("go, k8s and pyhton");
    expect(resolved.map((r) => r.skills)).toEqual([["Go"], ["Kubernetes"], []]);
    expect(resolved[2]!.suggestions[0]).toBe("Python");
  });

  it("lists the catalogue's skills with counts, most asked first", () => {
    const list = smallCatalog().vocabulary.list().filter((s) => s.count > 0);
    expect(list[0]!.count).toBe(2);
    expect(list).toContainEqual({ skill: "Kubernetes", count: 2 });
    expect(list.every((s, i) => i === 0 || list[i - 1]!.count >= s.count)).toBe(true);
    expect(list.map((s) => s.skill)).toContain("Flask");
  });

  it("suggests by prefix for autocomplete", () => {
    expect(smallCatalog().vocabulary.suggest("kub")[0]).toBe("Kubernetes");
  });
});
