import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { runCheck } from "../src/announce/check.ts";
import { DELIVERY_CONCURRENCY } from "../src/announce/deliver.ts";
import { quiet } from "../src/log.ts";
import { readIdeas } from "../src/sources/read.ts";
import { parseSourceList } from "../src/sources/spec.ts";
import { PostgresStore } from "../src/store/postgres-store.ts";
import { closedPort } from "../test/helpers.ts";
import { freshDatabase, startPostgres, type PostgresServer } from "../test/store/postgres-server.ts";
import { body as readBody, close, listen } from "../test/adapters/slack/fake-slack.ts";
import { judgments, SEED } from "./data.ts";
import { fmt, percentile, table } from "./metrics.ts";

/**
 * Replicas (`npm start` with DATABASE_URL, several processes on one PostgreSQL database), measured
 * end to end as real processes: `node --import tsx adapters/main.ts`, Slack in HTTP mode, its Web
 * API a loopback fake, slash commands signed as Slack signs them, answers caught at a loopback
 * response_url. PostgreSQL is a scratch server (test/store/postgres-server.ts, or
 * TEST_DATABASE_URL). Every child process is killed at the end, whatever happens.
 *
 * - Commands: `/ideas search <words>` (the judged queries of bench/, in turn) round-robin over
 *   the replicas, a fixed number in flight, bounded in count and time; a command is answered when
 *   its response_url receives the answer. 1 replica, then 2 more on the same database (3).
 * - Deliveries: N Slack channel subscriptions and one new idea, queued by the product's own check
 *   (runCheck → recordCheck: one outbox entry per channel) before the replicas start; the fake's
 *   chat.postMessage answers after a fixed latency. Posts are held until every replica has sent
 *   one (so all of them are draining), then released: the figure is from the release to the last
 *   post, and every entry must be posted exactly once.
 */

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SIGNING_SECRET = "bench-signing-secret";
const BOT_TOKEN = "xoxb-bench-token";
const APOLOGY = "Sorry, something went wrong";

export interface ReplicaBenchOptions {
  /** Commands per configuration (after a short warm-up), and the time limit to send them. */
  commands?: number;
  concurrency?: number;
  commandSeconds?: number;
  /** Subscribed channels = outbox entries per delivery run. */
  channels?: number;
  /** chat.postMessage's simulated network latency. */
  postLatencyMs?: number;
  /** The PostgreSQL server (default: startPostgres, a scratch one or TEST_DATABASE_URL). */
  startPostgres?: () => Promise<PostgresServer>;
}

const DEFAULTS: Required<ReplicaBenchOptions> = { startPostgres, commands: 1200, concurrency: 16, commandSeconds: 15, channels: 300, postLatencyMs: 30 };

// ── child processes ────────────────────────────────────────────────────────────────────────

/** Every replica started and not yet known to be gone: killed at the end, or at exit. */
const live = new Set<ChildProcessWithoutNullStreams>();
process.on("exit", () => {
  for (const child of live) child.kill("SIGKILL");
});

interface Replica {
  name: string;
  port: number;
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  closed: Promise<void>;
}

/** `npm start` as its CMD runs it, as one replica: Slack in HTTP mode on `port`, no shell. */
async function startReplica(name: string, env: Record<string, string>): Promise<Replica> {
  const port = await closedPort();
  // Nothing of the caller's bot configuration leaks in (a .env in the checkout is read too, but the
  // environment wins over it: the variables that matter are all set here).
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(DISCORD_|SLACK_|GITHUB_|LOG_|HOST$|PORT$|DATABASE_URL$|DATA_DIR$|IDEAS_|ANNOUNCE_|DEFAULT_TERM$)/.test(k)));
  const child = spawn(process.execPath, ["--import", "tsx", "adapters/main.ts"], {
    cwd: ROOT,
    env: {
      ...clean,
      NODE_ENV: "production",
      LOG_LEVEL: "warn",
      LOG_FORMAT: "json",
      HOST: "127.0.0.1",
      PORT: String(port),
      SHELL_ADAPTER: "off",
      DISCORD_TOKEN: "",
      SLACK_APP_TOKEN: "",
      SLACK_CLIENT_ID: "",
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      ...env,
    },
  });
  live.add(child);
  let stderr = "";
  child.stderr.on("data", (d: Buffer) => {
    // The last 20 KiB, to say why a replica failed.
    stderr = (stderr + d.toString()).slice(-20_000);
  });
  child.stdout.resume();
  const closed = new Promise<void>((resolve) =>
    child.on("close", () => {
      live.delete(child);
      resolve();
    }),
  );
  return { name, port, child, stderr: () => stderr, closed };
}

/** Until /readyz answers 200 (the catalogue loaded, Slack listening); fails if the process ends or `ms` pass. */
async function waitReady(replica: Replica, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    if (replica.child.exitCode !== null || replica.child.signalCode !== null) {
      throw new Error(`replica ${replica.name} exited (${replica.child.exitCode ?? replica.child.signalCode}): ${replica.stderr().trim().split("\n").slice(-3).join(" | ")}`);
    }
    try {
      const res = await fetch(`http://127.0.0.1:${replica.port}/readyz`, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > end) throw new Error(`replica ${replica.name} not ready after ${ms / 1000} s: ${replica.stderr().trim().split("\n").slice(-3).join(" | ")}`);
    await sleep(100);
  }
}

/** SIGTERM (the bot finishes a post in flight and stops), SIGKILL after 10 s. */
async function stopReplicas(replicas: Replica[]): Promise<void> {
  await Promise.all(
    replicas.map(async (r) => {
      if (r.child.exitCode !== null || r.child.signalCode !== null) return;
      r.child.kill("SIGTERM");
      const killer = setTimeout(() => r.child.kill("SIGKILL"), 10_000);
      await r.closed;
      clearTimeout(killer);
    }),
  );
}

/** Replica warnings and errors worth a line (LOG_LEVEL=warn: nothing is logged in a clean run). */
function problems(replicas: Replica[]): string[] {
  const out: string[] = [];
  for (const r of replicas) {
    for (const line of r.stderr().split("\n")) {
      if (!line.trim()) continue;
      let msg = line;
      try {
        msg = (JSON.parse(line) as { msg?: string }).msg ?? line;
      } catch {
        // Not JSON: as it is.
      }
      out.push(`${r.name}: ${msg.slice(0, 200)}`);
    }
  }
  return out;
}

/** The machine's busy share over an interval, from /proc/stat (Linux); NaN elsewhere. */
function cpuTimes(): { busy: number; total: number } {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    // idle + iowait
    return { busy: total - fields[3]! - (fields[4] ?? 0), total };
  } catch {
    return { busy: NaN, total: NaN };
  }
}

/** CPU time (user + system) of processes so far, in ms, from /proc/<pid>/stat (Linux); NaN elsewhere. */
function processCpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      // Fields after the command name (which may hold spaces, in parentheses): utime and stime are the 12th and 13th.
      const rest = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      ticks += Number(rest[11]) + Number(rest[12]);
    } catch {
      return NaN;
    }
  }
  // USER_HZ: 100 on Linux.
  return ticks * 10;
}

function busySince(before: { busy: number; total: number }): number {
  const now = cpuTimes();
  return (now.busy - before.busy) / (now.total - before.total);
}

// ── loopback HTTP ──────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));


function json(res: ServerResponse, value: unknown): void {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(value));
}

/** Slack's v0 request signature (as test/adapters/slack/loopback.ts's sign). */
function signed(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-signature": signature, "x-slack-request-timestamp": String(timestamp), "content-type": "application/x-www-form-urlencoded" };
}

/** The response_url of every command: resolves the command's waiter with the answer's body. */
async function responseRecorder(): Promise<{ url: string; expect(id: string, ms: number): Promise<{ at: number; body: string } | null>; close(): Promise<void> }> {
  const waiting = new Map<string, (answer: { at: number; body: string }) => void>();
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const at = performance.now();
      json(res, { ok: true });
      waiting.get(req.url ?? "")?.({ at, body });
    });
  });
  const url = await listen(server);
  return {
    url,
    expect(id, ms) {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiting.delete(`/c/${id}`);
          resolve(null);
        }, ms);
        waiting.set(`/c/${id}`, (answer) => {
          clearTimeout(timer);
          waiting.delete(`/c/${id}`);
          resolve(answer);
        });
      });
    },
    close: () => close(server),
  };
}

interface Post {
  /** Which replica posted (its SLACK_API_URL is /r<i>/api/). */
  replica: string;
  channel: string;
  /** The outbox key in the message's metadata (the entry's idempotency key). */
  key: string;
  /** performance.now() when the request arrived. */
  at: number;
}

/**
 * A loopback Slack Web API: auth.test, chat.postMessage (recorded, answered after `latencyMs`;
 * while `hold` is on, answered only at release), conversations.history (what was posted there,
 * with metadata, for a retry's lookup), anything else ok.
 */
async function fakeSlack(latencyMs: number) {
  const posts: Post[] = [];
  const history = new Map<string, Array<{ ts: string; metadata?: unknown }>>();
  let held: Array<() => void> = [];
  let seq = 0;
  const state = { hold: false };
  const server = createServer((req, res) => {
    void readBody(req).then(async (text) => {
      const args = Object.fromEntries(new URLSearchParams(text));
      if (req.headers.authorization !== `Bearer ${BOT_TOKEN}`) return json(res, { ok: false, error: "invalid_auth" });
      const match = /^\/(r\d+)\/api\/([\w.]+)/.exec(req.url ?? "");
      const [replica, method] = [match?.[1] ?? "?", match?.[2] ?? ""];
      if (method === "auth.test") return json(res, { ok: true, url: "https://bench.slack.com/", team: "Bench", user: "ideas-bot", team_id: "T1", user_id: "UBOT", bot_id: "B1" });
      if (method === "conversations.history") return json(res, { ok: true, messages: [...(history.get(args.channel ?? "") ?? [])].reverse(), has_more: false });
      if (method !== "chat.postMessage") return json(res, { ok: true });
      const channel = args.channel ?? "";
      const metadata = args.metadata ? (JSON.parse(args.metadata) as { event_payload?: { outbox_id?: string } }) : undefined;
      posts.push({ replica, channel, key: metadata?.event_payload?.outbox_id ?? "", at: performance.now() });
      const ts = `${Math.floor(Date.now() / 1000)}.${String(seq++).padStart(6, "0")}`;
      history.set(channel, [...(history.get(channel) ?? []), { ts, ...(metadata ? { metadata } : {}) }]);
      if (state.hold) await new Promise<void>((resolve) => held.push(resolve));
      await sleep(latencyMs);
      json(res, { ok: true, channel, ts });
    });
  });
  const url = await listen(server);
  return {
    url,
    posts,
    state,
    release() {
      state.hold = false;
      for (const go of held) go();
      held = [];
    },
    reset() {
      posts.length = 0;
      history.clear();
    },
    close: () => close(server),
  };
}

// ── commands ───────────────────────────────────────────────────────────────────────────────

interface CommandFigures {
  sent: number;
  answered: number;
  /** Not acknowledged with 200, no answer in time, or an apology. */
  failed: number;
  /** From the first request to the last answer. */
  seconds: number;
  /** Request to answer, ms, sorted. */
  latencies: number[];
  byReplica: number[];
  /** The machine's CPU busy share while the commands ran (every core). */
  cpu: number;
  /** CPU the replica processes spent, per answered command. */
  replicaCpuMs: number;
}

let commandSeq = 0;

/** `/ideas search <query>` commands, round-robin over the replicas, `concurrency` in flight, up to `count` or `seconds`. */
async function driveCommands(replicas: Replica[], recorder: Awaited<ReturnType<typeof responseRecorder>>, queries: string[], count: number, concurrency: number, seconds: number): Promise<CommandFigures> {
  const latencies: number[] = [];
  const byReplica = replicas.map(() => 0);
  let next = 0;
  let failed = 0;
  let lastAnswer = 0;
  const began = performance.now();
  const cpu = cpuTimes();
  const pids = replicas.map((r) => r.child.pid ?? -1);
  const replicaCpu = processCpuMs(pids);
  const deadline = began + seconds * 1000;
  const one = async (n: number) => {
    const id = String(++commandSeq);
    const replica = n % replicas.length;
    const query = queries[commandSeq % queries.length]!;
    const body = new URLSearchParams({
      token: "unused",
      team_id: "T1",
      team_domain: "bench",
      channel_id: "CBENCH0001",
      channel_name: "bench",
      user_id: `UBENCH${commandSeq % 40}`,
      user_name: "bench",
      command: "/ideas",
      text: `search ${query}`,
      api_app_id: "A1",
      response_url: `${recorder.url}/c/${id}`,
      trigger_id: `${id}.1.bench`,
    }).toString();
    const answer = recorder.expect(id, 15_000);
    const start = performance.now();
    try {
      const res = await fetch(`http://127.0.0.1:${replicas[replica]!.port}/slack/events`, { method: "POST", body, headers: signed(body), signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
    } catch {
      failed++;
      return;
    }
    const got = await answer;
    if (!got || got.body.includes(APOLOGY)) {
      failed++;
      return;
    }
    latencies.push(got.at - start);
    byReplica[replica]!++;
    lastAnswer = Math.max(lastAnswer, got.at);
  };
  const worker = async () => {
    while (next < count && performance.now() < deadline) await one(next++);
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent: next, answered: latencies.length, failed, seconds: (lastAnswer - began) / 1000, latencies: latencies.sort((a, b) => a - b), byReplica, cpu: busySince(cpu), replicaCpuMs: (processCpuMs(pids) - replicaCpu) / latencies.length };
}

// ── deliveries ─────────────────────────────────────────────────────────────────────────────

interface DeliveryFigures {
  entries: number;
  /** Distinct entries posted. */
  posted: number;
  duplicates: number;
  /** From the release of the held posts (or the first post) to the last post's arrival. */
  seconds: number;
  /** Posts per replica, r1 first. */
  byReplica: number[];
  /** The outbox afterwards, by status. */
  statuses: Record<string, number>;
  /** The gate was opened by its time limit, before every replica had posted. */
  gateTimedOut?: boolean;
}

/** A new idea, appended to the file source: the next check finds one new idea. */
function newIdea(n: number): string {
  return `\n##### Bench idea ${n} ${randomBytes(3).toString("hex")}\n\n- Description: An idea added by the replicas bench.\n- Recommended Skills: Go\n- Mentor(s): Ada Lovelace (@ada)\n`;
}

/** How often the replicas of the delivery runs check their source: longer than one replica's drain, so the leader stays the leader through one. */
const DELIVERY_CRON_S = 15;

async function outboxStatuses(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const statuses: Record<string, number> = {};
  try {
    for (const row of (await client.query<{ status: string; n: string }>("SELECT status, count(*) AS n FROM outbox GROUP BY status ORDER BY status")).rows) statuses[row.status] = Number(row.n);
  } finally {
    await client.end();
  }
  return statuses;
}

/**
 * One delivery run on a fresh database: the drain (entries queued before the replicas start, all
 * of them posting from the release), then, with `live`, the product's own path while they run:
 * another idea appended to the source, found by the leader's scheduled check.
 */
async function deliveryRun(
  url: string,
  replicaCount: number,
  channels: number,
  slack: Awaited<ReturnType<typeof fakeSlack>>,
  dir: string,
  live: boolean,
): Promise<{ drained: DeliveryFigures; live?: DeliveryFigures }> {
  // The source: a copy of the seed file, checked once (recorded silently, as a first check is),
  // then with one idea more: the check queues one entry per subscribed channel.
  const file = path.join(dir, `ideas-${replicaCount}.md`);
  writeFileSync(file, readFileSync(SEED, "utf8"));
  const sources = parseSourceList(file);
  const store = await PostgresStore.open(url, { log: quiet });
  let entries = 0;
  try {
    const now = new Date();
    for (let c = 0; c < channels; c++) {
      await store.subscribe({ platform: "slack", workspaceId: "T1", channelId: `CB${String(c).padStart(8, "0")}`, skills: [], project: null, createdBy: "UBENCHADMIN", now });
    }
    const check = () => runCheck({ store, sources, announceExisting: false, parse: readIdeas });
    await check();
    appendFileSync(file, newIdea(1));
    entries = (await check()).reduce((n, o) => n + o.enqueued, 0);
  } finally {
    await store.close();
  }
  if (entries !== channels) throw new Error(`the check queued ${entries} entries, not ${channels}`);

  slack.reset();
  slack.state.hold = true;
  const replicas: Replica[] = [];
  const names = Array.from({ length: replicaCount }, (_, i) => `r${i + 1}`);
  const perReplica = (posts: Post[]) => names.map((name) => posts.filter((p) => p.replica === name).length);
  const distinct = (posts: Post[]) => new Set(posts.map((p) => p.key)).size;
  try {
    for (const name of names) {
      replicas.push(await startReplica(name, { DATABASE_URL: url, IDEAS_SOURCES: file, SLACK_API_URL: `${slack.url}/${name}/api/`, ANNOUNCE_CRON: `*/${DELIVERY_CRON_S} * * * * *` }));
    }
    await Promise.all(replicas.map((r) => waitReady(r)));
    // Each replica claims a batch and sends its first post at start; held, so every one of them is
    // draining before the clock starts. Under WebClient's 15 s timeout for a post.
    const gateEnd = Date.now() + 10_000;
    const posting = () => new Set(slack.posts.map((p) => p.replica)).size;
    while (posting() < replicaCount && Date.now() < gateEnd) await sleep(20);
    const gateTimedOut = posting() < replicaCount;
    const t0 = performance.now();
    slack.release();
    let end = Date.now() + 60_000;
    while (distinct(slack.posts) < entries && Date.now() < end) await sleep(10);
    const last = Math.max(...slack.posts.map((p) => p.at));
    // A late second post of an entry would show here.
    await sleep(500);
    const posted = distinct(slack.posts);
    const drained: DeliveryFigures = { entries, posted, duplicates: slack.posts.length - posted, seconds: (last - t0) / 1000, byReplica: perReplica(slack.posts), statuses: await outboxStatuses(url), gateTimedOut };
    if (!live) return { drained };

    // The product's path: an idea appears upstream; the leader's next scheduled check queues the
    // entries and posts them at once; the other replicas look on their delivery timer.
    const from = slack.posts.length;
    appendFileSync(file, newIdea(2));
    end = Date.now() + (DELIVERY_CRON_S + 45) * 1000;
    while (distinct(slack.posts.slice(from)) < entries && Date.now() < end) await sleep(10);
    await sleep(500);
    const posts = slack.posts.slice(from);
    const times = posts.map((p) => p.at);
    const statuses = await outboxStatuses(url);
    return {
      drained,
      live: { entries, posted: distinct(posts), duplicates: posts.length - distinct(posts), seconds: (Math.max(...times) - Math.min(...times)) / 1000, byReplica: perReplica(posts), statuses },
    };
  } finally {
    for (const line of problems(replicas)) console.log(`  (log) ${line}`);
    slack.release();
    await stopReplicas(replicas);
  }
}

function deliveryRow(label: string, f: DeliveryFigures): string[] {
  return [
    label + (f.gateTimedOut ? " (not all posting at release)" : ""),
    String(f.entries),
    String(f.posted),
    String(f.duplicates),
    fmt(f.seconds, 2),
    fmt(f.posted / f.seconds, 1),
    f.byReplica.join(" / "),
    Object.entries(f.statuses)
      .map(([s, n]) => `${n} ${s}`)
      .join(", "),
  ];
}

// ── the section ────────────────────────────────────────────────────────────────────────────


function commandRow(label: string, f: CommandFigures): string[] {
  return [
    label,
    `${f.answered}/${f.sent}`,
    String(f.failed),
    fmt(f.seconds, 1),
    fmt(f.answered / f.seconds, 0),
    fmt(percentile(f.latencies, 50), 0),
    fmt(percentile(f.latencies, 95), 0),
    f.byReplica.join(" / "),
    `${fmt(f.cpu * 100, 0)}%`,
    fmt(f.replicaCpuMs, 1),
  ];
}

export async function benchReplicas(options: ReplicaBenchOptions = {}): Promise<void> {
  const o = { ...DEFAULTS, ...options };
  const cores = cpus().length;
  console.log(`## Replicas on one PostgreSQL database (npm start processes, Slack over HTTP on loopback)`);
  let server: PostgresServer;
  try {
    server = await o.startPostgres();
  } catch (error) {
    console.log(`skipped: no PostgreSQL could be started (${(error as Error).message.split("\n")[0]})\n`);
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "ideas-bench-replicas-"));
  // Interrupted (Ctrl-C, a CI timeout): no finally runs, so the replicas and the server (pg_ctl's,
  // in its own session) are stopped here. server.stop() runs pg_ctl synchronously before it awaits.
  const interrupted = (signal: NodeJS.Signals) => {
    for (const child of live) child.kill("SIGKILL");
    void server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);
  const replicas: Replica[] = [];
  let recorder: Awaited<ReturnType<typeof responseRecorder>> | undefined;
  let slack: Awaited<ReturnType<typeof fakeSlack>> | undefined;
  try {
    recorder = await responseRecorder();
    slack = await fakeSlack(o.postLatencyMs);
    console.log(
      `This machine has ${cores} core(s): the replicas, PostgreSQL and this driver share them, so 3 replicas compete for ${cores} core(s) ` +
        `and measure contention more than scale-out.\n`,
    );

    // Commands: one database, the bundled catalogue; 1 replica, then 2 more beside it.
    const queries = ["judgments.json", "judgments-holdout.json", "judgments-catalogue.json", "judgments-catalogue-holdout.json"].flatMap((f) => judgments(f).search.map((q) => q.query));
    const url = await freshDatabase(server, "bench_cmd");
    const env = { DATABASE_URL: url, IDEAS_SOURCES: "bundled", SLACK_API_URL: `${slack.url}/r0/api/` };
    const rows = [["/ideas search", "answered", "failed", "s", "answered/s", "p50 ms", "p95 ms", "per replica", "CPU busy", "replica CPU ms/cmd"]];
    const started = performance.now();
    replicas.push(await startReplica("c1", env));
    await waitReady(replicas[0]!);
    const firstStart = (performance.now() - started) / 1000;
    await driveCommands(replicas, recorder, queries, 100, o.concurrency, 10);
    rows.push(commandRow("1 replica", await driveCommands(replicas, recorder, queries, o.commands, o.concurrency, o.commandSeconds)));
    replicas.push(await startReplica("c2", env), await startReplica("c3", env));
    await Promise.all(replicas.map((r) => waitReady(r)));
    await driveCommands(replicas, recorder, queries, 150, o.concurrency, 10);
    rows.push(commandRow("3 replicas (round-robin)", await driveCommands(replicas, recorder, queries, o.commands, o.concurrency, o.commandSeconds)));
    console.log(
      `Commands: ${o.commands} signed \`/ideas search <words>\` (${queries.length} judged queries in turn) per row, ${o.concurrency} in flight, ` +
        `at most ${o.commandSeconds} s; answered = the answer reached its response_url; latency = request sent → answer received. ` +
        `IDEAS_SOURCES=bundled (default term: current); a warm-up of 100/150 commands first; CPU busy: the whole machine's, anything else running included; replica CPU ms/cmd: the replica processes' user + system time per answer (/proc). First replica ready in ${fmt(firstStart, 1)} s on a fresh database.`,
    );
    table(rows);
    for (const line of problems(replicas)) console.log(`  (log) ${line}`);
    await stopReplicas(replicas.splice(0));

    // Deliveries: a fresh database per run.
    const drows = [["outbox → chat.postMessage", "entries", "posted", "duplicates", "s", "deliveries/s", "posts per replica", "outbox after"]];
    let liveFigures: DeliveryFigures | undefined;
    for (const count of [1, 3]) {
      const run = await deliveryRun(await freshDatabase(server, `bench_out${count}`), count, o.channels, slack, dir, count === 3);
      drows.push(deliveryRow(`${count} replica${count > 1 ? "s" : ""}, drain`, run.drained));
      liveFigures = run.live ?? liveFigures;
    }
    if (liveFigures) drows.push(deliveryRow("3 replicas, queued by the leader's check", liveFigures));
    console.log(
      `Deliveries: ${o.channels} Slack channels subscribed; the fake chat.postMessage answers after ${o.postLatencyMs} ms. ` +
        `Drain: one new idea found by a check (runCheck, in this process) before the replicas start: ${o.channels} outbox entries; posts are held until every replica ` +
        `has sent its first one, then released; s = release → last post received. Queued by the leader's check: with the 3 replicas running ` +
        `(ANNOUNCE_CRON every ${DELIVERY_CRON_S} s), one more idea appended to their file source; s = first → last post. ` +
        `Duplicates = posts − distinct outbox keys (must be 0).`,
    );
    table(drows);
    const ideal = (1000 / o.postLatencyMs) * DELIVERY_CONCURRENCY;
    console.log(
      `What bounds it: Delivery (src/announce/deliver.ts) posts to ${DELIVERY_CONCURRENCY} channels at once per process (a channel's own entries one by one), ` +
        `so one replica's ceiling is about ${DELIVERY_CONCURRENCY} / (post latency + its markSent and claim round trips): under ${fmt(ideal, 0)}/s at ${o.postLatencyMs} ms, and N replicas ≈ N× that; ` +
        `it has no pacing of its own (a 429 is retried with backoff). A check's entries reach every replica at once: the PostgreSQL store NOTIFYs at commit and each replica LISTENs (last row).\n`,
    );
  } catch (error) {
    // The rest of the bench still runs; the run is marked failed.
    console.log(`FAILED: ${(error as Error).message}\n`);
    process.exitCode = 1;
  } finally {
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
    await stopReplicas(replicas);
    await Promise.allSettled([recorder?.close(), slack?.close()]);
    await server.stop().catch((error: unknown) => console.log(`(could not stop PostgreSQL: ${(error as Error).message})`));
    rmSync(dir, { recursive: true, force: true });
  }
}
