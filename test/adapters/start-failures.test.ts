/**
 * `npm start` when a platform cannot start for a reason an admin can fix: Discord refusing
 * DISCORD_TOKEN (401) or DISCORD_API_URL not reachable, Slack refusing SLACK_BOT_TOKEN
 * (invalid_auth) or SLACK_API_URL not reachable. Each time the process exits 1 within seconds,
 * having logged exactly one error line that names the variable and never holds the token. The
 * command is the one `npm start` execs (as in start.test.ts), so npm's own lines are not in the
 * output. Spawned processes, so in the e2e suite; the adapters' own tests are
 * test/adapters/{discord,slack}/start-failure.test.ts.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { closedPort, type LogRecord, logRecords, REPO_ROOT, scratchDataDir, SEED_PATH } from "../helpers.ts";
import { APPLICATION_ID, FakeDiscord } from "./discord/fake-discord.ts";
import { startFakeSlack } from "./slack/fake-slack.ts";

/** A refusal or an unreachable API must end the process well before this (Slack's retries take 1.5 s). */
const EXIT_WITHIN_MS = 40_000;

interface Run {
  code: number | null;
  ms: number;
  output: string;
  /** Every line of stdout and stderr, parsed: with LOG_FORMAT=json each is a pino record. */
  records: LogRecord[];
}

/**
 * `npm start` with one platform's settings (the developer's own DISCORD_ and SLACK_ variables
 * removed, and any .env's overridden), JSON logs, a free PORT, a fresh DATA_DIR, no shell.
 */
async function start(platform: Record<string, string>): Promise<Run> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|LOG_|HOST$)/.test(k)));
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
    cwd: REPO_ROOT,
    env: { ...clean, DISCORD_TOKEN: "", SLACK_BOT_TOKEN: "", SLACK_APP_TOKEN: "", ...platform, LOG_FORMAT: "json", PORT: "0", IDEAS_SOURCES: SEED_PATH, DATA_DIR: scratchDataDir(), SHELL_ADAPTER: "off" },
  });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const timer = setTimeout(() => child.kill("SIGKILL"), EXIT_WITHIN_MS);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  clearTimeout(timer);
  const records = logRecords(output);
  return { code, ms: Date.now() - started, output, records };
}

/** Exit code 1, in time, exactly one error record (level 50), and the token nowhere. */
function expectOneErrorLine(run: Run, token: string): string {
  expect(run.code, run.output).toBe(1);
  expect(run.ms).toBeLessThan(EXIT_WITHIN_MS);
  const errors = run.records.filter((r) => r.level === 50);
  expect(errors, run.output).toHaveLength(1);
  expect(run.output).not.toContain(token);
  // The log hides the value of every secret variable; "[redacted]" would mean a line tried to print it.
  expect(run.output).not.toContain("[redacted]");
  return errors[0]!.msg;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe("npm start when a platform cannot start", () => {
  it("Discord answers 401 to DISCORD_TOKEN: one line naming it, exit 1", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    fake.token = "the-right-discord-token";
    const token = "wrong-discord-token-e2e";
    const run = await start({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl });
    expect(expectOneErrorLine(run, token)).toBe("DISCORD_TOKEN was refused by Discord (401 Unauthorized): check the bot token in the Developer Portal > Bot (reset it if it leaked)");
  });

  it("DISCORD_API_URL refuses connections: one line naming it, exit 1", async () => {
    const port = await closedPort();
    const token = "discord-token-e2e-unreachable";
    const run = await start({ DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expect(expectOneErrorLine(run, token)).toBe(`cannot reach Discord's API at http://127.0.0.1:${port}/api (ECONNREFUSED): check DISCORD_API_URL and the network`);
  });

  it("Slack answers invalid_auth to SLACK_BOT_TOKEN: one line naming it, exit 1, nothing listening first", async () => {
    const fake = await startFakeSlack("xoxb-the-right-slack-token");
    cleanups.push(() => fake.close());
    const token = "xoxb-wrong-slack-token-e2e";
    const run = await start({ SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: "e2e-signing-secret", SLACK_API_URL: fake.apiUrl });
    expect(expectOneErrorLine(run, token)).toBe("SLACK_BOT_TOKEN was refused by Slack (invalid_auth): check the Bot User OAuth Token (xoxb-…) of the app's installation");
    expect(run.records.some((r) => r.msg.includes("listening on port"))).toBe(false);
  });

  it("SLACK_API_URL refuses connections: one line naming it, exit 1", async () => {
    const port = await closedPort();
    const token = "xoxb-slack-token-e2e-unreachable";
    const run = await start({ SLACK_BOT_TOKEN: token, SLACK_SIGNING_SECRET: "e2e-signing-secret", SLACK_API_URL: `http://127.0.0.1:${port}/api/` });
    expect(expectOneErrorLine(run, token)).toBe(`cannot reach Slack's API at http://127.0.0.1:${port}/api/ (ECONNREFUSED): check SLACK_API_URL and the network`);
  });
});
