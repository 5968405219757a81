import { spawn, spawnSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { IdeaSchema } from "../../src/ideas/schema.ts";
import { fixture, REPO_ROOT, fixturePath, scratchDataDir, SEED_PATH } from "../helpers.ts";

/** Runs `npm run --silent ideas -- …` the way a script would (node + tsx, no npm wrapper). */
function ideas(args: string[], options: { input?: string; env?: NodeJS.ProcessEnv } = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: REPO_ROOT,
    input: options.input ?? "",
    encoding: "utf8",
    env: { ...process.env, IDEAS_SOURCES: "", DATA_DIR: scratchDataDir(), ...options.env },
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
        const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "parse", url, "--json"], { cwd: REPO_ROOT });
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
  it("prints the best results first with id, project, title, skills, score", () => {
    const { code, stdout } = ideas(["search", "terraform", "--json", "--limit", "3"]);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(results[0]).toMatchObject({ project: "KubeVela", title: "Management of Terraform state", skills: ["Golang", "Terraform"] });
    expect(Object.keys(results[0]!)).toEqual(["id", "project", "title", "skills", "score"]);
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
