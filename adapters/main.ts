import { Delivery } from "../src/announce/deliver.ts";
import { platformSinks } from "../src/announce/sinks/platforms.ts";
import { createShellSink } from "../src/announce/sinks/shell.ts";
import { SourceWatcher } from "../src/announce/watcher.ts";
import { CatalogHolder } from "../src/catalog/holder.ts";
import { closeParsePool } from "../src/sources/parse-pool.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { ConfigError, describeConfig, loadConfig } from "../src/config.ts";
import type { Adapter } from "./adapter.ts";
import { ShellAdapter } from "./shell/shell.ts";

/**
 * `npm start`: loads the configuration and the ideas, then starts every configured adapter in one
 * process. With no platform tokens that is the shell, on the bundled data. The sources are checked
 * at start and on ANNOUNCE_CRON; new ideas go to the outbox in DATA_DIR, and delivery posts them to
 * the subscribed channels of every platform that has a sink.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = (message: string, error?: unknown) => (error === undefined ? console.error(`[ideas-bot] ${message}`) : console.error(`[ideas-bot] ${message}`, error));
  const store = new SqliteStore(config.DATA_DIR);
  const holder = new CatalogHolder();
  const delivery = new Delivery({ store, log: (message) => log(message) });
  const platforms = Boolean(config.DISCORD_TOKEN || config.SLACK_BOT_TOKEN);
  const shell = config.SHELL_ADAPTER === "on" || (config.SHELL_ADAPTER === "auto" && !platforms);
  const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  // The shell is its own channel: after `subscribe` there, new ideas are printed (on stderr when piped).
  if (shell) delivery.addSink(createShellSink(interactive ? process.stdout : process.stderr));
  // Discord and Slack subscriptions are posted through each platform's REST API.
  for (const sink of platformSinks(config)) delivery.addSink(sink);
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
  const current = () => holder.current;
  const adapters: Adapter[] = [];
  if (shell) {
    adapters.push(
      new ShellAdapter({
        catalog: current,
        input: process.stdin,
        output: process.stdout,
        interactive,
        log,
        store,
        // The end of input ends the process when nothing else is listening.
        onClose: () => {
          if (!platforms) process.exit(0);
        },
      }),
    );
  }
  if (config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID) {
    // Loaded only when configured, so the shell alone starts without discord.js.
    const { DiscordAdapter } = await import("./discord/discord.ts");
    adapters.push(
      new DiscordAdapter({
        token: config.DISCORD_TOKEN,
        applicationId: config.DISCORD_APPLICATION_ID,
        guildId: config.DISCORD_GUILD_ID,
        apiUrl: config.DISCORD_API_URL,
        catalog: current,
        store,
        logger: (message, error) => log(`discord: ${message}`, error),
      }),
    );
  }
  if (config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET) {
    const { SlackAdapter } = await import("./slack/slack.ts");
    adapters.push(
      new SlackAdapter({
        botToken: config.SLACK_BOT_TOKEN,
        signingSecret: config.SLACK_SIGNING_SECRET,
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        port: config.PORT,
        catalog: current,
        store,
        admins: config.ANNOUNCE_ADMINS,
        logger: (message, error) => log(`slack: ${message}`, error),
      }),
    );
  }
  if (process.stdin.isTTY) log(describeConfig(config) + `; ${current().size} ideas`);
  for (const adapter of adapters) await adapter.start();
  const shutdown = async () => {
    await Promise.allSettled([...adapters.map((a) => a.stop()), watcher.stop(), delivery.stop()]);
    await closeParsePool();
    await store.close();
    process.exit(0);
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error("[ideas-bot] failed to start", error);
  process.exit(1);
});
