import { spawn } from "node:child_process";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ShellAdapter } from "../../../adapters/shell/shell.ts";
import { cleanForTerminal } from "../../../adapters/shell/render.ts";
import { REPO_ROOT, scratchDataDir, smallCatalog } from "../../helpers.ts";

function shell(interactive = false) {
  const catalog = smallCatalog();
  return new ShellAdapter({ catalog: () => catalog, input: new PassThrough(), output: new PassThrough(), interactive });
}

describe("ShellAdapter.handleLine", () => {
  it("answers /ideas search with numbered cards, ids and links, in plain text for a pipe", async () => {
    const out = await shell().handleLine("/ideas search kuberntes documentaion");
    expect(out).toContain("1. Kubernetes documentation overhaul");
    expect(out).toContain("https://github.com/orbit/orbit/issues/1");
    expect(out).not.toContain("\u001b[");
  });

  it("colours output on a terminal", async () => {
    expect(await shell(true).handleLine("help")).toContain("\u001b[");
  });

  it("pages with next and prev", async () => {
    const sh = shell();
    expect(await sh.handleLine("next")).toMatch(/run a search first/);
    const first = await sh.handleLine("recommend go, k8s, rust, react, c++, python, technical writing");
    expect(first).toContain("(page 1 of 2)");
    const second = await sh.handleLine("next");
    expect(second).toContain("(page 2 of 2)");
    expect(second).toMatch(/^6\. /m);
    expect(await sh.handleLine("next")).toBe("That was the last page.");
    expect(await sh.handleLine("prev")).toContain("(page 1 of 2)");
  });

  it("strips terminal control sequences from text it echoes", () => {
    expect(cleanForTerminal("a\u001b[31mred\u0007b\nc")).toBe("a[31mredb\nc");
  });
});

describe("npm start with a pipe", () => {
  // On the whole bundled catalogue, parsed cold into a fresh DATA_DIR: seconds on a busy 2-core machine.
  it("reads lines until the end of input, answers each in order, and exits 0", { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], { cwd: REPO_ROOT, env: { ...process.env, IDEAS_SOURCES: "", DATA_DIR: scratchDataDir() } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end("search jaeger\nsearch terraform term:all\nrecommend go, k8s\n/ideas show nope\nfoo\n");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    // On stderr only one line for the bundled catalogue's first check (a fresh DATA_DIR); answers are on stdout.
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^\[ideas-bot\] first check of \d+ sources: \d+ idea\(s\) recorded without announcing/)]);
    expect(code).toBe(0);
    // The bundled catalogue answers from the current term first: Jaeger's 2026 Term 3 ideas, and says so.
    const jaeger = stdout.slice(0, stdout.indexOf("Management of Terraform state"));
    expect(jaeger).toContain("OpenTelemetry-Native Query and State Layers Migration");
    expect(jaeger).toContain("LFX Mentorship 2026 Term 3 · accepted");
    expect(jaeger).toMatch(/more in other terms \(add term:all/);
    const terraform = stdout.indexOf("Management of Terraform state");
    const recommend = stdout.indexOf("ideas for Go, Kubernetes");
    const show = stdout.indexOf('There is no idea with the id "nope"');
    const unknown = stdout.indexOf('I don\'t know "foo"');
    expect([terraform, recommend, show, unknown].every((i) => i >= 0)).toBe(true);
    expect(terraform < recommend && recommend < show && show < unknown).toBe(true);
  });
});
