import type { IdeaCard, Reply, Wording } from "../../src/reply.ts";
import { PAGE_SIZE, REFUSAL_TEXT, renderLine, termLine, truncate, worded } from "../../src/reply.ts";
import { channelMention, escapeText, link } from "./escape.ts";

/** Slack's limits (Block Kit reference). */
export const LIMITS = { blocks: 50, sectionText: 3000, buttonText: 75, buttonValue: 2000, headerText: 150, contextText: 2000, fallbackText: 3000 };

export const ACTIONS = { page: "ideas_page", details: "ideas_details", share: "ideas_share" } as const;

// Block Kit JSON: kept loose on purpose, the API validates it.
export type Block = Record<string, unknown>;

export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface RenderOptions {
  /** The AnswerStore token behind this answer's buttons; no buttons without it (a shared copy). */
  token?: string;
  /** Shown under a shared copy: "Shared by Ada". Plain text, never a mention. */
  sharedBy?: string;
  /**
   * ANNOUNCE_ADMINS: named in a refusal to manage announcements, so the member knows whom to ask.
   * As mentions, which notify no one here: these answers are ephemeral, seen by the asker only.
   */
  admins?: readonly string[];
}

/** At most this many ANNOUNCE_ADMINS are named in a refusal. */
const ADMINS_NAMED = 5;

export const MANAGE_REFUSED =
  "Only workspace admins and owners, and people listed in the bot's ANNOUNCE_ADMINS, can manage announcements here (subscribe, unsubscribe, status): ask one of them.";
export const REFUSAL = REFUSAL_TEXT.notAnswerOwner;
export const EXPIRED = REFUSAL_TEXT.answerExpired;
export const CANNOT_POST = "Note: I can't post in this channel yet. Invite me to it (`/invite` and my name), or announcements will be paused.";
export const RESUME_PAUSED = "A paused channel resumes when a workspace admin (or someone in ANNOUNCE_ADMINS) runs `/ideas subscribe` there, once I am back in it (`/invite` and my name).";
export const ALERT_PAUSED = "To get alerts again: make sure apps can message you in this workspace (my Messages tab), then run `/ideas notify` with your skills.";
export const ADMIN_COMMANDS = "subscribe, unsubscribe and status are for workspace admins and owners, and the people listed in the bot's ANNOUNCE_ADMINS.";

/** Refusals and hints in Slack's terms: Slack has no per-channel right, the workspace role stands in. */
export const SLACK_WORDING: Wording = {
  refusals: { manageChannel: MANAGE_REFUSED, notAnswerOwner: REFUSAL, answerExpired: EXPIRED },
  hints: { botCannotPost: CANNOT_POST, resumePaused: RESUME_PAUSED, adminCommands: ADMIN_COMMANDS, alertPaused: ALERT_PAUSED },
};

const section = (text: string): Block => ({ type: "section", text: { type: "mrkdwn", text: truncate(text, LIMITS.sectionText) } });
const context = (text: string): Block => ({ type: "context", elements: [{ type: "mrkdwn", text: truncate(text, LIMITS.contextText) }] });
const button = (text: string, actionId: string, value: object, style?: "primary"): Block => ({
  type: "button",
  text: { type: "plain_text", text: truncate(text, LIMITS.buttonText), emoji: true },
  action_id: actionId,
  value: JSON.stringify(value).slice(0, LIMITS.buttonValue),
  ...(style ? { style } : {}),
});

function cardText(card: IdeaCard, n?: number): string {
  const lines = [`${n !== undefined ? `${n}. ` : ""}*${link(card.url, truncate(card.title, 200))}*`];
  lines.push(`_${escapeText(card.project + (card.group ? ` / ${card.group}` : ""))}_  \`${escapeText(card.id)}\``);
  lines.push(escapeText(termLine(card)));
  if (card.matched?.length) lines.push(`:white_check_mark: You have: ${escapeText(card.matched.join(", "))}`);
  if (card.missing?.length) lines.push(`:books: To learn: ${escapeText(card.missing.join(", "))}`);
  if (card.skills.length) lines.push(`*Skills:* ${escapeText(truncate(card.skills.join(", "), 500))}`);
  if (card.mentors.length) lines.push(`*Mentors:* ${escapeText(truncate(card.mentors.join(", "), 500))}`);
  if (card.summary) lines.push(escapeText(truncate(card.summary, 600)));
  return lines.join("\n");
}

/** Renders a reply as Block Kit within Slack's limits, with a plain `text` fallback for notifications. */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const blocks: Block[] = [];
  let text: string;
  const { token } = options;
  switch (reply.kind) {
    case "cards": {
      text = reply.heading;
      blocks.push(section(`*${escapeText(reply.heading)}*` + (reply.pageCount > 1 ? `  (page ${reply.page} of ${reply.pageCount})` : "")));
      const first = (reply.page - 1) * PAGE_SIZE;
      reply.cards.forEach((card, i) => {
        const block = section(cardText(card, first + i + 1));
        if (token) block.accessory = button("Details", ACTIONS.details, { t: token, id: card.id });
        blocks.push(block);
      });
      const sources = [...new Set(reply.cards.map((c) => c.source))].join(", ");
      blocks.push(context([`Page ${reply.page} of ${reply.pageCount}`, `${reply.total} in all`, `from ${escapeText(sources)}`, ...(reply.note ? [escapeText(reply.note)] : [])].join(" · ")));
      if (token) {
        const buttons: Block[] = [];
        if (reply.page > 1) buttons.push(button("◀ Previous", ACTIONS.page, { t: token, p: reply.page - 1 }));
        if (reply.page < reply.pageCount) buttons.push(button("Next ▶", ACTIONS.page, { t: token, p: reply.page + 1 }));
        buttons.push(button("Share in channel", ACTIONS.share, { t: token, p: reply.page }, "primary"));
        blocks.push({ type: "actions", elements: buttons });
      }
      break;
    }
    case "idea": {
      const { idea, card } = reply;
      text = `${idea.title} (${idea.project})`;
      blocks.push({ type: "header", text: { type: "plain_text", text: truncate(idea.title, LIMITS.headerText), emoji: false } });
      blocks.push(section(cardText({ ...card, summary: "" })));
      // A long description is split over sections rather than cut at 3,000 characters.
      for (const part of chunks(escapeText(idea.description), LIMITS.sectionText).slice(0, 10)) blocks.push(section(part));
      for (const extra of idea.extra.slice(0, 10)) blocks.push(section(`*${escapeText(extra.label)}*\n${escapeText(extra.text)}`));
      const links = [...idea.issues.map((u) => link(u, u)), ...idea.links.map((l) => link(l.url, `${l.label}: ${l.url}`))];
      if (links.length) blocks.push(section(links.join("\n")));
      blocks.push(context(`From ${escapeText(idea.source)}, line ${idea.line}`));
      if (token) blocks.push({ type: "actions", elements: [button("Share in channel", ACTIONS.share, { t: token, p: 1 }, "primary")] });
      break;
    }
    case "message": {
      const said = worded(reply, SLACK_WORDING);
      text = reply.title ? `${reply.title}: ${said.text}` : said.text;
      const head = (reply.title ? `*${escapeText(reply.title)}*\n` : "") + (reply.tone === "error" ? ":warning: " : "") + escapeText(said.text);
      blocks.push(section(head));
      const admins = (options.admins ?? []).filter((id) => /^[UW][A-Z0-9]{2,20}$/.test(id));
      if (reply.refusal?.reason === "manageChannel" && admins.length > 0) {
        blocks.push(context(`Besides workspace admins and owners, you can ask: ${admins.slice(0, ADMINS_NAMED).map((id) => `<@${id}>`).join(", ")}${admins.length > ADMINS_NAMED ? ` and ${admins.length - ADMINS_NAMED} more` : ""}`));
      }
      const lines = said.lines.map((line) => renderLine(line, escapeText, channelMention));
      const sections = chunks(lines.join("\n"), LIMITS.sectionText, "\n");
      const room = LIMITS.blocks - blocks.length - 1;
      sections.slice(0, room).forEach((s) => blocks.push(section(s)));
      if (sections.length > room) {
        const shownLines = sections.slice(0, room).join("\n").split("\n").length;
        blocks.push(context(`…and ${lines.length - shownLines} more`));
      }
      break;
    }
  }
  if (options.sharedBy) blocks.push(context(`Shared by ${escapeText(options.sharedBy)}`));
  return { text: truncate(escapeText(text), LIMITS.fallbackText), blocks: blocks.slice(0, LIMITS.blocks) };
}

/** Splits text into pieces of at most `size`, at `separator` when possible. */
export function chunks(text: string, size: number, separator = " "): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    let cut = rest.lastIndexOf(separator, size);
    if (cut < size / 2) cut = size;
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut).replace(/^\s+/, "");
  }
  if (rest) out.push(rest);
  return out;
}
