import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APISelectMenuOption,
} from "discord.js";
import type { IdeaCard, MessageReply, Reply, Wording } from "../../src/reply.ts";
import { renderLine, termLine, truncate, worded } from "../../src/reply.ts";
import { encodeCustomId } from "./custom-id.ts";
import { channelMention, clean, echoed, fitMarkdown, joinWithin, markdownText, oneLine, safeUrl, URL_LIMIT } from "./text.ts";


/**
 * Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits
 * and the component reference). Everything rendered here is cut to fit, never rejected.
 */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  url: URL_LIMIT,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  buttonUrl: 512,
  selectOptions: 25,
  optionText: 100,
  placeholder: 150,
} as const;

/** A card's summary in a list: enough to decide, short enough for five cards in 6,000 characters. */
export const CARD_SUMMARY = 600;

export const COLORS = { cards: 0x5865f2, idea: 0x2b7fff, info: 0x4f545c, error: 0xed4245 } as const;

/** Nothing may ping anyone: send this with every message (the client default says the same). */
export const NO_MENTIONS = { parse: [] as never[] };

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

/** A rendered message, without the flags and allowed_mentions the adapter adds. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
}

export interface RenderOptions {
  /** The asker: the owner of the buttons of an ephemeral answer. */
  ownerId: string;
  /** The AnswerStore token of a paged answer (needed for paging and sharing cards). */
  token?: string;
  /** The public copy posted by Share: no paging or sharing, Details open to anyone. */
  publicCopy?: boolean;
  /** The ephemeral answer after it was shared: the Share button says so and is disabled. */
  shared?: boolean;
}

/** The characters Discord counts towards an embed's 6,000. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/**
 * Keeps a message's embeds within 10 and 6,000 characters in all, in order of least loss: cut the
 * longest description or field value (down to 300 characters), leave out trailing fields beyond the
 * fourth (an idea's extra sections), cut further (down to 40), leave out trailing embeds, and last
 * cut a lone embed's fields and description.
 */
export function fitEmbeds(embeds: APIEmbed[], total: number = LIMITS.embedTotal): APIEmbed[] {
  const out = embeds.slice(0, LIMITS.embeds).map((e) => ({ ...e, fields: e.fields?.map((f) => ({ ...f })) }));
  const size = () => out.reduce((n, e) => n + embedLength(e), 0);
  const cutLongest = (floor: number): boolean => {
    let best: { length: number; get: () => string; set: (value: string) => void } | null = null;
    for (const embed of out) {
      const d = embed.description;
      if (d && d.length > floor && (!best || d.length > best.length)) best = { length: d.length, get: () => embed.description!, set: (v) => (embed.description = v) };
      for (const f of embed.fields ?? []) {
        if (f.value.length > floor && (!best || f.value.length > best.length)) best = { length: f.value.length, get: () => f.value, set: (v) => (f.value = v) };
      }
    }
    if (!best) return false;
    best.set(truncate(best.get(), Math.max(floor, best.length - (size() - total))));
    return true;
  };
  const dropExtraField = (): boolean => {
    const embed = [...out].reverse().find((e) => (e.fields?.length ?? 0) > 4);
    if (!embed) return false;
    embed.fields!.pop();
    return true;
  };
  for (let guard = 0; guard < 500 && size() > total; guard++) {
    if (cutLongest(300) || dropExtraField() || cutLongest(40)) continue;
    if (out.length > 1) {
      out.pop();
      continue;
    }
    const only = out[0]!;
    if (only.fields?.length) only.fields.pop();
    else if (only.description) only.description = truncate(only.description, Math.max(1, only.description.length - (size() - total)));
    else break;
  }
  for (const embed of out) if (embed.fields && embed.fields.length === 0) delete embed.fields;
  return out;
}

function field(name: string, value: string, inline = false): APIEmbedField | null {
  const v = value.trim();
  if (!v) return null;
  return { name: oneLine(name, LIMITS.fieldName), value: v.slice(0, LIMITS.fieldValue), inline };
}

function listField(name: string, items: string[] | undefined, inline = true, empty?: string): APIEmbedField | null {
  if (!items) return null;
  if (items.length === 0) return empty ? field(name, empty, inline) : null;
  return field(name, joinWithin(items.map((i) => oneLine(markdownText(i), LIMITS.fieldValue)), LIMITS.fieldValue), inline);
}

function projectLine(card: Pick<IdeaCard, "project" | "group">): string {
  return oneLine(card.project + (card.group ? ` › ${card.group}` : ""), LIMITS.author);
}

function compact<T>(items: Array<T | null | undefined>): T[] {
  return items.filter((i): i is T => i !== null && i !== undefined);
}

/** One idea in a list of cards. */
export function cardEmbed(card: IdeaCard): APIEmbed {
  const url = safeUrl(card.url);
  return {
    color: COLORS.cards,
    title: oneLine(card.title, LIMITS.title),
    ...(url ? { url } : {}),
    author: { name: projectLine(card) },
    description: fitMarkdown(card.summary, CARD_SUMMARY),
    fields: compact([
      listField("Skills", card.skills),
      listField("You have", card.matched, true, "—"),
      listField("To learn", card.missing, true, "nothing new"),
      listField("Mentors", card.mentors),
    ]).slice(0, LIMITS.fields),
    footer: { text: oneLine(`${card.id} · ${termLine(card)}`, LIMITS.footer) },
  };
}

function button(label: string, customId: string, style: ButtonStyle, disabled = false): APIButtonComponent {
  return { type: ComponentType.Button, style, label: truncate(label, LIMITS.buttonLabel), custom_id: customId, disabled } as APIButtonComponent;
}

function linkButton(label: string, url: string): APIButtonComponent {
  return { type: ComponentType.Button, style: ButtonStyle.Link, label: truncate(label, LIMITS.buttonLabel), url };
}

function row(components: APIComponentInMessageActionRow[]): ActionRow {
  return { type: ComponentType.ActionRow, components: components.slice(0, LIMITS.buttonsPerRow) };
}

/** The Details menu: one option per card, value = the idea's id. */
function detailsMenu(cards: IdeaCard[], owner: string | null): ActionRow | null {
  const options: APISelectMenuOption[] = cards
    .filter((c) => c.id.length <= LIMITS.optionText)
    .slice(0, LIMITS.selectOptions)
    .map((c) => ({ label: oneLine(c.title, LIMITS.optionText), value: c.id, description: oneLine(c.project, LIMITS.optionText) }));
  if (options.length === 0) return null;
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: encodeCustomId({ kind: "details", owner }),
        placeholder: "Details of an idea…",
        min_values: 1,
        max_values: 1,
        options,
      },
    ],
  };
}

/** Links of one idea as buttons: upstream issues first, then other links (LFX page…). */
function linkButtons(links: Array<{ label: string; url: string }>, max: number): APIButtonComponent[] {
  const out: APIButtonComponent[] = [];
  const seen = new Set<string>();
  for (const link of links) {
    const url = safeUrl(link.url, LIMITS.buttonUrl);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push(linkButton(link.label, url));
    if (out.length >= max) break;
  }
  return out;
}

/** The header of a list of cards: what this is, the note, and the page in the footer. */
function cardsHeader(reply: Extract<Reply, { kind: "cards" }>): APIEmbed {
  return {
    color: COLORS.cards,
    title: oneLine(reply.heading, LIMITS.title),
    ...(reply.note ? { description: clean(echoed(reply.note), 1000) } : {}),
    footer: {
      text: `Page ${reply.page} of ${reply.pageCount} · ${reply.total} idea${reply.total === 1 ? "" : "s"} · pick one under Details for the full text`,
    },
  };
}

function renderCards(reply: Extract<Reply, { kind: "cards" }>, options: RenderOptions): DiscordMessage {
  const embeds = fitEmbeds([cardsHeader(reply), ...reply.cards.slice(0, LIMITS.embeds - 1).map(cardEmbed)]);
  const shown = reply.cards.slice(0, embeds.length - 1);
  const components: ActionRow[] = [];
  const menu = detailsMenu(shown, options.publicCopy ? null : options.ownerId);
  if (menu) components.push(menu);
  if (!options.publicCopy && options.token) {
    const buttons: APIButtonComponent[] = [];
    if (reply.pageCount > 1) {
      buttons.push(
        button("Previous", encodeCustomId({ kind: "page", token: options.token, page: Math.max(0, reply.page - 1) }), ButtonStyle.Secondary, reply.page <= 1),
        button("Next", encodeCustomId({ kind: "page", token: options.token, page: reply.page + 1 }), ButtonStyle.Secondary, reply.page >= reply.pageCount),
      );
    }
    buttons.push(
      button(options.shared ? "Shared" : "Share in channel", encodeCustomId({ kind: "share", token: options.token, page: reply.page }), ButtonStyle.Primary, options.shared === true),
    );
    components.push(row(buttons));
  }
  return { embeds, components: components.slice(0, LIMITS.rows) };
}

function renderIdea(reply: Extract<Reply, { kind: "idea" }>, options: RenderOptions): DiscordMessage {
  const { idea, card } = reply;
  const url = safeUrl(card.url);
  const links = [...idea.issues.map((u, i) => ({ label: idea.issues.length > 1 ? `Upstream issue ${i + 1}` : "Upstream issue", url: u })), ...idea.links];
  const fields = compact([
    listField("Skills", card.skills),
    listField("Mentors", card.mentors),
    links.length
      ? field(
          "Links",
          joinWithin(
            links.map((l) => {
              const u = safeUrl(l.url);
              return u ? `[${oneLine(markdownText(l.label), 80).replace(/[[\]]/g, "")}](${u})` : oneLine(l.url, 200);
            }),
            LIMITS.fieldValue,
            "\n",
          ),
        )
      : null,
    ...idea.extra.map((e) => field(e.label, clean(e.text, LIMITS.fieldValue))),
  ]).slice(0, LIMITS.fields);
  const embed: APIEmbed = {
    color: COLORS.idea,
    title: oneLine(idea.title, LIMITS.title),
    ...(url ? { url } : {}),
    author: { name: projectLine(idea) },
    description: clean(idea.descriptionMarkdown.trim() || idea.description.trim() || "No description given.", LIMITS.description),
    fields,
    footer: { text: oneLine(`${idea.id} · ${termLine(card)} · ${idea.source}, line ${idea.line}`, LIMITS.footer) },
  };
  const buttons: APIButtonComponent[] = [];
  if (!options.publicCopy) {
    buttons.push(
      button(options.shared ? "Shared" : "Share in channel", encodeCustomId({ kind: "share-idea", owner: options.ownerId, id: idea.id }), ButtonStyle.Primary, options.shared === true),
    );
  }
  buttons.push(...linkButtons(links, LIMITS.buttonsPerRow - buttons.length));
  return { embeds: fitEmbeds([embed]), components: buttons.length ? [row(buttons)] : [] };
}

export const MANAGE_REFUSED = "You need the Manage Channels permission in this channel to change its subscriptions.";
export const REFUSAL = "These buttons belong to someone else's answer. Run `/ideas` yourself to get your own.";
export const EXPIRED = "This answer has expired. Please run the command again.";
export const CANNOT_POST = "Note: I can't post in this channel yet. Give me View Channel, Send Messages and Embed Links here, or announcements will be paused.";
export const RESUME_PAUSED = "A paused channel resumes when someone with Manage Channels runs `/ideas-admin subscribe` there, once I can post in it again (View Channel, Send Messages, Embed Links).";
export const ALERT_PAUSED =
  "To get alerts again: in a server you share with me, allow direct messages from its members (the server's Privacy Settings), then run `/ideas notify` with your skills.";
export const ADMIN_COMMANDS =
  "subscribe, unsubscribe, subscriptions and status are under `/ideas-admin`: for members with Manage Channels, unless your server changes who in Server Settings > Integrations.";

/** Refusals and hints in Discord's terms: its permission names. */
export const DISCORD_WORDING: Wording = {
  refusals: { manageChannel: MANAGE_REFUSED, notAnswerOwner: REFUSAL, answerExpired: EXPIRED },
  hints: { botCannotPost: CANNOT_POST, resumePaused: RESUME_PAUSED, adminCommands: ADMIN_COMMANDS, alertPaused: ALERT_PAUSED },
};

function renderMessage(reply: MessageReply): DiscordMessage {
  const { text: said, lines } = worded(reply, DISCORD_WORDING);
  const text = clean(echoed(said), 1500);
  let description = text;
  if (lines.length) {
    const room = LIMITS.description - text.length - 2;
    const items = lines.map((l) => renderLine(l, (text) => oneLine(echoed(text), 300), channelMention));
    // A short list reads best one per line; a long one (every project, every skill) packs tighter.
    description += "\n\n" + (items.length <= 30 ? joinWithin(items.map((l) => `• ${l}`), room, "\n") : joinWithin(items, room, " · "));
  }
  const embed: APIEmbed = {
    color: reply.tone === "error" ? COLORS.error : COLORS.info,
    ...(reply.title ? { title: oneLine(reply.title, LIMITS.title) } : {}),
    description: truncate(description, LIMITS.description),
  };
  return { embeds: fitEmbeds([embed]), components: [] };
}

/** Renders a command's reply as a Discord message: embeds and components, every limit respected. */
export function renderReply(reply: Reply, options: RenderOptions): DiscordMessage {
  switch (reply.kind) {
    case "cards":
      return renderCards(reply, options);
    case "idea":
      return renderIdea(reply, options);
    case "message":
      return renderMessage(reply);
  }
}

/** A plain kind answer (refusals, expired buttons, apologies): one embed. */
export function notice(text: string, tone: "info" | "error" = "info"): DiscordMessage {
  return renderMessage({ kind: "message", tone, text });
}

/** The line above a shared answer: who shared it, by name (a mention could ping, a name cannot). */
export function sharedBy(name: string): string {
  const who = truncate(name.replace(/\s+/g, " ").trim() || "someone", 100);
  // A display name is user text too: a masked link in it must not render as one the bot vouches for.
  return `Shared by **${markdownText(who)}**`;
}
