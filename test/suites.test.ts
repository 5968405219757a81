/**
 * Every test file is in exactly one suite (test/suites.ts): `npm test` runs the fast one,
 * `npm run test:e2e` the other, and no file is left out of both or run by both.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import config from "../vitest.config.ts";
import { REPO_ROOT } from "./helpers.ts";
import { E2E_FILES, TEST_FILES } from "./suites.ts";

/** test/**\/*.test.ts, relative to the repository, found on disk. */
function testFiles(dir = "test"): string[] {
  return readdirSync(REPO_ROOT + dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return testFiles(relative);
    return entry.isFile() && entry.name.endsWith(".test.ts") ? [relative] : [];
  });
}

interface Project {
  test: { name: string; include?: string[]; exclude?: string[] };
}

const projects = (config as { test: { projects: Project[] } }).test.projects;
const project = (name: string) => projects.find((p) => p.test.name === name)!.test;
const e2e = new Set<string>(E2E_FILES);
const files = testFiles();
const fast = files.filter((f) => !e2e.has(f));

describe("the two suites", () => {
  it("vitest.config.ts has a fast project (every test file but the e2e ones) and an e2e project (exactly those)", () => {
    expect(projects.map((p) => p.test.name)).toEqual(["fast", "e2e"]);
    expect(project("fast").include).toEqual([TEST_FILES]);
    expect(project("fast").exclude).toEqual(expect.arrayContaining([...E2E_FILES]));
    expect(project("e2e").include).toEqual([...E2E_FILES]);
    expect(TEST_FILES).toBe("test/**/*.test.ts");
  });

  it("every e2e file exists, once: a file in the list is in the e2e suite and not the fast one", () => {
    expect(E2E_FILES.length).toBe(e2e.size);
    expect(E2E_FILES.filter((f) => !files.includes(f))).toEqual([]);
    expect(fast.length + e2e.size).toBe(files.length);
    expect(fast.length).toBeGreaterThan(e2e.size);
  });

  it("no file of the fast suite starts a child process (those are e2e)", () => {
    const spawning = fast.filter((f) => /["'](?:node:)?child_process["']/.test(readFileSync(REPO_ROOT + f, "utf8")));
    expect(spawning).toEqual([]);
  });

  it("npm test runs the fast suite and npm run test:e2e the e2e suite", () => {
    const { scripts } = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, "utf8")) as { scripts: Record<string, string> };
    expect(scripts.test).toBe("vitest run --project fast");
    expect(scripts["test:e2e"]).toBe("vitest run --project e2e");
  });
});
