import { RateLimitError, REST, Routes, type APIEmbed, type RESTPostAPIChannelMessageJSONBody } from "discord.js";
import { ALERT_FOOTER, fitLine, headline, projectLine, type AnnouncedIdea } from "../../src/announce/message.ts";
import { ChannelUnavailableError, postWithLessDetail, RejectedError, RetryLaterError, type AnnouncementSink, type Detail } from "../../src/announce/sink.ts";
import type { OutboxEntry } from "../../src/store/store.ts";
import { NO_MENTIONS } from "./render.ts";
import { clean, fitMarkdown, joinWithin, oneLine, safeUrl } from "./text.ts";

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
const BUDGETS: Record<
  Detail,
  { title: number; field: number; summary: number; extraFields: boolean; url: boolean; line: { title: number; project: number; skills: number; fit: number }; digest: number; headline: number }
> = {
  full: { title: 256, field: 1024, summary: 1000, extraFields: true, url: true, line: { title: 150, project: 80, skills: 60, fit: 200 }, digest: 4000, headline: 500 },
  short: { title: 200, field: 300, summary: 300, extraFields: true, url: true, line: { title: 80, project: 50, skills: 0, fit: 100 }, digest: 2000, headline: 300 },
  // The least that says what is new: no link (a URL Discord refuses is one reason to get here).
  minimal: { title: 100, field: 100, summary: 0, extraFields: false, url: false, line: { title: 60, project: 40, skills: 0, fit: 60 }, digest: 1000, headline: 150 },
};
type Budget = (typeof BUDGETS)[Detail];

const COLOR = 0x2f9e44;

export type AnnouncementBody = RESTPostAPIChannelMessageJSONBody & { embeds: APIEmbed[]; nonce: string };

/**
 * The message for an outbox entry: one embed per idea, or one digest embed; it can never ping.
 * `detail` below full is for a retry after Discord refused the full message. A personal alert
 * (`payload.alert`, a direct message) has its own form: see alertMessage.
 */
export function announcementMessage(entry: OutboxEntry, detail: Detail = "full"): AnnouncementBody {
  const budget = BUDGETS[detail];
  const nonce = discordNonce(entry);
  const { ideas } = entry.payload;
  const base = { allowed_mentions: NO_MENTIONS, nonce, enforce_nonce: true };
  if (entry.payload.alert) return { ...base, ...alertMessage(entry, budget, nonce) };
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

/**
 * A personal alert: the headline (why this message: "New idea for your skills: …") as the content;
 * the idea's embed with a "Why it fits" field first, or a digest whose every idea has its fit line
 * (and id) under it; and ALERT_FOOTER (how to see more, how to stop) once, in the embed's footer
 * before the nonce (alreadyPosted looks for the nonce at the footer's end).
 */
function alertMessage(entry: OutboxEntry, budget: Budget, nonce: string): { content: string; embeds: APIEmbed[] } {
  const { payload } = entry;
  const { ideas } = payload;
  const content = fitMarkdown(headline(payload), budget.headline);
  if (payload.kind === "idea" && ideas.length === 1) {
    const idea = ideas[0]!;
    const footer = `${oneLine(idea.id, 100)} · ${clean(ALERT_FOOTER, 1000)} · ${nonce}`;
    return { content, embeds: [ideaEmbed(idea, footer, budget, true)] };
  }
  const { line } = budget;
  const lines = ideas.map((idea) => {
    const url = budget.url ? safeUrl(idea.url) : undefined;
    const title = fitMarkdown(idea.title, line.title);
    const fit = fitLine(idea);
    const why = [fit ? fitMarkdown(fit, line.fit) : "", fitMarkdown(idea.id, 60)].filter(Boolean).join(" · ");
    return `• ${url ? `[${title}](${url})` : `**${title}**`} — ${fitMarkdown(projectLine(idea), line.project)}\n  ↳ ${why}`;
  });
  const more = payload.alert?.more ? `\n… and ${payload.alert.more} more for your skills` : "";
  const count = ideas.length + (payload.alert?.more ?? 0);
  const title = `${count} new ${count === 1 ? "idea" : "ideas"} for your skills`;
  return {
    content,
    embeds: [
      {
        title,
        description: joinWithin(lines, budget.digest - more.length, "\n") + more,
        color: COLOR,
        footer: { text: `${clean(ALERT_FOOTER, 1000)} · ${nonce}` },
      },
    ],
  };
}

function ideaEmbed(idea: AnnouncedIdea, footer: string, budget: Budget, alert = false): APIEmbed {
  const url = budget.url ? safeUrl(idea.url) : undefined;
  const fit = alert ? fitLine(idea) : "";
  const fields = [
    // In a personal alert, why the idea fits the person comes first, at every detail: it is the point of the message.
    ...(fit ? [{ name: "Why it fits", value: fitMarkdown(fit, budget.field), inline: false }] : []),
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
  // Cannot send messages to this user: their DMs from server members are off, they blocked the bot, or they share no server with it.
  if (code === 50007) return new ChannelUnavailableError(`the person does not accept direct messages from the bot (50007): ${message}`, "forbidden");
  if (code === 10003 || e.status === 404) return new ChannelUnavailableError(`the channel is gone (${message})`, "gone");
  if (code === 50001 || code === 50013 || e.status === 403) return new ChannelUnavailableError(`the bot may not post there (${message})`, "forbidden");
  if (e.status === 401) return new RetryLaterError(`Discord refused the token (401): check DISCORD_TOKEN`);
  // 400 (Invalid Form Body, 50035: a field too long, a URL it will not take) and 413: the body itself.
  const lessMayPass = e.status === 400 || e.status === 413;
  return new RejectedError(`Discord refused the message (${e.status}${Number.isFinite(code) ? `, code ${code}` : ""}): ${message}`, lessMayPass);
}

/** Maps a failure to open a DM channel (POST /users/@me/channels) onto the sink errors. */
function classifyDmOpenError(error: unknown): Error {
  const e = (error ?? {}) as { status?: unknown; code?: unknown; message?: string };
  if (Number(e.code) === 10013 || e.status === 404) return new ChannelUnavailableError(`the person's Discord account is unknown (Unknown User, 10013): ${e.message ?? String(error)}`, "gone");
  const classified = classifyDiscordError(error);
  // A body refused when opening a DM is not the announcement's: a shorter message would not help.
  if (classified instanceof RejectedError && classified.lessMayPass) return new RejectedError(`Discord would not open a direct message: ${classified.message}`);
  return classified;
}

/** DM channels the sink remembers, by user id, before it forgets them all (they are opened again on demand). */
const DM_CACHE_MAX = 10_000;

/**
 * The Discord sink. Exactly once: every post carries a nonce derived from the outbox key with
 * `enforce_nonce`, so a repeat within Discord's dedupe window returns the first message instead of
 * posting again; after a longer gap, `alreadyPosted` looks for the nonce (echoed in the embed
 * footer) among the channel's messages since the entry was written (needs Read Message History).
 *
 * A personal alert (subscription kind "dm", its channelId the person's user id) goes to the DM
 * channel with that person, opened with POST /users/@me/channels (Discord returns the same channel
 * each time) and remembered here by user id; the rest is as for a channel.
 */
export function createDiscordSink(rest: AnnouncementRest): AnnouncementSink {
  const dmChannels = new Map<string, string>();

  async function dmChannel(userId: string): Promise<string> {
    const known = dmChannels.get(userId);
    if (known) return known;
    let answer: unknown;
    try {
      answer = await rest.post(Routes.userChannels(), { body: { recipient_id: userId } });
    } catch (error) {
      throw classifyDmOpenError(error);
    }
    const id = (answer as { id?: unknown } | null)?.id;
    if (typeof id !== "string") throw new RetryLaterError("Discord opened a direct message but returned no channel id");
    if (dmChannels.size >= DM_CACHE_MAX) dmChannels.clear();
    dmChannels.set(userId, id);
    return id;
  }

  /** Where the entry's message goes: its channel, or the DM channel with its person. */
  const channelFor = (entry: OutboxEntry) => (entry.subscription.kind === "dm" ? dmChannel(entry.subscription.channelId) : Promise.resolve(entry.subscription.channelId));

  return {
    platform: "discord",
    async post(entry) {
      const channel = await channelFor(entry);
      const answer = await postWithLessDetail(async (detail) => {
        try {
          return await rest.post(Routes.channelMessages(channel), { body: announcementMessage(entry, detail) });
        } catch (error) {
          const classified = classifyDiscordError(error);
          // A DM channel Discord no longer knows (or will not take): opened again next time.
          if (entry.subscription.kind === "dm" && classified instanceof ChannelUnavailableError) dmChannels.delete(entry.subscription.channelId);
          throw classified;
        }
      });
      const id = (answer as { id?: unknown } | null)?.id;
      if (typeof id !== "string") throw new RetryLaterError("Discord accepted the message but returned no id");
      return { messageId: id };
    },
    async alreadyPosted(entry) {
      if (!rest.get) return null;
      const nonce = discordNonce(entry);
      let channel: string;
      try {
        channel = await channelFor(entry);
      } catch (error) {
        // A person who takes no DMs now: nothing to look at; the post says so.
        if (error instanceof ChannelUnavailableError && error.reason === "forbidden") return null;
        throw error;
      }
      let messages: unknown;
      try {
        const query = new URLSearchParams({ limit: "100", after: snowflakeAt(entry.createdAt - 60_000) });
        messages = await rest.get(Routes.channelMessages(channel), { query });
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
