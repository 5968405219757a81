import { randomBytes } from "node:crypto";
import type { CommandContext } from "./command.ts";
import { refusalReply, type Continuation, type Reply } from "./reply.ts";

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

/** Runs a command, as `dispatch` in commands/index.ts does (passed in: src/ does not import the commands). */
export type Dispatch = (name: string, input: Record<string, unknown>, context: CommandContext) => Promise<Reply>;

/** A token that may be used by the person pressing, or the refusal to show them instead. */
export type Opened = { ok: true; continuation: Continuation } | { ok: false; refusal: Reply };

/**
 * Paged answers behind buttons, one rule for every adapter: a token is looked up, an expired one
 * answers "run the command again", someone else's answers "only the person who asked", and a good
 * one re-runs its command for the page asked. Refusals are replies with a reason
 * (`answerExpired`, `notAnswerOwner`) each adapter words, shown privately rather than in the answer.
 */
export class PagedAnswers {
  constructor(
    private readonly dispatch: Dispatch,
    private readonly store = new AnswerStore(),
  ) {}

  /** Remembers an answer for its asker; the token goes into its buttons. */
  start(continuation: Continuation, ownerId: string): string {
    return this.store.put(continuation, ownerId);
  }

  /**
   * Checks a token for the person pressing, before any work: Discord must choose between updating
   * the answer and telling the presser privately before the page is computed.
   */
  open(token: string, userId: string): Opened {
    const entry = this.store.get(token);
    if (!entry) return { ok: false, refusal: refusalReply("answerExpired") };
    if (entry.ownerId !== userId) return { ok: false, refusal: refusalReply("notAnswerOwner") };
    return { ok: true, continuation: entry.continuation };
  }

  /** Page `page` (from 1) of an opened answer, re-run for the context's person and place. */
  page(opened: Extract<Opened, { ok: true }>, page: number, context: Omit<CommandContext, "page">): Promise<Reply> {
    const { command, input } = opened.continuation;
    return this.dispatch(command, input, { ...context, page: Math.max(1, Math.floor(page) || 1) });
  }

  /** Open and page in one step: the page, or the refusal (see `refusalOf`). */
  resume(token: string, page: number, context: Omit<CommandContext, "page">): Promise<Reply> {
    const opened = this.open(token, context.userId);
    return opened.ok ? this.page(opened, page, context) : Promise.resolve(opened.refusal);
  }
}
