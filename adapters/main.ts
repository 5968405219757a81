import { Delivery } from "../src/announce/deliver.ts";
import { SourceWatcher } from "../src/announce/watcher.ts";
import { CatalogHolder } from "../src/catalog/holder.ts";
import { closeParsePool } from "../src/sources/parse-pool.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { ConfigError } from "../src/config.ts";
import { describeAppConfig, loadAppConfig } from "./config.ts";
import type { Adapter } from "./adapter.ts";
import { createShellSink } from "./shell/announce.ts";
import { ShellAdapter } from "./shell/shell.ts";

/**
 * `npm start`: loads the configuration and the ideas, then starts every configured adapter in one
 * process. With no platform tokens that is the shell, on the bundled data. The sources are checked
 * at start and on ANNOUNCE_CRON; new ideas go to the outbox in DATA_DIR, and delivery posts them to
 * the subscribed channels of every platform that has a sink.
 */
async function main(): Promise<void> {
  const { config, platforms } = loadAppConfig();
  const log = (message: string, error?: unknown) => (error === undefined ? console.error(`[ideas-bot] ${message}`) : console.error(`[ideas-bot] ${message}`, error));
  const store = new SqliteStore(config.DATA_DIR);
  const holder = new CatalogHolder();
  const delivery = new Delivery({ store, log: (message) => log(message) });
  const shell = config.SHELL_ADAPTER === "on" || (config.SHELL_ADAPTER === "auto" && platforms.length === 0);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  // The shell is its own channel: after `subscribe` there, new ideas are printed (on stderr when piped).
  if (shell) delivery.addSink(createShellSink(interactive ? process.stdout : process.stderr));
  // Each chat platform's subscriptions are posted through its REST API (adapters/<platform>/announce.ts).
  for (const platform of platforms) delivery.addSink(await platform.sink());
  // The watcher loads the sources now and on ANNOUNCE_CRON, swapping a new catalogue into the holder.
  const watcher = new SourceWatcher({
    store,
    holder,
    sources: config.IDEAS_SOURCES,
    announceExisting: config.ANNOUNCE_EXISTING,
    catalog: { defaultTerm: config.DEFAULT_TERM },
    log: (message) => log(message),
    onChecked: () => void delivery.deliverNow().catch((error: unknown) => log("delivery failed", error)),
  });
  await watcher.checkNow();
  watcher.start(config.ANNOUNCE_CRON);
  delivery.start();
  const adapters: Adapter[] = [];
  if (shell) {
    adapters.push(
      new ShellAdapter({
        catalog: holder,
        input: process.stdin,
        output: process.stdout,
        interactive,
        log,
        store,
        // The end of input ends the process when nothing else is listening.
        onClose: () => {
          if (platforms.length === 0) process.exit(0);
        },
      }),
    );
  }
  for (const platform of platforms) adapters.push(await platform.adapter({ holder, store, port: config.PORT, log }));
  if (process.stdin.isTTY) log(describeAppConfig({ config, platforms }) + `; ${holder.current.size} ideas`);
  for (const adapter of adapters) await adapter.start();
  const shutdown = async () => {
    await Promise.allSettled([...adapters.map((a) => a.stop()), watcher.stop(), delivery.stop()]);
    await closeParsePool();
    await store.close();
  };
  // A failure while shutting down is logged, and the process still ends (non-zero).
  const stop = () =>
    void shutdown().then(
      () => process.exit(0),
      (error: unknown) => {
        log("shutdown failed", error);
        process.exit(1);
      },
    );
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error("[ideas-bot] failed to start", error);
  process.exit(1);
});
