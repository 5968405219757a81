import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { REPO_ROOT } from "../helpers.ts";
import { announceFixture, SHELL, subscription, tempDir } from "./helpers.ts";

interface Run {
  code: number | null;
  found: Array<{ id: string; project: string; title: string; term: string; stage: string }>;
  stderr: string;
}

/** `npm run --silent ideas -- announce --once --json` as its own process (node + tsx, as npm runs it). */
function announce(dataDir: string, sources: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/cli/main.ts", "announce", "--once", "--json"], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, IDEAS_SOURCES: sources, ANNOUNCE_EXISTING: "" },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, found: stdout ? (JSON.parse(stdout) as Run["found"]) : [], stderr }));
  });
}

// The one test of two processes sharing a DATA_DIR (finding and delivering); the store's own
// locking is tested in-process by test/store/sqlite-store.test.ts and test/announce/delivery.test.ts.
describe("announce --once", () => {
  it("delivers the shell's subscription on stderr and leaves other platforms' entries pending", async () => {
    const dir = tempDir();
    const data = path.join(dir, "data");
    const source = path.join(dir, "ideas.md");
    writeFileSync(source, announceFixture("v1.md"));
    expect(await announce(data, `t=${source}`)).toMatchObject({ code: 0, found: [] });
    const setup = new SqliteStore(data);
    await setup.subscribe(subscription(SHELL));
    await setup.subscribe(subscription({ platform: "discord", workspaceId: "G", channelId: "C" }));
    await setup.close();
    writeFileSync(source, announceFixture("v3-added.md"));
    const run = await announce(data, `t=${source}`);
    expect(run.code).toBe(0);
    expect(run.found).toEqual([{ id: expect.stringMatching(/^comet-[0-9a-f]{6}$/), project: "Comet", title: "Web dashboard for Comet jobs", term: "other", stage: "proposed" }]);
    expect(run.stderr).toContain("New project idea: Web dashboard for Comet jobs (Comet)");
    const store = new SqliteStore(data);
    expect((await store.outbox()).map((r) => [r.subscription.platform, r.status])).toEqual([
      ["shell", "sent"],
      ["discord", "pending"],
    ]);
    await store.close();
  });

  it("two processes sharing DATA_DIR find and deliver a new idea once; a failing source exits 1 and changes nothing", async () => {
    const dir = tempDir();
    const data = path.join(dir, "data");
    const source = path.join(dir, "ideas.md");
    writeFileSync(source, announceFixture("v1.md"));
    await announce(data, `t=${source}`);
    const setup = new SqliteStore(data);
    await setup.subscribe(subscription(SHELL));
    await setup.close();
    writeFileSync(source, announceFixture("v3-added.md"));
    const [a, b] = await Promise.all([announce(data, `t=${source}`), announce(data, `t=${source}`)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([...a.found, ...b.found].map((i) => i.title)).toEqual(["Web dashboard for Comet jobs"]);
    expect((a.stderr + b.stderr).match(/New project idea: Web dashboard/g)).toHaveLength(1);

    const broken = await announce(data, `t=${source},down=${path.join(dir, "missing.md")}`);
    expect(broken.code).toBe(1);
    expect(broken.found).toEqual([]);
    expect(broken.stderr).toMatch(/source down: no such file: .*missing\.md; keeping what it had/);
  });
});
