/**
 * Slack mrkdwn treats `<…>` as links and mentions (`<!channel>`, `<@U123>`, `<#C1>`) and `&` as the
 * start of an entity. Every string that comes from a user or a file goes through `escapeText`, so
 * nothing the bot echoes can notify anyone.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A link built by the bot: http(s) only, with the characters that would end the link removed. */
export function link(url: string | null, label: string): string {
  const safe = url && /^https?:\/\/[^\s<>|]+$/i.test(url) ? url : null;
  const text = escapeText(label).replace(/\|/g, "¦");
  return safe ? `<${safe}|${text}>` : text;
}
