import type { Log } from "../log.ts";
import type { Store } from "./store.ts";

/**
 * The store the configuration names: PostgreSQL at DATABASE_URL (several replicas on one database),
 * else the SQLite file in DATA_DIR (one machine, no setup). Each is imported only when chosen, so a
 * SQLite deployment never loads pg, nor a Postgres one better-sqlite3.
 */
export async function openStore(config: { DATA_DIR: string; DATABASE_URL?: string | undefined }, options: { log?: Log } = {}): Promise<Store> {
  if (config.DATABASE_URL) {
    const { PostgresStore } = await import("./postgres-store.ts");
    return PostgresStore.open(config.DATABASE_URL, options);
  }
  const { SqliteStore } = await import("./sqlite-store.ts");
  return new SqliteStore(config.DATA_DIR, options);
}
