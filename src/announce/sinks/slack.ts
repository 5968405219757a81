import { truncate } from "../../reply.ts";
import type { OutboxEntry } from "../../store/store.ts";
import { headline, projectLine, type AnnouncedIdea } from "../message.ts";
import { ChannelUnavailableError, postWithLessDetail, RejectedError, RetryLaterError, type AnnouncementSink, type Detail } from "../sink.ts";

/**
 * The Slack Web API as the sink needs it: the shape of @slack/web-api's `WebClient.apiCall`, so a
 * Bolt app's `app.client` fits as it is (WebClient throws on `ok: false`; createSlackApi below
 * returns the body — the sink handles both).
 */
export interface SlackApiLike {
  apiCall(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export const SLACK_EVENT_TYPE = "ideas_bot_announcement";

/** Slack mrkdwn: `&`, `<` and `>` escaped, so no `<!channel>`, `<@U…>` or link can come out of file text. */
export function escapeSlack(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Longest URL made into a link: a longer one would crowd the section's 3,000 characters. */
const LINK_URL_MAX = 800;

/** Text from a file, escaped first and cut after, so it never grows past `max` once escaped; never half an entity. */
function fitSlack(text: string, max: number): string {
  return truncate(escapeSlack(text), max).replace(/&(?:a|am|amp|l|lt|g|gt)?…$/, "…");
}

/**
 * A link built by the bot: http(s) only and at most LINK_URL_MAX long; the label escaped and cut to
 * `max`, with `|` (which would end it) replaced. Whole or not at all: a link is never cut in half.
 */
export function slackLink(url: string | null, label: string, max = 200): string {
  const safe = url && url.length <= LINK_URL_MAX && /^https?:\/\/[^\s<>|]+$/i.test(url) ? url : null;
  const text = fitSlack(label, max).replace(/\|/g, "¦");
  return safe ? `<${safe}|${text}>` : text;
}

type Block = Record<string, unknown>;

const SECTION_MAX = 3000;
const MAX_DIGEST_SECTIONS = 8;

function section(text: string): Block {
  return { type: "section", text: { type: "mrkdwn", text: truncate(text, SECTION_MAX) } };
}

function context(text: string): Block {
  return { type: "context", elements: [{ type: "mrkdwn", text: truncate(text, 2000) }] };
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
  const lines = [`*${slackLink(budget.links ? idea.url : null, idea.title, budget.title)}*`, `*Project:* ${fitSlack(projectLine(idea), budget.project)}`];
  if (budget.list > 0 && idea.skills.length) lines.push(`*Skills:* ${fitSlack(idea.skills.join(", "), budget.list)}`);
  if (budget.list > 0 && idea.mentors.length) lines.push(`*Mentors:* ${fitSlack(idea.mentors.join(", "), budget.list)}`);
  if (budget.summary > 0 && idea.summary) lines.push(fitSlack(idea.summary, budget.summary));
  return section(lines.join("\n"));
}

export interface SlackMessage {
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
export function slackMessage(entry: OutboxEntry, detail: Detail = "full"): SlackMessage {
  const budget = BUDGETS[detail];
  const { payload } = entry;
  const blocks: Block[] = [];
  if (payload.kind === "idea" && payload.ideas.length === 1) {
    const idea = payload.ideas[0]!;
    blocks.push(section("*New project idea*"), ideaSection(idea, budget), context(`\`/ideas show ${escapeSlack(idea.id)}\` for the whole idea`));
  } else {
    blocks.push(section(`*${payload.ideas.length} new project ideas*`));
    const { line: fit } = budget;
    const lines = payload.ideas.map((idea) => {
      // One line stays well inside a section: an 800-character link, 150 + 80 + 60 of escaped text.
      const skills = fit.skills > 0 && idea.skills.length ? ` · ${fitSlack(idea.skills.slice(0, 3).join(", "), fit.skills)}` : "";
      return `• ${slackLink(budget.links ? idea.url : null, idea.title, fit.title)} — ${fitSlack(projectLine(idea), fit.project)}${skills}`;
    });
    let chunk: string[] = [];
    let used = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (used + line.length + 1 > SECTION_MAX - 40) {
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
    text: escapeSlack(truncate(headline(payload), 300)),
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

/** Calls the API; WebClient's thrown errors and a returned `ok: false` both become sink errors. */
async function call(client: SlackApiLike, method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  let result: Record<string, unknown>;
  try {
    result = await client.apiCall(method, args);
  } catch (error) {
    const e = (error ?? {}) as { code?: string; data?: { error?: string }; retryAfter?: number; message?: string };
    if (e.code === "slack_webapi_rate_limited_error") throw new RetryLaterError("Slack rate limit", (e.retryAfter ?? 1) * 1000);
    if (e.code === "slack_webapi_platform_error" && e.data?.error) throw classifySlackError(e.data.error);
    if (error instanceof RetryLaterError || error instanceof RejectedError || error instanceof ChannelUnavailableError) throw error;
    throw new RetryLaterError(e.message ?? String(error));
  }
  if (result.ok !== true) {
    const retryAfter = typeof result.retry_after_ms === "number" ? result.retry_after_ms : undefined;
    throw classifySlackError(String(result.error ?? "unknown_error"), retryAfter);
  }
  return result;
}

/**
 * The Slack sink: chat.postMessage with the outbox key in the message's metadata. Before a retry,
 * conversations.history (include_all_metadata) is searched for that key since the entry was
 * written, so a crash after Slack accepted a post never posts it twice. (Reading history needs the
 * channels:history / groups:history scopes; without them the lookup is skipped.)
 */
export function createSlackSink(client: SlackApiLike): AnnouncementSink {
  return {
    platform: "slack",
    async post(entry) {
      const result = await postWithLessDetail((detail) => call(client, "chat.postMessage", { channel: entry.subscription.channelId, ...slackMessage(entry, detail) }));
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

export interface SlackApiOptions {
  token: string;
  /** The Web API base, as SLACK_API_URL (default https://slack.com/api/). */
  apiUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A small fetch-based Web API client (form-encoded, like WebClient; objects sent as JSON), for a
 * process without Bolt and for tests. Returns the body, `ok: false` included; an HTTP 429 answers
 * `{ ok: false, error: "ratelimited", retry_after_ms }`.
 */
export function createSlackApi({ token, apiUrl = "https://slack.com/api/", timeoutMs = 15_000, fetch: doFetch = fetch }: SlackApiOptions): SlackApiLike {
  const base = apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`;
  return {
    async apiCall(method, args) {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(args)) {
        if (value === undefined) continue;
        form.set(key, typeof value === "string" ? value : JSON.stringify(value));
      }
      const response = await doFetch(`${base}${method}`, {
        method: "POST",
        signal: AbortSignal.timeout(timeoutMs),
        headers: { authorization: `Bearer ${token}`, "content-type": "application/x-www-form-urlencoded; charset=utf-8" },
        body: form.toString(),
      });
      if (response.status === 429) {
        await response.body?.cancel();
        const seconds = Number(response.headers.get("retry-after"));
        return { ok: false, error: "ratelimited", retry_after_ms: Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000 };
      }
      if (!response.ok) {
        await response.body?.cancel();
        return { ok: false, error: response.status >= 500 ? "service_unavailable" : `http_${response.status}` };
      }
      return (await response.json()) as Record<string, unknown>;
    },
  };
}
