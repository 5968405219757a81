/**
 * `npm start` with each platform alone, as a person runs it: the shell on a pipe, Discord with
 * DISCORD_TOKEN (real discord.js against a fake Discord), Slack with its secrets (real Bolt on
 * 127.0.0.1). Spawned processes, so in the e2e suite; test/adapters/main.test.ts runs them together.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteUrl } from "../../adapters/discord/registration.ts";
import { REPO_ROOT, scratchDataDir, SEED_PATH } from "../helpers.ts";
import { APPLICATION_ID, FakeDiscord, slashCommand, type RecordedRequest } from "./discord/fake-discord.ts";
import { recorder, until } from "./slack/loopback.ts";

function callbackOf(fake: FakeDiscord, interaction: { id: string; token: string }): Promise<RecordedRequest> {
  return fake.waitForRequest((r) => r.method === "POST" && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`);
}

describe("npm start with a pipe", () => {
  // On the whole bundled catalogue, parsed cold into a fresh DATA_DIR: seconds on a busy 2-core machine.
  it("reads lines until the end of input, answers each in order, and exits 0", { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], { cwd: REPO_ROOT, env: { ...process.env, IDEAS_SOURCES: "", DATA_DIR: scratchDataDir() } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end("search jaeger\nsearch terraform term:all\nrecommend go, k8s\n/ideas show nope\nfoo\n");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    // On stderr only one line for the bundled catalogue's first check (a fresh DATA_DIR); answers are on stdout.
    expect(stderr.trim().split("\n")).toEqual([expect.stringMatching(/^\[ideas-bot\] first check of \d+ sources: \d+ idea\(s\) recorded without announcing/)]);
    expect(code).toBe(0);
    // The bundled catalogue answers from the current term first: Jaeger's 2026 Term 3 ideas, and says so.
    const jaeger = stdout.slice(0, stdout.indexOf("Management of Terraform state"));
    expect(jaeger).toContain("OpenTelemetry-Native Query and State Layers Migration");
    expect(jaeger).toContain("LFX Mentorship 2026 Term 3 · accepted");
    expect(jaeger).toMatch(/more in other terms \(add term:all/);
    const terraform = stdout.indexOf("Management of Terraform state");
    const recommend = stdout.indexOf("ideas for Go, Kubernetes");
    const show = stdout.indexOf('There is no idea with the id "nope"');
    const unknown = stdout.indexOf('I don\'t know "foo"');
    expect([terraform, recommend, show, unknown].every((i) => i >= 0)).toBe(true);
    expect(terraform < recommend && recommend < show && show < unknown).toBe(true);
  });
});

describe("npm start with DISCORD_TOKEN", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("serves Discord from adapters/main.ts, logs the invite URL, and stops on SIGTERM", async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_") && !k.startsWith("SLACK_")));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...clean, IDEAS_SOURCES: SEED_PATH, DATA_DIR: scratchDataDir(), DISCORD_TOKEN: "main-token", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await fake.waitForRequest((r) => r.path === "/gateway/bot", { timeoutMs: 10_000 });
      await fake.waitForIdentify();
      for (let i = 0; i < 100 && !stderr.includes("invite:"); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain(inviteUrl(APPLICATION_ID));
      expect(stderr).not.toContain("main-token");
      // No DISCORD_GUILD_ID: nothing is registered at start (that is `npm run deploy:discord`).
      expect(fake.requests.some((r) => r.method === "PUT")).toBe(false);
      const ask = fake.push(slashCommand("search", { query: "terraform" }));
      const { body } = await callbackOf(fake, ask);
      expect(body.data.embeds[1].title).toBe("Management of Terraform state");
    } finally {
      child.kill("SIGTERM");
    }
    expect(await closed).toBe(0);
  });
});

describe("npm start with Slack settings", () => {
  it("serves Slack over HTTP, never prints its secrets, and exits 0 on SIGTERM", async () => {
    const api = await recorder(() => ({ ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" }));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, SLACK_BOT_TOKEN: "xoxb-very-secret", SLACK_SIGNING_SECRET: "signing-very-secret", SLACK_API_URL: `${api.url}/api/`, PORT: "0", IDEAS_SOURCES: SEED_PATH, DATA_DIR: scratchDataDir() },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    try {
      await until(() => (/listening on port \d+/.test(output) ? true : undefined), 15_000);
      child.kill("SIGTERM");
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).toBe(0);
      expect(output).not.toMatch(/very-secret/);
    } finally {
      child.kill("SIGKILL");
      await api.close();
    }
  });
});
