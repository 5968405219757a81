import { truncate } from "../../reply.ts";
import type { OutboxEntry } from "../../store/store.ts";
import { projectLine, type AnnouncedIdea } from "../message.ts";
import { ChannelUnavailableError, postWithLessDetail, RejectedError, RetryLaterError, type AnnouncementSink, type Detail } from "../sink.ts";

/**
 * The Discord REST calls the sink needs, shaped so that discord.js's REST fits with a one-line
 * adapter (`{ post: (path, body) => rest.post(path, { body }), get: (path) => rest.get(path) }`)
 * and so does createDiscordRest below. Errors carry the HTTP `status` and Discord's JSON `code`.
 */
export interface DiscordRestLike {
  post(path: string, body: unknown): Promise<unknown>;
  /** Optional: lets the sink find a message an earlier attempt posted (needs Read Message History). */
  get?(path: string): Promise<unknown>;
}

/** An error answer of the Discord API. */
export class DiscordHttpError extends Error {
  override readonly name = "DiscordHttpError";
  constructor(
    message: string,
    readonly status: number,
    readonly code?: number,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

const DISCORD_EPOCH = 1_420_070_400_000n;

/** A snowflake for a time: `after=` it lists the messages posted since. */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.max(0, Math.floor(ms))) - DISCORD_EPOCH) << 22n).toString();
}

/** The message's nonce: deterministic from the outbox key, ≤ 25 characters (Discord's limit). */
export function discordNonce(entry: Pick<OutboxEntry, "key">): string {
  return `ib-${entry.key}`.slice(0, 25);
}

/** Text from a file, safe in Discord markdown: no masked-link or formatting tricks, no mention syntax. */
export function discordText(text: string): string {
  return text
    .replace(/[\\*_~`|[\]]/g, "\\$&")
    .replace(/@(everyone|here)/gi, "@\u200b$1")
    .replace(/<(?=[@#:/!a]|t:)/gi, "<\u200b");
}

/**
 * What an announcement fills at each detail, inside Discord's limits (title 256, field value 1,024,
 * description 4,096, 6,000 in all). Escaping comes first and the cut after it, so a text never grows
 * past its limit once escaped; a message Discord still refuses is posted again with less detail.
 */
const BUDGETS: Record<Detail, { title: number; field: number; summary: number; extraFields: boolean; url: boolean; line: { title: number; project: number; skills: number }; digest: number }> = {
  full: { title: 256, field: 1024, summary: 1000, extraFields: true, url: true, line: { title: 150, project: 80, skills: 60 }, digest: 4000 },
  short: { title: 200, field: 300, summary: 300, extraFields: true, url: true, line: { title: 80, project: 50, skills: 0 }, digest: 2000 },
  // The least that says what is new: no link (a URL Discord refuses is one reason to get here).
  minimal: { title: 100, field: 100, summary: 0, extraFields: false, url: false, line: { title: 60, project: 40, skills: 0 }, digest: 1000 },
};
const URL_LENGTH = 2048;

/** Text from a file, escaped, then cut to `max` characters; the cut never leaves half an escape. */
function fitText(text: string, max: number): string {
  const cut = truncate(discordText(text), max);
  if (!cut.endsWith("…")) return cut;
  // An odd run of backslashes before the ellipsis is an escape cut in half: it would escape the "…".
  let slashes = 0;
  while (cut[cut.length - 2 - slashes] === "\\") slashes++;
  return slashes % 2 === 1 ? `${cut.slice(0, -2)}…` : cut;
}

/** An http(s) URL fit for a link (and within Discord's 2,048 characters), or null. */
export function safeUrl(url: string | null): string | null {
  if (!url) return null;
  const encoded = url.replace(/\(/g, "%28").replace(/\)/g, "%29");
  return encoded.length <= URL_LENGTH && /^https?:\/\/[^\s<>[\]"]+$/i.test(encoded) ? encoded : null;
}

interface Embed {
  title: string;
  url?: string;
  description?: string;
  color: number;
  fields?: Array<{ name: string; value: string; inline?: boolean }>;
  footer: { text: string };
}

export interface DiscordMessageBody {
  content: string;
  embeds: Embed[];
  allowed_mentions: { parse: [] };
  nonce: string;
  enforce_nonce: true;
}

const COLOR = 0x2f9e44;

/**
 * The message for an outbox entry: one embed per idea, or one digest embed; it can never ping.
 * `detail` below full is for a retry after Discord refused the full message.
 */
export function discordMessage(entry: OutboxEntry, detail: Detail = "full"): DiscordMessageBody {
  const budget = BUDGETS[detail];
  const nonce = discordNonce(entry);
  const { ideas } = entry.payload;
  const base = { allowed_mentions: { parse: [] as [] }, nonce, enforce_nonce: true as const };
  if (entry.payload.kind === "idea" && ideas.length === 1) {
    const idea = ideas[0]!;
    return { ...base, content: "New project idea", embeds: [ideaEmbed(idea, `/ideas show ${idea.id} · ${nonce}`, budget)] };
  }
  const { line } = budget;
  const lines = ideas.map((idea) => {
    const url = budget.url ? safeUrl(idea.url) : null;
    const title = fitText(idea.title, line.title);
    const skills = line.skills > 0 && idea.skills.length ? ` · ${fitText(idea.skills.slice(0, 3).join(", "), line.skills)}` : "";
    return `• ${url ? `[${title}](${url})` : `**${title}**`} — ${fitText(projectLine(idea), line.project)}${skills}`;
  });
  return {
    ...base,
    content: `${ideas.length} new project ideas`,
    embeds: [
      {
        title: `${ideas.length} new project ideas`,
        description: fitLines(lines, budget.digest),
        color: COLOR,
        footer: { text: `/ideas show <id> for one in full · ${nonce}` },
      },
    ],
  };
}

function ideaEmbed(idea: AnnouncedIdea, footer: string, budget: (typeof BUDGETS)[Detail]): Embed {
  const url = budget.url ? safeUrl(idea.url) : null;
  const fields = [
    { name: "Project", value: fitText(projectLine(idea), budget.field), inline: true },
    ...(budget.extraFields && idea.skills.length ? [{ name: "Skills", value: fitText(idea.skills.join(", "), budget.field), inline: true }] : []),
    ...(budget.extraFields && idea.mentors.length ? [{ name: "Mentors", value: fitText(idea.mentors.join(", "), budget.field), inline: false }] : []),
  ];
  return {
    // Embed titles show no markdown: only mention syntax needs breaking there.
    title: truncate(idea.title.replace(/@(everyone|here)/gi, "@\u200b$1"), budget.title),
    ...(url ? { url } : {}),
    ...(idea.summary && budget.summary > 0 ? { description: fitText(idea.summary, budget.summary) } : {}),
    color: COLOR,
    fields,
    footer: { text: footer },
  };
}

/** Joins lines within `max` characters, ending with "…and N more" when some do not fit. */
export function fitLines(lines: string[], max: number): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const rest = lines.length - i - 1;
    const tail = rest > 0 ? `\n…and ${rest} more` : "";
    if (length + line.length + 1 + tail.length > max) {
      out.push(`…and ${lines.length - i} more`);
      break;
    }
    out.push(line);
    length += line.length + 1;
  }
  return out.join("\n");
}

/** Maps a Discord REST failure (ours or discord.js's) onto the sink errors. */
export function classifyDiscordError(error: unknown): Error {
  const e = (error ?? {}) as { name?: string; status?: unknown; code?: unknown; retryAfterMs?: unknown; retryAfter?: unknown; message?: string };
  const message = e.message ?? String(error);
  if (e.name === "RateLimitError" && typeof e.retryAfter === "number") return new RetryLaterError(`rate limited: ${message}`, e.retryAfter);
  if (typeof e.status !== "number") return new RetryLaterError(message);
  const code = Number(e.code);
  if (e.status === 429) return new RetryLaterError(`rate limited: ${message}`, typeof e.retryAfterMs === "number" ? e.retryAfterMs : undefined);
  if (e.status >= 500) return new RetryLaterError(`Discord answered ${e.status}: ${message}`);
  if (code === 10003 || e.status === 404) return new ChannelUnavailableError(`the channel is gone (${message})`, "gone");
  if (code === 50001 || code === 50013 || e.status === 403) return new ChannelUnavailableError(`the bot may not post there (${message})`, "forbidden");
  if (e.status === 401) return new RetryLaterError(`Discord refused the token (401): check DISCORD_TOKEN`);
  // 400 (Invalid Form Body, 50035: a field too long, a URL it will not take) and 413: the body itself.
  const lessMayPass = e.status === 400 || e.status === 413;
  return new RejectedError(`Discord refused the message (${e.status}${Number.isFinite(code) ? `, code ${code}` : ""}): ${message}`, lessMayPass);
}

/**
 * The Discord sink. Exactly once: every post carries a nonce derived from the outbox key with
 * `enforce_nonce`, so a repeat within Discord's dedupe window returns the first message instead of
 * posting again; after a longer gap, `alreadyPosted` looks for the nonce (echoed in the embed
 * footer) among the channel's messages since the entry was written.
 */
export function createDiscordSink(rest: DiscordRestLike): AnnouncementSink {
  return {
    platform: "discord",
    async post(entry) {
      const answer = await postWithLessDetail(async (detail) => {
        try {
          return await rest.post(`/channels/${entry.subscription.channelId}/messages`, discordMessage(entry, detail));
        } catch (error) {
          throw classifyDiscordError(error);
        }
      });
      const id = (answer as { id?: unknown } | null)?.id;
      if (typeof id !== "string") throw new RetryLaterError("Discord accepted the message but returned no id");
      return { messageId: id };
    },
    async alreadyPosted(entry) {
      if (!rest.get) return null;
      const nonce = discordNonce(entry);
      let messages: unknown;
      try {
        messages = await rest.get(`/channels/${entry.subscription.channelId}/messages?limit=100&after=${snowflakeAt(entry.createdAt - 60_000)}`);
      } catch (error) {
        const classified = classifyDiscordError(error);
        // Without Read Message History the nonce alone guards; a gone channel is still gone.
        if (classified instanceof ChannelUnavailableError && classified.reason === "forbidden") return null;
        throw classified;
      }
      if (!Array.isArray(messages)) return null;
      const found = (messages as Array<{ id?: string; nonce?: unknown; embeds?: Array<{ footer?: { text?: string } }> }>).find(
        (m) => m.nonce === nonce || m.embeds?.some((e) => e.footer?.text?.endsWith(nonce)),
      );
      return found?.id ?? null;
    },
  };
}

export interface DiscordRestOptions {
  token: string;
  /** The API base, as DISCORD_API_URL (default https://discord.com/api). */
  apiUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * A small fetch-based Discord REST client (API v10) for the sink, for a process without discord.js
 * (`announce --once`) and for tests. Rate limits are not waited out here: a 429 becomes a retry
 * with the outbox's backoff, at least Discord's retry_after.
 */
export function createDiscordRest({ token, apiUrl = "https://discord.com/api", timeoutMs = 15_000, fetch: doFetch = fetch }: DiscordRestOptions): DiscordRestLike {
  const base = `${apiUrl.replace(/(?<!\/)\/+$/, "")}/v10`;
  const call = async (method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> => {
    const response = await doFetch(`${base}${path}`, {
      method,
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        authorization: `Bot ${token}`,
        "user-agent": "DiscordBot (https://github.com/ideas-bot/ideas-bot, 0.1.0)",
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!response.ok) {
      const err = (json ?? {}) as { message?: string; code?: number; retry_after?: number };
      const header = Number(response.headers.get("retry-after"));
      const retryAfterMs = typeof err.retry_after === "number" ? err.retry_after * 1000 : Number.isFinite(header) && header > 0 ? header * 1000 : undefined;
      throw new DiscordHttpError(err.message ?? `HTTP ${response.status}`, response.status, err.code, retryAfterMs);
    }
    return json;
  };
  return { post: (path, body) => call("POST", path, body), get: (path) => call("GET", path) };
}
