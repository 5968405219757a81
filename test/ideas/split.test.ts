import { describe, expect, it } from "vitest";
import { SKILL_LIST_SEPARATOR } from "../../src/catalog/skills.ts";
import { MENTOR_SEPARATOR } from "../../src/ideas/mentors.ts";
import { splitTopLevel } from "../../src/ideas/split.ts";
import { growthOver4x } from "../helpers.ts";

const COMMA = /^\s*,\s*/;

describe("splitTopLevel", () => {
  it("does not split inside parentheses that close", () => {
    expect(splitTopLevel("Go, Kubernetes (client-go, CRDs), CLI", COMMA)).toEqual(["Go", "Kubernetes (client-go, CRDs)", "CLI"]);
  });

  it("an unclosed bracket does not swallow the rest of the list", () => {
    expect(splitTopLevel("Go (optional, Rust, C++", COMMA)).toEqual(["Go (optional", "Rust", "C++"]);
  });

  it("never cuts a URL, and stops it before the punctuation that follows", () => {
    expect(splitTopLevel("https://github.com/ada/x,y, Grace", COMMA)).toEqual(["https://github.com/ada/x,y", "Grace"]);
    expect(splitTopLevel("see https://example.com/a, Bob", COMMA)).toEqual(["see https://example.com/a", "Bob"]);
  });
});

describe("splitTopLevel on a long run of spaces", () => {
  it("still splits where the spaces lead to a separator", () => {
    expect(splitTopLevel(`Ada${" ".repeat(1000)}and Grace`, MENTOR_SEPARATOR)).toEqual(["Ada", "Grace"]);
    expect(splitTopLevel(`Go${" ".repeat(1000)},  Rust`, COMMA)).toEqual(["Go", "Rust"]);
  });

  it("costs time in proportion to the run (4x the spaces, about 4x the time, not 16x)", () => {
    // Mentors lines and skill lists typed in chat are split with separators that start with spaces.
    const make = (n: number) => `Ada${" ".repeat(n)}x`;
    for (const separator of [MENTOR_SEPARATOR, SKILL_LIST_SEPARATOR]) {
      expect(splitTopLevel(make(50_000), separator)).toEqual([`Ada${" ".repeat(50_000)}x`]);
      expect(growthOver4x((text: string) => splitTopLevel(text, separator), make, 50_000, 3), String(separator)).toBeLessThan(8);
    }
  });
});
