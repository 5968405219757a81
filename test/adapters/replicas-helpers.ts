/**
 * Helpers of test/adapters/replicas.test.ts: several `npm start` replicas on one PostgreSQL
 * database, each reaching the fake GitHub, Slack and Discord through its own Gate (a loopback
 * forwarding proxy), so a test knows which replica sent a request and can hold the answer to it
 * (a slow source, a post the platform took and the bot never heard back about).
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { logMessages, REPO_ROOT, scratchDataDir, SEED_PATH } from "../helpers.ts";
import { until } from "./slack/loopback.ts";

/** A request a Gate forwarded: who asked what, and the answer's status. */
export interface GateRequest {
  method: string;
  /** The path with its query, as sent. */
  url: string;
  body: string;
  status?: number;
}

/** An answer the Gate holds back (the request was forwarded and answered upstream). */
interface HeldAnswer {
  request: GateRequest;
  res: ServerResponse;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** Whether the asker hung up before it was released (its process died). */
  closed: boolean;
}

/**
 * A forwarding proxy on 127.0.0.1 (port 0) to `target`: every request goes upstream at once; the
 * answer to a request `hold` matches is kept back until release(), as from a server that did the
 * work and never said so. Records every request.
 */
export class Gate {
  readonly requests: GateRequest[] = [];
  readonly held: HeldAnswer[] = [];
  /** Answers to hold back; null holds none. */
  hold: ((r: GateRequest) => boolean) | null = null;
  private readonly server: Server;
  private readonly target: URL;

  private constructor(target: string) {
    this.target = new URL(target);
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        const request: GateRequest = { method: req.method ?? "GET", url: req.url ?? "/", body: body.toString("utf8") };
        this.requests.push(request);
        const headers = { ...req.headers, host: this.target.host };
        const upstream = httpRequest({ host: this.target.hostname, port: this.target.port, method: request.method, path: request.url, headers }, (answer) => {
          const parts: Buffer[] = [];
          answer.on("data", (c: Buffer) => parts.push(c));
          answer.on("end", () => {
            request.status = answer.statusCode ?? 502;
            const held: HeldAnswer = { request, res, status: request.status, headers: answer.headers, body: Buffer.concat(parts), closed: false };
            if (this.hold?.(request)) {
              res.on("close", () => (held.closed = true));
              this.held.push(held);
            } else send(held);
          });
        });
        upstream.on("error", () => {
          if (!res.headersSent) res.writeHead(502).end();
        });
        upstream.end(body);
      });
      res.on("error", () => {});
    });
  }

  static async start(target: string): Promise<Gate> {
    const gate = new Gate(target);
    await new Promise<void>((resolve) => gate.server.listen(0, "127.0.0.1", resolve));
    return gate;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Stops holding and answers everything held (to whoever is still listening). */
  release(): void {
    this.hold = null;
    for (const held of this.held.splice(0)) send(held);
  }

  async close(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function send(held: HeldAnswer): void {
  if (held.closed || held.res.destroyed) return;
  const { "transfer-encoding": _te, connection: _c, "keep-alive": _k, ...headers } = held.headers;
  held.res.writeHead(held.status, { ...headers, "content-length": String(held.body.length) }).end(held.body);
}

/** A replica of `npm start` (node --import tsx adapters/main.ts, as the Dockerfile's CMD runs it). */
export interface Replica {
  name: string;
  child: ChildProcessWithoutNullStreams;
  out: { stdout: string; stderr: string };
  closed: Promise<number | null>;
  gates: { github: Gate; slack: Gate; discord: Gate };
  /** The messages logged so far (LOG_FORMAT=json). */
  messages(): string[];
  alive(): boolean;
}

/** Starts one replica, its GitHub, Slack and Discord REST calls through gates of its own. */
export async function startReplica(name: string, targets: { github: string; slackApi: string; discordApi: string }, env: Record<string, string>): Promise<Replica> {
  const [github, slack, discord] = await Promise.all([Gate.start(targets.github), Gate.start(new URL(targets.slackApi).origin), Gate.start(new URL(targets.discordApi).origin)]);
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|GITHUB_|LOG_|HOST$|DATABASE_URL$|IDEAS_SOURCES$|ANNOUNCE_|DEFAULT_TERM$)/.test(k)));
  const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
    cwd: REPO_ROOT,
    env: {
      ...clean,
      LOG_FORMAT: "json",
      PORT: "0",
      HOST: "127.0.0.1",
      SHELL_ADAPTER: "off",
      DATA_DIR: scratchDataDir(),
      GITHUB_API_URL: github.url,
      SLACK_API_URL: `${slack.url}${new URL(targets.slackApi).pathname}`,
      DISCORD_API_URL: `${discord.url}${new URL(targets.discordApi).pathname}`,
      ...env,
    },
  });
  const out = { stdout: "", stderr: "" };
  child.stdout.on("data", (d) => (out.stdout += d));
  child.stderr.on("data", (d) => (out.stderr += d));
  const closed = new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    name,
    child,
    out,
    closed,
    gates: { github, slack, discord },
    messages: () => logMessages(out.stderr),
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

/** The port Slack's HTTP receiver listens on (logged at start). */
export function slackPort(replica: Replica, ms = 90_000): Promise<number> {
  return until(() => {
    const port = replica.messages().map((m) => /listening on port (\d+)/.exec(m)?.[1]).find(Boolean);
    return port ? Number(port) : undefined;
  }, ms);
}

/** Resolves after the replica's first check ("N ideas loaded"). */
export function loaded(replica: Replica, ms = 90_000): Promise<true> {
  return until(() => (replica.messages().some((m) => /ideas loaded$/.test(m)) ? true : undefined), ms);
}

/** Stops a replica: SIGTERM, then SIGKILL if it is still running after `ms`; closes its gates. Never throws. */
export async function stopReplica(replica: Replica, ms = 10_000): Promise<void> {
  // Nothing held back: a post in flight is finished, not waited for until the deadline.
  for (const gate of Object.values(replica.gates)) gate.release();
  if (replica.alive()) replica.child.kill("SIGTERM");
  const timer = setTimeout(() => {
    if (replica.alive()) replica.child.kill("SIGKILL");
  }, ms);
  await replica.closed;
  clearTimeout(timer);
  await Promise.all(Object.values(replica.gates).map((g) => g.close()));
}

/**
 * A repository for the fake GitHub: one term's ideas file (the seed, 42 ideas), so a first check
 * parses little. Proposals come as issues.
 */
export function smallRepository(): string {
  const dir = scratchDataDir();
  const term = join(dir, "programs", "lfx-mentorship", "2022", "01-Spring");
  mkdirSync(term, { recursive: true });
  writeFileSync(join(term, "project_ideas.md"), readFileSync(SEED_PATH));
  return dir;
}

/** Waits until the async `probe` gives a value, polling; fails after `ms`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, ms = 30_000, what = "a condition"): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The process id in a Delivery owner (`host:pid:random`), as leases and the outbox record it. */
export function pidOf(owner: string): number | undefined {
  const m = /:(\d+):[0-9a-f]+$/.exec(owner);
  return m ? Number(m[1]) : undefined;
}
