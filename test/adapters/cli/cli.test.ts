import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IdeaSchema } from "../../../src/ideas/schema.ts";
import { fixture, REPO_ROOT, fixturePath, scratchDataDir, SEED_PATH } from "../../helpers.ts";

/**
 * Runs `npm run --silent ideas -- …` the way a script would (node + tsx, no npm wrapper), on the
 * seed file unless the test says otherwise (the whole catalogue has its own tests below).
 */
function ideas(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "adapters/cli/main.ts", ...args], {
    cwd: REPO_ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, IDEAS_SOURCES: SEED_PATH, DEFAULT_TERM: "", DATA_DIR: scratchDataDir(), ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("ideas parse", () => {
  it("prints the ideas of a file as a JSON array that passes the schema", () => {
    const { code, stdout } = ideas(["parse", SEED_PATH, "--json"]);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as unknown[];
    expect(parsed).toHaveLength(42);
    for (const idea of parsed) IdeaSchema.parse(idea);
  });

  it("prints a short listing without --json", () => {
    const { code, stdout } = ideas(["parse", fixturePath("catalog/small-ideas.md")]);
    expect(code).toBe(0);
    expect(stdout).toContain("Orbit — Kubernetes documentation overhaul");
    expect(stdout).toContain("mentors: Ada Lovelace (@ada), Grace Hopper (@grace)");
    expect(stdout.trim().split("\n").pop()).toMatch(/^6 ideas in /);
  });

  it("reads a URL (loopback), and says so clearly when the URL answers an error page", async () => {
    const server = createServer((req, res) => {
      if (req.url === "/ideas.md") res.writeHead(200, { "content-type": "text/markdown" }).end(fixture("catalog/small-ideas.md"));
      else res.writeHead(503, { "content-type": "text/html" }).end("<html>down</html>");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // Async spawn: the server in this process must keep answering while the CLI runs.
    const run = (url: string) =>
      new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, ["--import", "tsx", "adapters/cli/main.ts", "parse", url, "--json"], { cwd: REPO_ROOT });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("close", (code) => resolve({ code, stdout, stderr }));
      });
    try {
      const ok = await run(`${base}/ideas.md`);
      expect(ok.code).toBe(0);
      expect((JSON.parse(ok.stdout) as Array<{ source: string }>).map((i) => i.source)).toEqual(Array(6).fill("ideas"));
      const down = await run(`${base}/down.md`);
      expect(down.code).toBe(1);
      expect(down.stderr).toContain("answered HTTP 503");
    } finally {
      server.close();
    }
  });

  it("exits 2 naming a missing path", () => {
    const { code, stderr } = ideas(["parse", "no/such/file.md", "--json"]);
    expect(code).toBe(2);
    expect(stderr).toContain("no/such/file.md");
  });

  it("gives [] and a warning for an empty file, and a clear error for a binary one", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-cli-"));
    writeFileSync(path.join(dir, "empty.md"), "");
    const empty = ideas(["parse", path.join(dir, "empty.md"), "--json"]);
    expect(empty).toMatchObject({ code: 0, stdout: "[]\n" });
    expect(empty.stderr).toMatch(/warning: .*empty/);
    writeFileSync(path.join(dir, "blob.md"), Buffer.from([1, 2, 0, 3]));
    const binary = ideas(["parse", path.join(dir, "blob.md")]);
    expect(binary.code).toBe(1);
    expect(binary.stderr).toContain("is a binary file, not markdown");
  });
});

describe("ideas search / recommend", () => {
  it("prints the best results first with id, project, title, term, stage, skills, alsoIn, score", () => {
    const { code, stdout } = ideas(["search", "terraform", "--json", "--limit", "3"]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as Array<Record<string, unknown>>;
    // The seed's path says its term: cncf/mentoring's programs/lfx-mentorship/2022/01-Spring/.
    expect(results[0]).toMatchObject({ project: "KubeVela", title: "Management of Terraform state", term: "lfx-2022-1", stage: "proposed", skills: ["Golang", "Terraform"], alsoIn: [] });
    expect(Object.keys(results[0]!)).toEqual(["id", "project", "title", "term", "stage", "skills", "alsoIn", "score"]);
    expect(results.length).toBeLessThanOrEqual(3);
  });

  it("adds matched and missing to recommendations, and go, k8s = golang, kubernetes", () => {
    const a = JSON.parse(ideas(["recommend", "go, k8s", "--json", "--limit", "5"]).stdout) as Array<Record<string, unknown>>;
    const b = JSON.parse(ideas(["recommend", "golang, kubernetes", "--json", "--limit", "5"]).stdout) as unknown[];
    expect(a).toEqual(b);
    expect(a).toHaveLength(5);
    expect(a[0]).toMatchObject({ matched: ["Go", "Kubernetes"], missing: [] });
  });

  it("reads one query per stdin line with --jsonl, answering each line in order", () => {
    const { code, stdout, stderr } = ideas(["search", "--jsonl", "--limit", "1"], { input: `terraform\n${"x".repeat(300)}\nminiruby\n` });
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n").map((l) => JSON.parse(l) as Array<{ title: string }>);
    expect(lines).toHaveLength(3);
    expect(lines[0]![0]!.title).toBe("Management of Terraform state");
    expect(lines[1]).toEqual([]);
    expect(lines[2]![0]!.title).toBe("Improving the performance of running miniruby");
    expect(stderr).toContain("under 200");
  });

  it("exits 2 on wrong usage", () => {
    expect(ideas(["search"]).code).toBe(2);
    expect(ideas(["search", "x", "--limit", "zero"]).code).toBe(2);
    expect(ideas(["frobnicate"]).code).toBe(2);
  });
});

// The whole catalogue: the first run parses every file (seconds on a busy 2-core machine), later
// runs in the same DATA_DIR read the parse cache.
describe("the bundled catalogue, with no IDEAS_SOURCES", { timeout: 120_000 }, () => {
  const dataDir = scratchDataDir();
  const bundled = { IDEAS_SOURCES: "", DATA_DIR: dataDir };

  it("lists every term, newest first, with counts (ideas terms --json)", () => {
    const { code, stdout } = ideas(["terms", "--json"], { env: bundled });
    expect(code).toBe(0);
    const terms = JSON.parse(stdout) as Array<{ key: string; label: string; program: string; count: number; accepted: number }>;
    expect(terms[0]).toMatchObject({ key: "lfx-2026-3", label: "LFX Mentorship 2026 Term 3", program: "lfx", count: 59, accepted: 59 });
    const keys = terms.map((t) => t.key);
    for (const key of ["lfx-2026-1", "lfx-2022-1", "lfx-2020-1", "lfx-2019", "gsoc-2026", "gsoc-2017", "sod-2020", "sod-2023"]) expect(keys).toContain(key);
    expect(keys.indexOf("lfx-2026-3")).toBeLessThan(keys.indexOf("gsoc-2026"));
    expect(keys.indexOf("gsoc-2026")).toBeLessThan(keys.indexOf("lfx-2026-1"));
    expect(terms.reduce((n, t) => n + t.count, 0)).toBeGreaterThan(900);
  });

  it("searches and recommends over every term for scripts, each result with its term, the same idea once", () => {
    const { code, stdout } = ideas(["search", "--jsonl", "--limit", "10"], { env: bundled, input: "jaeger\nkubearmor term:gsoc\ngo, k8s\n" });
    expect(code).toBe(0);
    const [jaeger, kubearmor] = stdout.trim().split("\n").map((l) => JSON.parse(l) as Array<{ id: string; title: string; project: string; term: string; alsoIn: string[] }>);
    expect(jaeger!.every((r) => r.project === "Jaeger")).toBe(true);
    expect(new Set(jaeger!.map((r) => r.term)).size).toBeGreaterThan(1);
    expect(kubearmor!.length).toBeGreaterThan(0);
    expect(kubearmor!.every((r) => r.term.startsWith("gsoc-"))).toBe(true);
    // One idea of several terms is one result, with the other terms named.
    const titles = kubearmor!.map((r) => `${r.project}\n${r.title}`.toLowerCase());
    expect(new Set(titles).size).toBe(titles.length);
    // A second run in the same DATA_DIR reads the parse cache and answers the same.
    const again = ideas(["search", "--jsonl", "--limit", "10"], { env: bundled, input: "jaeger\n" });
    expect(JSON.parse(again.stdout.trim())).toEqual(jaeger);
  });
});
