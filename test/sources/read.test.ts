import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { ideaId } from "../../src/ideas/id.ts";
import type { Idea } from "../../src/ideas/schema.ts";
import { parseCacheKey, readIdeas, readIdeasCached, type ParseCache } from "../../src/sources/read.ts";
import { bundledPath, fixture } from "../helpers.ts";

const text = fixture("terms/lfx-2026-3-accepted.md");

describe("readIdeas", () => {
  it("stamps the source's term and stage on every idea, with the term in the id", () => {
    const { ideas } = readIdeas(text, { label: "t", term: "lfx-2026-3", role: "accepted" });
    expect(ideas.map((i) => [i.term, i.stage, i.source])).toEqual([
      ["lfx-2026-3", "accepted", "t"],
      ["lfx-2026-3", "accepted", "t"],
    ]);
    expect(ideas[0]!.id).toBe(ideaId("Orbit", "Faster builds with remote caching", "lfx-2026-3"));
    expect(ideas[0]!.id).not.toBe(ideaId("Orbit", "Faster builds with remote caching", "lfx-2025-3"));
    const proposals = readIdeas(text, { label: "t", term: "lfx-2026-3", role: "proposals" });
    expect(proposals.ideas.map((i) => i.stage)).toEqual(["proposed", "proposed"]);
    expect(proposals.ideas[0]!.id).toBe(ideas[0]!.id);
  });

  it("keeps the term-less id for a source of no known term", () => {
    const { ideas } = readIdeas(text, { label: "t", term: "other", role: "proposals" });
    expect(ideas[0]!.id).toBe(ideaId("Orbit", "Faster builds with remote caching"));
  });

  it("reads an export as JSON", () => {
    const json = readFileSync(bundledPath("lfx-mentorship/2026/03-Sep-Nov/lfx-export.json"), "utf8");
    const { ideas } = readIdeas(json, { label: "e", term: "lfx-2026-3", role: "export" });
    expect(ideas).toHaveLength(59);
    expect(ideas.every((i) => i.term === "lfx-2026-3" && i.stage === "accepted")).toBe(true);
  });
});

describe("readIdeasCached", () => {
  function memoryCache(): ParseCache & { entries: Map<string, unknown> } {
    const entries = new Map<string, unknown>();
    return {
      entries,
      async cachedIdeas(key) {
        return entries.get(key) as Idea[] | undefined;
      },
      async cacheIdeas(key, ideas) {
        entries.set(key, ideas);
      },
    };
  }
  const spec = { label: "t", term: "lfx-2026-3", role: "accepted" as const };

  it("parses once, then reads the same bytes back from the cache", async () => {
    const cache = memoryCache();
    const first = await readIdeasCached(text, spec, cache);
    const second = await readIdeasCached(text, spec, cache);
    expect(first.cached).toBe(false);
    expect(second).toMatchObject({ cached: true, ideas: first.ideas });
    expect(cache.entries.size).toBe(1);
  });

  it("keys by the bytes, the source's label, term and role", () => {
    const keys = new Set([
      parseCacheKey(text, spec),
      parseCacheKey(`${text} `, spec),
      parseCacheKey(text, { ...spec, label: "u" }),
      parseCacheKey(text, { ...spec, term: "lfx-2025-3" }),
      parseCacheKey(text, { ...spec, role: "proposals" }),
    ]);
    expect(keys.size).toBe(5);
  });
});
