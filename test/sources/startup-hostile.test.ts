/**
 * The start-up crash loop of the hostile-input issue, end to end: `npm start` (the shell adapter: no
 * Discord or Slack token) with two sources, a hostile file first and a good one after it. The hostile
 * file (a 150,000-line code block, then 10,000 nested `>`) once overflowed the call stack at start,
 * so the process died, its service manager restarted it, and it died again. Now it is parsed in a
 * worker thread within a time and memory budget: that source fails alone, with its label and a reason
 * in the log, the good source is checked after it and served, and a second start on the same
 * DATA_DIR comes up again and answers.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SOURCE_BYTES } from "../../src/sources/load.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { logMessages, REPO_ROOT, scratchDataDir, SEED_PATH } from "../helpers.ts";

/** What the log says when the hostile source fails: its label, then the reason (the worker's time or memory budget). */
const HOSTILE_FAILED = /^source hostile: (could not be parsed: (?:took longer than \d+ ms|needed more than \d+ MB) to parse; skipped[^\n]*); keeping what it had/m;
const SEED_RECORDED = /^source seed: first check, 42 idea\(s\) recorded without announcing/m;
/** A search answer's card of the hostile file's idea ("1. Faster builds  [orbit-…]"). */
const HOSTILE_CARD = /^\d+\. Faster builds\b/im;
/** An idea of the seed file (KubeVela, LFX Mentorship 2022 Term 1). */
const SEED_IDEA = "Management of Terraform state";

/**
 * The hostile file: an idea, a 150,000-line code block below it (each line indented, as in the file
 * that overflowed Math.min(...indents)), then 10,000 nested blockquotes. About 460 KB: under the
 * size a source may have, so it reaches the parser.
 */
function hostileFile(): string {
  const idea = "# Ideas\n\n### Orbit\n\n#### Faster builds\n\n- Description: Make builds faster.\n- Mentor(s): Ada (@ada)\n";
  return `${idea}\n\`\`\`\n${" x\n".repeat(150_000)}\`\`\`\n\n${">".repeat(10_000)} deep\n`;
}

interface Bot {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** The messages logged so far (JSON lines off a terminal), one per line. */
  log: () => string;
  /** Resolves with the exit code when the process ends. */
  closed: Promise<number | null>;
  /** Waits until `probe` gives a value; fails at once if the process ends first, or after `ms`. */
  waitFor<T>(what: string, probe: () => T | null | undefined, ms: number): Promise<T>;
  alive(): boolean;
}

describe("npm start with a hostile source and a good one", () => {
  let dir: string;
  let dataDir: string;
  let hostile: string;
  const started: ChildProcess[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ideas-hostile-"));
    hostile = join(dir, "hostile.md");
    const text = hostileFile();
    // Over the limit it would be refused unread ("is larger than"), and the parser never tried.
    expect(Buffer.byteLength(text)).toBeLessThan(MAX_SOURCE_BYTES);
    writeFileSync(hostile, text);
    dataDir = scratchDataDir();
  });

  afterAll(() => {
    // Whatever happened in the tests, no bot is left running.
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  function startBot(): Bot {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|ANNOUNCE_|IDEAS_|DATA_DIR|SHELL_ADAPTER|DEFAULT_TERM)/.test(k)));
    // `npm start` is `tsx adapters/main.ts`; node with tsx's loader is the same, and its pid is the bot's.
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      // PORT=0: the health server takes a free port, never colliding with another test's bot.
      env: { ...clean, IDEAS_SOURCES: `hostile=${hostile},seed=${SEED_PATH}`, DATA_DIR: dataDir, PORT: "0" },
    });
    started.push(child);
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d) => (stdout += d));
    child.stderr!.on("data", (d) => (stderr += d));
    let exited = false;
    const closed = new Promise<number | null>((resolve) =>
      child.on("close", (code) => {
        exited = true;
        resolve(code);
      }),
    );
    const alive = () => !exited && child.exitCode === null && child.signalCode === null;
    return {
      child,
      stdout: () => stdout,
      stderr: () => stderr,
      log: () => logMessages(stderr).join("\n"),
      closed,
      alive,
      async waitFor(what, probe, ms) {
        const deadline = Date.now() + ms;
        for (;;) {
          const value = probe();
          if (value !== null && value !== undefined) return value;
          if (!alive()) throw new Error(`the bot exited (code ${child.exitCode}, signal ${child.signalCode}) before ${what}\n--- stderr\n${stderr}\n--- stdout\n${stdout}`);
          if (Date.now() > deadline) throw new Error(`no ${what} after ${ms} ms\n--- stderr\n${stderr}\n--- stdout\n${stdout}`);
          await new Promise((r) => setTimeout(r, 100));
        }
      },
    };
  }

  /** Types lines into the shell and waits for the answer that names the seed's idea (answers come in order). */
  async function ask(bot: Bot): Promise<string> {
    // The shell starts after the start-up check; lines typed before wait in the pipe.
    bot.child.stdin!.write("search faster builds term:all\nsearch terraform\n");
    await bot.waitFor(`an answer naming "${SEED_IDEA}"`, () => (bot.stdout().includes(SEED_IDEA) ? true : null), 30_000);
    return bot.stdout();
  }

  async function stop(bot: Bot): Promise<number | null> {
    // The bot is still up: it did not exit on its own at any point.
    expect(bot.alive()).toBe(true);
    bot.child.kill("SIGTERM");
    return bot.closed;
  }

  it("first start: the hostile source fails alone, logged with its label and a reason; the process stays up and serves the good source", { timeout: 120_000 }, async () => {
    const bot = startBot();
    try {
      // The whole start-up check: the hostile source (parsed in a worker until its budget runs out), then the seed.
      const reason = await bot.waitFor("the hostile source's failure in the log", () => HOSTILE_FAILED.exec(bot.log())?.[1], 100_000);
      expect(reason).toMatch(/took longer than|needed more than/);
      await bot.waitFor("the seed's first check in the log", () => (SEED_RECORDED.test(bot.log()) ? true : null), 30_000);
      expect(bot.alive()).toBe(true);

      const answers = await ask(bot);
      expect(answers).toContain("LFX Mentorship 2022 Term 1");
      // The hostile file's idea never reached the catalogue: no card of it (the query itself is echoed).
      expect(answers).not.toMatch(HOSTILE_CARD);
      // Nothing else went wrong: no failed start, no crash, no stack overflow reaching the process.
      expect(bot.log()).not.toMatch(/failed to start|Maximum call stack|uncaught|FATAL|out of memory/i);
      expect(bot.log().match(/source hostile:/g)).toHaveLength(1);

      expect(await stop(bot)).toBe(0);
    } finally {
      if (bot.alive()) bot.child.kill("SIGKILL");
    }
    // The failure is the hostile source's recorded state; the seed's ideas are recorded.
    const store = new SqliteStore(dataDir);
    try {
      expect((await store.sourceState("hostile"))?.lastError).toMatch(/could not be parsed: (took longer than|needed more than)/);
      expect(await store.presentIdeas("hostile")).toEqual([]);
      expect(await store.presentIdeas("seed")).toHaveLength(42);
    } finally {
      await store.close();
    }
  });

  it("second start on the same DATA_DIR: it comes up again, logs the failure again, and answers (no crash loop)", { timeout: 120_000 }, async () => {
    const bot = startBot();
    try {
      await bot.waitFor("the hostile source's failure in the log", () => HOSTILE_FAILED.exec(bot.log())?.[1], 100_000);
      const answers = await ask(bot);
      expect(answers).toContain(SEED_IDEA);
      expect(answers).not.toMatch(HOSTILE_CARD);
      // The seed is unchanged since the first start: not recorded again.
      expect(bot.log()).not.toMatch(SEED_RECORDED);
      expect(bot.log()).not.toMatch(/failed to start|Maximum call stack|uncaught|FATAL|out of memory/i);
      expect(await stop(bot)).toBe(0);
    } finally {
      if (bot.alive()) bot.child.kill("SIGKILL");
    }
  });
});
