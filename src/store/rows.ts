import { IdeaSchema, type Idea } from "../ideas/schema.ts";
import type { Log } from "../log.ts";
import type { OutboxEntry, OutboxPayload, OutboxRow, OutboxStatus, Platform, PostedEntry, SourceState, StoredAnswer, Subscription, SubscriptionActivity, SubscriptionKind } from "./store.ts";

/**
 * The rows both stores read, and how they become the store's objects. The stores differ only in
 * how a JSON column comes back: SQLite keeps it as TEXT to parse, pg hands a `json` column over
 * already parsed. So the rows are parametrised by that column's type `J`, and each store gives its
 * own way of reading one (`readJson`): a pg value is never parsed a second time (a `json` column
 * holding a JSON string stays a string, as it always has).
 */
export type ReadJson<J> = (value: J) => unknown;

/** SQLite: JSON from a TEXT column, or undefined when the row holds something else. */
export function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** PostgreSQL: pg has parsed a `json` column already. */
export const parsedJson: ReadJson<unknown> = (value) => value;

export interface SourceRow {
  label: string;
  location: string | null;
  content_hash: string | null;
  etag: string | null;
  last_modified: string | null;
  parsed_with: string | null;
  checked_at: string | null;
  recorded_at: string | null;
  last_error: string | null;
}

export interface SubscriptionRow<J> {
  id: number;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  skills: J;
  project: string | null;
  stage: string;
  kind: string;
  terms: J;
  created_by: string;
  created_at: string;
  paused_reason: string | null;
}

export interface OutboxDbRow<J> {
  id: number;
  subscription_id: number;
  platform: Platform;
  workspace_id: string;
  channel_id: string;
  kind: string;
  idea_ids: J;
  payload: J;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: number;
  lease_owner: string | null;
  lease_until: number | null;
  message_id: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface AnswerRow<J> {
  owner_id: string;
  continuation: J;
  created_at: number;
}

export interface ActivityRow {
  subscription_id: number;
  last_sent_at: number | null;
  sent_since: number;
  pending: number;
  failed: number;
}

export const OUTBOX_SELECT = `SELECT o.*, s.platform, s.workspace_id, s.channel_id, s.kind FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id`;

/** What an outbox row set aside as unreadable says in its last_error. */
export const UNREADABLE_OUTBOX_ERROR = "malformed row: its ideas or payload are not readable";

const kindOf = (value: string): SubscriptionKind => (value === "dm" ? "dm" : "channel");

/** The ideas of these rows, validated on the way out like any input: a row written by an older version must not break search. */
export function ideasOf<J>(rows: readonly { data: J }[], readJson: ReadJson<J>): Idea[] {
  return rows.flatMap((r) => {
    const parsed = IdeaSchema.safeParse(readJson(r.data));
    return parsed.success ? [parsed.data] : [];
  });
}

/** A parse cache entry, validated like any input: a damaged entry is a miss (undefined), and the file is parsed again. */
export function cachedIdeasOf<J>(ideas: J, readJson: ReadJson<J>): Idea[] | undefined {
  const parsed = IdeaSchema.array().safeParse(readJson(ideas));
  return parsed.success ? parsed.data : undefined;
}

export function sourceStateOf(label: string, row: SourceRow, presentCount: number): SourceState {
  return {
    label,
    location: row.location,
    contentHash: row.content_hash,
    etag: row.etag,
    lastModified: row.last_modified,
    parsedWith: row.parsed_with,
    checkedAt: row.checked_at,
    recordedAt: row.recorded_at,
    lastError: row.last_error,
    presentCount,
  };
}

/** The subscriptions of these rows; one whose skills or terms are not lists of strings is left out, with a log line. */
export function subscriptionsOf<J>(rows: readonly SubscriptionRow<J>[], readJson: ReadJson<J>, log: Log): Subscription[] {
  const strings = (value: unknown): value is string[] => Array.isArray(value) && value.every((s) => typeof s === "string");
  return rows.flatMap((r) => {
    const skills = readJson(r.skills);
    const terms = readJson(r.terms);
    if (!strings(skills) || !strings(terms)) {
      log(`subscription ${r.id} (${r.platform} channel ${r.channel_id}) has a malformed filter; it is left out until someone subscribes there again`, "warn");
      return [];
    }
    return [
      {
        id: r.id,
        platform: r.platform,
        workspaceId: r.workspace_id,
        channelId: r.channel_id,
        kind: kindOf(r.kind),
        terms,
        skills,
        project: r.project,
        stage: r.stage === "accepted" ? "accepted" : "proposed",
        createdBy: r.created_by,
        createdAt: r.created_at,
        pausedReason: r.paused_reason,
      },
    ];
  });
}

/** What can be read of an outbox row: its ideas an array, its payload an object. */
export function isEntryReadable(ideaIds: unknown, payload: unknown): boolean {
  return Array.isArray(ideaIds) && typeof payload === "object" && payload !== null;
}

/** An outbox row as an entry, given its ideas and payload as read; null when they cannot be read. */
function entryOf(r: OutboxDbRow<unknown>, storeId: string, ideaIds: unknown, payload: unknown): OutboxEntry | null {
  if (!isEntryReadable(ideaIds, payload)) return null;
  return {
    id: r.id,
    // The store's id makes outbox keys unique across deployments.
    key: `${storeId}-${r.id.toString(36)}`,
    subscription: { id: r.subscription_id, platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id, kind: kindOf(r.kind) },
    ideaIds: ideaIds as string[],
    payload: payload as OutboxPayload,
    attempts: r.attempts,
    createdAt: r.created_at,
  };
}

/** An outbox row as an entry, or null when its ideas or payload cannot be read. */
export function outboxEntryOf<J>(r: OutboxDbRow<J>, readJson: ReadJson<J>, storeId: string): OutboxEntry | null {
  return entryOf(r, storeId, readJson(r.idea_ids), readJson(r.payload));
}

/** A listing for people and logs: a malformed row shows with no ideas and an empty payload. */
export function outboxRowOf<J>(r: OutboxDbRow<J>, readJson: ReadJson<J>, storeId: string): OutboxRow {
  return {
    ...(outboxEntryOf(r, readJson, storeId) ?? entryOf(r, storeId, [], {})!),
    status: r.status,
    nextAttemptAt: r.next_attempt_at,
    leaseOwner: r.lease_owner,
    leaseUntil: r.lease_until,
    messageId: r.message_id,
    lastError: r.last_error,
    sentAt: r.sent_at,
  };
}

/** Claimed rows: the entries to deliver, and the rows to set aside (their ideas or payload cannot be read). */
export function claimedOf<J>(rows: readonly OutboxDbRow<J>[], readJson: ReadJson<J>, storeId: string): { entries: OutboxEntry[]; unreadable: OutboxDbRow<J>[] } {
  const entries: OutboxEntry[] = [];
  const unreadable: OutboxDbRow<J>[] = [];
  for (const r of rows) {
    const entry = outboxEntryOf(r, readJson, storeId);
    if (entry) entries.push(entry);
    else unreadable.push(r);
  }
  return { entries, unreadable };
}

/** The log line of a row set aside as failed (UNREADABLE_OUTBOX_ERROR). */
export function logSetAside(log: Log, r: OutboxDbRow<unknown>): void {
  log(`outbox entry ${r.id} (${r.platform} channel ${r.channel_id}) is malformed and was set aside as failed`, "warn");
}

/** Sent rows as posts; a row whose ideas or payload cannot be read is left out of a listing for people. */
export function postsOf<J>(rows: readonly OutboxDbRow<J>[], readJson: ReadJson<J>, storeId: string): PostedEntry[] {
  return rows.flatMap((r) => {
    const entry = outboxEntryOf(r, readJson, storeId);
    return entry ? [{ channel: { platform: r.platform, workspaceId: r.workspace_id, channelId: r.channel_id }, ideaIds: entry.ideaIds, payload: entry.payload, sentAt: r.sent_at ?? 0 }] : [];
  });
}

export function activityOf(r: ActivityRow): SubscriptionActivity {
  return { subscriptionId: r.subscription_id, lastSentAt: r.last_sent_at, sentSince: r.sent_since, pending: r.pending, failed: r.failed };
}

/** A saved answer, read back like any input: a row that is not a continuation is no answer. */
export function answerOf<J>(row: AnswerRow<J>, readJson: ReadJson<J>): StoredAnswer | undefined {
  const continuation = readJson(row.continuation) as { command?: unknown; input?: unknown } | null | undefined;
  if (typeof continuation !== "object" || typeof continuation?.command !== "string" || typeof continuation.input !== "object" || continuation.input === null || Array.isArray(continuation.input)) {
    return undefined;
  }
  return { continuation: { command: continuation.command, input: continuation.input as Record<string, unknown> }, ownerId: row.owner_id, createdAt: row.created_at };
}

/** The store's reads a transaction shares (they log rows they cannot read). */
export interface SharedReads {
  sourceState(label: string): SourceState | undefined | Promise<SourceState | undefined>;
  subscriptions(): Subscription[] | Promise<Subscription[]>;
}

/**
 * What both stores' transactions share: the reads they take from their store, and the guard that
 * makes their methods refuse to run once the transaction has ended (a leftover call would write
 * outside any transaction).
 */
export abstract class EndingTransaction {
  private open = true;

  constructor(private readonly reads: SharedReads) {}

  end(): void {
    this.open = false;
  }

  async sourceState(label: string): Promise<SourceState | undefined> {
    this.ensureOpen();
    return this.reads.sourceState(label);
  }

  async subscriptions(): Promise<Subscription[]> {
    this.ensureOpen();
    return this.reads.subscriptions();
  }

  protected ensureOpen(): void {
    if (!this.open) throw new Error("this store transaction has ended: its methods work only inside the transaction's callback");
  }
}

/** Leases expired for this long are dropped, once every LEASE_PRUNE_EVERY leases held (both stores). */
export const LEASE_KEEP_MS = 60 * 60 * 1000;
export const LEASE_PRUNE_EVERY = 100;
