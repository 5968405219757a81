import type { OutboxEntry, Platform } from "../store/store.ts";

/**
 * Where announcements go: one sink per platform. Delivery (src/announce/deliver.ts) hands a sink
 * each due outbox entry and marks it sent only when `post` resolves. A sink throws:
 *   - RetryLaterError: rate limited, the platform is down, a network error (any other error too);
 *   - ChannelUnavailableError: the channel is gone or the bot may not post there — the
 *     subscription is paused, with a log line;
 *   - RejectedError: the platform refuses this message for good (the entry fails, logged).
 */
export interface AnnouncementSink {
  platform: Platform;
  /** Posts the entry; resolves once the platform accepted it, with the platform's message id. */
  post(entry: OutboxEntry): Promise<{ messageId: string }>;
  /**
   * Before a retry (entry.attempts > 1): the id of a message an earlier attempt already posted, or
   * null. Covers a crash between the platform's acceptance and the outbox's "sent".
   */
  alreadyPosted?(entry: OutboxEntry): Promise<string | null>;
}

/** Try again later: rate limited (with the platform's wait, when it says), down, or unreachable. */
export class RetryLaterError extends Error {
  override readonly name = "RetryLaterError";
  constructor(
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** The channel is gone, or the bot lost access to it: retrying will not help until someone acts. */
export class ChannelUnavailableError extends Error {
  override readonly name = "ChannelUnavailableError";
  constructor(
    message: string,
    readonly reason: "gone" | "forbidden",
  ) {
    super(message);
  }
}

/**
 * The platform refuses this message: the entry fails. `lessMayPass`: the platform refused the body
 * itself (too long, a block or URL it will not take), so the same announcement in a shorter form
 * may pass (see postWithLessDetail).
 */
export class RejectedError extends Error {
  override readonly name = "RejectedError";
  constructor(
    message: string,
    readonly lessMayPass = false,
  ) {
    super(message);
  }
}

/** How much of an announcement a message carries: all of it, a shorter form, the least that still says what is new. */
export type Detail = "full" | "short" | "minimal";
export const DETAILS: readonly Detail[] = ["full", "short", "minimal"];

/**
 * Posts at full detail; when the platform refuses the body (our idea of its limits was wrong, a URL
 * it will not take), again shorter, then at the least detail, so a refused body never loses the
 * announcement. Any other error (rate limit, gone channel, outage) is thrown at once, for the outbox.
 */
export async function postWithLessDetail<T>(post: (detail: Detail) => Promise<T>): Promise<T> {
  const refusals: string[] = [];
  for (const detail of DETAILS) {
    try {
      return await post(detail);
    } catch (error) {
      if (!(error instanceof RejectedError) || !error.lessMayPass) throw error;
      refusals.push(`${detail}: ${error.message}`);
    }
  }
  throw new RejectedError(`refused in every form (${refusals.join("; ")})`);
}
