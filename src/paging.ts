import { randomBytes } from "node:crypto";
import type { CommandContext } from "./command.ts";
import { refusalReply, type Continuation, type Reply } from "./reply.ts";
import type { StoredAnswer } from "./store/store.ts";

/** An answer behind a token: its continuation, and the person who asked (only they may page an ephemeral answer). */
export type { StoredAnswer };

/**
 * Where answers are kept beyond this process (the store: `answers` table), so a button still works
 * after a restart, and on another replica than the one that answered.
 */
export interface AnswerBacking {
  saveAnswer(token: string, answer: StoredAnswer): Promise<void>;
  loadAnswer(token: string): Promise<StoredAnswer | undefined>;
}

export interface AnswerStoreOptions {
  maxEntries?: number;
  ttlMs?: number;
  now?: () => number;
  backing?: AnswerBacking;
  /** Told when saving to the backing fails (the answer still works from memory here). */
  onError?: (error: unknown) => void;
}

/**
 * Remembers paged answers behind short tokens, for buttons whose ids are too short to hold a query
 * (Discord's custom_id is 100 characters). In memory, bounded in size and age, and written through
 * to a backing store when there is one: a token this process does not hold is looked up there.
 * An old button answers "expired, run the command again" instead of growing memory forever.
 */
export class AnswerStore {
  private readonly entries = new Map<string, StoredAnswer>();
  /** Saves to the backing not yet done, by token. */
  private readonly saving = new Map<string, Promise<void>>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(private readonly options: AnswerStoreOptions = {}) {
    this.maxEntries = options.maxEntries ?? 5_000;
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  /** Stores an answer and returns its token (10 URL-safe characters) at once; the backing is written meanwhile (see `saved`). */
  put(continuation: Continuation, ownerId: string): string {
    const token = randomBytes(8).toString("base64url").slice(0, 10);
    const answer = { continuation, ownerId, createdAt: this.now() };
    this.remember(token, answer);
    if (this.options.backing) {
      const save = this.options.backing
        .saveAnswer(token, answer)
        .catch((error: unknown) => this.options.onError?.(error))
        .finally(() => this.saving.delete(token));
      this.saving.set(token, save);
    }
    return token;
  }

  /** Resolves once the answer behind `token` is in the backing (or failed to be, which onError was told); others' saves are not waited for. */
  async saved(token: string): Promise<void> {
    await this.saving.get(token);
  }

  async get(token: string): Promise<StoredAnswer | undefined> {
    let entry = this.entries.get(token);
    if (!entry && this.options.backing) {
      entry = await this.options.backing.loadAnswer(token);
      if (entry) this.remember(token, entry);
    }
    if (!entry) return undefined;
    if (this.now() - entry.createdAt > this.ttlMs) {
      this.entries.delete(token);
      return undefined;
    }
    return entry;
  }

  private remember(token: string, answer: StoredAnswer): void {
    this.entries.set(token, answer);
    // Maps iterate in insertion order: the first entries are the oldest.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
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

  /** Resolves once the answer behind `token` is saved where other processes find it. */
  saved(token: string): Promise<void> {
    return this.store.saved(token);
  }

  /**
   * Checks a token for the person pressing, before any work: Discord must choose between updating
   * the answer and telling the presser privately before the page is computed.
   */
  async open(token: string, userId: string): Promise<Opened> {
    const entry = await this.store.get(token);
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
  async resume(token: string, page: number, context: Omit<CommandContext, "page">): Promise<Reply> {
    const opened = await this.open(token, context.userId);
    return opened.ok ? this.page(opened, page, context) : opened.refusal;
  }
}
