import { truncate } from "../../src/reply.ts";

/**
 * How every string from a file or a person becomes Slack mrkdwn: one rule for answers and
 * announcements alike. Slack treats `<…>` as links and mentions (`<!channel>`, `<@U123>`, `<#C1>`)
 * and `&` as the start of an entity, so those three are escaped and nothing echoed can notify anyone.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Text escaped first and cut after, so it never grows past `max` once escaped; never half an entity. */
export function fitText(text: string, max: number): string {
  return truncate(escapeText(text), max).replace(/&(?:a|am|amp|l|lt|g|gt)?…$/, "…");
}

/** Longest URL made into a link: a longer one would crowd a section's 3,000 characters. */
export const LINK_URL_MAX = 800;

/**
 * A link built by the bot: http(s) only and at most LINK_URL_MAX long; the label escaped (and cut to
 * `max` when given), with `|` (which would end it) replaced. Whole or not at all: never cut in half.
 */
export function link(url: string | null | undefined, label: string, max?: number): string {
  const safe = url && url.length <= LINK_URL_MAX && /^https?:\/\/[^\s<>|]+$/i.test(url) ? url : null;
  const text = (max === undefined ? escapeText(label) : fitText(label, max)).replace(/\|/g, "¦");
  return safe ? `<${safe}|${text}>` : text;
}

/**
 * A channel as a mention (`<#C123>`: Slack shows its name, and a channel mention notifies no one);
 * anything that is not a channel id is shown as text.
 */
export function channelMention(channelId: string): string {
  return /^[CGD][A-Z0-9]{1,20}$/.test(channelId) ? `<#${channelId}>` : `#${escapeText(channelId.slice(0, 40))}`;
}
