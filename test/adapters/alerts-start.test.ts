/**
 * Personal alerts (`/ideas notify`) end to end: `npm start` following a fake GitHub
 * (IDEAS_SOURCES=github:cncf/mentoring, checking every second), people setting alerts by slash
 * commands on a fake Discord or a fake Slack, and proposal issues opened upstream. Each person
 * whose alert asks for one of a new idea's skills gets one direct message per check (a digest for
 * several ideas), once, across a crash; a person who takes no DMs has the alert paused and is told
 * so with their next command; `notify off` stops it.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_FILE } from "../../src/store/sqlite-store.ts";
import { logMessages, REPO_ROOT, scratchDataDir } from "../helpers.ts";
import { FakeGitHub, PROPOSAL_LABELS, proposalBody } from "../sources/fake-github.ts";
import { APPLICATION_ID, FakeDiscord, slashCommand, type FakeUser } from "./discord/fake-discord.ts";
import { startFakeSlack } from "./slack/fake-slack.ts";
import { recorder, sign, until } from "./slack/loopback.ts";

const GITHUB_TOKEN = "ghp_test-token-0123456789";

/** Discord users with alerts, each their own id (snowflakes). */
const person = (n: number, name: string): FakeUser => ({ id: `7000000000000000${String(n).padStart(2, "0")}`, username: name, global_name: name });

interface Bot {
  child: ChildProcessWithoutNullStreams;
  out: { stdout: string; stderr: string };
  closed: Promise<number | null>;
  /** Checks of the fake GitHub so far (tree requests). */
  checks(): number;
}

describe("npm start: personal alerts (/ideas notify)", () => {
  let github: FakeGitHub;
  let issue = 9100;
  beforeAll(async () => {
    github = await FakeGitHub.start({ token: GITHUB_TOKEN });
  });
  afterAll(async () => {
    await github.close();
  });

  /** A proposal issue opened upstream: a new Jaeger idea titled `title` asking for `technologies`. */
  function propose(title: string, technologies = "Go, Kubernetes"): void {
    github.openIssue({ title: `[CNCF LFX Proposal] Jaeger ${title}`, body: proposalBody(title, ++issue, technologies), labels: PROPOSAL_LABELS });
  }

  function start(dataDir: string, platform: Record<string, string>): Bot {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|GITHUB_|HOST$)/.test(k)));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...clean, IDEAS_SOURCES: "github:cncf/mentoring", GITHUB_API_URL: github.url, GITHUB_TOKEN, DATA_DIR: dataDir, PORT: "0", ANNOUNCE_CRON: "* * * * * *", ...platform },
    });
    const out = { stdout: "", stderr: "" };
    child.stdout.on("data", (d) => (out.stdout += d));
    child.stderr.on("data", (d) => (out.stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    return { child, out, closed, checks: () => github.countRequests({ path: /\/git\/trees\// }) };
  }

  async function stop(bot: Bot | undefined): Promise<void> {
    if (!bot) return;
    if (bot.child.exitCode === null && bot.child.signalCode === null) bot.child.kill("SIGTERM");
    await bot.closed;
  }

  /** After the first check: the repository is recorded (silently), the catalogue loaded. */
  const loaded = (bot: Bot) => until(() => (logMessages(bot.out.stderr).some((m) => /ideas loaded$/.test(m)) ? true : undefined), 60_000);

  /** `n` more checks of the fake GitHub. */
  async function moreChecks(bot: Bot, n = 3): Promise<void> {
    const after = bot.checks();
    await until(() => (bot.checks() >= after + n ? true : undefined), 30_000);
  }

  const discordEnv = (discord: FakeDiscord) => ({ DISCORD_TOKEN: "discord-bot-token", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: discord.apiUrl });

  /** Runs `/ideas <sub>` as `who` and returns the answer as Discord stores it (JSON), once it is final. */
  async function ask(discord: FakeDiscord, sub: string, options: Record<string, string>, who: FakeUser): Promise<string> {
    const interaction = discord.push(slashCommand(sub, options, who));
    await until(
      () =>
        discord
          .requestsFor(interaction)
          .some((r) => (r.method === "POST" && r.path.endsWith("/callback") && r.body?.type === 4) || (r.method === "PATCH" && r.path.endsWith("/messages/@original")))
          ? true
          : undefined,
      20_000,
    );
    return JSON.stringify(discord.messages.get(interaction.token));
  }

  /** Whom the bot opened DMs with (POST /users/@me/channels), from request `from` on. */
  const dmOpens = (discord: FakeDiscord, from = 0) =>
    discord.requests
      .slice(from)
      .filter((r) => r.method === "POST" && r.path === "/users/@me/channels")
      .map((r) => (r.body as { recipient_id?: string }).recipient_id);
  /** The messages in the DM channel with `who` (none if it was never opened). */
  const dmsTo = (discord: FakeDiscord, who: FakeUser) => {
    const channel = discord.dmChannels.get(who.id);
    return channel ? (discord.channelMessages.get(channel) ?? []) : [];
  };
  /** Every POST to the DM channel with `who`, refused ones included. */
  const postsTo = (discord: FakeDiscord, who: FakeUser) => discord.posts.filter((p) => p.channel === discord.dmChannels.get(who.id));

  describe("on Discord", () => {
    let discord: FakeDiscord;
    let bot: Bot | undefined;
    const A = person(1, "alice-go");
    const B = person(2, "bob-rust");
    const C = person(3, "carol-python");
    beforeAll(async () => {
      discord = await FakeDiscord.start();
      bot = start(scratchDataDir(), discordEnv(discord));
      await discord.waitForIdentify();
      await loaded(bot);
    }, 120_000);
    afterAll(async () => {
      await stop(bot);
      await discord?.close();
      expect(bot?.out.stderr).not.toContain("discord-bot-token");
    });

    it("sends one DM to the one person whose alert asks for a new idea's skills, and none to the others", { timeout: 120_000 }, async () => {
      expect(await ask(discord, "notify", { skills: "go" }, A)).toContain("Alert set");
      expect(await ask(discord, "notify", { skills: "rust" }, B)).toContain("Alert set");
      expect(await ask(discord, "notify", { skills: "python" }, C)).toContain("Alert set");
      const from = discord.requests.length;

      propose("Trace tail sampling");
      await until(() => (dmsTo(discord, A).length > 0 ? true : undefined), 60_000);
      await moreChecks(bot!);

      expect(dmOpens(discord, from)).toEqual([A.id]);
      const [message, ...others] = dmsTo(discord, A);
      expect(others).toEqual([]);
      expect(message.content).toContain("New idea for your skills");
      expect(message.content).toContain("Trace tail sampling");
      expect(JSON.stringify(message)).toContain("You have: Go");
      const posts = postsTo(discord, A);
      expect(posts).toHaveLength(1);
      expect(posts[0]!.body.allowed_mentions).toEqual({ parse: [] });
      expect(posts[0]!.body).toMatchObject({ nonce: expect.any(String), enforce_nonce: true });
      expect(discord.dmChannels.has(B.id)).toBe(false);
      expect(discord.dmChannels.has(C.id)).toBe(false);
    });

    it("pauses the alert of a person who takes no DMs, and says so with their next command", { timeout: 120_000 }, async () => {
      const D = person(4, "dora-closed");
      expect(await ask(discord, "notify", { skills: "go" }, D)).toContain("Alert set");
      discord.closedDms.add(D.id);

      propose("Span metrics pipeline");
      await until(() => (logMessages(bot!.out.stderr).some((m) => m.includes(`(discord user ${D.id}) paused`)) ? true : undefined), 60_000);
      expect(postsTo(discord, D).length).toBeGreaterThan(0);
      expect(dmsTo(discord, D)).toEqual([]);

      const search = await ask(discord, "search", { query: "go" }, D);
      expect(search).toContain("Your alert is paused");
      const shown = await ask(discord, "notify", {}, D);
      expect(shown).toContain("It is paused");
      // Another person, whose DMs are open: no word of a paused alert.
      expect(await ask(discord, "search", { query: "go" }, B)).not.toContain("alert is paused");
      expect(await ask(discord, "search", { query: "go" }, A)).not.toContain("alert is paused");
    });

    it("sends one digest, not three messages, for three new ideas found in one check", { timeout: 120_000 }, async () => {
      const E = person(5, "eve-burst");
      expect(await ask(discord, "notify", { skills: "go" }, E)).toContain("Alert set");
      const titles = ["Sampling budgets", "Trace graph compaction", "Span link explorer"];
      // All three at once: the fake answers no request between them, so one check sees them all.
      for (const title of titles) propose(title);

      await until(() => (dmsTo(discord, E).length > 0 ? true : undefined), 60_000);
      await moreChecks(bot!);
      const messages = dmsTo(discord, E);
      expect(messages).toHaveLength(1);
      expect(postsTo(discord, E)).toHaveLength(1);
      expect(messages[0].content).toContain("3 new ideas for your skills");
      for (const title of titles) expect(JSON.stringify(messages[0])).toContain(title);
    });

    it("sends nothing after notify off", { timeout: 120_000 }, async () => {
      const F = person(6, "fred-off");
      expect(await ask(discord, "notify", { skills: "go" }, F)).toContain("Alert set");
      expect(await ask(discord, "notify", { skills: "off" }, F)).toContain("Your alert is off");
      const before = dmsTo(discord, A).length;

      propose("Adaptive collector scaling");
      // A's alert (go) gets it: the idea was found and delivered.
      await until(() => (dmsTo(discord, A).length > before ? true : undefined), 60_000);
      await moreChecks(bot!);
      expect(dmOpens(discord)).not.toContain(F.id);
      expect(discord.dmChannels.has(F.id)).toBe(false);
      expect(await ask(discord, "notify", {}, F)).toContain("You have no alert");
    });
  });

  it("posts a DM once across a crash after Discord stored it and before the bot recorded it", { timeout: 120_000 }, async () => {
    const discord = await FakeDiscord.start();
    const dataDir = scratchDataDir();
    const A = person(11, "alice-crash");
    let first: Bot | undefined;
    let second: Bot | undefined;
    try {
      first = start(dataDir, discordEnv(discord));
      await discord.waitForIdentify();
      await loaded(first);
      expect(await ask(discord, "notify", { skills: "go" }, A)).toContain("Alert set");
      const channel = discord.dmChannelWith(A.id);
      discord.holdPostsTo.add(channel);

      propose("Crash-safe trace export");
      // Discord has the message; the bot never hears so, and dies.
      await until(() => (discord.held.length > 0 ? true : undefined), 60_000);
      expect(discord.channelMessages.get(channel)).toHaveLength(1);
      first.child.kill("SIGKILL");
      await first.closed;
      discord.holdPostsTo.delete(channel);
      discord.releaseHeld();

      // The dead process's lease on the entry lasts 2 minutes (Delivery's leaseMs, not configurable
      // from the environment): let it run out now rather than wait, as if the restart came later.
      const db = new Database(join(dataDir, DATABASE_FILE));
      try {
        const leased = db.prepare("UPDATE outbox SET lease_until = ? WHERE status = 'pending' AND lease_owner IS NOT NULL").run(Date.now() - 1);
        expect(leased.changes).toBe(1);
      } finally {
        db.close();
      }

      second = start(dataDir, discordEnv(discord));
      await until(() => (logMessages(second!.out.stderr).some((m) => new RegExp(`^announcement \\d+ to discord user ${A.id} (was already posted|delivered)`).test(m)) ? true : undefined), 60_000);
      await moreChecks(second);
      const messages = discord.channelMessages.get(channel)!;
      expect(messages).toHaveLength(1);
      expect(messages[0].content).toContain("Crash-safe trace export");
      // Any post again carried the same enforced nonce (and so posted nothing new).
      const posts = discord.posts.filter((p) => p.channel === channel);
      expect(new Set(posts.map((p) => p.body.nonce))).toEqual(new Set([messages[0].nonce]));
    } finally {
      await stop(first);
      await stop(second);
      await discord.close();
    }
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.prepare("SELECT status FROM outbox").all()).toEqual([{ status: "sent" }]);
    } finally {
      db.close();
    }
  });

  it("sends a Slack DM (conversations.open, then chat.postMessage) to the one person whose alert fits", { timeout: 120_000 }, async () => {
    const slack = await startFakeSlack();
    slack.addChannel("C1");
    const responses = await recorder();
    const secret = "slack-signing-secret-for-tests";
    const bot = start(scratchDataDir(), { SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: secret, SLACK_API_URL: slack.apiUrl, SHELL_ADAPTER: "off" });
    let asked = 0;
    try {
      const port = await until(() => logMessages(bot.out.stderr).map((m) => /listening on port (\d+)/.exec(m)?.[1]).find(Boolean), 60_000);
      await loaded(bot);
      /** `/ideas <text>` from `user`, signed; the answer, in the acknowledgement or at the response_url. */
      const slash = async (text: string, user: string, expected: string) => {
        const path = `/${user}/${++asked}`;
        const body = new URLSearchParams({ command: "/ideas", text, user_id: user, user_name: user.toLowerCase(), channel_id: "C1", team_id: "T1", response_url: `${responses.url}${path}`, trigger_id: "1" }).toString();
        const res = await fetch(`http://127.0.0.1:${port}/slack/events`, { method: "POST", body, headers: { ...sign(secret, body), "content-type": "application/x-www-form-urlencoded" } });
        expect(res.status).toBe(200);
        const ack = await res.text();
        return until(() => [ack, ...responses.requests.filter((r) => r.path === path).map((r) => r.body)].find((t) => t.includes(expected)), 15_000);
      };
      await slash("notify go", "UALICE", "Alert set");
      await slash("notify rust", "UBOB", "Alert set");

      propose("Slack trace digest");
      const dm = () => slack.dmChannel("UALICE");
      await until(() => (slack.posts.some((p) => p.channel !== undefined && p.channel === dm()) ? true : undefined), 60_000);
      await moreChecks(bot);
      expect(slack.opens.map((o) => o.users)).toEqual(["UALICE"]);
      expect(dm()).toMatch(/^D/);
      const posts = slack.posts.filter((p) => p.channel === dm());
      expect(posts).toHaveLength(1);
      expect(posts[0]!.text).toContain("New idea for your skills");
      expect(posts[0]!.text).toContain("Slack trace digest");
      expect(slack.posts.filter((p) => p.channel !== dm())).toEqual([]);
      expect(slack.dmChannel("UBOB")).toBeUndefined();
    } finally {
      await stop(bot);
      await slack.close();
      await responses.close();
    }
    expect(bot.out.stderr).not.toContain(secret);
  });
});
