import { closeSync, mkdirSync, openSync, readSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import type { Idea } from "../ideas/schema.ts";
import { asTransaction, queued } from "./file-queue.ts";
import { SqliteTransaction } from "./sqlite-transaction.ts";
import { activityOf, answerOf, cachedIdeasOf, claimedOf, ideasOf, LEASE_KEEP_MS, LEASE_PRUNE_EVERY, logSetAside, OUTBOX_SELECT, outboxRowOf, parseJson, postsOf, sourceStateOf, subscriptionsOf, UNREADABLE_OUTBOX_ERROR } from "./rows.ts";
import type { ActivityRow, AnswerRow, OutboxDbRow, SourceRow, SubscriptionRow } from "./rows.ts";
import type { Log } from "../log.ts";
import { StoreOpenError } from "./store.ts";
import type {
  ChannelRef,
  NewSubscription,
  OutboxEntry,
  OutboxRow,
  OutboxStatus,
  PostedEntry,
  Platform,
  SourceState,
  Store,
  StoredAnswer,
  StoreTransaction,
  Subscription,
  SubscriptionActivity,
  SubscriptionQuery,
  Validators,
} from "./store.ts";

/**
 * Schema steps, applied in order; PRAGMA user_version records how many ran. Append, never edit.
 * Times people read are ISO text; times the scheduler compares (outbox) are epoch milliseconds.
 */
export const MIGRATIONS: string[] = [
  `CREATE TABLE sources (
     label TEXT PRIMARY KEY,
     content_hash TEXT, etag TEXT, last_modified TEXT,
     checked_at TEXT, last_error TEXT
   );
   CREATE TABLE ideas_seen (
     source TEXT NOT NULL,
     idea_id TEXT NOT NULL,
     project TEXT NOT NULL,
     title TEXT NOT NULL,
     issues TEXT NOT NULL DEFAULT '[]',
     first_seen TEXT NOT NULL,
     last_seen TEXT NOT NULL,
     present INTEGER NOT NULL DEFAULT 1,
     PRIMARY KEY (source, idea_id)
   );
   CREATE INDEX ideas_seen_id ON ideas_seen (idea_id);
   CREATE TABLE idea_issues (issue_key TEXT NOT NULL, idea_id TEXT NOT NULL, PRIMARY KEY (issue_key, idea_id));
   CREATE TABLE announcements (
     idea_id TEXT PRIMARY KEY,
     source TEXT NOT NULL,
     project TEXT NOT NULL,
     title TEXT NOT NULL,
     found_at TEXT NOT NULL
   );`,
  // 2: the source's location and parser, the ideas themselves (a restart serves search from the
  // store while a source is unchanged or down), subscriptions and the outbox (which replaces
  // `announcements`: nothing was ever delivered from it).
  `ALTER TABLE sources ADD COLUMN location TEXT;
   ALTER TABLE sources ADD COLUMN parsed_with TEXT;
   ALTER TABLE sources ADD COLUMN recorded_at TEXT;
   UPDATE sources SET recorded_at = checked_at WHERE content_hash IS NOT NULL;
   ALTER TABLE ideas_seen ADD COLUMN data TEXT;
   ALTER TABLE ideas_seen ADD COLUMN position INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX ideas_seen_present ON ideas_seen (source, present, position);
   DROP TABLE announcements;
   CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
   INSERT INTO meta (key, value) VALUES ('store_id', lower(hex(randomblob(4))));
   CREATE TABLE subscriptions (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack', 'shell')),
     workspace_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     skills TEXT NOT NULL DEFAULT '[]',
     project TEXT,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     paused_reason TEXT,
     UNIQUE (platform, workspace_id, channel_id)
   );
   CREATE TABLE outbox (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
     idea_ids TEXT NOT NULL,
     payload TEXT NOT NULL,
     status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     next_attempt_at INTEGER NOT NULL,
     lease_owner TEXT,
     lease_until INTEGER,
     message_id TEXT,
     last_error TEXT,
     created_at INTEGER NOT NULL,
     sent_at INTEGER
   );
   CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
   CREATE INDEX outbox_subscription ON outbox (subscription_id);`,
  // 3: ideas parsed from a file's exact bytes (a cache: the whole catalogue starts without parsing).
  `CREATE TABLE parsed_files (
     cache_key TEXT PRIMARY KEY,
     ideas TEXT NOT NULL,
     used_at TEXT NOT NULL
   );`,
  // 4: any platform's name, not a list of three: a new platform is a folder of adapters/, with no
  // schema change. SQLite cannot alter a CHECK, so the table is rebuilt (its 12-step procedure:
  // migrate() runs with foreign keys off, so the outbox's rows survive the DROP).
  `CREATE TABLE subscriptions_new (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     platform TEXT NOT NULL CHECK (length(platform) BETWEEN 1 AND 32 AND platform NOT GLOB '*[^a-z0-9-]*'),
     workspace_id TEXT NOT NULL,
     channel_id TEXT NOT NULL,
     skills TEXT NOT NULL DEFAULT '[]',
     project TEXT,
     created_by TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     paused_reason TEXT,
     UNIQUE (platform, workspace_id, channel_id)
   );
   INSERT INTO subscriptions_new (id, platform, workspace_id, channel_id, skills, project, created_by, created_at, updated_at, paused_reason)
     SELECT id, platform, workspace_id, channel_id, skills, project, created_by, created_at, updated_at, paused_reason FROM subscriptions;
   DROP TABLE subscriptions;
   ALTER TABLE subscriptions_new RENAME TO subscriptions;`,
  // 5: a subscription's stage: every new idea as soon as proposed, or only ideas once accepted.
  `ALTER TABLE subscriptions ADD COLUMN stage TEXT NOT NULL DEFAULT 'proposed' CHECK (stage IN ('proposed', 'accepted'));`,
  // 6: personal alerts (`notify`): a subscription delivered by direct message to one person, and
  // the terms it is limited to.
  `ALTER TABLE subscriptions ADD COLUMN kind TEXT NOT NULL DEFAULT 'channel' CHECK (kind IN ('channel', 'dm'));
   ALTER TABLE subscriptions ADD COLUMN terms TEXT NOT NULL DEFAULT '[]';`,
  // 7: paged answers behind button tokens, so buttons work after a restart and on any replica.
  `CREATE TABLE answers (
     token TEXT PRIMARY KEY,
     owner_id TEXT NOT NULL,
     continuation TEXT NOT NULL,
     created_at INTEGER NOT NULL
   );
   CREATE INDEX answers_created ON answers (created_at);`,
  // 8: leases of jobs one process runs at a time (the source check, with several replicas).
  `CREATE TABLE leases (
     name TEXT PRIMARY KEY,
     owner TEXT NOT NULL,
     until INTEGER NOT NULL
   );`,
  // 9: apps installed per workspace (Slack's OAuth flow): the sealed installation record.
  `CREATE TABLE installations (
     platform TEXT NOT NULL,
     key TEXT NOT NULL,
     record TEXT NOT NULL,
     updated_at INTEGER NOT NULL,
     PRIMARY KEY (platform, key)
   );`,
];

/** A saved answer is kept this long (buttons say "expired" sooner, after an hour: this is a bound, not the rule). */
const ANSWER_KEEP_MS = 24 * 60 * 60 * 1000;
/** Old answers are dropped once every this many saves. */
const ANSWER_PRUNE_EVERY = 100;

/** A parse cache entry not used for this long is dropped when another is written. */
const PARSE_CACHE_DAYS = 30;

export const DATABASE_FILE = "ideas-bot.sqlite";

/**
 * An existing file must be an SQLite database. An empty one is refused rather than silently started
 * afresh (that would drop every subscription without a word), and so is a file of another format.
 */
export { StoreOpenError };

function refuseForeignFile(file: string): void {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return; // No file yet: a new database.
  }
  if (size === 0) throw new StoreOpenError(`${file} is empty (0 bytes): it holds no subscriptions or state; delete it to start afresh, or restore it from a backup`);
  const header = Buffer.alloc(16);
  const fd = openSync(file, "r");
  try {
    readSync(fd, header, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString("latin1") !== "SQLite format 3\u0000") throw new StoreOpenError(`${file} is not an SQLite database; point DATA_DIR elsewhere or move the file away`);
}

/** SQLite keeps JSON columns as TEXT. */
type Json = string;

/**
 * The SQLite store: one file under DATA_DIR. WAL, so readers never block the checker; a busy
 * timeout, so a second process sharing DATA_DIR waits for the write lock instead of failing; every
 * write that must not be lost is a transaction, taken IMMEDIATE when it reads before it writes.
 * Within the process, operations on the file run one at a time (src/store/file-queue.ts): an
 * async transaction leaves the connection open to other callers between its awaits.
 */
export class SqliteStore implements Store {
  readonly db: Database.Database;
  /** Random, per database: makes outbox keys unique across deployments. */
  readonly storeId: string;

  /** Where a row that cannot be read is reported (it is set aside, and the rest goes on). */
  private readonly log: Log;
  /** The database file, resolved: the key of its queue in this process (src/store/file-queue.ts). */
  private readonly file: string;

  constructor(dataDir: string, options: { log?: Log } = {}) {
    this.log = options.log ?? ((message) => console.error(`[ideas-bot] ${message}`));
    const file = path.join(dataDir, DATABASE_FILE);
    try {
      mkdirSync(dataDir, { recursive: true });
    } catch (error) {
      throw new StoreOpenError(`cannot create DATA_DIR ${path.resolve(dataDir)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}; check the path and its permissions`);
    }
    refuseForeignFile(file);
    try {
      this.db = new Database(file);
    } catch (error) {
      throw new StoreOpenError(`cannot open ${path.resolve(file)} (DATA_DIR): ${(error as Error).message}; check that DATA_DIR is writable by this user`);
    }
    // First, so that even switching to WAL waits for another process instead of failing.
    this.db.pragma("busy_timeout = 10000");
    this.db.pragma("journal_mode = WAL");
    this.refuseForeignSchema(file);
    // Off while migrating (better-sqlite3 turns them on by default): a step that rebuilds a table
    // must not cascade its DROP (see migration 4). On for everything after.
    this.db.pragma("foreign_keys = OFF");
    this.migrate();
    this.db.pragma("foreign_keys = ON");
    this.storeId = (this.db.prepare("SELECT value FROM meta WHERE key = 'store_id'").get() as { value: string }).value;
    this.file = realpathSync(file);
  }

  /**
   * Every operation goes through the file's queue: none runs while a transaction of this process
   * is open on the file, however its callers interleave their awaits.
   */
  private queued<T>(operation: () => T | Promise<T>): Promise<T> {
    return queued(this.file, operation);
  }

  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T> {
    return this.queued(async () => {
      const tx = new SqliteTransaction(this.db, { sourceState: (label) => this.sourceStateSync(label), subscriptions: () => this.subscriptionsSync({}) });
      // IMMEDIATE: the write lock before the first read, so a second process waits here and then
      // sees what this transaction wrote; busy_timeout bounds the wait.
      this.db.exec("BEGIN IMMEDIATE");
      try {
        const result = await asTransaction(this.file, () => work(tx));
        this.db.exec("COMMIT");
        return result;
      } catch (error) {
        // SQLite may have rolled back already (some errors end the transaction).
        if (this.db.inTransaction) this.db.exec("ROLLBACK");
        throw error;
      } finally {
        tx.end();
      }
    });
  }

  /** A database that holds tables but none of ours was made by something else: never migrated over. */
  private refuseForeignSchema(file: string): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    const tables = (this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    if (version === 0 && tables.length > 0 && !tables.includes("sources")) {
      this.db.close();
      throw new StoreOpenError(`${file} is a database of another program (tables: ${tables.slice(0, 5).join(", ")}); point DATA_DIR elsewhere or move the file away`);
    }
  }

  private migrate(): void {
    // Up to date, the usual case: no write lock, so opening never waits for another connection's
    // transaction (in this process, that wait would block the thread that has to end it).
    if (this.schemaVersion === MIGRATIONS.length) return;
    // One step per transaction, the version read under the write lock: two processes opening a
    // new DATA_DIR at once run each step once.
    for (;;) {
      const done = this.db
        .transaction(() => {
          const version = this.db.pragma("user_version", { simple: true }) as number;
          if (version > MIGRATIONS.length) {
            throw new Error(`${DATABASE_FILE} has schema version ${version}, newer than this ideas-bot knows (${MIGRATIONS.length}); upgrade ideas-bot`);
          }
          if (version === MIGRATIONS.length) return true;
          this.db.exec(MIGRATIONS[version]!);
          this.db.pragma(`user_version = ${version + 1}`);
          return false;
        })
        .immediate();
      if (done) break;
    }
    const broken = this.db.pragma("foreign_key_check") as unknown[];
    if (broken.length > 0) throw new Error(`${DATABASE_FILE}: ${broken.length} rows lost their references while migrating; restore it from a backup`);
  }

  get schemaVersion(): number {
    return this.db.pragma("user_version", { simple: true }) as number;
  }

  // ── sources and ideas ────────────────────────────────────────────────────────────────────

  sourceState(label: string): Promise<SourceState | undefined> {
    return this.queued(() => this.sourceStateSync(label));
  }

  private sourceStateSync(label: string): SourceState | undefined {
    const row = this.db.prepare("SELECT * FROM sources WHERE label = ?").get(label) as SourceRow | undefined;
    if (!row) return undefined;
    return sourceStateOf(label, row, this.presentCountSync(label));
  }

  private presentCountSync(label: string): number {
    return (this.db.prepare("SELECT count(*) AS n FROM ideas_seen WHERE source = ? AND present = 1").get(label) as { n: number }).n;
  }

  recordUnchanged(label: string, location: string, validators: Validators, now: Date): Promise<void> {
    return this.queued(() => {
      this.db
        .prepare("UPDATE sources SET location = ?, etag = ?, last_modified = ?, content_hash = ?, checked_at = ?, last_error = NULL WHERE label = ?")
        .run(location, validators.etag, validators.lastModified, validators.contentHash, now.toISOString(), label);
    });
  }

  recordError(label: string, location: string, message: string, now: Date): Promise<void> {
    return this.queued(() => {
      this.db
        .prepare(
          `INSERT INTO sources (label, location, checked_at, last_error) VALUES (?, ?, ?, ?)
           ON CONFLICT (label) DO UPDATE SET checked_at = excluded.checked_at, last_error = excluded.last_error`,
        )
        .run(label, location, now.toISOString(), message);
    });
  }

  presentIdeas(label: string): Promise<Idea[]> {
    return this.queued(() => {
      const rows = this.db.prepare("SELECT data FROM ideas_seen WHERE source = ? AND present = 1 AND data IS NOT NULL ORDER BY position").all(label) as Array<{ data: Json }>;
      // Validated on the way out, like any input: a row written by an older version must not break search.
      return ideasOf(rows, parseJson);
    });
  }

  knownTerms(): Promise<{ recorded: boolean; terms: string[] }> {
    return this.queued(() => {
      const recorded = this.db.prepare("SELECT 1 FROM sources WHERE recorded_at IS NOT NULL LIMIT 1").get() !== undefined;
      const rows = this.db.prepare("SELECT DISTINCT coalesce(json_extract(data, '$.term'), 'other') AS term FROM ideas_seen").all() as Array<{ term: string }>;
      return { recorded, terms: rows.map((r) => r.term) };
    });
  }

  // ── parse cache ──────────────────────────────────────────────────────────────────────────

  cachedIdeas(key: string): Promise<Idea[] | undefined> {
    return this.queued(() => {
      const row = this.db.prepare("SELECT ideas FROM parsed_files WHERE cache_key = ?").get(key) as { ideas: Json } | undefined;
      if (!row) return undefined;
      // Validated like any input: a damaged entry is a miss, and the file is parsed again.
      const ideas = cachedIdeasOf(row.ideas, parseJson);
      if (!ideas) return undefined;
      this.db.prepare("UPDATE parsed_files SET used_at = ? WHERE cache_key = ?").run(new Date().toISOString(), key);
      return ideas;
    });
  }

  cacheIdeas(key: string, ideas: Idea[]): Promise<void> {
    return this.queued(() => {
      const now = new Date();
      const stale = new Date(now.getTime() - PARSE_CACHE_DAYS * 86_400_000).toISOString();
      this.db.transaction(() => {
        this.db.prepare("INSERT OR REPLACE INTO parsed_files (cache_key, ideas, used_at) VALUES (?, ?, ?)").run(key, JSON.stringify(ideas), now.toISOString());
        this.db.prepare("DELETE FROM parsed_files WHERE used_at < ?").run(stale);
      })();
    });
  }

  // ── subscriptions ────────────────────────────────────────────────────────────────────────

  subscribe(input: NewSubscription): Promise<{ subscription: Subscription; created: boolean }> {
    return this.queued(() =>
      this.db
        .transaction(() => {
          const channel = { platform: input.platform, workspaceId: input.workspaceId, channelId: input.channelId };
          const existing = this.subscriptionsSync(channel)[0];
          const at = input.now.toISOString();
          this.db
            .prepare(
              `INSERT INTO subscriptions (platform, workspace_id, channel_id, skills, project, stage, kind, terms, created_by, created_at, updated_at)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
               ON CONFLICT (platform, workspace_id, channel_id) DO UPDATE SET skills = excluded.skills, project = excluded.project,
                 stage = excluded.stage, kind = excluded.kind, terms = excluded.terms, updated_at = excluded.updated_at, paused_reason = NULL`,
            )
            .run(input.platform, input.workspaceId, input.channelId, JSON.stringify(input.skills), input.project, input.stage ?? "proposed", input.kind ?? "channel", JSON.stringify(input.terms ?? []), input.createdBy, at, at);
          return { subscription: this.subscriptionsSync(channel)[0]!, created: !existing };
        })
        .immediate(),
    );
  }

  unsubscribe({ platform, workspaceId, channelId }: ChannelRef): Promise<boolean> {
    return this.queued(() => {
      // Its outbox entries go with it (ON DELETE CASCADE): nothing more is posted there.
      const result = this.db.prepare("DELETE FROM subscriptions WHERE platform = ? AND workspace_id = ? AND channel_id = ?").run(platform, workspaceId, channelId);
      return result.changes > 0;
    });
  }

  subscriptions(where: SubscriptionQuery = {}): Promise<Subscription[]> {
    return this.queued(() => this.subscriptionsSync(where));
  }

  private subscriptionsSync(where: SubscriptionQuery): Subscription[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM subscriptions WHERE (@platform IS NULL OR platform = @platform) AND (@workspace IS NULL OR workspace_id = @workspace)
           AND (@channel IS NULL OR channel_id = @channel) AND (@kind IS NULL OR kind = @kind) ORDER BY id`,
      )
      .all({ platform: where.platform ?? null, workspace: where.workspaceId ?? null, channel: where.channelId ?? null, kind: where.kind ?? null }) as Array<SubscriptionRow<Json>>;
    return subscriptionsOf(rows, parseJson, this.log);
  }

  pauseSubscription(id: number, reason: string): Promise<void> {
    return this.queued(() => {
      this.db.prepare("UPDATE subscriptions SET paused_reason = ? WHERE id = ?").run(reason, id);
    });
  }

  // ── outbox ───────────────────────────────────────────────────────────────────────────────

  claimDue({ owner, platforms, now, leaseMs, limit }: { owner: string; platforms: readonly Platform[]; now: number; leaseMs: number; limit: number }): Promise<OutboxEntry[]> {
    return this.queued(() => {
      if (platforms.length === 0 || limit <= 0) return [];
      return this.db
        .transaction(() => {
          const ids = this.db
            .prepare(
              `UPDATE outbox SET lease_owner = @owner, lease_until = @until, attempts = attempts + 1
               WHERE id IN (
                 SELECT o.id FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id
                 WHERE o.status = 'pending' AND o.next_attempt_at <= @now AND (o.lease_until IS NULL OR o.lease_until <= @now)
                   AND s.paused_reason IS NULL AND s.platform IN (SELECT value FROM json_each(@platforms))
                 ORDER BY o.next_attempt_at, o.id LIMIT @limit)
               RETURNING id`,
            )
            .all({ owner, until: now + leaseMs, now, platforms: JSON.stringify(platforms), limit }) as Array<{ id: number }>;
          if (ids.length === 0) return [];
          const rows = this.db.prepare(`${OUTBOX_SELECT} WHERE o.id IN (SELECT value FROM json_each(?)) ORDER BY o.next_attempt_at, o.id`).all(JSON.stringify(ids.map((r) => r.id))) as Array<OutboxDbRow<Json>>;
          const { entries, unreadable } = claimedOf(rows, parseJson, this.storeId);
          for (const r of unreadable) {
            // Set aside, with its reason: the rest of the outbox goes on.
            this.db.prepare("UPDATE outbox SET status = 'failed', lease_owner = NULL, lease_until = NULL, last_error = ? WHERE id = ?").run(UNREADABLE_OUTBOX_ERROR, r.id);
            logSetAside(this.log, r);
          }
          return entries;
        })
        .immediate();
    });
  }

  markSent(id: number, owner: string, messageId: string, now: number): Promise<boolean> {
    return this.queued(
      () =>
        this.db
          .prepare(
            `UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL
             WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
          )
          .run(messageId, now, id, owner).changes > 0,
    );
  }

  markRetry(id: number, owner: string, nextAttemptAt: number, error: string): Promise<boolean> {
    return this.queued(
      () =>
        this.db
          .prepare(
            `UPDATE outbox SET next_attempt_at = ?, last_error = ?, lease_owner = NULL, lease_until = NULL
             WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
          )
          .run(nextAttemptAt, error, id, owner).changes > 0,
    );
  }

  release(id: number, owner: string): Promise<boolean> {
    return this.queued(
      () =>
        this.db
          .prepare(
            `UPDATE outbox SET attempts = MAX(attempts - 1, 0), lease_owner = NULL, lease_until = NULL
             WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
          )
          .run(id, owner).changes > 0,
    );
  }

  markFailed(id: number, owner: string, error: string, now: number): Promise<boolean> {
    return this.queued(
      () =>
        this.db
          .prepare(
            `UPDATE outbox SET status = 'failed', last_error = ?, next_attempt_at = ?, lease_owner = NULL, lease_until = NULL
             WHERE id = ? AND status = 'pending' AND lease_owner = ?`,
          )
          .run(error, now, id, owner).changes > 0,
    );
  }

  activity(where: { platform: Platform; workspaceId: string }, since: number): Promise<SubscriptionActivity[]> {
    return this.queued(() => {
      const rows = this.db
        .prepare(
          `SELECT s.id AS subscription_id,
                  MAX(CASE WHEN o.status = 'sent' THEN o.sent_at END) AS last_sent_at,
                  COUNT(CASE WHEN o.status = 'sent' AND o.sent_at >= @since THEN 1 END) AS sent_since,
                  COUNT(CASE WHEN o.status = 'pending' THEN 1 END) AS pending,
                  COUNT(CASE WHEN o.status = 'failed' THEN 1 END) AS failed
           FROM subscriptions s LEFT JOIN outbox o ON o.subscription_id = s.id
           WHERE s.platform = @platform AND s.workspace_id = @workspace AND s.kind = 'channel'
           GROUP BY s.id ORDER BY s.id`,
        )
        .all({ platform: where.platform, workspace: where.workspaceId, since }) as ActivityRow[];
      return rows.map(activityOf);
    });
  }

  recentPosts(where: { platform: Platform; workspaceId: string }, limit: number): Promise<PostedEntry[]> {
    return this.queued(() => {
      const rows = this.db
        .prepare(`${OUTBOX_SELECT} WHERE o.status = 'sent' AND s.platform = ? AND s.workspace_id = ? AND s.kind = 'channel' ORDER BY o.sent_at DESC, o.id DESC LIMIT ?`)
        .all(where.platform, where.workspaceId, Math.max(0, Math.floor(limit))) as Array<OutboxDbRow<Json>>;
      // A row whose ideas or payload cannot be read is left out of a listing for people.
      return postsOf(rows, parseJson, this.storeId);
    });
  }

  private answersSaved = 0;

  saveAnswer(token: string, answer: StoredAnswer): Promise<void> {
    return this.queued(() => {
      this.db.prepare("INSERT OR REPLACE INTO answers (token, owner_id, continuation, created_at) VALUES (?, ?, ?, ?)").run(token, answer.ownerId, JSON.stringify(answer.continuation), answer.createdAt);
      if (++this.answersSaved % ANSWER_PRUNE_EVERY === 0) this.db.prepare("DELETE FROM answers WHERE created_at < ?").run(answer.createdAt - ANSWER_KEEP_MS);
    });
  }

  private leasesHeld = 0;

  holdLease(name: string, owner: string, now: number, ttlMs: number): Promise<boolean> {
    return this.queued(() =>
      this.db
        .transaction(() => {
          // Claims of interactions are one lease each: the long-expired ones are dropped now and then.
          if (++this.leasesHeld % LEASE_PRUNE_EVERY === 0) this.db.prepare("DELETE FROM leases WHERE until < ?").run(now - LEASE_KEEP_MS);
          this.db
            .prepare(
              `INSERT INTO leases (name, owner, until) VALUES (?, ?, ?)
               ON CONFLICT (name) DO UPDATE SET owner = excluded.owner, until = excluded.until WHERE leases.owner = excluded.owner OR leases.until <= ?`,
            )
            .run(name, owner, now + ttlMs, now);
          return (this.db.prepare("SELECT owner FROM leases WHERE name = ?").get(name) as { owner: string }).owner === owner;
        })
        .immediate(),
    );
  }

  saveInstallation(platform: Platform, key: string, record: string, now: number, replacing?: string): Promise<void> {
    return this.queued(() => {
      if (replacing !== undefined) this.db.prepare("UPDATE installations SET record = ?, updated_at = ? WHERE platform = ? AND key = ? AND record = ?").run(record, now, platform, key, replacing);
      else this.db.prepare("INSERT OR REPLACE INTO installations (platform, key, record, updated_at) VALUES (?, ?, ?, ?)").run(platform, key, record, now);
    });
  }

  loadInstallation(platform: Platform, key: string): Promise<string | undefined> {
    return this.queued(() => (this.db.prepare("SELECT record FROM installations WHERE platform = ? AND key = ?").get(platform, key) as { record: string } | undefined)?.record);
  }

  removeWorkspace(platform: Platform, workspaceId: string): Promise<{ installation: boolean; subscriptions: number }> {
    return this.queued(() =>
      this.db
        .transaction(() => {
          const installation = this.db.prepare("DELETE FROM installations WHERE platform = ? AND key = ?").run(platform, workspaceId).changes > 0;
          // Their outbox entries go with them (ON DELETE CASCADE).
          const subscriptions = this.db.prepare("DELETE FROM subscriptions WHERE platform = ? AND workspace_id = ?").run(platform, workspaceId).changes;
          return { installation, subscriptions };
        })
        .immediate(),
    );
  }

  loadAnswer(token: string): Promise<StoredAnswer | undefined> {
    return this.queued(() => {
      const row = this.db.prepare("SELECT owner_id, continuation, created_at FROM answers WHERE token = ?").get(token) as AnswerRow<Json> | undefined;
      if (!row) return undefined;
      // Read back like any input: a row that is not a continuation is no answer.
      return answerOf(row, parseJson);
    });
  }

  outbox(where: { status?: OutboxStatus; subscriptionId?: number } = {}): Promise<OutboxRow[]> {
    return this.queued(() => {
      const rows = this.db
        .prepare(`${OUTBOX_SELECT} WHERE (@status IS NULL OR o.status = @status) AND (@subscription IS NULL OR o.subscription_id = @subscription) ORDER BY o.id`)
        .all({ status: where.status ?? null, subscription: where.subscriptionId ?? null }) as Array<OutboxDbRow<Json>>;
      // A listing for people and logs: a malformed row shows with no ideas and an empty payload.
      return rows.map((r) => outboxRowOf(r, parseJson, this.storeId));
    });
  }

  /**
   * A consistent copy of the database at `destination` (a file path; overwritten if it exists),
   * with SQLite's online backup API: safe while this or another process writes (WAL). Through the
   * file's queue, like every operation: it never copies in the middle of a transaction of this
   * process, and other operations of this process wait until it is done.
   */
  backup(destination: string): Promise<void> {
    return this.queued(async () => {
      await this.db.backup(destination);
    });
  }

  /** Closes the connection once the operations already asked for are done. */
  close(): Promise<void> {
    return this.queued(() => {
      if (this.db.open) this.db.close();
    });
  }
}

