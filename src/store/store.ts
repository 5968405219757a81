import type { AnnouncementPayload } from "../announce/message.ts";
import type { Idea } from "../ideas/schema.ts";
import type { Validators } from "../sources/fetch.ts";

export type { Validators };

/**
 * Durable state, behind a narrow interface so that a Postgres store (for several replicas) is one
 * new file: sources and their validators, every idea ever seen per source, subscriptions, and the
 * announcement outbox. Every method that changes state is one transaction. Methods are async
 * because a networked database is; the SQLite store (src/store/sqlite-store.ts) answers at once.
 *
 * What a second implementation must keep: recordCheck classifies and enqueues inside its write
 * transaction (Postgres: SERIALIZABLE, or a lock on the source row), so two processes never both
 * find an idea new; claimDue leases atomically (Postgres: `FOR UPDATE SKIP LOCKED`).
 */
export interface Store {
  sourceState(label: string): Promise<SourceState | undefined>;
  /**
   * Records a new version of a source and returns the ideas never seen before in any source
   * (rules: src/announce/plan.ts), writing their announcements to the outbox for every matching
   * subscription — all in one transaction. A source's first version is recorded silently unless
   * `announceExisting`.
   */
  recordCheck(record: CheckRecord): Promise<CheckResult>;
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
  subscriptions(where?: { platform?: Platform; workspaceId?: string; channelId?: string }): Promise<Subscription[]>;
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
  /** Gives up on the entry: the platform refused it for good, or too many attempts. */
  markFailed(id: number, owner: string, error: string, now: number): Promise<boolean>;
  /** Outbox rows, oldest first (for the CLI, logs and tests). */
  outbox(where?: { status?: OutboxStatus; subscriptionId?: number }): Promise<OutboxRow[]>;

  close(): Promise<void>;
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

export interface CheckRecord {
  source: string;
  location: string;
  /** The source's whole current list of ideas. */
  ideas: Idea[];
  validators: Validators;
  parsedWith: string;
  now: Date;
  /** Announce the ideas of a source's first check (otherwise they are recorded silently). */
  announceExisting: boolean;
  /** Announce all new ideas of this version as one digest per channel (a new term's first list). */
  digest?: boolean;
}

export interface CheckResult {
  /** This was the source's first recorded version. */
  firstCheck: boolean;
  /** Ideas never seen before in any source, announced (empty on a silent first check). */
  newIdeas: Idea[];
  /** Never seen before but recorded silently (a first check without ANNOUNCE_EXISTING). */
  silent: Idea[];
  /** New ids recognised as known ideas by an upstream issue (renames, moves). */
  matched: Array<{ id: string; knownId: string }>;
  /** Ids of the previous version that this one no longer holds (nothing is announced for them). */
  removed: string[];
  /** Outbox entries written. */
  enqueued: number;
}

export type Platform = "discord" | "slack" | "shell";
export const PLATFORMS: readonly Platform[] = ["discord", "slack", "shell"];

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
}

export interface NewSubscription extends ChannelRef, SubscriptionFilter {
  createdBy: string;
  now: Date;
}

export interface Subscription extends ChannelRef, SubscriptionFilter {
  id: number;
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
  subscription: ChannelRef & { id: number };
  ideaIds: string[];
  payload: AnnouncementPayload;
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
