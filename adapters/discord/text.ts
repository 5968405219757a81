import { escapeMarkdown } from "discord.js";
import { truncate } from "../../src/reply.ts";

/**
 * How every string from a file or a person becomes Discord text: one rule for answers and
 * announcements alike, so no path can escape less than another.
 */

/** Discord's limit on a URL in an embed or a masked link. */
export const URL_LIMIT = 2048;

/**
 * Makes text unable to ping or render as a mention: `@everyone` and `@here` get a zero-width space
 * after the `@`; user, role, channel, emoji, slash-command and timestamp syntax (`<@…>`, `<#…>`,
 * `<:…>`, `<a:…>`, `</…>`, `<t:…>`) one after the `<`. allowed_mentions already forbids pings; this
 * also keeps the text from rendering as a mention at all.
 */
export function noPings(text: string): string {
  return text.replace(/@(everyone|here)\b/gi, "@\u200b$1").replace(/<(?=[@#:/]|a:|t:)/gi, "<\u200b");
}

/**
 * A channel as a mention (`<#id>`: Discord shows its name, and a channel mention notifies no one);
 * anything that is not a snowflake is shown as text.
 */
export function channelMention(channelId: string): string {
  return /^\d{17,20}$/.test(channelId) ? `<#${channelId}>` : `#${noPings(echoed(channelId.slice(0, 40)))}`;
}

/** Terminal and zero-width control characters have no place in a message. */
function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "");
}

/** Untrusted text where markdown does not render (embed titles, author, footer), ping-proof, cut to `max`. */
export function clean(text: string, max: number): string {
  return truncate(noPings(stripControl(text)), max);
}

/** The same, on one line. */
export function oneLine(text: string, max: number): string {
  return clean(text.replace(/\s+/g, " ").trim(), max);
}

/**
 * Square brackets escaped, so `[Claim your Nitro](https://evil.example)` is shown, never a working
 * masked link the bot appears to vouch for. (discord.js's escapeMarkdown leaves masked links alone.)
 */
export function echoed(text: string): string {
  return text.replace(/[[\]]/g, "\\$&");
}

/** Text from a file where markdown renders (descriptions, field values): no formatting, link or mention tricks. */
export function markdownText(text: string): string {
  return noPings(echoed(escapeMarkdown(stripControl(text))));
}

/**
 * markdownText, then cut to `max`: escaping first, so the text never grows past its limit once
 * escaped, and the cut never leaves half an escape (a lone `\` would escape the "…").
 */
export function fitMarkdown(text: string, max: number): string {
  const cut = truncate(markdownText(text), max);
  if (!cut.endsWith("…")) return cut;
  let slashes = 0;
  while (cut[cut.length - 2 - slashes] === "\\") slashes++;
  return slashes % 2 === 1 ? `${cut.slice(0, -2)}…` : cut;
}

/**
 * Only absolute http(s) URLs within `max` are links; anything else would make Discord reject the
 * message. Parentheses are encoded so a masked link `[label](url)` cannot end early.
 */
export function safeUrl(url: string | null | undefined, max: number = URL_LIMIT): string | undefined {
  if (!url || /[\s<>"[\]]/.test(url)) return undefined;
  const encoded = url.replace(/\(/g, "%28").replace(/\)/g, "%29");
  if (encoded.length > max) return undefined;
  try {
    const parsed = new URL(encoded);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? encoded : undefined;
  } catch {
    return undefined;
  }
}

/** Items joined with `separator`, as many as fit in `max`, then "… and N more". */
export function joinWithin(items: string[], max: number, separator = ", "): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const rest = items.length - i - 1;
    const more = rest > 0 ? `${separator}… and ${rest} more`.length : 0;
    const add = (out.length ? separator.length : 0) + item.length;
    if (length + add + more <= max) {
      out.push(item);
      length += add;
      continue;
    }
    if (out.length === 0) {
      // Not even the first item fits whole: cut it, leaving room for the count of the others.
      const tail = items.length > 1 ? `${separator}… and ${items.length - 1} more` : "";
      return truncate(item, Math.max(1, max - tail.length)) + tail;
    }
    const tail = `${separator}… and ${items.length - i} more`;
    return out.join(separator) + tail;
  }
  return out.join(separator);
}
