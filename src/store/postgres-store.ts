import { AsyncLocalStorage } from "node:async_hooks";
import pg from "pg";
import type { Idea } from "../ideas/schema.ts";
import { redactText, redactUrl } from "../sources/redact.ts";
import { StoreOpenError } from "./store.ts";
import { activityOf, answerOf, cachedIdeasOf, claimedOf, EndingTransaction, ideasOf, isEntryReadable, LEASE_KEEP_MS, LEASE_PRUNE_EVERY, logSetAside, OUTBOX_SELECT, outboxRowOf, parsedJson, postsOf, sourceStateOf, subscriptionsOf, UNREADABLE_OUTBOX_ERROR } from "./rows.ts";
import type { ActivityRow, AnswerRow, OutboxDbRow, SharedReads, SourceRow, SubscriptionRow } from "./rows.ts";
import type { Log } from "../log.ts";
import type {
  ChannelRef,
  KnownIdeaKeys,
  NewOutboxEntry,
  NewSubscription,
  OutboxEntry,
  OutboxPayload,
  OutboxRow,
  OutboxStatus,
  Platform,
  PostedEntry,
  RecentEntries,
  SourceState,
  SourceVersion,
  Store,
  StoredAnswer,
  StoreTransaction,
  Subscription,
  SubscriptionActivity,
  SubscriptionQuery,
  Validators,
} from "./store.ts";

/**
 * Schema steps, applied in order; the one row of `schema_version` records how many ran. Append,
 * never edit. Step 1 is the SQLite store's schema with all its migrations applied (MIGRATIONS in
 * src/store/sqlite-store.ts), in PostgreSQL's words: times people read are ISO text, times the
 * scheduler compares are epoch milliseconds (BIGINT), and what the SQLite store keeps as JSON text
 * is `json` (checked on the way in, kept byte for byte as written: key order included).
 */
export const POSTGRES_MIGRATIONS: string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   INSERT INTO meta (key, value) VALUES ('store_id', lpad(to_hex(floor(random() * 4294967296)::bigint), 8, '0'));

   CREATE TABLE sources (
     label TEXT PRIMARY KEY,
     location TEXT,
     content_hash TEXT,
     etag TEXT,
     last_modified TEXT,
     parsed_with TEXT,
     checked_at TEXT,
     recorded_at TEXT,
     last_error TEXT
   );

   CREATE TABLE ideas_seen (
     source TEXT NOT NULL,
     idea_id TEXT NOT NULL,
     project TEXT NOT NULL,
     title TEXT NOT NULL,
     issues JSON NOT NULL DEFAULT '[]',
     first_seen TEXT NOT NULL,
     last_seen TEXT NOT NULL,
     present BOOLEAN NOT NULL DEFAULT true,
     data JSON,
     position INTEGER NOT NULL DEFAULT 0,
     PRIMARY KEY (source, idea_id)
   );
   CREATE INDEX ideas_seen_id ON ideas_seen (idea_id);
   CREATE INDEX ideas_seen_present ON ideas_seen (source, present, position);

   CREATE TABLE idea_issues (
     issue_key TEXT NOT NULL,
     idea_id TEXT NOT NULL,
     PRIMARY KEY (issue_key, idea_id)
   );

   CREATE TABLE subscriptions (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     platform TEXT NOT NULL CHECK (platform ~ '^[a-z0-9-]{1,32}$'),
     workspace_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     skills JSON NOT NULL DEFAULT '[]',
     project TEXT,
     stage TEXT NOT NULL DEFAULT 'proposed' CHECK (stage IN ('proposed', 'accepted')),
     kind TEXT NOT NULL DEFAULT 'channel' CHECK (kind IN ('channel', 'dm')),
     terms JSON NOT NULL DEFAULT '[]',
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     paused_reason TEXT,
     UNIQUE (platform, workspace_id, channel_id)
   );

   CREATE TABLE outbox (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     subscription_id BIGINT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
     idea_ids JSON NOT NULL,
     payload JSON NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at BIGINT NOT NULL,
     lease_owner TEXT,
     lease_until BIGINT,
     message_id TEXT,
     last_error TEXT,
     created_at BIGINT NOT NULL,
     sent_at BIGINT
   );
   CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
   CREATE INDEX outbox_subscription ON outbox (subscription_id);

   CREATE TABLE parsed_files (
     cache_key TEXT PRIMARY KEY,
     ideas JSON NOT NULL,
     used_at TEXT NOT NULL
   );

   CREATE TABLE answers (
     token TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL,
     continuation JSON NOT NULL,
     created_at BIGINT NOT NULL
   );
   CREATE INDEX answers_created ON answers (created_at);`,
  // 2: leases of jobs one replica runs at a time (the source check).
  `CREATE TABLE leases (
     name TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     until BIGINT NOT NULL
   );`,
  // 3: apps installed per workspace (Slack's OAuth flow): the sealed installation record.
  `CREATE TABLE installations (
     platform TEXT NOT NULL,
     key TEXT NOT NULL,
     record TEXT NOT NULL,
     updated_at BIGINT NOT NULL,
     PRIMARY KEY (platform, key)
   );`,
];

/** The NOTIFY channel of "announcements were queued" (watchOutbox). */
const OUTBOX_CHANNEL = "ideas_bot_outbox";
/** How long a lost outbox listener waits before listening again. */
const LISTEN_RETRY_MS = 5_000;

/** Session lock held while migrating: processes opening one database at once migrate it once. */
const MIGRATION_LOCK = 0x1dea_5b01;
/**
 * Transaction lock: `transaction` holds it exclusively from its first statement to its end, so
 * record transactions run one at a time across processes; the writes to subscriptions (which a
 * record transaction reads, then enqueues for) hold it shared, so they wait for such a transaction
 * instead of changing what it read.
 */
const TRANSACTION_LOCK = 0x1dea_5b02;

/** A saved answer is kept this long (as the SQLite store). */
const ANSWER_KEEP_MS = 24 * 60 * 60 * 1000;
/** Old answers are dropped once every this many saves. */
const ANSWER_PRUNE_EVERY = 100;
/** A parse cache entry not used for this long is dropped when another is written. */
const PARSE_CACHE_DAYS = 30;

/** int8 (BIGINT: ids, epoch ms, counts) as a JS number, for this pool only: pg's global parsers stay as they are. */
const INT8_OID = 20;
const poolTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => (oid === INT8_OID && format !== "binary" ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format))) as pg.CustomTypesConfig["getTypeParser"],
};

/** What runs a statement: the pool (any connection) or one transaction's connection. */
interface Queryable {
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

/** pg hands `json` columns over parsed. */
type Json = unknown;

/** Epoch ms for a BIGINT column (a computed delay may carry a fraction). */
const ms = (value: number): number => Math.round(value);

/**
 * The database whose transaction the current async context is running, while it runs: a call to
 * the store from inside its own transaction is refused (it would wait for that transaction's lock,
 * or write outside it), as the SQLite store refuses it.
 */
const openTransaction = new AsyncLocalStorage<{ url: string; open: boolean }>();

/**
 * The PostgreSQL store, for several replicas sharing one database: a pool of connections, one
 * statement or one short transaction per operation. `transaction` takes an advisory lock as its
 * first statement, so record transactions run one at a time across every process; claimDue leases
 * with `FOR UPDATE SKIP LOCKED`.
 */
export class PostgresStore implements Store {
  private readonly log: Log;
  private answersSaved = 0;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly url: string,
    /** Random, per database: makes outbox keys unique across deployments. */
    readonly storeId: string,
    log: Log,
  ) {
    this.log = log;
  }

  /** Connects, migrates the database (once, whoever else opens it at the same time) and reads its id. */
  static async open(url: string, options: { log?: Log; poolSize?: number } = {}): Promise<PostgresStore> {
    const log = options.log ?? ((message) => console.error(`[ideas-bot] ${message}`));
    const where = redactUrl(url);
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10, types: poolTypes });
    let store: PostgresStore | undefined;
    // An idle connection that breaks (server restart) must not crash the process: the next query
    // reconnects. Once closed, connections still closing are no news.
    pool.on("error", (error) => {
      if (!store?.closed) log(`PostgreSQL ${where}: a pooled connection failed: ${redactText(error.message, [url])}`, "warn");
    });
    try {
      await migrate(pool, where);
      const { rows } = await pool.query<{ value: string }>("SELECT value FROM meta WHERE key = 'store_id'");
      store = new PostgresStore(pool, url, rows[0]!.value, log);
      return store;
    } catch (error) {
      await pool.end().catch(() => {});
      if (error instanceof StoreOpenError) throw error;
      throw new StoreOpenError(`cannot open PostgreSQL ${where} (DATABASE_URL): ${redactText((error as Error).message, [url])}; check that the server is up and the URL right`);
    }
  }

  /** How many migration steps the database has run. */
  async schemaVersion(): Promise<number> {
    const { rows } = await this.pool.query<{ version: number }>("SELECT version FROM schema_version");
    return rows[0]!.version;
  }

  /** Runs `operation` unless called from inside this database's own transaction. */
  private async run<T>(operation: () => Promise<T>): Promise<T> {
    const inside = openTransaction.getStore();
    if (inside?.open && inside.url === this.url) {
      throw new Error("the store was called inside its own transaction: use the transaction's methods (tx), not the store's");
    }
    if (this.closed) throw new Error("the store is closed");
    return operation();
  }

  /** `work` in one transaction on one connection (no lock unless `work` takes one). */
  private async withTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      try {
        const result = await work(client);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
        throw error;
      }
    } finally {
      // A connection that could not roll back is dropped rather than handed to the next caller.
      client.release(broken);
    }
  }

  /** A write to what a record transaction reads: waits for the one running, and holds the next one off. */
  private writing<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return this.withTransaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock_shared($1)", [TRANSACTION_LOCK]);
      return work(client);
    });
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.run(() =>
      this.withTransaction(async (client) => {
        // First, before anything is read: another process's transaction waits here, then sees what this one wrote.
        await client.query("SELECT pg_advisory_xact_lock($1)", [TRANSACTION_LOCK]);
        const tx = new PostgresTransaction(client, { sourceState: (label) => this.sourceStateOn(client, label), subscriptions: () => this.subscriptionsOn(client, {}) });
        const marker = { url: this.url, open: true };
        try {
          return await openTransaction.run(marker, () => work(tx));
        } finally {
          // Work it started and did not wait for may call the store later, as any other caller.
          marker.open = false;
          tx.end();
        }
      }),
    );
  }

  // ── sources and ideas ────────────────────────────────────────────────────────────────────

  sourceState(label: string): Promise<SourceState | undefined> {
    return this.run(() => this.sourceStateOn(this.pool, label));
  }

  private async sourceStateOn(db: Queryable, label: string): Promise<SourceState | undefined> {
    const { rows } = await db.query<SourceRow & { present_count: number }>(
      `SELECT s.*, (SELECT count(*) FROM ideas_seen i WHERE i.source = s.label AND i.present) AS present_count
       FROM sources s WHERE s.label = $1`,
      [label],
    );
    const row = rows[0];
    if (!row) return undefined;
    return sourceStateOf(label, row, row.present_count);
  }

  recordUnchanged(label: string, location: string, validators: Validators, now: Date): Promise<void> {
    return this.run(async () => {
      await this.pool.query("UPDATE sources SET location = $1, etag = $2, last_modified = $3, content_hash = $4, checked_at = $5, last_error = NULL WHERE label = $6", [
        location,
        validators.etag,
        validators.lastModified,
        validators.contentHash,
        now.toISOString(),
        label,
      ]);
    });
  }

  recordError(label: string, location: string, message: string, now: Date): Promise<void> {
    return this.run(async () => {
      await this.pool.query(
        `INSERT INTO sources (label, location, checked_at, last_error) VALUES ($1, $2, $3, $4)
         ON CONFLICT (label) DO UPDATE SET checked_at = excluded.checked_at, last_error = excluded.last_error`,
        [label, location, now.toISOString(), message],
      );
    });
  }

  presentIdeas(label: string): Promise<Idea[]> {
    return this.run(async () => {
      const { rows } = await this.pool.query<{ data: Json }>("SELECT data FROM ideas_seen WHERE source = $1 AND present AND data IS NOT NULL ORDER BY position", [label]);
      // Validated on the way out, like any input: a row written by an older version must not break search.
      return ideasOf(rows, parsedJson);
    });
  }

  knownTerms(): Promise<{ recorded: boolean; terms: string[] }> {
    return this.run(async () => {
      const recorded = (await this.pool.query<{ recorded: boolean }>("SELECT EXISTS (SELECT 1 FROM sources WHERE recorded_at IS NOT NULL) AS recorded")).rows[0]!.recorded;
      const { rows } = await this.pool.query<{ term: string }>("SELECT DISTINCT coalesce(data ->> 'term', 'other') AS term FROM ideas_seen");
      return { recorded, terms: rows.map((r) => r.term) };
    });
  }

  // ── parse cache ──────────────────────────────────────────────────────────────────────────

  cachedIdeas(key: string): Promise<Idea[] | undefined> {
    return this.run(async () => {
      const { rows } = await this.pool.query<{ ideas: Json }>("SELECT ideas FROM parsed_files WHERE cache_key = $1", [key]);
      if (!rows[0]) return undefined;
      // Validated like any input: a damaged entry is a miss, and the file is parsed again.
      const ideas = cachedIdeasOf(rows[0].ideas, parsedJson);
      if (!ideas) return undefined;
      await this.pool.query("UPDATE parsed_files SET used_at = $1 WHERE cache_key = $2", [new Date().toISOString(), key]);
      return ideas;
    });
  }

  cacheIdeas(key: string, ideas: Idea[]): Promise<void> {
    return this.run(() =>
      this.withTransaction(async (client) => {
        const now = new Date();
        const stale = new Date(now.getTime() - PARSE_CACHE_DAYS * 86_400_000).toISOString();
        await client.query(
          `INSERT INTO parsed_files (cache_key, ideas, used_at) VALUES ($1, $2::json, $3)
           ON CONFLICT (cache_key) DO UPDATE SET ideas = excluded.ideas, used_at = excluded.used_at`,
          [key, JSON.stringify(ideas), now.toISOString()],
        );
        // ISO times compare as text, byte by byte whatever the database's collation.
        await client.query(`DELETE FROM parsed_files WHERE used_at < $1 COLLATE "C"`, [stale]);
      }),
    );
  }

  // ── subscriptions ────────────────────────────────────────────────────────────────────────

  subscribe(input: NewSubscription): Promise<{ subscription: Subscription; created: boolean }> {
    return this.run(() =>
      this.writing(async (client) => {
        const channel = { platform: input.platform, workspaceId: input.workspaceId, channelId: input.channelId };
        const existing = (await this.subscriptionsOn(client, channel))[0];
        const at = input.now.toISOString();
        await client.query(
          `INSERT INTO subscriptions (platform, workspace_id, channel_id, skills, project, stage, kind, terms, created_by, created_at, updated_at)
           VALUES ($1, $2, $3, $4::json, $5, $6, $7, $8::json, $9, $10, $11)
           ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET skills = excluded.skills, project = excluded.project,
             stage = excluded.stage, kind = excluded.kind, terms = excluded.terms, updated_at = excluded.updated_at, paused_reason = NULL`,
          [
            input.platform,
            input.workspaceId,
            input.channelId,
            JSON.stringify(input.skills),
            input.project,
            input.stage ?? "proposed",
            input.kind ?? "channel",
            JSON.stringify(input.terms ?? []),
            input.createdBy,
            at,
            at,
          ],
        );
        return { subscription: (await this.subscriptionsOn(client, channel))[0]!, created: !existing };
      }),
    );
  }

  unsubscribe({ platform, workspaceId, channelId }: ChannelRef): Promise<boolean> {
    return this.run(() =>
      this.writing(async (client) => {
        // Its outbox entries go with it (ON DELETE CASCADE): nothing more is posted there.
        const result = await client.query("DELETE FROM subscriptions WHERE platform = $1 AND workspace_id = $2 AND channel_id = $3", [platform, workspaceId, channelId]);
        return (result.rowCount ?? 0) > 0;
      }),
    );
  }

  subscriptions(where: SubscriptionQuery = {}): Promise<Subscription[]> {
    return this.run(() => this.subscriptionsOn(this.pool, where));
  }

  private async subscriptionsOn(db: Queryable, where: SubscriptionQuery): Promise<Subscription[]> {
    const { rows } = await db.query<SubscriptionRow<Json>>(
      `SELECT * FROM subscriptions
       WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR workspace_id = $2)
         AND ($3::text IS NULL OR channel_id = $3) AND ($4::text IS NULL OR kind = $4)
       ORDER BY id`,
      [where.platform ?? null, where.workspaceId ?? null, where.channelId ?? null, where.kind ?? null],
    );
    return subscriptionsOf(rows, parsedJson, this.log);
  }

  pauseSubscription(id: number, reason: string): Promise<void> {
    return this.run(() =>
      this.writing(async (client) => {
        await client.query("UPDATE subscriptions SET paused_reason = $1 WHERE id = $2", [reason, id]);
      }),
    );
  }

  // ── outbox ───────────────────────────────────────────────────────────────────────────────

  claimDue({ owner, platforms, now, leaseMs, limit }: { owner: string; platforms: readonly Platform[]; now: number; leaseMs: number; limit: number }): Promise<OutboxEntry[]> {
    return this.run(async () => {
      if (platforms.length === 0 || limit <= 0) return [];
      return this.withTransaction(async (client) => {
        // SKIP LOCKED: rows another process is leasing right now are left to it, never waited for
        // and never leased twice (a row leased meanwhile fails the conditions when re-checked).
        const { rows } = await client.query<OutboxDbRow<Json>>(
          `WITH claimed AS (
             UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1
             WHERE id IN (
               SELECT o.id FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
               WHERE o.status = 'pending' AND o.next_attempt_at <= $3 AND (o.lease_until IS NULL OR o.lease_until <= $3)
                 AND s.paused_reason IS NULL AND s.platform = ANY ($4::text[])
               ORDER BY o.next_attempt_at, o.id
               LIMIT $5
               FOR UPDATE OF o SKIP LOCKED)
             RETURNING *)
           SELECT c.*, s.platform, s.workspace_id, s.channel_id, s.kind
           FROM claimed c JOIN subscriptions s ON s.id = c.subscription_id
           ORDER BY c.next_attempt_at, c.id`,
          [owner, ms(now + leaseMs), ms(now), [...platforms], Math.floor(limit)],
        );
        const { entries, unreadable } = claimedOf(rows, parsedJson, this.storeId);
        for (const r of unreadable) {
          // Set aside, with its reason: the rest of the outbox goes on.
          await client.query("UPDATE outbox SET status = 'failed', lease_owner = NULL, lease_until = NULL, last_error = $1 WHERE id = $2", [UNREADABLE_OUTBOX_ERROR, r.id]);
          logSetAside(this.log, r);
        }
        return entries;
      });
    });
  }

  markSent(id: number, owner: string, messageId: string, now: number): Promise<boolean> {
    return this.update(
      `UPDATE outbox SET status = 'sent', message_id = $1, sent_at = $2, lease_owner = NULL, lease_until = NULL, last_error = NULL
       WHERE id = $3 AND status = 'pending' AND lease_owner = $4`,
      [messageId, ms(now), id, owner],
    );
  }

  markRetry(id: number, owner: string, nextAttemptAt: number, error: string): Promise<boolean> {
    return this.update(
      `UPDATE outbox SET next_attempt_at = $1, last_error = $2, lease_owner = NULL, lease_until = NULL
       WHERE id = $3 AND status = 'pending' AND lease_owner = $4`,
      [ms(nextAttemptAt), error, id, owner],
    );
  }

  release(id: number, owner: string): Promise<boolean> {
    return this.update(
      `UPDATE outbox SET attempts = greatest(attempts - 1, 0), lease_owner = NULL, lease_until = NULL
       WHERE id = $1 AND status = 'pending' AND lease_owner = $2`,
      [id, owner],
    );
  }

  markFailed(id: number, owner: string, error: string, now: number): Promise<boolean> {
    return this.update(
      `UPDATE outbox SET status = 'failed', last_error = $1, next_attempt_at = $2, lease_owner = NULL, lease_until = NULL
       WHERE id = $3 AND status = 'pending' AND lease_owner = $4`,
      [error, ms(now), id, owner],
    );
  }

  /** One UPDATE: whether it changed a row. */
  private update(text: string, values: unknown[]): Promise<boolean> {
    return this.run(async () => ((await this.pool.query(text, values)).rowCount ?? 0) > 0);
  }

  activity(where: { platform: Platform; workspaceId: string }, since: number): Promise<SubscriptionActivity[]> {
    return this.run(async () => {
      const { rows } = await this.pool.query<ActivityRow>(
        `SELECT s.id AS subscription_id,
                max(o.sent_at) FILTER (WHERE o.status = 'sent') AS last_sent_at,
                count(*) FILTER (WHERE o.status = 'sent' AND o.sent_at >= $3) AS sent_since,
                count(*) FILTER (WHERE o.status = 'pending') AS pending,
                count(*) FILTER (WHERE o.status = 'failed') AS failed
         FROM subscriptions s LEFT JOIN outbox o ON o.subscription_id = s.id
         WHERE s.platform = $1 AND s.workspace_id = $2 AND s.kind = 'channel'
         GROUP BY s.id ORDER BY s.id`,
        [where.platform, where.workspaceId, ms(since)],
      );
      return rows.map(activityOf);
    });
  }

  recentPosts(where: { platform: Platform; workspaceId: string }, limit: number): Promise<PostedEntry[]> {
    return this.run(async () => {
      const { rows } = await this.pool.query<OutboxDbRow<Json>>(
        `${OUTBOX_SELECT} WHERE o.status = 'sent' AND s.platform = $1 AND s.workspace_id = $2 AND s.kind = 'channel'
         ORDER BY o.sent_at DESC NULLS LAST, o.id DESC LIMIT $3`,
        [where.platform, where.workspaceId, Math.max(0, Math.floor(limit))],
      );
      // A row whose ideas or payload cannot be read is left out of a listing for people.
      return postsOf(rows, parsedJson, this.storeId);
    });
  }

  saveAnswer(token: string, answer: StoredAnswer): Promise<void> {
    return this.run(async () => {
      await this.pool.query(
        `INSERT INTO answers (token, owner_id, continuation, created_at) VALUES ($1, $2, $3::json, $4)
         ON CONFLICT (token) DO UPDATE SET owner_id = excluded.owner_id, continuation = excluded.continuation, created_at = excluded.created_at`,
        [token, answer.ownerId, JSON.stringify(answer.continuation), ms(answer.createdAt)],
      );
      if (++this.answersSaved % ANSWER_PRUNE_EVERY === 0) await this.pool.query("DELETE FROM answers WHERE created_at < $1", [ms(answer.createdAt - ANSWER_KEEP_MS)]);
    });
  }

  private leasesHeld = 0;

  holdLease(name: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    return this.run(async () => {
      // Claims of interactions are one lease each: the long-expired ones are dropped now and then.
      if (++this.leasesHeld % LEASE_PRUNE_EVERY === 0) await this.pool.query("DELETE FROM leases WHERE until < $1", [ms(now - LEASE_KEEP_MS)]);
      // One statement: a row comes back only when it was inserted or updated for `owner`.
      const result = await this.pool.query(
        `INSERT INTO leases (name, owner, until) VALUES ($1, $2, $3)
         ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until WHERE leases.owner = excluded.owner OR leases.until <= $4
         RETURNING owner`,
        [name, owner, ms(now + ttlMs), ms(now)],
      );
      return result.rowCount === 1;
    });
  }

  saveInstallation(platform: Platform, key: string, record: string, now: number, replacing?: string): Promise<void> {
    return this.run(async () => {
      if (replacing !== undefined) {
        await this.pool.query("UPDATE installations SET record = $1, updated_at = $2 WHERE platform = $3 AND key = $4 AND record = $5", [record, ms(now), platform, key, replacing]);
        return;
      }
      await this.pool.query(
        `INSERT INTO installations (platform, key, record, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (platform, key) DO UPDATE SET record = excluded.record, updated_at = excluded.updated_at`,
        [platform, key, record, ms(now)],
      );
    });
  }

  loadInstallation(platform: Platform, key: string): Promise<string | undefined> {
    return this.run(async () => (await this.pool.query<{ record: string }>("SELECT record FROM installations WHERE platform = $1 AND key = $2", [platform, key])).rows[0]?.record);
  }

  removeWorkspace(platform: Platform, workspaceId: string): Promise<{ installation: boolean; subscriptions: number }> {
    return this.run(() =>
      this.writing(async (client) => {
        const installation = ((await client.query("DELETE FROM installations WHERE platform = $1 AND key = $2", [platform, workspaceId])).rowCount ?? 0) > 0;
        // Their outbox entries go with them (ON DELETE CASCADE).
        const subscriptions = (await client.query("DELETE FROM subscriptions WHERE platform = $1 AND workspace_id = $2", [platform, workspaceId])).rowCount ?? 0;
        return { installation, subscriptions };
      }),
    );
  }

  loadAnswer(token: string): Promise<StoredAnswer | undefined> {
    return this.run(async () => {
      const { rows } = await this.pool.query<AnswerRow<Json>>("SELECT owner_id, continuation, created_at FROM answers WHERE token = $1", [token]);
      const row = rows[0];
      if (!row) return undefined;
      // Read back like any input: a row that is not a continuation is no answer.
      return answerOf(row, parsedJson);
    });
  }

  outbox(where: { status?: OutboxStatus; subscriptionId?: number } = {}): Promise<OutboxRow[]> {
    return this.run(async () => {
      const { rows } = await this.pool.query<OutboxDbRow<Json>>(`${OUTBOX_SELECT} WHERE ($1::text IS NULL OR o.status = $1) AND ($2::bigint IS NULL OR o.subscription_id = $2) ORDER BY o.id`, [
        where.status ?? null,
        where.subscriptionId ?? null,
      ]);
      // A listing for people and logs: a malformed row shows with no ideas and an empty payload.
      return rows.map((r) => outboxRowOf(r, parsedJson, this.storeId));
    });
  }

  /**
   * LISTEN on a connection of its own: each replica hears when any of them queues announcements, so
   * a burst from the leader's check is delivered by every replica at once, not by the leader alone
   * until the others' next poll. A lost connection is logged and opened again after a pause; the
   * poll covers what is queued meanwhile.
   */
  async watchOutbox(listener: () => void): Promise<() => Promise<void>> {
    let client: pg.Client | undefined;
    let stopped = false;
    let retry: NodeJS.Timeout | undefined;
    /** Lost, or could not listen again (the server still down): try again after a pause, as often as it takes. */
    const listenAgainLater = (error: Error) => {
      if (stopped) return;
      this.log(`PostgreSQL ${redactUrl(this.url)}: the outbox listener's connection failed (${redactText(error.message, [this.url])}); listening again in ${LISTEN_RETRY_MS / 1000} s`, "warn");
      retry = setTimeout(() => void connect().catch(listenAgainLater), LISTEN_RETRY_MS);
      retry.unref();
    };
    const connect = async (): Promise<void> => {
      const next = new pg.Client({ connectionString: this.url, types: poolTypes });
      next.on("notification", () => listener());
      let listening = false;
      next.on("error", (error) => {
        // Before it listens, a failure rejects connect() instead, and its caller decides.
        if (!listening) return;
        listening = false;
        void next.end().catch(() => {});
        listenAgainLater(error);
      });
      try {
        await next.connect();
        await next.query(`LISTEN ${OUTBOX_CHANNEL}`);
      } catch (error) {
        void next.end().catch(() => {});
        throw error;
      }
      listening = true;
      client = next;
      if (stopped) await next.end();
    };
    await connect();
    return async () => {
      stopped = true;
      clearTimeout(retry);
      await client?.end().catch(() => {});
    };
  }

  /** Closes every connection once the operations already asked for are done; closing again does nothing. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

/**
 * Brings the database to POSTGRES_MIGRATIONS' last step, under a session advisory lock: a second
 * process opening it at the same time waits, then finds it done. One transaction per step.
 */
async function migrate(pool: pg.Pool, where: string): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    try {
      const ours = (await client.query<{ found: string | null }>("SELECT to_regclass('schema_version')::text AS found")).rows[0]!.found !== null;
      if (!ours) {
        // A database that holds tables but none of ours was made by something else: never migrated over.
        const { rows } = await client.query<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name",
        );
        if (rows.length > 0) {
          throw new StoreOpenError(`PostgreSQL ${where} is a database of another program (tables: ${rows.slice(0, 5).map((r) => r.name).join(", ")}); point DATABASE_URL elsewhere`);
        }
        await client.query("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version (version) VALUES (0);");
      }
      for (;;) {
        const version = (await client.query<{ version: number }>("SELECT version FROM schema_version")).rows[0]!.version;
        if (version > POSTGRES_MIGRATIONS.length) {
          throw new StoreOpenError(`PostgreSQL ${where} has schema version ${version}, newer than this ideas-bot knows (${POSTGRES_MIGRATIONS.length}); upgrade ideas-bot`);
        }
        if (version === POSTGRES_MIGRATIONS.length) break;
        await client.query("BEGIN");
        try {
          await client.query(POSTGRES_MIGRATIONS[version]!);
          await client.query("UPDATE schema_version SET version = $1", [version + 1]);
          await client.query("COMMIT");
        } catch (error) {
          await client.query("ROLLBACK").catch((rollback: Error) => (broken = rollback));
          throw error;
        }
      }
    } finally {
      if (!broken) await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch((unlock: Error) => (broken = unlock));
    }
  } finally {
    client.release(broken);
  }
}

/**
 * The statements of one PostgreSQL transaction, on its connection, opened and ended by
 * PostgresStore.transaction. Its methods refuse to run once the transaction has ended: a leftover
 * call would run outside any transaction, on a connection handed to someone else.
 */
class PostgresTransaction extends EndingTransaction implements StoreTransaction {
  constructor(
    private readonly client: pg.PoolClient,
    reads: SharedReads,
  ) {
    super(reads);
  }

  async presentIds(label: string): Promise<string[]> {
    this.ensureOpen();
    const { rows } = await this.client.query<{ idea_id: string }>("SELECT idea_id FROM ideas_seen WHERE source = $1 AND present", [label]);
    return rows.map((r) => r.idea_id);
  }

  async knownIdeas({ ids, issueKeys }: { ids: readonly string[]; issueKeys: readonly string[] }): Promise<KnownIdeaKeys> {
    this.ensureOpen();
    const seen = await this.client.query<{ idea_id: string }>("SELECT DISTINCT idea_id FROM ideas_seen WHERE idea_id = ANY ($1::text[])", [[...ids]]);
    // The smallest id byte by byte, as SQLite compares text, whatever the database's collation.
    const issues = await this.client.query<{ issue_key: string; idea_id: string }>(
      `SELECT issue_key, min(idea_id COLLATE "C") AS idea_id FROM idea_issues WHERE issue_key = ANY ($1::text[]) GROUP BY issue_key`,
      [[...issueKeys]],
    );
    const accepted = await this.client.query<{ idea_id: string }>("SELECT DISTINCT idea_id FROM ideas_seen WHERE idea_id = ANY ($1::text[]) AND data ->> 'stage' = 'accepted'", [[...ids]]);
    return {
      ids: new Set(seen.rows.map((r) => r.idea_id)),
      ideaByIssue: new Map(issues.rows.map((r) => [r.issue_key, r.idea_id])),
      accepted: new Set(accepted.rows.map((r) => r.idea_id)),
    };
  }

  async recordVersion({ source, location, validators, parsedWith, now, ideas }: SourceVersion): Promise<void> {
    this.ensureOpen();
    const at = now.toISOString();
    await this.client.query("UPDATE ideas_seen SET present = false WHERE source = $1", [source]);
    // One statement for the whole version. An id given twice is written once, as its last
    // occurrence (what the SQLite store's row-by-row upsert leaves).
    const byId = new Map<string, { idea: Idea; position: number }>();
    ideas.forEach(({ idea }, position) => {
      byId.delete(idea.id);
      byId.set(idea.id, { idea, position });
    });
    const rows = [...byId.values()];
    await this.client.query(
      `INSERT INTO ideas_seen (source, idea_id, project, title, issues, first_seen, last_seen, present, data, position)
       SELECT $1, v.idea_id, v.project, v.title, v.issues::json, $2, $2, true, v.data::json, v.position
       FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[]) AS v (idea_id, project, title, issues, data, position)
       ON CONFLICT (source, idea_id) DO UPDATE SET project = excluded.project, title = excluded.title, issues = excluded.issues,
         last_seen = excluded.last_seen, present = true, data = excluded.data, position = excluded.position`,
      [
        source,
        at,
        rows.map((r) => r.idea.id),
        rows.map((r) => r.idea.project),
        rows.map((r) => r.idea.title),
        rows.map((r) => JSON.stringify(r.idea.issues)),
        rows.map((r) => JSON.stringify(r.idea)),
        rows.map((r) => r.position),
      ],
    );
    const issueRows = ideas.flatMap(({ idea, issueKeys }) => issueKeys.map((key) => [key, idea.id] as const));
    if (issueRows.length > 0) {
      await this.client.query(
        `INSERT INTO idea_issues (issue_key, idea_id) SELECT * FROM unnest($1::text[], $2::text[])
         ON CONFLICT DO NOTHING`,
        [issueRows.map((r) => r[0]), issueRows.map((r) => r[1])],
      );
    }
    await this.client.query(
      `INSERT INTO sources (label, location, content_hash, etag, last_modified, parsed_with, checked_at, recorded_at, last_error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, NULL)
       ON CONFLICT (label) DO UPDATE SET location = excluded.location, content_hash = excluded.content_hash, etag = excluded.etag,
         last_modified = excluded.last_modified, parsed_with = excluded.parsed_with, checked_at = excluded.checked_at,
         recorded_at = excluded.recorded_at, last_error = NULL`,
      [source, location, validators.contentHash, validators.etag, validators.lastModified, parsedWith, at],
    );
  }

  async enqueue(entries: readonly NewOutboxEntry[], now: Date): Promise<void> {
    this.ensureOpen();
    if (entries.length === 0) return;
    // In the order given: ids (and so delivery order) follow it.
    await this.client.query(
      `INSERT INTO outbox (subscription_id, idea_ids, payload, next_attempt_at, created_at)
       SELECT e.subscription_id, e.idea_ids::json, e.payload::json, e.due_at, $5
       FROM unnest($1::bigint[], $2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS e (subscription_id, idea_ids, payload, due_at, n)
       ORDER BY e.n`,
      [entries.map((e) => e.subscriptionId), entries.map((e) => JSON.stringify(e.ideaIds)), entries.map((e) => JSON.stringify(e.payload)), entries.map((e) => ms(e.dueAt ?? now.getTime())), now.getTime()],
    );
    // Sent at commit (and not at all on rollback): every replica listening starts delivering.
    await this.client.query(`NOTIFY ${OUTBOX_CHANNEL}`);
  }

  async recentEntries(subscriptionIds: readonly number[], since: number): Promise<Map<number, RecentEntries>> {
    this.ensureOpen();
    const out = new Map<number, RecentEntries>();
    const counts = await this.client.query<{ subscription_id: number; count: number; oldest: number }>(
      `SELECT subscription_id, count(*) AS count, min(created_at) AS oldest FROM outbox
       WHERE subscription_id = ANY ($1::bigint[]) AND created_at >= $2
       GROUP BY subscription_id ORDER BY subscription_id`,
      [[...subscriptionIds], ms(since)],
    );
    for (const row of counts.rows) {
      const { rows } = await this.client.query<{ id: number; idea_ids: unknown; payload: unknown }>(
        "SELECT id, idea_ids, payload FROM outbox WHERE subscription_id = $1 AND status = 'pending' AND attempts = 0 AND lease_owner IS NULL ORDER BY id DESC LIMIT 1",
        [row.subscription_id],
      );
      const held = rows[0];
      // A row it cannot read is left for delivery to set aside; new ideas make their own entry.
      const entry = held && isEntryReadable(held.idea_ids, held.payload) ? { id: held.id, ideaIds: held.idea_ids as string[], payload: held.payload as OutboxPayload } : null;
      out.set(row.subscription_id, { count: row.count, oldestAt: row.oldest, untried: entry });
    }
    return out;
  }

  async rewriteUntried(id: number, ideaIds: readonly string[], payload: OutboxPayload): Promise<boolean> {
    this.ensureOpen();
    const result = await this.client.query("UPDATE outbox SET idea_ids = $1::json, payload = $2::json WHERE id = $3 AND status = 'pending' AND attempts = 0 AND lease_owner IS NULL", [
      JSON.stringify(ideaIds),
      JSON.stringify(payload),
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }
}
