import { spawn } from "node:child_process";
import { appendFileSync, copyFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { recorder } from "../slack/loopback.ts";
import { fixturePath, REPO_ROOT } from "../../helpers.ts";

const platformFree = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_") && !k.startsWith("SLACK_")));

/** `npm run --silent ideas -- announce --once --json`, as a separate process. */
function announce(dataDir: string, source: string, extraEnv: Record<string, string> = {}): Promise<{ code: number | null; found: Array<{ id: string; project: string; title: string; term: string; stage: string }> }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/cli/main.ts", "announce", "--once", "--json"], {
      cwd: REPO_ROOT,
      env: { ...platformFree, DATA_DIR: dataDir, IDEAS_SOURCES: `t=${source}`, ANNOUNCE_EXISTING: "", ...extraEnv },
    });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.on("close", (code) => resolve({ code, found: stdout ? (JSON.parse(stdout) as Array<{ id: string; project: string; title: string; term: string; stage: string }>) : [] }));
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
    expect(second.found).toEqual([{ id: expect.stringMatching(/^quasar-[0-9a-f]{6}$/), project: "Quasar", title: "A brand new idea", term: "other", stage: "proposed" }]);
    expect((await announce(path.join(dir, "data"), source)).found).toEqual([]);
  });

  // Two processes checking one DATA_DIR at once: test/announce/cli.test.ts.

  it("delivers to Slack when SLACK_BOT_TOKEN is set; without it the announcement waits in the outbox", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-announce3-"));
    const data = path.join(dir, "data");
    const source = path.join(dir, "ideas.md");
    copyFileSync(fixturePath("catalog/small-ideas.md"), source);
    await announce(data, source);
    const store = new SqliteStore(data);
    await store.subscribe({ platform: "slack", workspaceId: "T1", channelId: "C1", skills: [], project: null, createdBy: "U1", now: new Date() });
    await store.close();
    const api = await recorder((p) => (p.endsWith("chat.postMessage") ? { ok: true, channel: "C1", ts: "1700000000.000100" } : { ok: true, messages: [] }));
    try {
      appendFileSync(source, NEW_IDEA);
      expect((await announce(data, source)).found.map((i) => i.title)).toEqual(["A brand new idea"]);
      expect(api.requests).toHaveLength(0);
      const slack = { SLACK_BOT_TOKEN: "xoxb-cli", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: `${api.url}/api/` };
      expect(await announce(data, source, slack)).toEqual({ code: 0, found: [] });
      const posts = api.requests.filter((r) => r.path === "/api/chat.postMessage").map((r) => new URLSearchParams(r.body));
      expect(posts.map((p) => [p.get("channel"), p.get("text")])).toEqual([["C1", expect.stringContaining("A brand new idea")]]);
      // Sent is sent: another run posts nothing.
      await announce(data, source, slack);
      expect(api.requests.filter((r) => r.path === "/api/chat.postMessage")).toHaveLength(1);
    } finally {
      await api.close();
    }
  });
});
