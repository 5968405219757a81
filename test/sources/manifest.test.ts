import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.ts";
import { BUNDLED_MANIFEST, manifestSources } from "../../src/sources/manifest.ts";
import { parseSourceList } from "../../src/sources/spec.ts";

function manifest(content: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), "ideas-manifest-"));
  writeFileSync(path.join(dir, "here.md"), "# x\n");
  const file = path.join(dir, "catalogue.json");
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

describe("the bundled catalogue's manifest", () => {
  const specs = manifestSources();

  it("names every bundled ideas file once, with its term and role, under unique labels", () => {
    expect(specs.length).toBe(57);
    expect(new Set(specs.map((s) => s.label)).size).toBe(specs.length);
    expect(new Set(specs.map((s) => s.location)).size).toBe(specs.length);
    expect(new Set(specs.map((s) => s.term)).size).toBe(35);
    expect(specs.find((s) => s.location.endsWith("2026/03-Sep-Nov/lfx-export.json"))).toMatchObject({ label: "lfx-2026-3-export", term: "lfx-2026-3", role: "export", kind: "file" });
    expect(specs.find((s) => s.location.endsWith("summerofcode/2017.md"))).toMatchObject({ label: "gsoc-2017-proposals", term: "gsoc-2017" });
    expect(specs.find((s) => s.location.endsWith("2020/q2/selected_projects.md"))).toMatchObject({ term: "lfx-2020-2", role: "accepted" });
  });

  it("agrees with the term each path says", async () => {
    const { inferTerm } = await import("../../src/ideas/terms.ts");
    for (const spec of specs) expect(inferTerm(spec.location), spec.location).toBe(spec.term);
  });

  it("is what IDEAS_SOURCES means when unset, and `bundled` inside a list adds to it", () => {
    expect(loadConfig({}).IDEAS_SOURCES).toEqual(specs);
    const list = parseSourceList(`bundled, extra=https://example.org/2027/ideas.md`);
    expect(list).toHaveLength(58);
    expect(list.at(-1)).toMatchObject({ label: "extra", kind: "http", term: "other", role: "proposals" });
    expect(parseSourceList(BUNDLED_MANIFEST)).toEqual(specs);
  });
});

describe("a manifest that is wrong stops the start with a message naming it", () => {
  it("a file it names is missing", () => {
    const file = manifest({ terms: [{ program: "lfx", year: 2027, term: 1, files: [{ path: "here.md", role: "proposals" }, { path: "gone/README.md", role: "accepted" }] }] });
    expect(() => manifestSources(file)).toThrow(`the catalogue manifest ${file} names gone/README.md (term lfx-2027-1), which does not exist`);
    expect(() => loadConfig({ IDEAS_SOURCES: file })).toThrow(/IDEAS_SOURCES: .*gone\/README\.md/);
  });

  it("not JSON, or not a manifest", () => {
    expect(() => manifestSources(manifest("{ nope"))).toThrow(/cannot read the catalogue manifest/);
    expect(() => manifestSources(manifest({ terms: [{ program: "gsoc", year: 2027, term: null, files: [{ path: "here.md", role: "draft" }] }] }))).toThrow(/is not valid: terms\.0\.files\.0\.role/);
    expect(() => manifestSources(manifest({ terms: [] }))).toThrow(/is not valid: terms/);
  });

  it("a good one: labels by term and role", () => {
    const file = manifest({ terms: [{ program: "gsoc", year: 2027, term: null, files: [{ path: "here.md", role: "proposals" }] }] });
    expect(manifestSources(file)).toEqual([{ label: "gsoc-2027-proposals", kind: "file", location: path.join(path.dirname(file), "here.md"), term: "gsoc-2027", role: "proposals" }]);
  });
});
