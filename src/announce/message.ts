import type { Idea } from "../ideas/schema.ts";
import { toCard, truncate, type IdeaCard } from "../reply.ts";

/** More new ideas than this for one channel in one check become one digest message. */
export const DIGEST_THRESHOLD = 5;

/**
 * What an announcement says about one idea: the fields of its card that a message shows, frozen
 * when it is written to the outbox, so delivery never needs the catalogue and a retry a day later
 * posts what was new then. (The summary is cut shorter than a card's.)
 */
export type AnnouncedIdea = Pick<IdeaCard, "id" | "title" | "project" | "group" | "url" | "skills" | "mentors" | "summary" | "source"> &
  /** In a personal alert: the person's skills the idea asks for, and the skills it asks for that they did not list. */
  Partial<Pick<IdeaCard, "matched" | "missing">>;

export interface AnnouncementPayload {
  kind: "idea" | "digest";
  /** Best first in an alert (ranked as `recommend` ranks), file order in a channel. */
  ideas: AnnouncedIdea[];
  /**
   * A personal alert's direct message (`notify`): the skills it was set for. Its message says why
   * each idea fits, and how to see more or stop.
   */
  alert?: { skills: string[]; /** Ideas that fit but are not listed (over ALERT_IDEAS_MAX). */ more?: number };
}

// The outbox carries announcement payloads: declared here, where they are made, so that entries
// read from the store are typed while the store keeps them as opaque JSON and imports nothing of
// src/announce (see OutboxPayload in src/store/store.ts).
declare module "../store/store.ts" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merging needs an interface; its members come from AnnouncementPayload
  interface OutboxPayload extends AnnouncementPayload {}
}

export function announcedIdea(idea: Idea): AnnouncedIdea {
  const card = toCard(idea);
  return {
    id: card.id,
    title: card.title,
    project: card.project,
    group: card.group,
    url: card.url,
    skills: card.skills,
    mentors: card.mentors,
    summary: truncate(card.summary, 280),
    source: card.source,
  };
}

/** One idea, or a digest when there are more than DIGEST_THRESHOLD. */
export function payloadFor(ideas: Idea[]): AnnouncementPayload {
  return { kind: ideas.length > DIGEST_THRESHOLD ? "digest" : "idea", ideas: ideas.map(announcedIdea) };
}

/** "Project / Group". */
export function projectLine(idea: AnnouncedIdea): string {
  return idea.group ? `${idea.project} / ${idea.group}` : idea.project;
}

/**
 * A headline for notifications and plain text: "New project idea: …" or "7 new project ideas"; in
 * a personal alert, "New idea for your skills: …" or "7 new ideas for your skills (Rust, Go)".
 */
export function headline(payload: AnnouncementPayload): string {
  const first = payload.ideas[0];
  if (payload.alert) {
    if (payload.kind === "idea" && first) return `New idea for your skills: ${first.title} (${projectLine(first)})`;
    return `${payload.ideas.length + (payload.alert.more ?? 0)} new ideas for your skills (${payload.alert.skills.join(", ")})`;
  }
  if (payload.kind === "idea" && first) return `New project idea: ${first.title} (${projectLine(first)})`;
  return `${payload.ideas.length} new project ideas`;
}

/** Why an idea fits a person, in an alert: "You have: Rust · To learn: Go"; empty outside alerts. */
export function fitLine(idea: AnnouncedIdea): string {
  const parts = [idea.matched?.length ? `You have: ${idea.matched.join(", ")}` : "", idea.missing?.length ? `To learn: ${idea.missing.join(", ")}` : ""];
  return parts.filter(Boolean).join(" · ");
}

/** The last line of an alert's message: how to see more, and how to stop. */
export const ALERT_FOOTER = "`/ideas show <id>` for details · `/ideas notify` shows your alert · `/ideas notify off` stops it";

/** Plain text, for the shell and logs (the caller strips terminal control characters). */
export function plainAnnouncement(payload: AnnouncementPayload): string {
  const lines = [headline(payload)];
  for (const idea of payload.ideas) {
    const fit = fitLine(idea);
    if (payload.kind === "digest") {
      lines.push(`  • ${idea.title} — ${projectLine(idea)}${idea.url ? `  ${idea.url}` : ""}  [${idea.id}]`);
      if (fit) lines.push(`    ${fit}`);
      continue;
    }
    if (idea.url) lines.push(`  ${idea.url}`);
    if (fit) lines.push(`  ${fit}`);
    if (idea.skills.length) lines.push(`  Skills: ${idea.skills.join(", ")}`);
    if (idea.mentors.length) lines.push(`  Mentors: ${idea.mentors.join(", ")}`);
    lines.push(`  show ${idea.id}`);
  }
  if (payload.alert?.more) lines.push(`  … and ${payload.alert.more} more: recommend ${payload.alert.skills.join(", ")}`);
  if (payload.alert) lines.push(ALERT_FOOTER.replaceAll("`", ""));
  return lines.join("\n");
}
