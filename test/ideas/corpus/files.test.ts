/**
 * The real-data corpus: nine files of the bundled catalogue, each with its own test file here
 * (test/ideas/corpus/<name>.test.ts), all sharing ./helpers.ts.
 */
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BUNDLED, corpusPath } from "./helpers.ts";

describe("real corpus (bundled in data/cncf-mentoring)", () => {
  it("has the nine files this suite expects", () => {
    for (const file of Object.keys(BUNDLED)) {
      expect(existsSync(corpusPath(file)), file).toBe(true);
      expect(existsSync(new URL(`./${file.replace(/\.md$/, "")}.test.ts`, import.meta.url)), `test/ideas/corpus/${file.replace(/\.md$/, "")}.test.ts`).toBe(true);
    }
    expect(Object.keys(BUNDLED)).toHaveLength(9);
  });
});
