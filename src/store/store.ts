import type { Idea, Stage } from "../ideas/schema.ts";
import type { Validators } from "../sources/fetch.ts";

export type { Validators };

/**
 * Durable state, behind a narrow interface so that a Postgres store (for several replicas) is one
 * new file: sources and their validators, every idea ever seen per source, subscriptions, and the
 * announcement outbox. Persistence only: what is new and what to announce is decided by
 * src/announce/ (record.ts), through `transaction`. Every method that changes state is one
 * transaction. Methods are async because a networked database is; the SQLite store
 * (src/store/sqlite-store.ts) answers at once.
 *
 * What a second implementation must keep: `transaction` is one write transaction that excludes
 * every other writer from its first read to its commit (Postgres: SERIALIZABLE, or a lock on the
 * source row), so two processes that classify and enqueue the same version never both find an idea
 * new; claimDue leases atomically (Postgres: `FOR UPDATE SKIP LOCKED`).
 */
export interface Store {
  sourceState(label: string): Promise<SourceState | undefined>;
  /**
   * Runs `work` in one write transaction, holding the write lock from before its first read: it
   * commits when `work` resolves and rolls back, writing nothing, when it throws. Transactions
   * run one at a time. Inside `work`, use `tx` only: the store itself waits for the transaction
   * to end (the SQLite store refuses such a call rather than wait forever).
   */
  transaction<T>(work: (tx: StoreTransaction) => Promise<T>): Promise<T>;
  /** A check that read nothing new: the source answered "not modified" or the same bytes. */
  recordUnchanged(label: string, location: string, validators: Validators, now: Date): Promise<void>;
  /** A check that failed or was refused: nothing else changes. */
  recordError(label: string, location: string, message: string, now: Date): Promise<void>;
  /** The ideas of the source's last recorded version, in file order. */
  presentIdeas(label: string): Promise<Idea[]>;
  /** The terms of every idea ever recorded (`other` for rows from before terms), and whether any source was recorded. */
  knownTerms(): Promise<{ recorded: boolean; terms: string[] }>;

  /**
   * Ideas parsed before from the same bytes by the same parser (see src/sources/read.ts), or
   * undefined: a miss, or an entry that no longer passes the schema.
   */
  cachedIdeas(key: string): Promise<Idea[] | undefined>;
  cacheIdeas(key: string, ideas: Idea[]): Promise<void>;

  /** Creates a channel's subscription, or replaces its filters (and lifts a pause). */
  subscribe(input: NewSubscription): Promise<{ subscription: Subscription; created: boolean }>;
  /** Removes a channel's subscription and its undelivered announcements; false when there was none. */
  unsubscribe(channel: ChannelRef): Promise<boolean>;
  /** Subscriptions, channels' and alerts' alike unless `kind` says which. */
  subscriptions(where?: SubscriptionQuery): Promise<Subscription[]>;
  /** Stops delivering to a channel that is gone or forbidden; its entries wait until it subscribes again. */
  pauseSubscription(id: number, reason: string): Promise<void>;

  /**
   * Leases up to `limit` due entries to `owner` until now + leaseMs and counts an attempt: pending,
   * next attempt reached, no live lease, subscription not paused, platform among `platforms`. An
   * entry is leased to one owner at a time; an owner that dies loses it when the lease expires.
   */
  claimDue(options: { owner: string; platforms: readonly Platform[]; now: number; leaseMs: number; limit: number }): Promise<OutboxEntry[]>;
  /** The platform accepted the entry. False when `owner` no longer holds the lease. */
  markSent(id: number, owner: string, messageId: string, now: number): Promise<boolean>;
  /** Releases the lease; the entry is due again at `nextAttemptAt`. */
  markRetry(id: number, owner: string, nextAttemptAt: number, error: string): Promise<boolean>;
  /**
   * Hands back an entry leased but not tried (the process is stopping): due at once for anyone, and
   * the attempt counted by claimDue taken back. False when `owner` no longer holds the lease.
   */
  release(id: number, owner: string): Promise<boolean>;
  /** Gives up on the entry: the platform refused it for good, or too many attempts. */
  markFailed(id: number, owner: string, error: string, now: number): Promise<boolean>;
  /**
   * What was posted where, for the people who run announcements (`subscriptions`, `status`): per
   * channel subscription of the workspace (alerts are private: never listed here) (each one listed, even with no entries), the last post and the
   * posts since `since`, with what waits and what was refused for good.
   */
  activity(where: { platform: Platform; workspaceId: string }, since: number): Promise<SubscriptionActivity[]>;
  /** The workspace's last `limit` channel posts (never an alert's direct message), newest first: when, where, and the ideas they carried. */
  recentPosts(where: { platform: Platform; workspaceId: string }, limit: number): Promise<PostedEntry[]>;
  /**
   * A paged answer behind a button's token (src/paging.ts): kept here so the button works after a
   * restart and on any replica. Answers older than a day are dropped as new ones are saved.
   */
  saveAnswer(token: string, answer: StoredAnswer): Promise<void>;
  /** The answer behind a token, or undefined (unknown, dropped, or unreadable). */
  loadAnswer(token: string): Promise<StoredAnswer | undefined>;
  /**
   * Takes or renews the lease called `name` for `owner` until `now + ttlMs`, when it is free,
   * expired, or already theirs: true when `owner` holds it now. One replica runs a job (the source
   * check) while it holds the job's lease; a replica that dies loses it when it expires.
   */
  holdLease(name: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
  /**
   * An app's installation in one workspace (Slack's "Add to Slack": its tokens), under `key` (the
   * team, or the org for an org-wide install), replaced when installed again. `record` is opaque
   * here: the adapter seals it (src/store/sealed.ts) before it reaches the store. With `replacing`,
   * only that exact record is replaced (sealing it again must not undo a reinstall meanwhile).
   */
  saveInstallation(platform: Platform, key: string, record: string, now: number, replacing?: string): Promise<void>;
  /** The installation saved under `key`, or undefined. */
  loadInstallation(platform: Platform, key: string): Promise<string | undefined>;
  /**
   * The app left a workspace (uninstalled, its token revoked): its installation and every
   * subscription there, channels' and alerts' (with their undelivered entries), are removed at once.
   */
  removeWorkspace(platform: Platform, workspaceId: string): Promise<{ installation: boolean; subscriptions: number }>;
  /**
   * Calls `listener` whenever any process sharing the store queues announcements (PostgreSQL's
   * LISTEN/NOTIFY), so every replica delivers a burst at once; resolves to a function that stops
   * listening. Absent (SQLite: one process): the process that queues delivers, and the poll covers the rest.
   */
  watchOutbox?(listener: () => void): Promise<() => Promise<void>>;
  /** Outbox rows, oldest first (for the CLI, logs and tests). */
  outbox(where?: { status?: OutboxStatus; subscriptionId?: number }): Promise<OutboxRow[]>;

  close(): Promise<void>;
}

/** A paged answer as buttons find it again: the command and input to re-run, and who may page it. */
export interface StoredAnswer {
  continuation: { command: string; input: Record<string, unknown> };
  ownerId: string;
  /** Epoch ms. */
  createdAt: number;
}

export interface SubscriptionQuery {
  platform?: Platform;
  workspaceId?: string;
  channelId?: string;
  kind?: SubscriptionKind;
}

export interface SubscriptionActivity {
  subscriptionId: number;
  /** Epoch ms of the last post; null: nothing posted yet. */
  lastSentAt: number | null;
  /** Posts since the `since` asked for. */
  sentSince: number;
  /** Entries waiting (due or retrying). */
  pending: number;
  /** Entries the platform refused for good. */
  failed: number;
}

/** One post, as `recentPosts` lists it. */
export interface PostedEntry {
  channel: ChannelRef;
  ideaIds: string[];
  payload: OutboxPayload;
  /** Epoch ms. */
  sentAt: number;
}

/** What the store remembers of a source between checks. */
export interface SourceState extends Validators {
  label: string;
  location: string | null;
  /** The parser that read the recorded version: another parser reads the source again. */
  parsedWith: string | null;
  checkedAt: string | null;
  /** When a version was last recorded; null: never (the next one is the source's first). */
  recordedAt: string | null;
  lastError: string | null;
  /** Ideas in the recorded version. */
  presentCount: number;
}

/**
 * The reads and writes of one write transaction: what recording a source's new version needs
 * (src/announce/record.ts). Valid only while its transaction runs.
 */
export interface StoreTransaction {
  sourceState(label: string): Promise<SourceState | undefined>;
  /** Ids of the source's last recorded version. */
  presentIds(label: string): Promise<string[]>;
  /** Which of these ids were ever recorded (in any source), and which idea each issue key identifies. */
  knownIdeas(lookup: { ids: readonly string[]; issueKeys: readonly string[] }): Promise<KnownIdeaKeys>;
  /** Makes `ideas` the source's recorded version, in this order; ideas it no longer holds stay known. */
  recordVersion(version: SourceVersion): Promise<void>;
  subscriptions(): Promise<Subscription[]>;
  /** Writes entries to the outbox, due at `now` (or at an entry's `dueAt`). */
  enqueue(entries: readonly NewOutboxEntry[], now: Date): Promise<void>;
  /**
   * For personal alerts' limit per day: per subscription, the entries written since `since` (the
   * oldest one's time), and its newest entry not yet tried (pending, never attempted, not leased),
   * which new ideas can join instead of making another message.
   */
  recentEntries(subscriptionIds: readonly number[], since: number): Promise<Map<number, RecentEntries>>;
  /** Replaces the ideas and payload of an entry not yet tried (see recentEntries); false when it has been tried or is gone since. */
  rewriteUntried(id: number, ideaIds: readonly string[], payload: OutboxPayload): Promise<boolean>;
}

export interface RecentEntries {
  count: number;
  /** Epoch ms of the oldest entry counted. */
  oldestAt: number;
  untried: { id: number; ideaIds: string[]; payload: OutboxPayload } | null;
}

export interface KnownIdeaKeys {
  /** The looked-up ids recorded before. */
  ids: Set<string>;
  /** Looked-up issue key → the recorded idea it identifies (the smallest id when several do). */
  ideaByIssue: Map<string, string>;
  /** The looked-up ids ever recorded as accepted, in any source. */
  accepted: Set<string>;
}

export interface SourceVersion {
  source: string;
  location: string;
  validators: Validators;
  parsedWith: string;
  now: Date;
  /** The source's ideas, one per id, with the issue keys that identify each (kept for later renames). */
  ideas: ReadonlyArray<{ idea: Idea; issueKeys: readonly string[] }>;
}

/**
 * What an outbox entry carries, frozen when written: JSON the store keeps as it was given and never
 * reads. Empty here on purpose: its writer declares the shape by merging into this interface
 * (src/announce/message.ts), so readers of entries get it typed without the store importing it.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging, see above
export interface OutboxPayload {}

export interface NewOutboxEntry {
  subscriptionId: number;
  ideaIds: string[];
  payload: OutboxPayload;
  /** Epoch ms it becomes due; default: at once. */
  dueAt?: number;
}

/**
 * A platform's name, as its adapter folder and its sink say it ("discord", "slack", "shell"): lower
 * case letters, digits and dashes, at most 32. The core knows no list of them: a new platform is a
 * new folder of adapters/.
 */
export type Platform = string;

/** A channel on a platform: Discord guild and channel, Slack team and channel, or the shell. */
export interface ChannelRef {
  platform: Platform;
  workspaceId: string;
  channelId: string;
}

export interface SubscriptionFilter {
  /** Canonical skills; an idea matches when it asks for any of them. Empty: any idea. */
  skills: string[];
  /** A project or group name, matched by projectFilter (src/catalog/project-filter.ts); null: any project. */
  project: string | null;
  /**
   * `proposed` (the default): every new idea as soon as it is seen, a proposal included;
   * `accepted`: an idea when it is first seen accepted (approved, exported, in a term's README).
   */
  stage: Stage;
}

export interface NewSubscription extends ChannelRef, Omit<SubscriptionFilter, "stage"> {
  /** Default `proposed`. */
  stage?: Stage;
  /** Default `channel`. */
  kind?: SubscriptionKind;
  /** Default none (any term). */
  terms?: string[];
  createdBy: string;
  now: Date;
}

/**
 * `channel`: a channel's announcements. `dm`: one person's alert (`notify`), delivered by direct
 * message: its channelId is the person's user id, its workspaceId where their alert lives
 * (ALERT_SCOPE on Discord and the shell, the team on Slack).
 */
export type SubscriptionKind = "channel" | "dm";

/** Where a person's alert lives on Discord and in the shell: one per person per platform (Slack's is per team). */
export const ALERT_SCOPE = "@me";

export interface Subscription extends ChannelRef, SubscriptionFilter {
  id: number;
  kind: SubscriptionKind;
  /** Term keys an alert is limited to (`term:`); empty: any term. */
  terms: string[];
  createdBy: string;
  createdAt: string;
  /** Why delivery is paused (channel gone, access lost); null when active. */
  pausedReason: string | null;
}

export type OutboxStatus = "pending" | "sent" | "failed";

/** One announcement for one channel: one idea, or a digest of several. */
export interface OutboxEntry {
  id: number;
  /**
   * Unique across stores (the store's random id and the entry's id): the idempotency key platforms
   * see (Discord nonce, Slack metadata), so two deployments posting in one channel never mistake
   * each other's messages for their own.
   */
  key: string;
  subscription: ChannelRef & { id: number; kind: SubscriptionKind };
  ideaIds: string[];
  payload: OutboxPayload;
  /** Attempts so far, this one included: above 1, an earlier attempt may have been accepted. */
  attempts: number;
  /** Epoch ms. */
  createdAt: number;
}

export interface OutboxRow extends OutboxEntry {
  status: OutboxStatus;
  nextAttemptAt: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  messageId: string | null;
  lastError: string | null;
  sentAt: number | null;
}

/**
 * The store cannot hold the bot's state: DATA_DIR not creatable or writable, a database that is not
 * ours or is newer, a PostgreSQL server it cannot reach. The message names the place (its password
 * redacted) and what to check, so the process can say it in one line.
 */
export class StoreOpenError extends Error {
  override readonly name = "StoreOpenError";
}
