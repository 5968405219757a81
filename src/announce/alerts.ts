/**
 * Personal alerts (`notify`): which new ideas fit a person's alert, ranked as `recommend` ranks
 * them, and the direct message's payload. One message per person per check; at most
 * ALERT_MESSAGES_PER_DAY a day, the ideas beyond joining the next one (record.ts applies it).
 */
import { Catalog } from "../catalog/catalog.ts";
import { rankRecommendations } from "../catalog/recommend.ts";
import { selectTerms } from "../ideas/terms.ts";
import type { Idea } from "../ideas/schema.ts";
import type { Subscription } from "../store/store.ts";
import { announcedIdea, type AnnouncedIdea, type AnnouncementPayload } from "./message.ts";

/** Ideas one alert message lists at most, best first; the rest are counted in its headline. */
export const ALERT_IDEAS_MAX = 10;
/** Messages one person's alert gets in 24 hours at most; ideas found beyond that join the next one. */
export const ALERT_MESSAGES_PER_DAY = 5;
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Whether an idea's term is one an alert asks for: its `term:` values (`lfx`, `2027`, `gsoc-2026`,
 * a key) read as search reads them, against the idea's own term, so a value can name a term that
 * has no idea yet. No values: any term.
 */
export function alertWantsTerm(terms: readonly string[], ideaTerm: string): boolean {
  if (terms.length === 0) return true;
  return terms.some((value) => {
    const selection = selectTerms(value, [ideaTerm]);
    return selection.kind === "all" || (selection.kind === "keys" && selection.keys.has(ideaTerm));
  });
}

/**
 * The ideas that fit an alert, best first, with why: ranked as `recommend` ranks them for the
 * alert's skills, keeping only ideas that ask for at least one of them (an alert is never noise).
 */
export function rankForAlert(alert: Pick<Subscription, "skills">, ideas: readonly Idea[]): AnnouncedIdea[] {
  if (ideas.length === 0 || alert.skills.length === 0) return [];
  const catalog = new Catalog([...ideas]);
  const resolved = alert.skills.map((skill) => ({ input: skill, skills: [skill], suggestions: [] }));
  const { items } = rankRecommendations(catalog, resolved, catalog.size);
  return items.filter((r) => r.matched.length > 0).map((r) => ({ ...announcedIdea(r.idea), matched: r.matched, missing: r.missing }));
}

/** An alert's message: one idea, or a digest of the best ALERT_IDEAS_MAX with the rest counted. */
export function alertPayload(alert: Pick<Subscription, "skills">, ideas: readonly AnnouncedIdea[], moreBefore = 0): AnnouncementPayload {
  const unique = ideas.filter((idea, i) => ideas.findIndex((other) => other.id === idea.id) === i);
  const shown = unique.slice(0, ALERT_IDEAS_MAX);
  const more = unique.length - shown.length + moreBefore;
  return { kind: shown.length > 1 || more > 0 ? "digest" : "idea", ideas: shown, alert: { skills: alert.skills, ...(more > 0 ? { more } : {}) } };
}

/** An untried alert message with new ideas joined to it (the limit per day was reached). */
export function joinAlert(alert: Pick<Subscription, "skills">, held: AnnouncementPayload, ideas: readonly AnnouncedIdea[]): AnnouncementPayload {
  return alertPayload(alert, [...held.ideas, ...ideas], held.alert?.more ?? 0);
}
