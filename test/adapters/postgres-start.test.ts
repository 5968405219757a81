/**
 * `npm start` with DATABASE_URL: the state lives in a real PostgreSQL server (started for this file
 * by test/store/postgres-server.ts, or .ci/run's through TEST_DATABASE_URL). A shell subscription and
 * a personal alert made by one process are in the database and seen by the next; a server that
 * cannot be reached stops the start with one line that names DATABASE_URL and hides its password.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closedPort, logRecords, REPO_ROOT, scratchDataDir, SEED_PATH } from "../helpers.ts";
import { startPostgres, type PostgresServer } from "../store/postgres-server.ts";

let server: PostgresServer;
let admin: pg.Client;
beforeAll(async () => {
  server = await startPostgres();
  admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
}, 60_000);
afterAll(async () => {
  await admin?.end();
  await server?.stop();
}, 60_000);

async function freshDatabase(): Promise<string> {
  const name = `s_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return url.href;
}

/** `npm start` as its CMD runs it, the shell reading `input` from a pipe, JSON logs; resolves when it exits. */
function run(env: Record<string, string>, input: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|LOG_|HOST$|DATABASE_URL$)/.test(k)));
  const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...clean, LOG_FORMAT: "json", PORT: "0", IDEAS_SOURCES: SEED_PATH, DATA_DIR: scratchDataDir(), SHELL_ADAPTER: "on", ...env },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  child.stdin.end(input);
  return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
}

describe("npm start with DATABASE_URL (PostgreSQL)", () => {
  it("keeps the state in the database: what one process subscribes, the next one sees; nothing in DATA_DIR", { timeout: 120_000 }, async () => {
    const url = await freshDatabase();
    const dataDir = scratchDataDir();
    const first = await run({ DATABASE_URL: url, DATA_DIR: dataDir }, "subscribe go\nnotify rust, kubernetes\n");
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Subscribed");
    expect(first.stdout).toContain("Alert set");
    expect(logRecords(first.stderr).some((r) => /data: PostgreSQL postgres:\/\/\*\*\*@127\.0\.0\.1:\d+\/s_/.test(r.msg))).toBe(true);

    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const rows = (await client.query("SELECT platform, kind, skills::text AS skills FROM subscriptions ORDER BY id")).rows;
      expect(rows).toEqual([
        { platform: "shell", kind: "channel", skills: '["Go"]' },
        { platform: "shell", kind: "dm", skills: '["Rust","Kubernetes"]' },
      ]);
      // The first check recorded the seed's ideas there.
      expect(Number((await client.query("SELECT count(*) AS n FROM ideas_seen")).rows[0].n)).toBeGreaterThan(0);
    } finally {
      await client.end();
    }

    const second = await run({ DATABASE_URL: url, DATA_DIR: dataDir }, "subscriptions\nnotify\n");
    expect(second.code).toBe(0);
    expect(second.stdout).toContain("This channel gets new ideas asking for Go");
    expect(second.stdout).toContain("Your alert: I message you about new ideas asking for Rust or Kubernetes");
    // SQLite was not used.
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(dataDir).filter((f) => f.startsWith("ideas-bot.sqlite"))).toEqual([]);
  });

  it("a server it cannot reach: one error line naming DATABASE_URL, its password hidden, exit 1", { timeout: 60_000 }, async () => {
    const port = await closedPort();
    const result = await run({ DATABASE_URL: `postgres://ideas:s3cret-pass-word@127.0.0.1:${port}/ideas` }, "");
    expect(result.code).toBe(1);
    const errors = logRecords(result.stderr).filter((r) => r.level >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.msg).toMatch(/PostgreSQL|DATABASE_URL/);
    expect(result.stdout + result.stderr).not.toContain("s3cret-pass-word");
  });
});
