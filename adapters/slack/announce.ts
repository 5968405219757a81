import { webApi } from "@slack/bolt";
import { ALERT_FOOTER, fitLine, headline, projectLine, type AnnouncedIdea } from "../../src/announce/message.ts";
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
 * construction (800 + 200 + 200 + 600 + 600 + 500 and labels; in an alert, the fit line's 200 comes
 * out of the summary's 500); a message Slack still refuses is posted again with less.
 */
const BUDGETS: Record<Detail, { title: number; project: number; list: number; summary: number; fit: number; links: boolean; line: { title: number; project: number; skills: number; fit: number }; sections: number }> = {
  full: { title: 200, project: 200, list: 600, summary: 500, fit: 200, links: true, line: { title: 150, project: 80, skills: 60, fit: 200 }, sections: MAX_DIGEST_SECTIONS },
  short: { title: 150, project: 100, list: 200, summary: 0, fit: 150, links: true, line: { title: 80, project: 50, skills: 0, fit: 120 }, sections: 3 },
  // The least that says what is new: no link (a URL Slack refuses is one reason to get here).
  minimal: { title: 100, project: 60, list: 0, summary: 0, fit: 100, links: false, line: { title: 60, project: 40, skills: 0, fit: 80 }, sections: 1 },
};

type Budget = (typeof BUDGETS)[Detail];

/** One idea's section; in a personal alert (`alert`), why it fits the person comes right under its title, at every detail. */
function ideaSection(idea: AnnouncedIdea, budget: Budget, alert = false): Block {
  const lines = [`*${link(budget.links ? idea.url : null, idea.title, budget.title)}*`];
  const fit = alert ? fitLine(idea) : "";
  if (fit) lines.push(fitText(fit, budget.fit));
  lines.push(`*Project:* ${fitText(projectLine(idea), budget.project)}`);
  if (budget.list > 0 && idea.skills.length) lines.push(`*Skills:* ${fitText(idea.skills.join(", "), budget.list)}`);
  if (budget.list > 0 && idea.mentors.length) lines.push(`*Mentors:* ${fitText(idea.mentors.join(", "), budget.list)}`);
  const summary = fit ? budget.summary - budget.fit : budget.summary;
  if (summary > 0 && idea.summary) lines.push(fitText(idea.summary, summary));
  return section(lines.join("\n"));
}

/**
 * A digest's lines in sections of at most 3,000 characters (never an empty one), after the blocks
 * already in `blocks`; past `budget.sections` the rest is counted ("…and N more"), with `more`
 * ideas not listed at all counted too.
 */
function pushDigest(blocks: Block[], lines: string[], budget: Budget, more = 0, moreLabel = ""): void {
  let chunk: string[] = [];
  let used = 0;
  let counted = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (used + line.length + 1 > LIMITS.sectionText - 40) {
      // A digest stays readable (and far inside Slack's 50 blocks): the rest is counted.
      if (blocks.length > budget.sections) {
        chunk.push(`…and ${lines.length - i + more} more${moreLabel}`);
        counted = true;
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
  // The more line is short (under 40 characters, the margin kept above).
  if (!counted && more > 0) chunk.push(`…and ${more} more${moreLabel}`);
  if (chunk.length) blocks.push(section(chunk.join("\n")));
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
 * after Slack refused the full message. A personal alert (`payload.alert`, a direct message) has
 * its own form: see alertBlocks.
 */
export function announcementMessage(entry: OutboxEntry, detail: Detail = "full"): AnnouncementMessage {
  const budget = BUDGETS[detail];
  const { payload } = entry;
  const blocks: Block[] = [];
  if (payload.alert) {
    blocks.push(...alertBlocks(entry, budget));
  } else if (payload.kind === "idea" && payload.ideas.length === 1) {
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
    pushDigest(blocks, lines, budget);
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

/**
 * A personal alert: the idea's section with why it fits the person ("You have: … · To learn: …")
 * under its title, or a digest whose every idea has its fit line (and id) under it, the ideas not
 * listed counted; then ALERT_FOOTER (how to see more, how to stop) in a context block.
 */
function alertBlocks(entry: OutboxEntry, budget: Budget): Block[] {
  const { payload } = entry;
  const { ideas } = payload;
  const footer = escapeText(ALERT_FOOTER);
  if (payload.kind === "idea" && ideas.length === 1) {
    const idea = ideas[0]!;
    return [section("*New idea for your skills*"), ideaSection(idea, budget, true), context(`\`${fitText(idea.id, 100)}\` · ${footer}`)];
  }
  const more = payload.alert?.more ?? 0;
  const count = ideas.length + more;
  const blocks: Block[] = [section(`*${count} new ${count === 1 ? "idea" : "ideas"} for your skills*`)];
  const { line } = budget;
  const lines = ideas.map((idea) => {
    // One line stays well inside a section: an 800-character link, 150 + 80 + 200 + 60 of escaped text.
    const fit = fitLine(idea);
    const why = [fit ? fitText(fit, line.fit) : "", `\`${fitText(idea.id, 60)}\``].filter(Boolean).join(" · ");
    return `• ${link(budget.links ? idea.url : null, idea.title, line.title)} — ${fitText(projectLine(idea), line.project)}\n   ↳ ${why}`;
  });
  pushDigest(blocks, lines, budget, more, " for your skills");
  blocks.push(context(footer));
  return blocks;
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

/**
 * A direct message the person cannot get: they are gone (deleted, deactivated) or they do not take
 * the bot's messages. Only for conversations.open and posts to a DM: for a channel post
 * `account_inactive` means the bot's token is dead (see LATER).
 */
const PERSON_GONE = new Set(["user_not_found", "user_disabled", "account_inactive"]);
const PERSON_FORBIDDEN = new Set(["cannot_dm_bot"]);

/** A DM channel Slack no longer knows (channel_not_found on a post to it): opened again once before it counts. */
class DmChannelNotFoundError extends ChannelUnavailableError {}

/** An error code Slack answered (a platform error, or an `ok: false` body). */
class SlackCodeError extends Error {
  constructor(readonly code: string) {
    super(`Slack answered ${code}`);
  }
}

/** Calls the API: Slack's refusals become SlackCodeError, anything else (rate limit, HTTP error, network) a sink error. */
async function request(client: SlackApi, method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  let result: Record<string, unknown>;
  try {
    result = (await client.apiCall(method, args)) as Record<string, unknown>;
  } catch (error) {
    const e = (error ?? {}) as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
    if (e.code === webApi.ErrorCode.RateLimitedError) throw new RetryLaterError("Slack rate limit", (e.retryAfter ?? 1) * 1000);
    if (e.code === webApi.ErrorCode.PlatformError && e.data?.error) throw new SlackCodeError(e.data.error);
    if (e.code === webApi.ErrorCode.HTTPError) throw new RetryLaterError(`Slack answered HTTP ${e.statusCode ?? "error"}`);
    throw new RetryLaterError(e.message ?? String(error));
  }
  if (result.ok !== true) throw new SlackCodeError(String(result.error ?? "unknown_error"));
  return result;
}

/** Calls the API; WebClient's errors (and an `ok: false` body, from a client that returns it) become sink errors. */
async function call(client: SlackApi, method: string, args: Record<string, unknown>, classify: (code: string) => Error | Promise<Error> = classifySlackError): Promise<Record<string, unknown>> {
  try {
    return await request(client, method, args);
  } catch (error) {
    if (error instanceof SlackCodeError) throw await classify(error.code);
    throw error;
  }
}

/** Whether the bot's token still works: `account_inactive` is about the person only when it does. */
async function tokenWorks(client: SlackApi): Promise<boolean> {
  try {
    await request(client, "auth.test", {});
    return true;
  } catch (error) {
    if (error instanceof SlackCodeError) return false;
    throw error;
  }
}

/** Maps an error code from conversations.open or a post to a person's DM onto the sink errors. */
async function classifyDmError(client: SlackApi, code: string, method: "conversations.open" | "chat.postMessage"): Promise<Error> {
  const unavailable = (reason: "gone" | "forbidden") => new ChannelUnavailableError(`the person cannot get direct messages from the bot (${code})`, reason);
  if (PERSON_FORBIDDEN.has(code)) return unavailable("forbidden");
  if (PERSON_GONE.has(code)) {
    // account_inactive is also what a dead bot token answers: then every alert waits, none is paused.
    if (code === "account_inactive" && !(await tokenWorks(client))) return new RetryLaterError(`Slack answered ${code}`);
    return unavailable("gone");
  }
  // No im:write: the app needs reinstalling from slack-app-manifest.yml; the entry waits for that.
  if (code === "channel_not_found" && method === "chat.postMessage") return new DmChannelNotFoundError(`the direct message is gone (${code})`, "gone");
  if (code === "missing_scope" && method === "conversations.open") return new RetryLaterError("Slack answered missing_scope: the app needs the im:write scope (reinstall it from slack-app-manifest.yml)");
  return classifySlackError(code);
}

/** Cached DM channels at most; past it the cache starts over (a DM channel id never changes). */
const DM_CACHE_MAX = 10_000;

/**
 * The Slack sink: chat.postMessage with the outbox key in the message's metadata. Before a retry,
 * conversations.history (include_all_metadata) is searched for that key since the entry was
 * written, so a crash after Slack accepted a post never posts it twice. (Reading history needs the
 * channels:history / groups:history scopes, im:history for alerts; without them the lookup is skipped.)
 *
 * A personal alert (`subscription.kind` "dm", its channelId the person's user id) goes to the
 * person's DM with the bot, opened with conversations.open (im:write) and remembered per user.
 */
export function createSlackSink(client: SlackApi): AnnouncementSink {
  const dms = new Map<string, string>();

  async function openDm(userId: string): Promise<string> {
    const result = await call(client, "conversations.open", { users: userId }, (code) => classifyDmError(client, code, "conversations.open"));
    const id = (result.channel as { id?: unknown } | undefined)?.id;
    if (typeof id !== "string" || !id) throw new RetryLaterError("Slack opened the direct message but returned no channel id");
    if (dms.size >= DM_CACHE_MAX) dms.clear();
    dms.set(userId, id);
    return id;
  }

  /** Where the entry goes: the channel, or the person's DM channel (and whether it came from the cache). */
  async function target(entry: OutboxEntry): Promise<{ channel: string; cached: boolean }> {
    const { channelId, kind } = entry.subscription;
    if (kind !== "dm") return { channel: channelId, cached: false };
    const cached = dms.get(channelId);
    return cached ? { channel: cached, cached: true } : { channel: await openDm(channelId), cached: false };
  }

  const postTo = (entry: OutboxEntry, channel: string) => {
    const classify = entry.subscription.kind === "dm" ? (code: string) => classifyDmError(client, code, "chat.postMessage") : classifySlackError;
    return postWithLessDetail((detail) => call(client, "chat.postMessage", { channel, ...announcementMessage(entry, detail) }, classify));
  };

  return {
    platform: "slack",
    async post(entry) {
      const { channel, cached } = await target(entry);
      let result: Record<string, unknown>;
      try {
        result = await postTo(entry, channel);
      } catch (error) {
        if (!cached) throw error;
        // A remembered DM channel Slack no longer knows: forget it, and open the DM again once.
        dms.delete(entry.subscription.channelId);
        if (!(error instanceof DmChannelNotFoundError)) throw error;
        result = await postTo(entry, await openDm(entry.subscription.channelId));
      }
      const ts = result.ts;
      if (typeof ts !== "string") throw new RetryLaterError("Slack accepted the message but returned no ts");
      return { messageId: ts };
    },
    async alreadyPosted(entry) {
      let channel: string;
      try {
        ({ channel } = await target(entry));
      } catch (error) {
        // The person does not take the bot's messages: posting will say so.
        if (error instanceof ChannelUnavailableError && error.reason === "forbidden") return null;
        throw error;
      }
      let cursor: string | undefined;
      // A few pages at most: the entry's message, if any, is among the channel's latest since it was written.
      for (let page = 0; page < 5; page++) {
        let result: Record<string, unknown>;
        try {
          result = await call(client, "conversations.history", {
            channel,
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

/**
 * The sink for an app installed per workspace ("Add to Slack"): each entry goes out with the bot
 * token of its subscription's team, looked up at each post (a reinstall's new token is used at
 * once), through one sink per team (its own DM cache). A team with no installation is "gone": the
 * app was removed there, and its subscriptions with it (see SlackAdapter's uninstall events).
 */
export function workspaceSink(tokenFor: (teamId: string) => Promise<string | undefined>, config: { apiUrl?: string } = {}): AnnouncementSink {
  const sinks = new Map<string, { token: string; sink: AnnouncementSink }>();
  async function sinkFor(entry: OutboxEntry): Promise<AnnouncementSink> {
    const team = entry.subscription.workspaceId;
    let token: string | undefined;
    try {
      token = await tokenFor(team);
    } catch (error) {
      // An installation that cannot be read (ENCRYPTION_KEY changed): the entry waits for the fix.
      throw new RetryLaterError(`the installation of ${team} cannot be read: ${(error as Error).message}`);
    }
    if (!token) throw new ChannelUnavailableError(`the app is not installed in workspace ${team}`, "gone");
    let held = sinks.get(team);
    if (held?.token !== token) sinks.set(team, (held = { token, sink: createSlackSink(announcementClient({ token, ...config })) }));
    return held.sink;
  }
  return {
    platform: "slack",
    post: async (entry) => (await sinkFor(entry)).post(entry),
    alreadyPosted: async (entry) => ((await sinkFor(entry)).alreadyPosted?.(entry) ?? null),
  };
}
