import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The layering of the sources (.dependency-cruiser.cjs): no cycle between folders, src/ imports
 * neither commands/ nor adapters/, commands/ no adapter, src/store nothing of src/announce. This
 * runs the same check as `npm run depcheck`, through the local dependency-cruiser.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CLI = path.join(ROOT, "node_modules/dependency-cruiser/bin/dependency-cruise.mjs");
const CONFIG = path.join(ROOT, ".dependency-cruiser.cjs");

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: Array<{ name: string }>;
}

interface Cruise {
  violations: Violation[];
  modules: number;
}

/** dependency-cruiser over `folders` of `cwd`, with the repository's rules. */
function depcruise(cwd: string, folders: string[]): Promise<Cruise> {
  return new Promise((resolve, reject) => {
    // It exits non-zero when it finds violations: the JSON on stdout is what counts.
    execFile(process.execPath, [CLI, ...folders, "--config", CONFIG, "--output-type", "json"], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      try {
        const { summary } = JSON.parse(stdout) as { summary: { violations: Violation[]; totalCruised: number } };
        resolve({ violations: summary.violations, modules: summary.totalCruised });
      } catch {
        reject(new Error(`dependency-cruiser gave no result: ${error?.message ?? ""}\n${stderr}`));
      }
    });
  });
}

function describeViolation(v: Violation): string {
  const cycle = v.cycle?.length ? ` (cycle: ${[v.from, ...v.cycle.map((c) => c.name)].join(" → ")})` : "";
  return `${v.rule.name}: ${v.from} → ${v.to}${cycle}`;
}

/** The errors, cycles last: a broken direction rule usually explains the cycles that come with it. */
const errorsOf = (cruise: Cruise): string[] =>
  cruise.violations
    .filter((v) => v.rule.severity === "error")
    .sort((a, b) => Number(a.cycle !== undefined && a.cycle.length > 0) - Number(b.cycle !== undefined && b.cycle.length > 0))
    .map(describeViolation);

describe("dependencies between folders", () => {
  it("src/, commands/ and adapters/ break none of the rules", async () => {
    const cruise = await depcruise(ROOT, ["src", "commands", "adapters"]);
    expect(cruise.modules, "dependency-cruiser saw almost nothing: are the .ts imports resolved?").toBeGreaterThan(50);
    const errors = errorsOf(cruise);
    expect(errors, `dependency rule violations:\n${errors.join("\n")}`).toEqual([]);
  }, 60_000);

  it("the rules bite: a store importing announce code, a cycle between folders, src/ importing an adapter", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-depcruise-"));
    copyFileSync(path.join(ROOT, "tsconfig.json"), path.join(dir, "tsconfig.json"));
    const files: Record<string, string> = {
      "src/store/store.ts": 'import type { Plan } from "../announce/plan.ts";\nexport type Store = Plan;\n',
      "src/announce/plan.ts": 'import type { Store } from "../store/store.ts";\nexport type Plan = { store?: Store };\n',
      "src/reply.ts": 'import { shell } from "../adapters/shell.ts";\nexport const reply = shell;\n',
      "adapters/shell.ts": "export const shell = 1;\n",
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
    const errors = errorsOf(await depcruise(dir, ["src", "adapters"]).finally(() => rmSync(dir, { recursive: true, force: true })));
    expect(errors).toContain("store-not-to-announce: src/store/store.ts → src/announce/plan.ts");
    expect(errors).toContain("src-not-to-commands-or-adapters: src/reply.ts → adapters/shell.ts");
    expect(errors.some((e) => e.startsWith("no-circular: src/store → src/announce"))).toBe(true);
    // A dependency is reported under its first broken rule: here, the other side of the cycle.
    expect(errors).toContain("no-circular-modules: src/announce/plan.ts → src/store/store.ts (cycle: src/announce/plan.ts → src/store/store.ts → src/announce/plan.ts)");
  }, 60_000);
});
