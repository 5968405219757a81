/**
 * `npm start` following a fake GitHub (IDEAS_SOURCES=github:cncf/mentoring, GITHUB_API_URL on
 * 127.0.0.1), checking every second: the shell subscribes, a proposal issue is opened upstream, and
 * the shell's channel gets it once, across a restart. The shell is the platform double here (its
 * announcements print on stderr when piped); then the same with Discord: a channel subscribed by
 * /ideas subscribe on a fake Discord gets the proposal posted once, and the same on Slack (signed
 * slash commands to Bolt on 127.0.0.1, posts to a fake Web API).
 */
import { spawn } from "node:child_process";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logMessages, REPO_ROOT, scratchDataDir } from "../helpers.ts";
import { FakeGitHub } from "../sources/fake-github.ts";
import { APPLICATION_ID, CHANNEL_ID, FakeDiscord, slashCommand, withPermissions } from "./discord/fake-discord.ts";
import { startFakeSlack } from "./slack/fake-slack.ts";
import { recorder, sign, until } from "./slack/loopback.ts";

const BODY = [
  "### CNCF Project\n\nJaeger",
  "### Term\n\n2026 Term 3 (Sep-Nov)",
  "### Program Name\n\nTrace tail sampling",
  "### Program Description\n\nSample traces at the tail.",
  "### Technologies\n\nGo, Kubernetes",
  "### Skills same as Technologies?\n\n- [X] Yes, the required skills are the same as the technologies listed above.",
  "### Mentors\n\nAda Lovelace | @ada | ada@example.org | ada-lfid",
  "### Upstream Issue URL\n\nhttps://github.com/jaegertracing/jaeger/issues/9001",
].join("\n\n");
const HEADLINE = "New project idea: Trace tail sampling (Jaeger)";

describe("npm start with IDEAS_SOURCES=github:cncf/mentoring", () => {
  let fake: FakeGitHub;
  beforeAll(async () => {
    fake = await FakeGitHub.start({ token: "ghp_test-token-0123456789" });
  });
  afterAll(async () => {
    await fake.close();
  });

  function start(dataDir: string, platform: Record<string, string> = {}) {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|GITHUB_|HOST$)/.test(k)));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...clean, IDEAS_SOURCES: "github:cncf/mentoring", GITHUB_API_URL: fake.url, GITHUB_TOKEN: "ghp_test-token-0123456789", DATA_DIR: dataDir, PORT: "0", ANNOUNCE_CRON: "* * * * * *", ...platform },
    });
    const out = { stdout: "", stderr: "" };
    child.stdout.on("data", (d) => (out.stdout += d));
    child.stderr.on("data", (d) => (out.stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    const checks = () => fake.countRequests({ path: /\/git\/trees\// });
    return { child, out, closed, checks };
  }

  it("announces a new proposal once, from the issue, across a restart, and never prints the token", { timeout: 120_000 }, async () => {
    const dataDir = scratchDataDir();
    const bot = start(dataDir);
    try {
      // The first check records the repository silently; then the shell subscribes.
      await until(() => (logMessages(bot.out.stderr).some((m) => /ideas loaded$/.test(m)) ? true : undefined), 60_000);
      bot.child.stdin.write("subscribe\n");
      await until(() => (bot.out.stdout.includes("subscribed") || bot.out.stdout.includes("Subscribed") ? true : undefined), 10_000);

      fake.openIssue({ title: "[CNCF LFX Proposal] Jaeger Trace tail sampling", body: BODY, labels: ["lfx mentorship", "Proposal", "Needs Validation"] });
      await until(() => (bot.out.stderr.includes(HEADLINE) ? true : undefined), 30_000);
      // A few more checks: nothing again.
      const after = bot.checks();
      await until(() => (bot.checks() >= after + 3 ? true : undefined), 30_000);
      expect(bot.out.stderr.split(HEADLINE)).toHaveLength(2);
      // Searchable in the running bot, as proposed.
      bot.child.stdin.write("search tail sampling\n");
      await until(() => (bot.out.stdout.includes("Trace tail sampling") ? true : undefined), 10_000);
    } finally {
      bot.child.stdin.end();
    }
    expect(await bot.closed).toBe(0);
    expect(bot.out.stderr + bot.out.stdout).not.toContain("ghp_test-token");

    // A restart on the same DATA_DIR: checks go on, nothing is announced again.
    const again = start(dataDir);
    try {
      const before = again.checks();
      await until(() => (again.checks() >= before + 3 ? true : undefined), 60_000);
      expect(again.out.stderr).not.toContain(HEADLINE);
    } finally {
      again.child.stdin.end();
    }
    expect(await again.closed).toBe(0);

    // A script searches the same catalogue, the one stored in DATA_DIR: no request to GitHub.
    fake.resetLog();
    const script = spawn(process.execPath, ["--import", "tsx", "adapters/cli/main.ts", "search", "tail sampling", "--json"], {
      cwd: REPO_ROOT,
      env: { ...process.env, IDEAS_SOURCES: "github:cncf/mentoring", GITHUB_API_URL: fake.url, DATA_DIR: dataDir, DEFAULT_TERM: "all" },
    });
    let json = "";
    script.stdout.on("data", (d) => (json += d));
    script.stderr.resume();
    expect(await new Promise<number | null>((resolve) => script.on("close", resolve))).toBe(0);
    expect((JSON.parse(json) as Array<{ title: string; stage: string }>)[0]).toMatchObject({ title: "Trace tail sampling", stage: "proposed" });
    expect(fake.requests).toEqual([]);
  });

  it("posts a new proposal once in a Discord channel subscribed with /ideas subscribe stage:proposed", { timeout: 120_000 }, async () => {
    const discord = await FakeDiscord.start();
    const bot = start(scratchDataDir(), { DISCORD_TOKEN: "discord-bot-token", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl });
    try {
      await discord.waitForIdentify();
      await until(() => (logMessages(bot.out.stderr).some((m) => /ideas loaded$/.test(m)) ? true : undefined), 60_000);
      const manager = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageChannels;
      const ask = discord.push(withPermissions(slashCommand("subscribe", { stage: "proposed" }), manager));
      const answer = await discord.waitForRequest((r) => r.method === "POST" && r.path === `/interactions/${ask.id}/${ask.token}/callback`, { timeoutMs: 15_000 });
      expect(JSON.stringify(answer.body)).toContain("Subscribed");

      fake.openIssue({ title: "[CNCF LFX Proposal] Jaeger Adaptive sampling", body: BODY.replace("Trace tail sampling", "Adaptive sampling").replace("issues/9001", "issues/9002"), labels: ["lfx mentorship", "Proposal", "Needs Validation"] });
      const posted = () => (discord.channelMessages.get(CHANNEL_ID) ?? []).filter((m) => JSON.stringify(m).includes("Adaptive sampling"));
      await until(() => (posted().length > 0 ? true : undefined), 30_000);
      const after = bot.checks();
      await until(() => (bot.checks() >= after + 3 ? true : undefined), 30_000);
      expect(posted()).toHaveLength(1);
    } finally {
      bot.child.kill("SIGTERM");
      await bot.closed;
      await discord.close();
    }
    expect(bot.out.stderr).not.toContain("discord-bot-token");
  });

  it("posts a new proposal once in a Slack channel subscribed with /ideas subscribe", { timeout: 120_000 }, async () => {
    const slack = await startFakeSlack();
    slack.addChannel("C1");
    const responses = await recorder();
    const secret = "slack-signing-secret-for-tests";
    const bot = start(scratchDataDir(), { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: slack.apiUrl, ANNOUNCE_ADMINS: "U1", SHELL_ADAPTER: "off" });
    try {
      const port = await until(() => logMessages(bot.out.stderr).map((m) => /listening on port (\d+)/.exec(m)?.[1]).find(Boolean), 60_000);
      await until(() => (logMessages(bot.out.stderr).some((m) => /ideas loaded$/.test(m)) ? true : undefined), 60_000);
      const body = new URLSearchParams({ command: "/ideas", text: "subscribe", user_id: "U1", user_name: "ada", channel_id: "C1", team_id: "T1", response_url: `${responses.url}/subscribe`, trigger_id: "1" }).toString();
      const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body, headers: { ...sign(secret, body), "content-type": "application/x-www-form-urlencoded" } });
      expect(res.status).toBe(200);
      await until(() => (responses.requests.some((r) => r.body.includes("Subscribed")) ? true : undefined), 15_000);

      fake.openIssue({ title: "[CNCF LFX Proposal] Jaeger Sampling dashboards", body: BODY.replace("Trace tail sampling", "Sampling dashboards").replace("issues/9001", "issues/9003"), labels: ["lfx mentorship", "Proposal", "Needs Validation"] });
      const posted = () => slack.posts.filter((p) => p.channel === "C1" && JSON.stringify(p).includes("Sampling dashboards"));
      await until(() => (posted().length > 0 ? true : undefined), 30_000);
      const after = bot.checks();
      await until(() => (bot.checks() >= after + 3 ? true : undefined), 30_000);
      expect(posted()).toHaveLength(1);
    } finally {
      bot.child.kill("SIGTERM");
      await bot.closed;
      await slack.close();
      await responses.close();
    }
    expect(bot.out.stderr).not.toContain(secret);
  });
});
