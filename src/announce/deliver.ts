import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { definedOnly } from "../sources/fetch.ts";
import type { OutboxEntry, Platform, Store } from "../store/store.ts";
import { ChannelUnavailableError, RejectedError, RetryLaterError, type AnnouncementSink } from "./sink.ts";
import type { Log, LogLevel } from "../log.ts";

export interface DeliveryOptions {
  store: Store;
  sinks?: AnnouncementSink[];
  /** Who holds leases: unique per process (default: host, pid and a random part). */
  owner?: string;
  log?: Log;
  /** Epoch ms (tests move it forward). */
  now?: () => number;
  /** How long a claimed entry is ours; a process that dies loses it after this (default 2 min). */
  leaseMs?: number;
  /** Longest wait for one post before it counts as failed (default 30 s; keep it well under leaseMs). */
  postTimeoutMs?: number;
  /** Entries claimed at a time (default 20). */
  batch?: number;
  /** Channels posted to at once (default 4): a slow answer from one does not hold up the others. */
  concurrency?: number;
  /** Attempts before an entry fails for good (default 48: two days at the capped backoff). */
  maxAttempts?: number;
  /** Backoff: base × 2^(attempt-1), capped, with jitter (defaults 30 s and 1 h). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How often started delivery looks for due entries (retries, other processes' checks; default 30 s). */
  intervalMs?: number;
  random?: () => number;
}

export interface DeliveryReport {
  sent: number;
  /** Found already posted by an earlier attempt, and marked sent without posting again. */
  alreadyPosted: number;
  retried: number;
  failed: number;
  paused: number;
  /** Posted, but another owner took the entry meanwhile (the platform deduplicated it). */
  lostLease: number;
}

/** Channels one process posts to at once, by default. */
export const DELIVERY_CONCURRENCY = 4;

const DEFAULTS = { leaseMs: 120_000, postTimeoutMs: 30_000, batch: 20, concurrency: DELIVERY_CONCURRENCY, maxAttempts: 48, retryBaseMs: 30_000, retryMaxMs: 3_600_000, intervalMs: 30_000 };

/** The wait before attempt `attempts + 1`: exponential with ±25% jitter, at least the platform's Retry-After. */
export function retryDelay(attempts: number, retryAfterMs: number | undefined, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(retryAfterMs ?? 0, Math.round(exponential * (0.75 + random() * 0.5)));
}

/**
 * Delivers the outbox: each due entry goes to its platform's sink and is marked sent only after
 * the platform accepted it. A failure is retried with backoff (next_attempt_at), so a crash or an
 * outage delays an announcement but never loses it; a gone or forbidden channel pauses its
 * subscription. Exactly once: an entry is leased to one process at a time (Store.claimDue), and
 * before a retry the sink is asked whether an earlier attempt already landed (crash after the
 * platform accepted, before "sent" was written); Discord's enforced nonce covers the same gap.
 */
export class Delivery {
  private readonly sinks = new Map<Platform, AnnouncementSink>();
  private readonly opts: typeof DEFAULTS & DeliveryOptions;
  readonly owner: string;
  private running?: Promise<DeliveryReport>;
  private again = false;
  private stopping = false;
  private timer?: NodeJS.Timeout;

  constructor(options: DeliveryOptions) {
    this.opts = { ...DEFAULTS, ...definedOnly(options), store: options.store };
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
    for (const sink of options.sinks ?? []) this.addSink(sink);
  }

  /** Adds (or replaces) the sink of a platform; its pending entries go out on the next pass. */
  addSink(sink: AnnouncementSink): void {
    this.sinks.set(sink.platform, sink);
  }

  get platforms(): Platform[] {
    return [...this.sinks.keys()];
  }

  /**
   * Delivers every due entry of the platforms with a sink. Passes never overlap: a call during a
   * pass runs one more pass after it (so entries queued meanwhile are not left for the timer).
   */
  deliverNow(): Promise<DeliveryReport> {
    if (this.stopping) return Promise.resolve(emptyReport());
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      const total = emptyReport();
      do {
        this.again = false;
        add(total, await this.pass());
      } while (this.again && !this.stopping);
      return total;
    })().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** Looks for due entries every intervalMs (retries coming due, entries queued by another process). */
  start(): void {
    this.timer ??= setInterval(() => {
      this.deliverNow().catch((error: unknown) => this.log(`delivery failed: ${(error as Error).message}`, "error"));
    }, this.opts.intervalMs);
    this.timer.unref();
  }

  /**
   * Stops delivering: the posts in flight are finished (and marked), the entries leased but not yet
   * tried are handed back at once (due for the next process, no attempt counted), and nothing new
   * starts. So a shutdown waits for the posts in flight (one per channel being posted to), not a whole batch.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }

  private log(message: string, level?: LogLevel): void {
    this.opts.log?.(message, level);
  }

  private now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private async pass(): Promise<DeliveryReport> {
    const report = emptyReport();
    const { store, batch, leaseMs } = this.opts;
    // Bounded: an entry retried in this pass is due later, so it is not claimed again.
    for (let round = 0; round < 1_000; round++) {
      const entries = await store.claimDue({ owner: this.owner, platforms: this.platforms, now: this.now(), leaseMs, limit: batch });
      if (entries.length === 0) break;
      await this.deliverBatch(entries, report);
      if (this.stopping) break;
    }
    return report;
  }

  /**
   * Posts a claimed batch: up to `concurrency` channels at once, each channel's entries one after
   * another in the order queued (a channel's announcements never race each other, and its rate
   * limit sees one post at a time). Stopping, the posts in flight finish and every entry not yet
   * tried is handed back.
   */
  private async deliverBatch(entries: readonly OutboxEntry[], report: DeliveryReport): Promise<void> {
    const { store, concurrency } = this.opts;
    const byChannel = new Map<string, OutboxEntry[]>();
    for (const entry of entries) {
      const { platform, workspaceId, channelId, kind } = entry.subscription;
      const key = JSON.stringify([platform, workspaceId, channelId, kind]);
      byChannel.set(key, [...(byChannel.get(key) ?? []), entry]);
    }
    const channels = [...byChannel.values()];
    const worker = async () => {
      for (let channel = channels.shift(); channel; channel = channels.shift()) {
        for (const [i, entry] of channel.entries()) {
          if (this.stopping) {
            for (const untried of channel.slice(i)) await store.release(untried.id, this.owner);
            break;
          }
          await this.deliverOne(entry, report);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, channels.length)) }, worker));
  }

  private async deliverOne(entry: OutboxEntry, report: DeliveryReport): Promise<void> {
    const { store } = this.opts;
    const where = `${entry.subscription.platform} ${entry.subscription.kind === "dm" ? "user" : "channel"} ${entry.subscription.channelId}`;
    const sink = this.sinks.get(entry.subscription.platform)!;
    let messageId: string;
    let earlier = false;
    try {
      const found = entry.attempts > 1 && sink.alreadyPosted ? await this.withTimeout(sink.alreadyPosted(entry)) : null;
      earlier = Boolean(found);
      messageId = found ?? (await this.withTimeout(sink.post(entry))).messageId;
    } catch (error) {
      await this.failed(entry, error, where, report);
      return;
    }
    if (await store.markSent(entry.id, this.owner, messageId, this.now())) {
      if (earlier) {
        report.alreadyPosted++;
        this.log(`announcement ${entry.id} to ${where} was already posted by an earlier attempt (${messageId}); marked sent`);
      } else {
        report.sent++;
        // One line per announcement delivered: what an operator looks for when a channel says it got nothing.
        this.log(`announcement ${entry.id} to ${where} delivered (${describeIdeas(entry)})`);
      }
    } else {
      report.lostLease++;
      this.log(`announcement ${entry.id} to ${where}: posted (${messageId}) after its lease expired; the platform's idempotency key covers a second post`, "warn");
    }
  }

  private async failed(entry: OutboxEntry, error: unknown, where: string, report: DeliveryReport): Promise<void> {
    const { store, maxAttempts, retryBaseMs, retryMaxMs, random } = this.opts;
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ChannelUnavailableError) {
      await store.pauseSubscription(entry.subscription.id, `${error.reason}: ${message}`);
      // Held, not lost: it goes out if the channel subscribes again.
      await store.markRetry(entry.id, this.owner, this.now(), message);
      report.paused++;
      const resume = entry.subscription.kind === "dm" ? "The person is told at their next command; `notify` again resumes it." : "Run subscribe in that channel again to resume.";
      this.log(`${entry.subscription.kind === "dm" ? "alert" : "subscription"} ${entry.subscription.id} (${where}) paused: ${message}. ${resume}`, "warn");
      return;
    }
    if (error instanceof RejectedError || entry.attempts >= maxAttempts) {
      await store.markFailed(entry.id, this.owner, message, this.now());
      report.failed++;
      this.log(`announcement ${entry.id} to ${where} (${describeIdeas(entry)}) failed for good after ${entry.attempts} attempt(s): ${message}`, "error");
      return;
    }
    const retryAfter = error instanceof RetryLaterError ? error.retryAfterMs : undefined;
    const wait = retryDelay(entry.attempts, retryAfter, retryBaseMs, retryMaxMs, random);
    await store.markRetry(entry.id, this.owner, this.now() + wait, message);
    report.retried++;
    this.log(`announcement ${entry.id} to ${where}: ${message}; retrying in ${Math.round(wait / 1000)} s`, "warn");
  }

  private withTimeout<T>(work: Promise<T>): Promise<T> {
    const ms = this.opts.postTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RetryLaterError(`no answer within ${ms} ms`)), ms);
    });
    return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
  }
}

/** The ideas of an entry for a log line: ids and titles, the first three. */
function describeIdeas(entry: OutboxEntry): string {
  const { ideas } = entry.payload;
  const named = ideas.slice(0, 3).map((idea) => `${idea.id} "${idea.title.slice(0, 80)}"`);
  return ideas.length > 3 ? `${named.join(", ")} and ${ideas.length - 3} more` : named.join(", ");
}

function emptyReport(): DeliveryReport {
  return { sent: 0, alreadyPosted: 0, retried: 0, failed: 0, paused: 0, lostLease: 0 };
}

function add(total: DeliveryReport, more: DeliveryReport): void {
  for (const key of Object.keys(total) as Array<keyof DeliveryReport>) total[key] += more[key];
}
