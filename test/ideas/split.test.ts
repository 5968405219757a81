import { describe, expect, it } from "vitest";
import { splitTopLevel } from "../../src/ideas/split.ts";

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
