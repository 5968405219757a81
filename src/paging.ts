import { randomBytes } from "node:crypto";
import type { Continuation } from "./reply.ts";

export interface StoredAnswer {
  continuation: Continuation;
  /** The person who asked: only they may page an ephemeral answer. */
  ownerId: string;
  createdAt: number;
}

/**
 * Remembers paged answers behind short tokens, for buttons whose ids are too short to hold a query
 * (Discord's custom_id is 100 characters). Bounded in size and age: an old button answers
 * "expired, run the command again" instead of growing memory forever.
 */
export class AnswerStore {
  private readonly entries = new Map<string, StoredAnswer>();

  constructor(
    private readonly maxEntries = 5_000,
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores an answer and returns its token (10 URL-safe characters). */
  put(continuation: Continuation, ownerId: string): string {
    const token = randomBytes(8).toString("base64url").slice(0, 10);
    this.entries.set(token, { continuation, ownerId, createdAt: this.now() });
    // Maps iterate in insertion order: the first entries are the oldest.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return token;
  }

  get(token: string): StoredAnswer | undefined {
    const entry = this.entries.get(token);
    if (!entry) return undefined;
    if (this.now() - entry.createdAt > this.ttlMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  get size(): number {
    return this.entries.size;
  }
}
