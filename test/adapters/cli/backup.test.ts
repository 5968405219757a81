/**
 * `npm run --silent ideas -- backup FILE`, as a separate process, against a DATA_DIR that this
 * process holds open, as a running bot would.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DATABASE_FILE, SqliteStore } from "../../../src/store/sqlite-store.ts";
import { REPO_ROOT } from "../../helpers.ts";

/** Async spawn: the store of this process stays usable while the CLI copies its file. */
function ideasBackup(dataDir: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/cli/main.ts", "backup", ...args], { cwd: REPO_ROOT, env: { ...process.env, DATA_DIR: dataDir } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const channel = { platform: "slack", workspaceId: "T1", channelId: "C-backup" } as const;

async function populatedDataDir(): Promise<{ dir: string; data: string; store: SqliteStore }> {
  const dir = mkdtempSync(path.join(tmpdir(), "ideas-backup-"));
  const data = path.join(dir, "data");
  const store = new SqliteStore(data);
  await store.subscribe({ ...channel, skills: ["go"], project: null, createdBy: "U1", now: new Date() });
  await store.recordError("upstream", "https://example.invalid/ideas.md", "HTTP 503", new Date("2026-01-02T03:04:05Z"));
  return { dir, data, store };
}

describe("ideas backup", () => {
  it("copies the database while another connection holds it open, and the copy opens with its state", async () => {
    const { dir, data, store } = await populatedDataDir();
    try {
      // The writes above are still in the WAL of an open connection: the backup must include them.
      expect(existsSync(path.join(data, `${DATABASE_FILE}-wal`))).toBe(true);
      const restored = path.join(dir, "restored");
      mkdirSync(restored);
      const target = path.join(restored, DATABASE_FILE);
      const result = await ideasBackup(data, [target]);
      expect(result.stderr).toBe("");
      expect(result.code).toBe(0);
      expect(result.stdout).toBe(`backed up ${statSync(target).size} bytes to ${target}\n`);
      // Only the backup: no partial file or journal left beside it.
      expect(readdirSync(restored)).toEqual([DATABASE_FILE]);
      // The source store is still usable after the backup.
      expect((await store.subscriptions()).map((s) => s.channelId)).toEqual(["C-backup"]);

      const copy = new SqliteStore(restored);
      try {
        expect((await copy.subscriptions()).map((s) => [s.platform, s.workspaceId, s.channelId, s.skills])).toEqual([["slack", "T1", "C-backup", ["go"]]]);
        expect((await copy.sourceState("upstream"))?.lastError).toBe("HTTP 503");
        expect(copy.storeId).toBe(store.storeId);
      } finally {
        await copy.close();
      }
    } finally {
      await store.close();
    }
  });

  it("refuses to overwrite an existing file unless --force", async () => {
    const { dir, data, store } = await populatedDataDir();
    await store.close();
    const target = path.join(dir, "existing.sqlite");
    writeFileSync(target, "keep me");
    const refused = await ideasBackup(data, [target]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe("");
    expect(refused.stderr.trim()).toBe(`${target} exists; give --force to overwrite it`);
    expect(readFileSync(target, "utf8")).toBe("keep me");

    const forced = await ideasBackup(data, [target, "--force"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/^backed up \d+ bytes to /);
    expect(readFileSync(target).subarray(0, 16).toString("latin1")).toBe("SQLite format 3\u0000");
  });

  it("refuses to write over the database itself, even with --force", async () => {
    const { data, store } = await populatedDataDir();
    await store.close();
    const database = path.join(data, DATABASE_FILE);
    const before = readFileSync(database);
    const result = await ideasBackup(data, [database, "--force"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("is the database itself");
    expect(readFileSync(database).equals(before)).toBe(true);
  });

  it("a DATA_DIR without a database is a one-line error, exit 2, and creates nothing", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-backup-empty-"));
    const target = path.join(dir, "backup.sqlite");
    const result = await ideasBackup(path.join(dir, "data"), [target]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([`no database to back up: ${path.join(dir, "data", DATABASE_FILE)} does not exist (is DATA_DIR right?)`]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a missing destination or destination directory is a usage error", async () => {
    const { dir, data, store } = await populatedDataDir();
    await store.close();
    const none = await ideasBackup(data, []);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("backup needs a destination file");
    const nowhere = await ideasBackup(data, [path.join(dir, "no", "such", "dir", "b.sqlite")]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr.trim()).toBe(`no such directory: ${path.join(dir, "no", "such", "dir")}`);
  });
});
