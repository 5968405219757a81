import { webApi } from "@slack/bolt";
import { headline, projectLine, type AnnouncedIdea } from "../../src/announce/message.ts";
import { ChannelUnavailableError, postWithLessDetail, RejectedError, RetryLaterError, type AnnouncementSink, type Detail } from "../../src/announce/sink.ts";
import { truncate } from "../../src/reply.ts";
import type { OutboxEntry } from "../../src/store/store.ts";
import { escapeText, fitText, link } from "./escape.ts";
import { LIMITS } from "./render.ts";

/**
 * Announcements on Slack: the message for an outbox entry, posted with the Web API's WebClient
 * (Bolt's own client). The outbox owns retries and rate limits, so this client retries nothing and
 * rejects a rate-limited call instead of waiting it out.
 */

/** The Web API as the sink calls it: WebClient's `apiCall` (Bolt's `app.client` fits as it is). */
export interface SlackApi {
  apiCall(method: string, args: Record<string, unknown>): Promise<object>;
}

/** A WebClient for announcements: no retries of its own, rate limits rejected (the outbox waits). */
export function announcementClient({ token, apiUrl, timeoutMs = 15_000 }: { token: string; apiUrl?: string; timeoutMs?: number }): webApi.WebClient {
  return new webApi.WebClient(token, {
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    logLevel: webApi.LogLevel.ERROR,
    ...(apiUrl ? { slackApiUrl: apiUrl } : {}),
  });
}

export const SLACK_EVENT_TYPE = "ideas_bot_announcement";

type Block = Record<string, unknown>;

const MAX_DIGEST_SECTIONS = 8;

function section(text: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, LIMITS.sectionText) } };
}

function context(text: string): Block {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncate(text, LIMITS.contextText) }] };
}

/**
 * What an announcement fills at each detail. Full stays inside a section's 3,000 characters by
 * construction (800 + 200 + 200 + 600 + 600 + 500 and labels); a message Slack still refuses is
 * posted again with less.
 */
const BUDGETS: Record<Detail, { title: number; project: number; list: number; summary: number; links: boolean; line: { title: number; project: number; skills: number }; sections: number }> = {
  full: { title: 200, project: 200, list: 600, summary: 500, links: true, line: { title: 150, project: 80, skills: 60 }, sections: MAX_DIGEST_SECTIONS },
  short: { title: 150, project: 100, list: 200, summary: 0, links: true, line: { title: 80, project: 50, skills: 0 }, sections: 3 },
  // The least that says what is new: no link (a URL Slack refuses is one reason to get here).
  minimal: { title: 100, project: 60, list: 0, summary: 0, links: false, line: { title: 60, project: 40, skills: 0 }, sections: 1 },
};

function ideaSection(idea: AnnouncedIdea, budget: (typeof BUDGETS)[Detail]): Block {
  const lines = [`*${link(budget.links ? idea.url : null, idea.title, budget.title)}*`, `*Project:* ${fitText(projectLine(idea), budget.project)}`];
  if (budget.list > 0 && idea.skills.length) lines.push(`*Skills:* ${fitText(idea.skills.join(", "), budget.list)}`);
  if (budget.list > 0 && idea.mentors.length) lines.push(`*Mentors:* ${fitText(idea.mentors.join(", "), budget.list)}`);
  if (budget.summary > 0 && idea.summary) lines.push(fitText(idea.summary, budget.summary));
  return section(lines.join("\n"));
}

export interface AnnouncementMessage {
  text: string;
  blocks: Block[];
  metadata: { event_type: string; event_payload: { outbox_id: string; idea_ids: string[] } };
  unfurl_links: false;
  unfurl_media: false;
}

/**
 * The message for an outbox entry: one idea in full, or a digest (one line per idea, in up to eight
 * sections of 3,000 characters, then "…and N more"). It carries the outbox key in its metadata,
 * which is how a retry recognises a post that already landed. `detail` below full is for a retry
 * after Slack refused the full message.
 */
export function announcementMessage(entry: OutboxEntry, detail: Detail = "full"): AnnouncementMessage {
  const budget = BUDGETS[detail];
  const { payload } = entry;
  const blocks: Block[] = [];
  if (payload.kind === "idea" && payload.ideas.length === 1) {
    const idea = payload.ideas[0]!;
    blocks.push(section("*New project idea*"), ideaSection(idea, budget), context(`\`/ideas show ${escapeText(idea.id)}\` for the whole idea`));
  } else {
    blocks.push(section(`*${payload.ideas.length} new project ideas*`));
    const { line: fit } = budget;
    const lines = payload.ideas.map((idea) => {
      // One line stays well inside a section: an 800-character link, 150 + 80 + 60 of escaped text.
      const skills = fit.skills > 0 && idea.skills.length ? ` · ${fitText(idea.skills.slice(0, 3).join(", "), fit.skills)}` : "";
      return `• ${link(budget.links ? idea.url : null, idea.title, fit.title)} — ${fitText(projectLine(idea), fit.project)}${skills}`;
    });
    let chunk: string[] = [];
    let used = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (used + line.length + 1 > LIMITS.sectionText - 40) {
        // A digest stays readable (and far inside Slack's 50 blocks): the rest is counted.
        if (blocks.length > budget.sections) {
          chunk.push(`…and ${lines.length - i} more`);
          break;
        }
        // Never an empty section: Slack refuses the whole message for one (invalid_blocks).
        if (chunk.length) blocks.push(section(chunk.join("\n")));
        chunk = [];
        used = 0;
      }
      chunk.push(line);
      used += line.length + 1;
    }
    if (chunk.length) blocks.push(section(chunk.join("\n")));
    blocks.push(context("`/ideas show <id>` for one in full"));
  }
  return {
    text: escapeText(truncate(headline(payload), 300)),
    blocks,
    metadata: { event_type: SLACK_EVENT_TYPE, event_payload: { outbox_id: entry.key, idea_ids: entry.ideaIds } },
    unfurl_links: false,
    unfurl_media: false,
  };
}

const GONE = new Set(["channel_not_found", "is_archived", "channel_is_archived", "team_not_found"]);
const FORBIDDEN = new Set(["not_in_channel", "restricted_action", "restricted_action_read_only_channel", "restricted_action_thread_only_channel", "restricted_action_non_threadable_channel", "ekm_access_denied", "cannot_reply_to_message", "team_access_not_granted"]);
const LATER = new Set(["ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout", "invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive"]);

/** Slack refused the body itself: a shorter form of the same announcement may pass. */
const BODY_REFUSED = new Set(["msg_too_long", "invalid_blocks", "invalid_blocks_format", "invalid_metadata_format", "invalid_metadata_schema", "metadata_too_large", "no_text", "too_many_attachments", "invalid_attachments"]);

/** Maps a Slack error code onto the sink errors. */
export function classifySlackError(code: string, retryAfterMs?: number): Error {
  if (GONE.has(code)) return new ChannelUnavailableError(`the channel is gone (${code})`, "gone");
  if (FORBIDDEN.has(code)) return new ChannelUnavailableError(`the bot may not post there (${code}): invite it to the channel`, "forbidden");
  if (LATER.has(code)) return new RetryLaterError(`Slack answered ${code}`, retryAfterMs);
  return new RejectedError(`Slack refused the message: ${code}`, BODY_REFUSED.has(code));
}

/** Calls the API; WebClient's errors (and an `ok: false` body, from a client that returns it) become sink errors. */
async function call(client: SlackApi, method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  let result: Record<string, unknown>;
  try {
    result = (await client.apiCall(method, args)) as Record<string, unknown>;
  } catch (error) {
    const e = (error ?? {}) as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
    if (e.code === webApi.ErrorCode.RateLimitedError) throw new RetryLaterError("Slack rate limit", (e.retryAfter ?? 1) * 1000);
    if (e.code === webApi.ErrorCode.PlatformError && e.data?.error) throw classifySlackError(e.data.error);
    if (e.code === webApi.ErrorCode.HTTPError) throw new RetryLaterError(`Slack answered HTTP ${e.statusCode ?? "error"}`);
    throw new RetryLaterError(e.message ?? String(error));
  }
  if (result.ok !== true) throw classifySlackError(String(result.error ?? "unknown_error"));
  return result;
}

/**
 * The Slack sink: chat.postMessage with the outbox key in the message's metadata. Before a retry,
 * conversations.history (include_all_metadata) is searched for that key since the entry was
 * written, so a crash after Slack accepted a post never posts it twice. (Reading history needs the
 * channels:history / groups:history scopes; without them the lookup is skipped.)
 */
export function createSlackSink(client: SlackApi): AnnouncementSink {
  return {
    platform: "slack",
    async post(entry) {
      const result = await postWithLessDetail((detail) => call(client, "chat.postMessage", { channel: entry.subscription.channelId, ...announcementMessage(entry, detail) }));
      const ts = result.ts;
      if (typeof ts !== "string") throw new RetryLaterError("Slack accepted the message but returned no ts");
      return { messageId: ts };
    },
    async alreadyPosted(entry) {
      let cursor: string | undefined;
      // A few pages at most: the entry's message, if any, is among the channel's latest since it was written.
      for (let page = 0; page < 5; page++) {
        let result: Record<string, unknown>;
        try {
          result = await call(client, "conversations.history", {
            channel: entry.subscription.channelId,
            oldest: String((entry.createdAt - 60_000) / 1000),
            limit: 200,
            include_all_metadata: true,
            ...(cursor ? { cursor } : {}),
          });
        } catch (error) {
          // No history scope, or not a member: the lookup cannot help; posting is still right.
          if (error instanceof RejectedError || (error instanceof ChannelUnavailableError && error.reason === "forbidden")) return null;
          throw error;
        }
        const messages = (result.messages ?? []) as Array<{ ts?: string; metadata?: { event_type?: string; event_payload?: { outbox_id?: unknown } } }>;
        const found = messages.find((m) => m.metadata?.event_type === SLACK_EVENT_TYPE && m.metadata.event_payload?.outbox_id === entry.key);
        if (found?.ts) return found.ts;
        cursor = (result.response_metadata as { next_cursor?: string } | undefined)?.next_cursor || undefined;
        if (!cursor) return null;
      }
      return null;
    },
  };
}

/** The sink for SLACK_BOT_TOKEN: announcements go out through the Web API alone, with or without a receiver. */
export function slackSink(config: { token: string; apiUrl?: string }): AnnouncementSink {
  return createSlackSink(announcementClient(config));
}
