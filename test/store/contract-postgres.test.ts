/**
 * The store contract against a real PostgreSQL server (started once for the file, see
 * postgres-server.ts), each test on a database of its own; then what only the PostgreSQL store
 * has: its migrations under an advisory lock, the refusals at open, rows damaged behind its back,
 * and a URL whose password never shows.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POSTGRES_MIGRATIONS, PostgresStore } from "../../src/store/postgres-store.ts";
import type { Store } from "../../src/store/store.ts";
import { announceFixture, check, SHELL, subscription } from "../announce/helpers.ts";
import { readIdeas } from "../../src/sources/read.ts";
import { fixture } from "../helpers.ts";
import { startPostgres, type PostgresServer } from "./postgres-server.ts";
import { storeContract } from "./contract.ts";

let server: PostgresServer;
let admin: pg.Pool;

beforeAll(async () => {
  server = await startPostgres();
  admin = new pg.Pool({ connectionString: server.url, max: 2 });
}, 60_000);

afterAll(async () => {
  await admin?.end();
  await server?.stop();
}, 60_000);

/** The server's URL with another database in its path. */
function urlOf(database: string, password?: string): string {
  const url = new URL(server.url);
  url.pathname = `/${database}`;
  if (password !== undefined && !url.password) url.password = password;
  return url.href;
}

/** A new empty database: its URL, and how to drop it (whoever is still connected). */
async function freshDatabase(): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  return { url: urlOf(name), name, drop: async () => void (await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/** Runs SQL on one database, outside any store (a change behind the store's back). */
async function sql(url: string, text: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text, values);
  } finally {
    await client.end();
  }
}

storeContract("PostgreSQL", async () => {
  const db = await freshDatabase();
  const opened: Store[] = [await PostgresStore.open(db.url, { poolSize: 4 })];
  return {
    store: opened[0]!,
    reopen: async () => {
      const another = await PostgresStore.open(db.url, { poolSize: 4 });
      opened.push(another);
      return another;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await db.drop();
    },
  };
});

describe("PostgresStore: opening a database", () => {
  it("migrates a new database to the latest schema, once, however many processes open it at the same time; keeps its id", async () => {
    const db = await freshDatabase();
    try {
      const stores = await Promise.all(Array.from({ length: 4 }, () => PostgresStore.open(db.url, { poolSize: 2 })));
      expect(new Set(stores.map((s) => s.storeId)).size).toBe(1);
      expect(stores[0]!.storeId).toMatch(/^[0-9a-f]{8}$/);
      expect(await stores[0]!.schemaVersion()).toBe(POSTGRES_MIGRATIONS.length);
      expect((await sql(db.url, "SELECT count(*)::int AS n FROM schema_version")).rows).toEqual([{ n: 1 }]);
      expect((await sql(db.url, "SELECT count(*)::int AS n FROM meta")).rows).toEqual([{ n: 1 }]);
      for (const s of stores) await s.close();
      // Closing again does nothing.
      await stores[0]!.close();
      const again = await PostgresStore.open(db.url);
      expect(again.storeId).toBe(stores[0]!.storeId);
      await again.close();
    } finally {
      await db.drop();
    }
  });

  it("reads BIGINT as numbers on its own connections only: pg's global parsers are left alone", async () => {
    const db = await freshDatabase();
    try {
      const store = await PostgresStore.open(db.url);
      await store.subscribe(subscription(SHELL));
      const [sub] = await store.subscriptions();
      expect(typeof sub!.id).toBe("number");
      expect(pg.types.getTypeParser(20, "text")("12")).toBe("12");
      expect((await sql(db.url, "SELECT id FROM subscriptions")).rows[0]!.id).toBe(String(sub!.id));
      await store.close();
    } finally {
      await db.drop();
    }
  });

  it("refuses a database from a newer ideas-bot, and another program's database, saying so, without the URL's password", async () => {
    const password = "s3cret-Pa55word";
    const newer = await freshDatabase();
    const foreign = await freshDatabase();
    try {
      await (await PostgresStore.open(newer.url)).close();
      await sql(newer.url, "UPDATE schema_version SET version = 99");
      const logs: string[] = [];
      const log = (message: string) => void logs.push(message);
      const withPassword = urlOf(newer.name, password);
      const refusal = await PostgresStore.open(withPassword, { log }).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(refusal?.message).toContain(`schema version 99, newer than this ideas-bot knows (${POSTGRES_MIGRATIONS.length})`);
      expect(refusal?.message).toContain(new URL(withPassword).host);
      await sql(foreign.url, "CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
      const other = await PostgresStore.open(urlOf(foreign.name, password), { log }).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(other?.message).toMatch(/is a database of another program \(tables: invoices\)/);
      // Nothing of ours was written there.
      expect((await sql(foreign.url, "SELECT to_regclass('schema_version')::text AS found")).rows).toEqual([{ found: null }]);
      // No server there, and no such database: errors that name the place, never the password.
      const closed = new URL(urlOf("postgres", password));
      closed.port = "1";
      const unreachable = await PostgresStore.open(closed.href, { log }).then(
        () => undefined,
        (error: Error) => error,
      );
      const missing = await PostgresStore.open(urlOf("no_such_database", password), { log }).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(unreachable?.message).toMatch(/cannot open PostgreSQL/);
      expect(missing?.message).toMatch(/no_such_database/);
      const secret = new URL(withPassword).password;
      for (const error of [refusal, other, unreachable, missing]) {
        expect(error).toBeInstanceOf(Error);
        expect(error!.message).not.toContain(secret);
        expect(String(error!.stack)).not.toContain(secret);
      }
      for (const line of logs) expect(line).not.toContain(secret);
    } finally {
      await newer.drop();
      await foreign.drop();
    }
  });
});

describe("PostgresStore: replicas hear the outbox (LISTEN/NOTIFY)", () => {
  it("a process hears announcements another queues once they commit, not a rolled-back queue; a lost listener listens again", { timeout: 30_000 }, async () => {
    const db = await freshDatabase();
    const queuer = await PostgresStore.open(db.url, { poolSize: 2 });
    const logged: string[] = [];
    const other = await PostgresStore.open(db.url, { poolSize: 2, log: (m) => logged.push(m) });
    let heard = 0;
    const stop = await other.watchOutbox(() => heard++);
    try {
      await queuer.subscribe(subscription(SHELL));
      const [sub] = await queuer.subscriptions();
      const enqueue = () => queuer.transaction((tx) => tx.enqueue([{ subscriptionId: sub!.id, ideaIds: ["a"], payload: { kind: "idea", ideas: [] } }], new Date()));
      // Rolled back: nothing was queued, nothing is heard.
      await expect(queuer.transaction(async (tx) => {
        await tx.enqueue([{ subscriptionId: sub!.id, ideaIds: ["a"], payload: { kind: "idea", ideas: [] } }], new Date());
        throw new Error("rolled back");
      })).rejects.toThrow("rolled back");
      await enqueue();
      await until(() => heard >= 1);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(heard).toBe(1);
      // The server drops the listener's connection: it is logged, and the listener comes back.
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'", [db.name]);
      await until(() => logged.some((l) => l.includes("the outbox listener's connection failed")));
      await until(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'", [db.name])).rowCount === 1, 15_000);
      await enqueue();
      await until(() => heard >= 2);
      expect(logged.join("\n")).not.toContain(new URL(server.url).password || "no password");
    } finally {
      await stop();
      await queuer.close();
      await other.close();
      await db.drop();
    }
  });
});

describe("PostgresStore: an outbox listener that cannot listen again at once", () => {
  it("keeps trying while the database refuses connections, and listens once it takes them again", { timeout: 40_000 }, async () => {
    const db = await freshDatabase();
    const logged: string[] = [];
    const other = await PostgresStore.open(db.url, { poolSize: 2, log: (m) => logged.push(m) });
    let heard = 0;
    const stop = await other.watchOutbox(() => heard++);
    const failures = () => logged.filter((l) => l.includes("the outbox listener's connection failed")).length;
    try {
      await admin.query(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS false`);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'", [db.name]);
      // The loss, then a try to listen again that the database refused: still trying.
      await until(() => failures() >= 2, 15_000);
      await admin.query(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS true`);
      await until(async () => (await admin.query("SELECT 1 FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN%'", [db.name])).rowCount === 1, 15_000);
      await sql(db.url, `NOTIFY ideas_bot_outbox`);
      await until(() => heard >= 1);
    } finally {
      await admin.query(`ALTER DATABASE ${db.name} ALLOW_CONNECTIONS true`);
      await stop();
      await other.close();
      await db.drop();
    }
  });
});

/** Polls `probe` until it holds; fails after `ms`. */
async function until(probe: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("PostgresStore: rows it cannot read", () => {
  it("a malformed outbox row is set aside as failed, with a log line, and the rest is delivered", async () => {
    const db = await freshDatabase();
    const logs: string[] = [];
    const store = await PostgresStore.open(db.url, { log: (m) => logs.push(m) });
    try {
      await store.subscribe(subscription(SHELL));
      await check(store, "ideas", announceFixture("v1.md"), { announceExisting: true });
      const [first, second, third] = await store.outbox();
      expect(third).toBeDefined();
      await sql(db.url, `UPDATE outbox SET payload = '"not an object"' WHERE id = $1`, [first!.id]);
      await sql(db.url, `UPDATE outbox SET idea_ids = '{"not": "a list"}' WHERE id = $1`, [second!.id]);
      // A listing shows them with no ideas and an empty payload.
      expect((await store.outbox()).slice(0, 2).map((r) => [r.ideaIds, r.payload])).toEqual([
        [[], {}],
        [[], {}],
      ]);
      const claimed = await store.claimDue({ owner: "t", platforms: ["shell"], now: Date.now() + 1000, leaseMs: 60_000, limit: 10 });
      expect(claimed.map((e) => e.id)).toEqual([third!.id]);
      expect((await store.outbox({ status: "failed" })).map((r) => [r.id, r.lastError, r.leaseOwner])).toEqual([
        [first!.id, "malformed row: its ideas or payload are not readable", null],
        [second!.id, "malformed row: its ideas or payload are not readable", null],
      ]);
      expect(logs.join("\n")).toMatch(/outbox entry \d+ \(shell channel shell\) is malformed and was set aside as failed/);
    } finally {
      await store.close();
      await db.drop();
    }
  });

  it("a subscription with a malformed filter is left out, with a log line; a damaged cache entry or answer is a miss", async () => {
    const db = await freshDatabase();
    const logs: string[] = [];
    const store = await PostgresStore.open(db.url, { log: (m) => logs.push(m) });
    try {
      await store.subscribe(subscription(SHELL));
      await store.subscribe(subscription({ platform: "discord", workspaceId: "G1", channelId: "C1" }));
      await sql(db.url, `UPDATE subscriptions SET skills = '{"oops": 1}' WHERE platform = 'shell'`);
      expect((await store.subscriptions()).map((s) => s.platform)).toEqual(["discord"]);
      expect(logs.join("\n")).toMatch(/subscription \d+ \(shell channel shell\) has a malformed filter/);
      await sql(db.url, `UPDATE subscriptions SET skills = '[]', terms = '[1, 2]' WHERE platform = 'shell'`);
      expect((await store.subscriptions()).map((s) => s.platform)).toEqual(["discord"]);
      // Subscribing there again repairs it.
      await store.subscribe(subscription(SHELL));
      expect((await store.subscriptions()).map((s) => s.platform)).toEqual(["shell", "discord"]);

      const ideas = readIdeas(fixture("terms/lfx-2026-3-accepted.md"), { label: "t", term: "lfx-2026-3", role: "accepted" }).ideas;
      await store.cacheIdeas("k", ideas);
      await sql(db.url, `UPDATE parsed_files SET ideas = '[{"id": 1}]' WHERE cache_key = 'k'`);
      expect(await store.cachedIdeas("k")).toBeUndefined();
      await store.cacheIdeas("k", ideas);
      expect(await store.cachedIdeas("k")).toEqual(ideas);

      await store.saveAnswer("tok", { continuation: { command: "search", input: {} }, ownerId: "ada", createdAt: Date.now() });
      await sql(db.url, `UPDATE answers SET continuation = '[1, 2]' WHERE token = 'tok'`);
      expect(await store.loadAnswer("tok")).toBeUndefined();
      await sql(db.url, `UPDATE answers SET continuation = '{"command": "search", "input": null}' WHERE token = 'tok'`);
      expect(await store.loadAnswer("tok")).toBeUndefined();
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
