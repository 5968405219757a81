import { Delivery } from "../src/announce/deliver.ts";
import { SourceWatcher } from "../src/announce/watcher.ts";
import { CatalogHolder } from "../src/catalog/holder.ts";
import { closeParsePool } from "../src/sources/parse-pool.ts";
import { githubOptions } from "../src/sources/github.ts";
import { openStore } from "../src/store/open.ts";
import { StoreOpenError } from "../src/store/store.ts";
import { ConfigError } from "../src/config.ts";
import { describeAppConfig, loadAppConfig, loadDotEnv } from "./config.ts";
import type { Log } from "../src/log.ts";
import { AdapterStartError, type Adapter } from "./adapter.ts";
import { createLog, logFormat, secretValues } from "./log.ts";
import { botStatus, healthRoutes, listenFailure, startHealthServer, type HealthServer, type HealthState } from "./health.ts";
import { createShellSink } from "./shell/announce.ts";
import { ShellAdapter } from "./shell/shell.ts";
import { VERSION } from "./version.ts";

/**
 * `npm start`: loads the configuration, then starts every configured adapter in one process. With
 * no platform tokens that is the shell, on the bundled data. The platforms start at once and answer
 * from the catalogue stored by the last run while the sources are checked (a source that is slow or
 * down never delays an answer); on a first start, with nothing stored, they say "still loading"
 * until the first check ends, and the shell waits for it. The sources are checked at start and on ANNOUNCE_CRON; new ideas go to the outbox in DATA_DIR, and delivery posts them to
 * the subscribed channels of every platform that has a sink. `/healthz` and `/readyz` are served on
 * HOST:PORT in every mode (adapters/health.ts): by Slack's server in its HTTP mode, else by our own.
 *
 * SIGTERM and SIGINT (once or repeated: a terminal's Ctrl-C and npm both forward it) stop the
 * adapters, the schedule and delivery (an announcement being posted is finished first), close the
 * parse pool and the store, and exit 0 ("stopping (SIGTERM)", then "stopped", on stderr). A
 * shutdown that takes longer than STOP_DEADLINE_MS exits 1 instead: an entry still leased is
 * retried when its lease expires.
 */
const STOP_DEADLINE_MS = 8_000;
/** An interaction's claim outlives its 15 minutes of validity on Discord; expired claims are pruned by the store. */
const CLAIM_TTL_MS = 20 * 60_000;

async function main(): Promise<void> {
  // .env in the working directory, when there is one; the real environment wins over it.
  loadDotEnv();
  const { config, platforms } = loadAppConfig();
  log = createLog({ level: config.LOG_LEVEL, format: logFormat(config.LOG_FORMAT), secrets: secretValues() });
  const store = await openStore(config, { log });
  const holder = new CatalogHolder();
  const delivery = new Delivery({ store, log });
  const shell = config.SHELL_ADAPTER === "on" || (config.SHELL_ADAPTER === "auto" && platforms.length === 0);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  // The shell is its own channel: after `subscribe` there, new ideas are printed (on stderr when piped).
  if (shell) delivery.addSink(createShellSink(interactive ? process.stdout : process.stderr));
  // Each chat platform's subscriptions are posted through its REST API (adapters/<platform>/announce.ts).
  for (const platform of platforms) delivery.addSink(await platform.sink({ store }));
  // The watcher loads the sources now and on ANNOUNCE_CRON, swapping a new catalogue into the holder.
  const watcher = new SourceWatcher({
    store,
    holder,
    sources: config.IDEAS_SOURCES,
    announceExisting: config.ANNOUNCE_EXISTING,
    catalog: { defaultTerm: config.DEFAULT_TERM },
    github: githubOptions(config, { userAgent: `ideas-bot/${VERSION}` }),
    log,
    onChecked: () => void delivery.deliverNow().catch((error: unknown) => log("delivery failed", "error", error)),
    // Replicas on one PostgreSQL database take turns: one reads the sources per tick.
    ...(config.DATABASE_URL ? { leader: { owner: delivery.owner } } : {}),
  });
  const adapters: Adapter[] = [];
  // Health and readiness on HOST:PORT (adapters/health.ts): Slack in HTTP mode serves them on its
  // own server; otherwise a small server of ours does, from now on, so /healthz answers during the first check.
  const expected = [...(shell ? ["shell"] : []), ...platforms.map((p) => p.name)];
  const state: HealthState = {
    version: VERSION,
    startedAt: new Date(),
    nextCheck: () => watcher.nextCheck(),
    // Loaded: the holder has a catalogue (restored from the last run, or checked), not its stand-in.
    catalogue: () => ({ ideas: holder.current.size, loaded: !holder.current.loading }),
    platforms: () => expected.map((name) => ({ name, connected: adapters.find((a) => a.name === name)?.connected() ?? false })),
    sources: () => watcher.currentSources(),
    upstream: () => watcher.upstream(),
    store,
  };
  const routes = healthRoutes(state, log);
  // The same report, for `/ideas status` on every platform.
  const status = () => botStatus(state);
  /** A port that cannot be listened on (in use, privileged, HOST not here): one line naming PORT, exit code 1. */
  const exitIfListenFailed = (error: unknown) => {
    const line = listenFailure(error, config.PORT, config.HOST);
    if (!line) return;
    log(line, "error");
    process.exit(1);
  };
  let health: HealthServer | undefined;
  if (!platforms.some((p) => p.listensOnPort)) {
    health = await startHealthServer(routes, { port: config.PORT, host: config.HOST }).catch((error: unknown) => {
      exitIfListenFailed(error);
      throw error;
    });
    log(`health on ${health.url}`);
  }
  /** Stops listening for announcements other replicas queue (PostgreSQL), once listening. */
  let stopWatching: (() => Promise<void>) | undefined = undefined;
  const shutdown = async () => {
    await Promise.allSettled([...adapters.map((a) => a.stop()), watcher.stop(), delivery.stop(), health?.close(), stopWatching?.()]);
    await closeParsePool();
    await store.close();
  };
  let stopping = false;
  /** Stops once, whatever asks (a signal, again and again, or the end of the shell's input). */
  const stop = (signal?: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (signal) log(`stopping (${signal})`);
    setTimeout(() => {
      log(`not stopped after ${STOP_DEADLINE_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    // A failure while shutting down is logged, and the process still ends (non-zero).
    shutdown().then(
      () => {
        if (signal) log("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log("shutdown failed", "error", error);
        process.exit(1);
      },
    );
  };
  // From here on, before the first check (seconds on a cold DATA_DIR): a signal during it stops too.
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  // What the last run stored: the platforms answer from it while the sources are checked.
  const restored = await watcher.restore();
  // A failed first check leaves the catalogue as restored (or loading); the schedule tries again.
  const firstCheck = watcher.checkNow().then(
    () => undefined,
    (error: unknown) => log("first check failed", "error", error),
  );
  // Announcements another replica queues (PostgreSQL) are delivered here too, at once.
  stopWatching = await store.watchOutbox?.(() => void delivery.deliverNow().catch((error: unknown) => log("delivery failed", "error", error)));
  // Anything left in the outbox by the last run goes out now, not after the first check.
  delivery.start();
  void delivery.deliverNow().catch((error: unknown) => log("delivery failed", "error", error));
  void firstCheck.then(() => {
    if (!stopping) watcher.start(config.ANNOUNCE_CRON);
  });
  // Replicas share interactions: each is answered by the one that claims it (a lease row per interaction).
  const claim = config.DATABASE_URL ? (key: string) => store.holdLease(`interaction:${key}`, delivery.owner, Date.now(), CLAIM_TTL_MS) : undefined;
  for (const platform of platforms) adapters.push(await platform.adapter({ holder, store, port: config.PORT, ...(config.HOST ? { host: config.HOST } : {}), routes, status, log, ...(claim ? { claim } : {}) }));
  // In every mode, a service's log included: which sources, platforms and data directory this run uses.
  const ideas = restored > 0 ? `${restored} ideas stored by the last run; checking the sources` : "loading the ideas";
  log(`${describeAppConfig({ config, platforms })}; ${ideas}`);
  void firstCheck.then(() => {
    if (!stopping) log(`${holder.current.size} ideas loaded`);
  });
  for (const adapter of adapters) {
    if (stopping) return;
    await adapter.start().catch((error: unknown) => {
      exitIfListenFailed(error);
      throw error;
    });
  }
  if (!shell) return;
  // A terminal on a first start waits for the ideas (a second or two from the bundled files): a
  // piped script's first question must not meet "still loading".
  if (restored === 0) await firstCheck;
  if (stopping) return;
  const terminal = new ShellAdapter({
    status,
    catalog: holder,
    input: process.stdin,
    output: process.stdout,
    interactive,
    log,
    store,
    // The end of input ends the process when nothing else is listening.
    onClose: () => {
      if (platforms.length === 0) stop();
    },
  });
  adapters.push(terminal);
  await terminal.start();
}

/** Until the configuration is read: plain lines on stderr. */
let log: Log = (message, _level, error) => (error === undefined ? console.error(`[ideas-bot] ${message}`) : console.error(`[ideas-bot] ${message}`, error));

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  // The state cannot be kept, a platform refuses the token or cannot be reached: one line naming
  // the path or the variable and what to check, no stack.
  if (error instanceof StoreOpenError || error instanceof AdapterStartError) {
    log(error.message, "error");
    process.exit(1);
  }
  log("failed to start", "error", error);
  process.exit(1);
});
