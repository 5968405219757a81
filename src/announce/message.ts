import type { Idea } from "../ideas/schema.ts";
import { toCard, truncate, type IdeaCard } from "../reply.ts";

/** More new ideas than this for one channel in one check become one digest message. */
export const DIGEST_THRESHOLD = 5;

/**
 * What an announcement says about one idea: the fields of its card that a message shows, frozen
 * when it is written to the outbox, so delivery never needs the catalogue and a retry a day later
 * posts what was new then. (The summary is cut shorter than a card's.)
 */
export type AnnouncedIdea = Pick<IdeaCard, "id" | "title" | "project" | "group" | "url" | "skills" | "mentors" | "summary" | "source">;

export interface AnnouncementPayload {
  kind: "idea" | "digest";
  ideas: AnnouncedIdea[];
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

/** A headline for notifications and plain text: "New project idea: …" or "7 new project ideas". */
export function headline(payload: AnnouncementPayload): string {
  const first = payload.ideas[0];
  if (payload.kind === "idea" && first) return `New project idea: ${first.title} (${projectLine(first)})`;
  return `${payload.ideas.length} new project ideas`;
}

/** Plain text, for the shell and logs (the caller strips terminal control characters). */
export function plainAnnouncement(payload: AnnouncementPayload): string {
  const lines = [headline(payload)];
  for (const idea of payload.ideas) {
    if (payload.kind === "digest") {
      lines.push(`  • ${idea.title} — ${projectLine(idea)}${idea.url ? `  ${idea.url}` : ""}  [${idea.id}]`);
      continue;
    }
    if (idea.url) lines.push(`  ${idea.url}`);
    if (idea.skills.length) lines.push(`  Skills: ${idea.skills.join(", ")}`);
    if (idea.mentors.length) lines.push(`  Mentors: ${idea.mentors.join(", ")}`);
    lines.push(`  show ${idea.id}`);
  }
  return lines.join("\n");
}
