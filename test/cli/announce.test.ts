import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixturePath, REPO_ROOT } from "../helpers.ts";

/** `npm run --silent ideas -- announce --once --json`, as a separate process. */
function announce(dataDir: string, source: string): Promise<{ code: number | null; found: Array<{ id: string; project: string; title: string }> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "announce", "--once", "--json"], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATA_DIR: dataDir, IDEAS_SOURCES: `t=${source}`, ANNOUNCE_EXISTING: "" },
    });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("close", (code) => resolve({ code, found: stdout ? (JSON.parse(stdout) as Array<{ id: string; project: string; title: string }>) : [] }));
  });
}

const NEW_IDEA = "\n#### A brand new idea\n\n- Recommended Skills: Go\n- Mentor(s): Zed (@zed)\n";

describe("ideas announce --once --json", () => {
  it("prints [] for a source's first check, then only the ideas added since", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-announce-"));
    const source = path.join(dir, "ideas.md");
    copyFileSync(fixturePath("catalog/small-ideas.md"), source);
    expect(await announce(path.join(dir, "data"), source)).toEqual({ code: 0, found: [] });
    appendFileSync(source, NEW_IDEA);
    const second = await announce(path.join(dir, "data"), source);
    expect(second.code).toBe(0);
    expect(second.found).toEqual([{ id: expect.stringMatching(/^quasar-[0-9a-f]{6}$/), project: "Quasar", title: "A brand new idea" }]);
    expect((await announce(path.join(dir, "data"), source)).found).toEqual([]);
  });

  it("finds a new idea once when two processes check the same DATA_DIR at the same time", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-announce2-"));
    const source = path.join(dir, "ideas.md");
    copyFileSync(fixturePath("catalog/small-ideas.md"), source);
    await announce(path.join(dir, "data"), source);
    appendFileSync(source, NEW_IDEA);
    const [a, b] = await Promise.all([announce(path.join(dir, "data"), source), announce(path.join(dir, "data"), source)]);
    expect([a.code, b.code]).toEqual([0, 0]);
    expect([...a.found, ...b.found].map((i) => i.title)).toEqual(["A brand new idea"]);
  });
});
