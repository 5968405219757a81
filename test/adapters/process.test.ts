/**
 * The bot as a process: `npm start` (npm, then `node --import tsx`, then tsx's esbuild service, all
 * in one process group) stops on SIGTERM or SIGINT, to npm alone or to the whole group, leaving no
 * process behind, with exit code 0, after finishing an announcement being posted; and `.env` in
 * the working directory is read, the real environment winning. Spawned processes: the e2e suite.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { DATABASE_FILE, SqliteStore } from "../../src/store/sqlite-store.ts";
import { REPO_ROOT, scratchDataDir, SEED_PATH } from "../helpers.ts";

/**
 * The environment without any platform's secrets from the developer's shell, nor from a .env in
 * the checkout: an empty variable is unset to the bot, and the real environment wins over .env.
 */
const clean = () => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_") && !k.startsWith("SLACK_"))),
  DISCORD_TOKEN: "",
  SLACK_BOT_TOKEN: "",
  SLACK_APP_TOKEN: "",
  HOST: "",
  PORT: "0",
});

interface Bot {
  child: ChildProcess;
  output: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const started: ChildProcess[] = [];

afterEach(() => {
  // A failed test leaves nothing running.
  for (const child of started.splice(0)) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
});

/** `npm start` in its own process group (detached), stdin kept open. */
function npmStart(env: NodeJS.ProcessEnv): Bot {
  const child = spawn("npm", ["start"], { cwd: REPO_ROOT, detached: true, stdio: ["pipe", "pipe", "pipe"], env: { ...clean(), ...env } });
  started.push(child);
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
  return { child, output: () => output, exit };
}

async function until(probe: () => boolean, ms: number, what: string, bot?: Bot): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${bot ? `; output:\n${bot.output()}` : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

/** Sends `signal` (to npm, or to its whole group) and waits until no process of the group is left. */
async function stopAndTime(bot: Bot, signal: NodeJS.Signals, to: "npm" | "group"): Promise<{ ms: number; code: number | null; signal: NodeJS.Signals | null }> {
  const pgid = bot.child.pid!;
  const start = Date.now();
  if (to === "npm") bot.child.kill(signal);
  else process.kill(-pgid, signal);
  await until(() => !groupAlive(pgid), 10_000, `every process of group ${pgid} to end`, bot);
  const ms = Date.now() - start;
  return { ms, ...(await bot.exit) };
}

describe("npm start stops cleanly", () => {
  const shellBot = async () => {
    const bot = npmStart({ IDEAS_SOURCES: SEED_PATH, DATA_DIR: scratchDataDir(), SHELL_ADAPTER: "on" });
    // Started and answering: the shell has its catalogue.
    bot.child.stdin!.write("search rust\n");
    await until(() => /\d+ ideas? for "rust"/.test(bot.output()), 30_000, "the shell's answer", bot);
    return bot;
  };

  it("on SIGTERM to the npm process alone: every process of the group ends within 10 s, exit code 0", { timeout: 60_000 }, async () => {
    const bot = await shellBot();
    const { ms, code, signal } = await stopAndTime(bot, "SIGTERM", "npm");
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(10_000);
    // Logged as JSON lines (the output is not a terminal).
    expect(bot.output()).toMatch(/"msg":"stopping \(SIGTERM\)"\}\n[\s\S]*"msg":"stopped"\}\n/);
  });

  it("on SIGINT to the whole group (Ctrl-C in a terminal): the same, though node gets it twice (from the terminal and from npm)", { timeout: 60_000 }, async () => {
    const bot = await shellBot();
    const { ms, code, signal } = await stopAndTime(bot, "SIGINT", "group");
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(ms).toBeLessThan(10_000);
    // Logged as JSON lines (the output is not a terminal).
    expect(bot.output()).toMatch(/"msg":"stopping \(SIGINT\)"\}\n[\s\S]*"msg":"stopped"\}\n/);
    expect(bot.output().match(/stopping/g)).toHaveLength(1);
  });

  it("finishes the announcement being posted before it exits: marked sent, not left leased", { timeout: 60_000 }, async () => {
    // A Slack Web API that takes 1.5 s to accept a post.
    const posts: string[] = [];
    const server: Server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        const answer = (body: object) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, ...body }));
        if (req.url?.includes("chat.postMessage")) {
          posts.push(req.url);
          setTimeout(() => answer({ ts: `1700000000.00000${posts.length}`, channel: "C1" }), 1_500);
        } else answer({ user_id: "UBOT", team_id: "T1", bot_id: "B1", messages: [] });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const dataDir = scratchDataDir();
    const store = new SqliteStore(dataDir);
    await store.subscribe({ platform: "slack", workspaceId: "T1", channelId: "C1", skills: [], project: null, createdBy: "U1", now: new Date() });
    await store.close();
    try {
      const bot = npmStart({
        IDEAS_SOURCES: SEED_PATH,
        DATA_DIR: dataDir,
        ANNOUNCE_EXISTING: "true",
        SLACK_BOT_TOKEN: "xoxb-test",
        SLACK_SIGNING_SECRET: "signing",
        SLACK_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
        HOST: "127.0.0.1",
        PORT: "0",
      });
      await until(() => posts.length > 0, 30_000, "the first post", bot);
      const { ms, code } = await stopAndTime(bot, "SIGTERM", "npm");
      expect(code).toBe(0);
      expect(ms).toBeLessThan(10_000);
      // It waited for the platform's answer.
      expect(ms).toBeGreaterThan(1_000);
      const after = new SqliteStore(dataDir);
      const outbox = await after.outbox();
      await after.close();
      expect(outbox.length).toBeGreaterThan(0);
      expect(outbox.filter((entry) => entry.status === "sent")).toHaveLength(posts.length);
      expect(outbox.every((entry) => entry.status === "sent" || entry.leaseOwner === null || entry.leaseUntil! <= Date.now())).toBe(true);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe(".env in the working directory", () => {
  // The CLI, run as npm runs it but from another directory: tsx from this checkout, the .env of the directory.
  const tsx = pathToFileURL(join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  const cli = join(REPO_ROOT, "adapters/cli/main.ts");

  function terms(cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; stderr: string }> {
    const clear = Object.fromEntries(Object.entries(clean()).filter(([k]) => k !== "DATA_DIR" && k !== "IDEAS_SOURCES"));
    const child = spawn(process.execPath, ["--import", tsx, cli, "terms", "--json"], { cwd, env: { ...clear, ...env } });
    let stderr = "";
    child.stdout.resume();
    child.stderr.on("data", (d) => (stderr += d));
    return new Promise((resolve) => child.on("close", (code) => resolve({ code, stderr })));
  }

  function directoryWith(dotEnv: string): string {
    const dir = mkdtempSync(join(tmpdir(), "ideas-cwd-"));
    writeFileSync(join(dir, ".env"), dotEnv);
    return dir;
  }

  it("is read: DATA_DIR from .env is where the database appears", { timeout: 60_000 }, async () => {
    const dir = directoryWith(`# from the file\nDATA_DIR=./state-from-dotenv\nIDEAS_SOURCES=${SEED_PATH}\n`);
    const { code, stderr } = await terms(dir, {});
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(existsSync(join(dir, "state-from-dotenv", DATABASE_FILE))).toBe(true);
  });

  it("loses to the real environment: DATA_DIR set in the environment is used instead", { timeout: 60_000 }, async () => {
    const dir = directoryWith(`DATA_DIR=./state-from-dotenv\nIDEAS_SOURCES=${SEED_PATH}\n`);
    const real = scratchDataDir();
    const { code } = await terms(dir, { DATA_DIR: real });
    expect(code).toBe(0);
    expect(existsSync(join(real, DATABASE_FILE))).toBe(true);
    expect(existsSync(join(dir, "state-from-dotenv"))).toBe(false);
  });

  it("a malformed .env stops with one line naming the file, no value, and exit code 2", { timeout: 60_000 }, async () => {
    const dir = directoryWith(`DATA_DIR=./x\nxoxb-a-pasted-secret\n`);
    const { code, stderr } = await terms(dir, {});
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toEqual([`error: ${join(dir, ".env")}: line 2 is not NAME=value or a # comment (the value is not shown)`]);
  });
});
