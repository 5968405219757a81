/**
 * `npm start` end to end: one process serving Discord (real discord.js against a fake Discord) and
 * Slack (real Bolt on 127.0.0.1), people subscribing channels by slash command, the ideas file
 * gaining an idea, and the announcement arriving once per matching channel, also across a restart.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../helpers.ts";
import { APPLICATION_ID, CHANNEL_ID, FakeDiscord, slashCommand, withPermissions } from "./discord/fake-discord.ts";
import { recorder, sign, until } from "./slack/loopback.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const SECRET = "e2e-signing-secret";
const fixture = (name: string) => new URL(`../fixtures/announce/${name}`, import.meta.url);
const MODERATOR = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageChannels;
const NEW_TITLE = "Web dashboard for Comet jobs";

interface Bot {
  child: ChildProcess;
  output: () => string;
  slackPort: number;
  stop(): Promise<number | null>;
}

describe("npm start with Discord and Slack: subscribe, then a new idea is announced once per channel", () => {
  let discord: FakeDiscord;
  let slackApi: Awaited<ReturnType<typeof recorder>>;
  let responses: Awaited<ReturnType<typeof recorder>>;
  let dir: string;
  let source: string;
  let bot: Bot | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ideas-e2e-"));
    source = join(dir, "ideas.md");
    copyFileSync(fixture("v1.md"), source);
    discord = await FakeDiscord.start();
    let ts = 0;
    slackApi = await recorder((path, body) => {
      if (path.endsWith("auth.test")) return { ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" };
      if (path.endsWith("users.info")) return { ok: true, user: { id: new URLSearchParams(body).get("user"), is_admin: true } };
      if (path.endsWith("chat.postMessage")) return { ok: true, channel: new URLSearchParams(body).get("channel"), ts: `1700000000.${String(++ts).padStart(6, "0")}` };
      if (path.endsWith("conversations.history")) return { ok: true, messages: [], has_more: false };
      return { ok: true };
    });
    responses = await recorder();
  });
  afterAll(async () => {
    await bot?.stop();
    await discord.close();
    await slackApi.close();
    await responses.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startBot(): Promise<Bot> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|ANNOUNCE_|IDEAS_|DATA_DIR)/.test(k)));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: {
        ...clean,
        IDEAS_SOURCES: `comet=${source}`,
        DATA_DIR: join(dir, "data"),
        ANNOUNCE_CRON: "* * * * * *",
        DISCORD_TOKEN: "discord-e2e-secret",
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_API_URL: discord.apiUrl,
        SLACK_BOT_TOKEN: "xoxb-e2e-secret",
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_API_URL: `${slackApi.url}/api/`,
        PORT: "0",
      },
    });
    let output = "";
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    const identified = discord.identifies;
    const port = await until(() => /listening on port (\d+)/.exec(output)?.[1], 20_000);
    await until(() => (discord.identifies > identified ? true : undefined), 10_000);
    return {
      child,
      output: () => output,
      slackPort: Number(port),
      stop: async () => {
        child.kill("SIGTERM");
        return closed;
      },
    };
  }

  let n = 0;
  async function slackCommand(text: string, channel: string): Promise<string> {
    const path = `/respond/${++n}`;
    const body = new URLSearchParams({ command: "/ideas", text, user_id: "UADMIN", user_name: "admin", channel_id: channel, team_id: "T1", response_url: `${responses.url}${path}`, trigger_id: "1" }).toString();
    const res = await fetch(`http://127.0.0.1:${bot!.slackPort}/slack/events`, { method: "POST", body, headers: sign(SECRET, body) });
    expect(res.status).toBe(200);
    return (await until(() => responses.requests.find((r) => r.path === path), 10_000)).body;
  }

  async function discordCommand(sub: string, options: Record<string, string>): Promise<Json> {
    const interaction = discord.push(withPermissions(slashCommand(sub, options), MODERATOR));
    const callback = await discord.waitForRequest((r) => r.method === "POST" && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`, { timeoutMs: 10_000 });
    return callback.body.data;
  }

  const discordPosts = () => discord.requests.filter((r) => r.method === "POST" && r.path === `/channels/${CHANNEL_ID}/messages`);
  const slackPosts = () => slackApi.requests.filter((r) => r.path.endsWith("chat.postMessage")).map((r) => new URLSearchParams(r.body));

  it("announces the new idea in each matching channel once, and never again after a restart", async () => {
    bot = await startBot();
    // The first check of the source records its ideas silently.
    expect(JSON.stringify(await discordCommand("subscribe", {}))).toContain("Subscribed");
    expect(await slackCommand("subscribe react", "C1")).toContain("Subscribed");
    expect(await slackCommand("subscribe rust", "C2")).toContain("Subscribed");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(discordPosts()).toHaveLength(0);
    expect(slackPosts()).toHaveLength(0);

    // A mentor's pull request adds an idea; the next check (every second here) finds it.
    copyFileSync(fixture("v3-added.md"), source);
    await until(() => (discordPosts().length > 0 && slackPosts().length > 0 ? true : undefined), 15_000);
    // A few more checks and delivery passes: nothing more is posted.
    await new Promise((r) => setTimeout(r, 2_500));

    expect(discordPosts()).toHaveLength(1);
    const [post] = discordPosts();
    expect(post!.headers.authorization).toBe("Bot discord-e2e-secret");
    expect(post!.body).toMatchObject({ allowed_mentions: { parse: [] }, enforce_nonce: true, nonce: expect.stringMatching(/^ib-/) });
    expect(post!.body.embeds[0].title).toBe(NEW_TITLE);

    // Slack: C1 asked for React and gets it; C2 asked for Rust and gets nothing.
    expect(slackPosts().map((p) => p.get("channel"))).toEqual(["C1"]);
    const slack = slackPosts()[0]!;
    expect(slack.get("text")).toContain(NEW_TITLE);
    expect(JSON.parse(slack.get("metadata")!)).toMatchObject({ event_type: "ideas_bot_announcement" });

    expect(await bot.stop()).toBe(0);
    expect(bot.output()).not.toMatch(/e2e-secret/);

    // Restarted on the same DATA_DIR: the idea is known and its announcements sent.
    bot = await startBot();
    await new Promise((r) => setTimeout(r, 2_500));
    expect(discordPosts()).toHaveLength(1);
    expect(slackPosts()).toHaveLength(1);
    expect(await bot.stop()).toBe(0);
    bot = undefined;
  }, 90_000);
});
