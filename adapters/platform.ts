import type { AnnouncementSink } from "../src/announce/sink.ts";
import type { CatalogHolder } from "../src/catalog/holder.ts";
import type { Store } from "../src/store/store.ts";
import type { Adapter } from "./adapter.ts";
import type { Routes } from "./health.ts";
import type { Log } from "../src/log.ts";
import type { StatusProvider } from "../src/status.ts";

/** What every platform's adapter is given by the process that starts it. */
export interface PlatformDeps {
  holder: CatalogHolder;
  store: Store;
  /** The HTTP port (PORT), for a platform that receives webhooks. */
  port: number;
  /** The interface that port listens on (HOST); undefined: every interface. */
  host?: string;
  /** The health routes (/healthz, /readyz), for a platform that listens on PORT to serve as well. */
  routes?: Routes;
  /** What the bot is doing, for the `status` command. */
  status: StatusProvider;
  /**
   * With replicas on one database (DATABASE_URL): true for the one process that claims `key` first.
   * Each replica's Discord gateway session receives every interaction; the claim picks the one
   * that answers. Absent: this process is alone, and answers everything.
   */
  claim?: (key: string) => Promise<boolean>;
  log: Log;
}

/** A platform the environment configures: how to start it and how to post its announcements. */
export interface ConfiguredPlatform {
  name: string;
  /** For the start-up log line: no secrets. */
  summary: string;
  /**
   * Whether its adapter listens on PORT (Slack in HTTP mode): it then serves the health routes
   * (PlatformDeps.routes) on that server, and the process starts no health server of its own.
   */
  listensOnPort?: boolean;
  /**
   * Posts announcements through the platform's REST client alone (no gateway or receiver needed);
   * the store is where an app installed per workspace keeps each one's token.
   */
  sink(deps: { store: Store }): Promise<AnnouncementSink>;
  adapter(deps: PlatformDeps): Promise<Adapter>;
}

/**
 * One chat platform, from its folder of adapters/ (Hubot's adapters, one level up): it reads its
 * own environment variables and builds its adapter and its announcement sink. The platform's
 * library is imported only when the environment configures it, so the shell alone starts without
 * discord.js or Bolt. Adding Matrix or Teams is a folder with a platform.ts, listed in
 * adapters/platforms.ts.
 */
export interface PlatformModule {
  name: string;
  /** Null when the environment does not configure the platform; issues name each variable at fault. */
  configure(env: NodeJS.ProcessEnv): { platform: ConfiguredPlatform | null; issues: string[] };
}
