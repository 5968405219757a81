import { RateLimitError, REST, Routes, type APIEmbed, type RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { projectLine, type AnnouncedIdea } from "../../src/announce/message.ts";
import { ChannelUnavailableError, postWithLessDetail, RejectedError, RetryLaterError, type AnnouncementSink, type Detail } from "../../src/announce/sink.ts";
import type { OutboxEntry } from "../../src/store/store.ts";
import { NO_MENTIONS } from "./render.ts";
import { fitMarkdown, joinWithin, oneLine, safeUrl } from "./text.ts";

/**
 * Announcements on Discord: the message for an outbox entry, posted with discord.js's REST. The
 * outbox owns retries and rate limits (it waits Discord's retry_after, pauses a forbidden
 * channel), so this REST client retries nothing and rejects a rate limit instead of waiting it out.
 */

/** The REST calls the sink makes: discord.js's `REST` (a test may pass a narrower object). */
export type AnnouncementRest = Pick<REST, "post"> & Partial<Pick<REST, "get">>;

/** A REST client for announcements: no retries of its own, rate limits rejected (the outbox waits). */
export function announcementRest({ token, apiUrl, timeoutMs = 15_000 }: { token: string; apiUrl?: string; timeoutMs?: number }): REST {
  return new REST({ version: "10", retries: 0, rejectOnRateLimit: () => true, timeout: timeoutMs, ...(apiUrl ? { api: apiUrl } : {}) }).setToken(token);
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

/**
 * What an announcement fills at each detail, inside Discord's limits (title 256, field value 1,024,
 * description 4,096, 6,000 in all). Text is escaped first and cut after (fitMarkdown), so it never
 * grows past its limit once escaped; a message Discord still refuses is posted again with less.
 */
const BUDGETS: Record<Detail, { title: number; field: number; summary: number; extraFields: boolean; url: boolean; line: { title: number; project: number; skills: number }; digest: number }> = {
  full: { title: 256, field: 1024, summary: 1000, extraFields: true, url: true, line: { title: 150, project: 80, skills: 60 }, digest: 4000 },
  short: { title: 200, field: 300, summary: 300, extraFields: true, url: true, line: { title: 80, project: 50, skills: 0 }, digest: 2000 },
  // The least that says what is new: no link (a URL Discord refuses is one reason to get here).
  minimal: { title: 100, field: 100, summary: 0, extraFields: false, url: false, line: { title: 60, project: 40, skills: 0 }, digest: 1000 },
};
type Budget = (typeof BUDGETS)[Detail];

const COLOR = 0x2f9e44;

export type AnnouncementBody = RESTPostAPIChannelMessageJSONBody & { embeds: APIEmbed[]; nonce: string };

/**
 * The message for an outbox entry: one embed per idea, or one digest embed; it can never ping.
 * `detail` below full is for a retry after Discord refused the full message.
 */
export function announcementMessage(entry: OutboxEntry, detail: Detail = "full"): AnnouncementBody {
  const budget = BUDGETS[detail];
  const nonce = discordNonce(entry);
  const { ideas } = entry.payload;
  const base = { allowed_mentions: NO_MENTIONS, nonce, enforce_nonce: true };
  if (entry.payload.kind === "idea" && ideas.length === 1) {
    const idea = ideas[0]!;
    return { ...base, content: "New project idea", embeds: [ideaEmbed(idea, `/ideas show ${idea.id} · ${nonce}`, budget)] };
  }
  const { line } = budget;
  const lines = ideas.map((idea) => {
    const url = budget.url ? safeUrl(idea.url) : undefined;
    const title = fitMarkdown(idea.title, line.title);
    const skills = line.skills > 0 && idea.skills.length ? ` · ${fitMarkdown(idea.skills.slice(0, 3).join(", "), line.skills)}` : "";
    return `• ${url ? `[${title}](${url})` : `**${title}**`} — ${fitMarkdown(projectLine(idea), line.project)}${skills}`;
  });
  return {
    ...base,
    content: `${ideas.length} new project ideas`,
    embeds: [
      {
        title: `${ideas.length} new project ideas`,
        description: joinWithin(lines, budget.digest, "\n"),
        color: COLOR,
        footer: { text: `/ideas show <id> for one in full · ${nonce}` },
      },
    ],
  };
}

function ideaEmbed(idea: AnnouncedIdea, footer: string, budget: Budget): APIEmbed {
  const url = budget.url ? safeUrl(idea.url) : undefined;
  const fields = [
    { name: "Project", value: fitMarkdown(projectLine(idea), budget.field), inline: true },
    ...(budget.extraFields && idea.skills.length ? [{ name: "Skills", value: fitMarkdown(idea.skills.join(", "), budget.field), inline: true }] : []),
    ...(budget.extraFields && idea.mentors.length ? [{ name: "Mentors", value: fitMarkdown(idea.mentors.join(", "), budget.field), inline: false }] : []),
  ];
  return {
    // Embed titles show no markdown: only mention syntax needs breaking there.
    title: oneLine(idea.title, budget.title),
    ...(url ? { url } : {}),
    ...(idea.summary && budget.summary > 0 ? { description: fitMarkdown(idea.summary, budget.summary) } : {}),
    color: COLOR,
    fields,
    footer: { text: footer },
  };
}

/** Maps a REST failure (discord.js's DiscordAPIError, HTTPError, RateLimitError, a network error) onto the sink errors. */
export function classifyDiscordError(error: unknown): Error {
  if (error instanceof RateLimitError) return new RetryLaterError(`rate limited on ${error.route}`, error.retryAfter);
  const e = (error ?? {}) as { status?: unknown; code?: unknown; message?: string };
  const message = e.message ?? String(error);
  if (typeof e.status !== "number") return new RetryLaterError(message);
  const code = Number(e.code);
  if (e.status === 429) return new RetryLaterError(`rate limited: ${message}`);
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
 * footer) among the channel's messages since the entry was written (needs Read Message History).
 */
export function createDiscordSink(rest: AnnouncementRest): AnnouncementSink {
  return {
    platform: "discord",
    async post(entry) {
      const answer = await postWithLessDetail(async (detail) => {
        try {
          return await rest.post(Routes.channelMessages(entry.subscription.channelId), { body: announcementMessage(entry, detail) });
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
        const query = new URLSearchParams({ limit: "100", after: snowflakeAt(entry.createdAt - 60_000) });
        messages = await rest.get(Routes.channelMessages(entry.subscription.channelId), { query });
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

/** The sink for DISCORD_TOKEN: announcements go out through REST alone, with or without a gateway. */
export function discordSink(config: { token: string; apiUrl?: string }): AnnouncementSink {
  return createDiscordSink(announcementRest(config));
}
