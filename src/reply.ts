import { term } from "./ideas/terms.ts";
import type { Precondition } from "./command.ts";
import type { Idea } from "./ideas/schema.ts";

/**
 * What a command answers: data, never platform markup. Adapters render it (Discord embeds, Slack
 * Block Kit, terminal text) and escape every string, since all of it may come from users or files.
 */
export interface IdeaCard {
  id: string;
  title: string;
  project: string;
  group: string | null;
  /** The idea's link: its upstream issue, else its LFX page, else none. */
  url: string | null;
  skills: string[];
  mentors: string[];
  /** The description, plain text, cut at a word boundary. */
  summary: string;
  source: string;
  /** The term's name: "LFX Mentorship 2026 Term 3". */
  term: string;
  /** "accepted" when the term's accepted list (or export) has it; "proposed" when only its proposals do. */
  stage: Idea["stage"];
  /** Other terms that had the same idea, newest first ("2025 Term 1"). */
  alsoIn?: string[];
  /** For recommendations: why it fits. */
  matched?: string[];
  missing?: string[];
  score?: number;
}

/**
 * A list line about a channel: adapters show the channel as their platform's mention (which shows
 * its name and notifies no one) before the text, "#announcements: every new idea".
 */
export interface ChannelLine {
  channelId: string;
  text: string;
}
export type Line = string | ChannelLine;

/** How to get another page of the same answer: the command and its input, with `page` changed. */
export interface Continuation {
  command: string;
  input: Record<string, unknown>;
}

export type Reply =
  | {
      kind: "cards";
      /** One line saying what this is: `5 ideas for "kubernetes docs"`. */
      heading: string;
      cards: IdeaCard[];
      page: number;
      pageCount: number;
      total: number;
      /** A hint shown under the cards ("did you mean", skills not recognised, older terms that also match). */
      note?: string;
      continuation: Continuation;
    }
  | { kind: "idea"; idea: Idea; card: IdeaCard }
  | {
      kind: "message";
      tone: "info" | "error";
      title?: string;
      /** The text; for a refusal, the platform-neutral wording an adapter may replace with its own. */
      text: string;
      /** Optional list lines (projects, skills, commands, channels). */
      lines?: Line[];
      /** Why the bot said no, as a code: each adapter words it in its platform's terms (Discord's "Manage Channels" means nothing on Slack). */
      refusal?: { reason: RefusalReason };
      /** Advice whose wording depends on the platform (which permissions to grant): adapters add a line for each. */
      hints?: HintCode[];
    };

/**
 * Why a request was refused: a command's precondition that does not hold (see `requires` in
 * src/command.ts), or a button of a paged answer that has expired or belongs to someone else.
 */
export type RefusalReason = Precondition | "answerExpired" | "notAnswerOwner";

/**
 * Platform-specific advice, worded by each adapter:
 * - botCannotPost: the bot lacks what it needs to post in this channel;
 * - resumePaused: how a paused channel resumes (the command to run there, after fixing the cause);
 * - adminCommands: which commands are for the people who manage announcements, and who they are;
 * - alertPaused: the person's alert is paused (the bot could not message them): how to open their DMs.
 */
export type HintCode = "botCannotPost" | "resumePaused" | "adminCommands" | "alertPaused";

/** The neutral wording of each refusal, for any adapter that has none of its own. */
export const REFUSAL_TEXT: Record<RefusalReason, string> = {
  store: "Announcements are not available here.",
  alerts: "Personal alerts are not available here.",
  channel: "Run this in the channel (of a server or workspace) that should get the announcements.",
  manageChannel: "You may not change this channel's subscriptions.",
  catalog: "I'm still loading the ideas (the first start takes a moment). Please try again in a minute.",
  answerExpired: "This answer has expired. Please run the command again.",
  notAnswerOwner: "Only the person who asked can use these buttons. Run `/ideas` yourself to get your own answer.",
};

/** A refusal: an error for what the person may not do here, a friendly info for a button that only went stale. */
export function refusalReply(reason: RefusalReason): Reply {
  const tone = reason === "answerExpired" || reason === "notAnswerOwner" || reason === "catalog" ? "info" : "error";
  return { kind: "message", tone, text: REFUSAL_TEXT[reason], refusal: { reason } };
}

export type MessageReply = Extract<Reply, { kind: "message" }>;

/** How a platform words refusal and hint codes; a refusal it does not word keeps the neutral text. */
export interface Wording {
  refusals: Partial<Record<RefusalReason, string>>;
  hints: Record<HintCode, string>;
}

/** A message's text and lines in a platform's words: its refusal worded, its hints added as lines. */
export function worded(reply: MessageReply, wording: Wording): { text: string; lines: Line[] } {
  const text = (reply.refusal && wording.refusals[reply.refusal.reason]) || reply.text;
  return { text, lines: [...(reply.lines ?? []), ...(reply.hints ?? []).map((hint) => wording.hints[hint])] };
}

/**
 * A list line as a platform shows it: text escaped by `escape`, a channel line's channel by `mention`
 * (which must check the id's form: ids come from the store, but a mention is markup).
 */
export function renderLine(line: Line, escape: (text: string) => string, mention: (channelId: string) => string): string {
  return typeof line === "string" ? escape(line) : `${mention(line.channelId)}: ${escape(line.text)}`;
}

/** The refusal a reply carries, if it is one. */
export function refusalOf(reply: Reply): RefusalReason | undefined {
  return reply.kind === "message" ? reply.refusal?.reason : undefined;
}

export const PAGE_SIZE = 5;

/** Cuts text at a word boundary, adding an ellipsis, so no platform limit is ever hit mid-word. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

export function ideaUrl(idea: Idea): string | null {
  return idea.issues[0] ?? idea.links.find((l) => l.label === "LFX")?.url ?? idea.links[0]?.url ?? null;
}

export function toCard(idea: Idea, extra: Pick<IdeaCard, "matched" | "missing" | "score" | "alsoIn"> = {}): IdeaCard {
  return {
    id: idea.id,
    title: idea.title,
    project: idea.project,
    group: idea.group,
    url: ideaUrl(idea),
    skills: idea.skills,
    mentors: idea.mentors.map((m) => (m.handle && m.handle !== m.name ? `${m.name} (@${m.handle})` : m.handle ? `@${m.handle}` : m.name)),
    summary: truncate(idea.description.replace(/\s+/g, " "), 300),
    source: idea.source,
    term: term(idea.term).label,
    stage: idea.stage,
    ...extra,
  };
}

/** The term line of a card: "LFX Mentorship 2026 Term 3 · accepted · also in 2025 Term 1, 2024 Term 3". */
export function termLine(card: Pick<IdeaCard, "term" | "stage" | "alsoIn">): string {
  return [card.term, card.stage === "accepted" ? "accepted" : null, card.alsoIn?.length ? `also in ${card.alsoIn.join(", ")}` : null].filter(Boolean).join(" · ");
}

/** How many results to fetch to show `page` (1-based): the ranking only needs the top of the list. */
export function resultsNeeded(page: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.floor(page) || 1) * size;
}

/** The slice of the best results for `page` (clamped to the last page) and the paging facts. */
export function pageOf<T>(best: T[], total: number, page: number, size = PAGE_SIZE): { items: T[]; page: number; pageCount: number } {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const p = Math.min(Math.max(1, Math.floor(page) || 1), pageCount);
  return { items: best.slice((p - 1) * size, p * size), page: p, pageCount };
}

type MessageExtra = { title?: string; lines?: Line[]; hints?: HintCode[] };

export function infoReply(text: string, extra: MessageExtra = {}): Reply {
  return { kind: "message", tone: "info", text, ...extra };
}

export function errorReply(text: string, extra: MessageExtra = {}): Reply {
  return { kind: "message", tone: "error", text, ...extra };
}
