/**
 * `npm start` with each platform alone, as a person runs it: the shell on a pipe, Discord with
 * DISCORD_TOKEN (real discord.js against a fake Discord), Slack with its secrets (real Bolt on
 * 127.0.0.1), each serving /healthz and /readyz on PORT (0 here: a free port, so tests never
 * collide). Spawned processes, so in the e2e suite; test/adapters/main.test.ts runs them together.
 */
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteUrl } from "../../adapters/discord/registration.ts";
import { LOG_LEVEL, logRecords, REPO_ROOT, scratchDataDir, SEED_PATH } from "../helpers.ts";
import { APPLICATION_ID, FakeDiscord, slashCommand, type RecordedRequest } from "./discord/fake-discord.ts";
import { recorder, until } from "./slack/loopback.ts";

/** The port of `health on http://…:PORT` in the log (JSON lines), once it is there. */
const healthPort = (log: string) => /"msg":"health on http:\/\/\S+:(\d+)"/.exec(log)?.[1];

/** GET a health route on 127.0.0.1 (HOST unset listens on every interface): status and JSON. */
async function probe(port: string, path: string): Promise<{ status: number; json: Json }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, json: (await res.json()) as Json };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** Polls an async probe until it gives a value; fails after `ms`. */
async function poll<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 50));
  }
}

function callbackOf(fake: FakeDiscord, interaction: { id: string; token: string }): Promise<RecordedRequest> {
  // Generous: a busy CI machine runs several spawned bots at once.
  return fake.waitForRequest((r) => r.method === "POST" && r.path === `/interactions/${interaction.id}/${interaction.token}/callback`, { timeoutMs: 15_000 });
}

describe("npm start with a pipe", () => {
  // On the whole bundled catalogue, parsed cold into a fresh DATA_DIR: seconds on a busy 2-core machine.
  it("reads lines until the end of input, answers each in order, and exits 0", { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], { cwd: REPO_ROOT, env: { ...process.env, IDEAS_SOURCES: "", DATA_DIR: scratchDataDir(), PORT: "0" } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.stdin.end("search jaeger\nsearch terraform term:all\nrecommend go, k8s\n/ideas show nope\nfoo\n");
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    // On stderr, JSON lines (not a terminal): where the health checks listen, the run's summary, one line for the bundled
    // catalogue's first check (a fresh DATA_DIR) and the ideas loaded; answers are on stdout.
    // The one thing the bundled catalogue's parser skips, named (a heading of gsoc-2018 that is not an idea).
    expect(logRecords(stderr).filter((r) => r.level !== LOG_LEVEL.info).map((r) => [r.level, r.msg])).toEqual([[LOG_LEVEL.warn, expect.stringMatching(/^source gsoc-2018-proposals: line 1: .*skipped$/)]]);
    expect(logRecords(stderr).filter((r) => r.level === LOG_LEVEL.info).map((r) => [r.level, r.msg])).toEqual([
      [LOG_LEVEL.info, expect.stringMatching(/^health on http:\/\/\S+:\d+$/)],
      [LOG_LEVEL.info, expect.stringMatching(/^sources: \d+ files; default term: current; data: \S+; platforms: none; loading the ideas$/)],
      [LOG_LEVEL.info, expect.stringMatching(/^first check of \d+ sources: \d+ idea\(s\) recorded without announcing/)],
      [LOG_LEVEL.info, expect.stringMatching(/^\d{4} ideas loaded$/)],
    ]);
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

  it("serves /healthz and /readyz on PORT in shell-only mode, the shell connected, until input ends", { timeout: 60_000 }, async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_") && !k.startsWith("SLACK_") && k !== "HOST"));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], { cwd: REPO_ROOT, env: { ...clean, IDEAS_SOURCES: `seed=${SEED_PATH}`, DATA_DIR: scratchDataDir(), PORT: "0" } });
    let stderr = "";
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      const port = await until(() => healthPort(stderr), 30_000);
      expect(await probe(port, "/healthz")).toEqual({ status: 200, json: { status: "ok" } });
      const ready = await poll(async () => {
        const answer = await probe(port, "/readyz");
        return answer.status === 200 ? answer : undefined;
      }, 30_000);
      expect(ready.json).toMatchObject({ ready: true, catalogue: { loaded: true }, platforms: [{ name: "shell", connected: true }], sources: [{ label: "seed", checkedAt: expect.any(String), error: null }] });
      expect(ready.json.catalogue.ideas).toBeGreaterThan(0);
      // No location in the report: labels only.
      expect(JSON.stringify(ready.json)).not.toContain(SEED_PATH);
      // The same report in the shell, where the person manages the shell's own subscription.
      child.stdin.write("status\n");
      await until(() => (stdout.includes("Platforms: shell (connected)") ? true : undefined), 10_000);
      expect(stdout).toMatch(/ideas-bot \d+\.\d+\.\d+/);
      expect(stdout).toMatch(/Serving 42 ideas from 1 source, up since .* UTC\. Next check .* UTC \((?:in \d+ min|just now)\)\./);
      expect(stdout).toMatch(/✓ seed: 42 ideas, checked .* \(just now\)/);
    } finally {
      child.stdin.end();
    }
    expect(await closed).toBe(0);
  });

  it("stops with one line naming PORT and exit code 1 when PORT is in use", { timeout: 60_000 }, async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    try {
      const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_") && !k.startsWith("SLACK_")));
      const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], { cwd: REPO_ROOT, env: { ...clean, IDEAS_SOURCES: SEED_PATH, DATA_DIR: scratchDataDir(), HOST: "127.0.0.1", PORT: String(port) } });
      let stderr = "";
      child.stdout.resume();
      child.stderr.on("data", (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(code).toBe(1);
      expect(logRecords(stderr).map((r) => [r.level, r.msg])).toEqual([[LOG_LEVEL.error, `cannot listen: PORT ${port} on HOST 127.0.0.1 is already in use; stop what uses it or set PORT to another port (PORT=0 picks a free one)`]]);
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
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

  it("serves Discord from adapters/main.ts, logs the invite URL, reports ready on /readyz, and stops on SIGTERM", async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_") && !k.startsWith("SLACK_") && k !== "HOST"));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...clean, IDEAS_SOURCES: SEED_PATH, DATA_DIR: scratchDataDir(), DISCORD_TOKEN: "main-token", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl, PORT: "0" },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await fake.waitForRequest((r) => r.path === "/gateway/bot", { timeoutMs: 30_000 });
      await fake.waitForIdentify();
      for (let i = 0; i < 100 && !stderr.includes("invite:"); i++) await new Promise((r) => setTimeout(r, 50));
      expect(stderr).toContain(inviteUrl(APPLICATION_ID));
      expect(stderr).not.toContain("main-token");
      // No DISCORD_GUILD_ID: nothing is registered at start (that is `npm run deploy:discord`).
      expect(fake.requests.some((r) => r.method === "PUT")).toBe(false);
      // Connected at once; the first start's check of the seed ends soon after.
      await until(() => (stderr.includes("ideas loaded") ? true : undefined), 30_000);
      const ask = fake.push(slashCommand("search", { query: "terraform" }));
      const { body } = await callbackOf(fake, ask);
      expect(body.data.embeds[1].title).toBe("Management of Terraform state");
      // Health on PORT (0: a free one, logged): ready, Discord connected, the source checked.
      const port = healthPort(stderr);
      expect(port).toBeDefined();
      expect(await probe(port!, "/healthz")).toEqual({ status: 200, json: { status: "ok" } });
      const ready = await probe(port!, "/readyz");
      expect(ready.status).toBe(200);
      expect(ready.json).toMatchObject({ ready: true, catalogue: { loaded: true }, platforms: [{ name: "discord", connected: true }], sources: [{ checkedAt: expect.any(String), error: null }] });
      expect(ready.json.platforms).toHaveLength(1);
      expect(ready.json.catalogue.ideas).toBeGreaterThan(0);
      expect(JSON.stringify(ready.json)).not.toMatch(/main-token|127\.0\.0\.1/);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await closed).toBe(0);
  });
});

describe("npm start with Slack settings", () => {
  it("serves Slack over HTTP, the health checks on the same port, never prints its secrets, and exits 0 on SIGTERM", async () => {
    const api = await recorder(() => ({ ok: true, user_id: "UBOT", team_id: "T1", bot_id: "B1" }));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, SLACK_BOT_TOKEN: "xoxb-very-secret", SLACK_SIGNING_SECRET: "signing-very-secret", SLACK_API_URL: `${api.url}/api/`, PORT: "0", IDEAS_SOURCES: SEED_PATH, DATA_DIR: scratchDataDir() },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    try {
      const port = await until(() => /listening on port (\d+)/.exec(output)?.[1], 15_000);
      // Bolt's server answers the health checks: no server of the process's own, no "health on" line.
      expect(await probe(port, "/healthz")).toEqual({ status: 200, json: { status: "ok" } });
      const ready = await poll(async () => {
        const answer = await probe(port, "/readyz");
        return answer.status === 200 ? answer : undefined;
      }, 30_000);
      expect(ready).toMatchObject({ status: 200, json: { ready: true, platforms: [{ name: "slack", connected: true }] } });
      expect(healthPort(output)).toBeUndefined();
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

describe("npm start where DATA_DIR cannot hold the state", () => {
  it("says so in one line naming the path, and exits 1", async () => {
    // A DATA_DIR under a regular file cannot be created, even by root (file permissions would not stop root).
    const blocker = join(scratchDataDir(), "a-file");
    writeFileSync(blocker, "not a directory");
    const dataDir = join(blocker, "data");
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...process.env, IDEAS_SOURCES: SEED_PATH, DATA_DIR: dataDir, PORT: "0", SHELL_ADAPTER: "off" },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(code).toBe(1);
    expect(logRecords(output).map((r) => [r.level, r.msg])).toEqual([[LOG_LEVEL.error, `cannot create DATA_DIR ${dataDir}: ENOTDIR; check the path and its permissions`]]);
  });
});

describe("npm start while a source hangs", () => {
  /** A source over HTTP serving the seed file, or holding every request open (`hang`), as a server that is down can. */
  async function seedServer() {
    const text = readFileSync(SEED_PATH, "utf8");
    const state = { hang: false, requests: 0 };
    const server = createServer((req, res) => {
      state.requests++;
      if (state.hang) return;
      res.writeHead(200, { "content-type": "text/markdown" }).end(text);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/project_ideas.md`;
    const close = () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return { state, url, close };
  }

  /** npm start with the shell on a pipe; `input` is written, and the pipe ended when `end` (else the caller ends it). */
  function startShell(env: Record<string, string>, input: string, end = true) {
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], { cwd: REPO_ROOT, env: { ...process.env, PORT: "0", ...env } });
    const out = { stdout: "", stderr: "" };
    child.stdout.on("data", (d) => (out.stdout += d));
    child.stderr.on("data", (d) => (out.stderr += d));
    child.stdin.write(input);
    if (end) child.stdin.end();
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    return { child, out, closed };
  }

  it("answers at once from the catalogue the last run stored, and stops cleanly though the check never ends", { timeout: 90_000 }, async () => {
    const source = await seedServer();
    const dataDir = scratchDataDir();
    const env = { IDEAS_SOURCES: `seed=${source.url}`, DATA_DIR: dataDir };
    try {
      const first = startShell(env, "search terraform\n");
      expect(await first.closed).toBe(0);
      expect(first.out.stdout).toContain("Management of Terraform state");

      // The source now never answers: the answer must not wait for it (fetches time out after 15 s, retried for a minute).
      source.state.hang = true;
      const started = Date.now();
      const second = startShell(env, "search terraform\n", false);
      await until(() => (second.out.stdout.includes("Management of Terraform state") ? true : undefined), 30_000);
      const answeredIn = Date.now() - started;
      // The second run has asked the source, which never answers.
      await until(() => (source.state.requests === 2 ? true : undefined), 10_000);
      const stopping = Date.now();
      second.child.stdin.end();
      // Well under the source's 15 s timeout: the answer came from the store, not from the source.
      expect(answeredIn).toBeLessThan(12_000);
      // The end of input stops the process; the check in flight is abandoned, not waited for.
      expect(await second.closed).toBe(0);
      expect(Date.now() - stopping).toBeLessThan(5_000);
      const messages = logRecords(second.out.stderr).map((r) => r.msg);
      expect(messages).toContainEqual(expect.stringMatching(/; 42 ideas stored by the last run; checking the sources$/));
      // Stopping is not a failure of the source: no retry line, and nothing recorded against it.
      expect(messages.filter((m) => /retrying|not stopped|ideas loaded/.test(m))).toEqual([]);
    } finally {
      await source.close();
    }
  });

  it("on a first start, Discord answers 'still loading' while the source hangs, instead of waiting or saying nothing matched", { timeout: 60_000 }, async () => {
    const source = await seedServer();
    source.state.hang = true;
    const fake = await FakeDiscord.start();
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_") && !k.startsWith("SLACK_") && k !== "HOST"));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...clean, IDEAS_SOURCES: `seed=${source.url}`, DATA_DIR: scratchDataDir(), DISCORD_TOKEN: "main-token", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl, PORT: "0" },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    try {
      await fake.waitForIdentify();
      const ask = fake.push(slashCommand("search", { query: "terraform" }));
      const { body } = await callbackOf(fake, ask);
      expect(JSON.stringify(body.data)).toMatch(/still loading the ideas/);
      // Not ready: no ideas yet.
      const port = healthPort(stderr)!;
      expect(await probe(port, "/readyz")).toMatchObject({ status: 503, json: { ready: false, catalogue: { ideas: 0, loaded: false }, platforms: [{ name: "discord", connected: true }] } });
    } finally {
      child.kill("SIGTERM");
      expect(await closed).toBe(0);
      await fake.close();
      await source.close();
    }
  });
});

describe("npm start with a source that is not an ideas file", () => {
  it("reports it in /readyz and the log, serves nothing rather than a page, then keeps the ideas it had when the source breaks again", { timeout: 90_000 }, async () => {
    const seed = readFileSync(SEED_PATH, "utf8");
    const state: { serve: "html" | "ideas" } = { serve: "html" };
    const server = createServer((_req, res) => {
      // A maintenance page answered with 200, as a misconfigured proxy or CDN does.
      if (state.serve === "html") res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><html><body><h1>Down for maintenance</h1></body></html>");
      else res.writeHead(200, { "content-type": "text/markdown" }).end(seed);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/project_ideas.md`;
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_") && !k.startsWith("SLACK_") && k !== "HOST"));
    // A check every second (node-cron's six-field form), so the test sees the source change.
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
      cwd: REPO_ROOT,
      env: { ...clean, IDEAS_SOURCES: `seed=${url}`, DATA_DIR: scratchDataDir(), PORT: "0", SHELL_ADAPTER: "off", ANNOUNCE_CRON: "* * * * * *" },
    });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
    const readyz = async (port: string, want: (json: Json) => boolean) => poll(async () => {
      const answer = await probe(port, "/readyz");
      return want(answer.json) ? answer : undefined;
    }, 30_000);
    try {
      const port = await until(() => healthPort(stderr), 30_000);
      // The page is refused: not ready (no ideas), the reason shown, a warning logged.
      const refused = await readyz(port, (json) => json.sources[0].checkedAt !== null);
      expect(refused).toMatchObject({ status: 503, json: { ready: false, catalogue: { ideas: 0, loaded: true }, sources: [{ label: "seed", ideas: 0, error: expect.stringMatching(/html|not an ideas file|markdown/i) }] } });
      const warning = logRecords(stderr).find((r) => r.msg.startsWith("source seed:"));
      expect(warning).toMatchObject({ level: LOG_LEVEL.warn, msg: expect.stringContaining("keeping what it had") });

      state.serve = "ideas";
      const served = await readyz(port, (json) => json.ready === true);
      expect(served.json).toMatchObject({ catalogue: { ideas: 42 }, sources: [{ ideas: 42, error: null }] });

      // Broken again: the 42 ideas stay, and the error says why.
      state.serve = "html";
      const kept = await readyz(port, (json) => json.sources[0].error !== null);
      expect(kept).toMatchObject({ status: 200, json: { ready: true, catalogue: { ideas: 42 }, sources: [{ ideas: 42, error: expect.any(String) }] } });
    } finally {
      child.kill("SIGTERM");
      expect(await closed).toBe(0);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
