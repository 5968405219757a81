/**
 * The rules of announcing, as pure functions every store applies inside its transaction: which
 * ideas of a new version of a source are new, and which announcements each subscription gets.
 */
import { projectFilter } from "../catalog/project-filter.ts";
import { identifyingIssueKeys, issueKey, normalizeKey } from "../ideas/id.ts";
import { OTHER_TERM } from "../ideas/terms.ts";
import type { Idea } from "../ideas/schema.ts";
import type { Subscription, SubscriptionFilter } from "../store/store.ts";
import { DIGEST_THRESHOLD } from "./message.ts";
import { alertWantsTerm } from "./alerts.ts";

/** What a store knows of every idea ever seen, in any source, before this version. */
export interface KnownIdeas {
  hasId(id: string): boolean;
  /** Whether the idea was ever recorded as accepted. */
  wasAccepted(id: string): boolean;
  /** A known idea identified by this issue key (see identifyingIssues), or null. */
  idForIssue(key: string): string | null;
}

export type Verdict =
  /** The same id was seen before (heading level, wording of the description, position, a return). */
  | { kind: "seen" }
  /** A new id, but its upstream issue identifies a known idea: renamed, retitled, moved to another project. */
  | { kind: "matched"; knownId: string; issue: string }
  /** A second copy, in this same version, of an idea that is new in it (same title and issue). */
  | { kind: "copy"; of: string }
  | { kind: "new" };

export interface Classified {
  idea: Idea;
  verdict: Verdict;
  /** The issue keys that identify this idea (recorded, for later renames and moves). */
  issues: string[];
}

/** One idea per id, the first in file order (the catalogue does the same). */
export function uniqueById(ideas: readonly Idea[]): Idea[] {
  const seen = new Set<string>();
  return ideas.filter((idea) => !seen.has(idea.id) && seen.add(idea.id));
}

/** The issue keys of a version that identify one idea (the rule: identifyingIssueKeys), per idea id, within its term. */
export function identifyingIssues(ideas: readonly Idea[]): Map<string, string[]> {
  return new Map([...identifyingIssueKeys(ideas, termIssueKeys)].map(([idea, keys]) => [idea.id, keys]));
}

/**
 * An idea's issue keys within its term: an issue names one idea of one term, so the same issue
 * proposed again in a later term is a new idea of that term, not a rename. Ideas of no known
 * term keep the plain key.
 */
function termIssueKeys(idea: Idea): string[] {
  return idea.issues.map((url) => (idea.term === OTHER_TERM ? issueKey(url) : `${idea.term} ${issueKey(url)}`));
}

/**
 * Classifies each idea of a new version (deduplicated by id) against what is known. An idea is
 * new only when its id was never seen in any source and none of its identifying issues belongs to
 * a known idea: so a heading moved from `####` to `#####`, a reworded description, a reordering,
 * an idea that left and came back, a fixed typo in a title, a move under another project heading,
 * and a move from project_ideas.md into a README are all not new.
 */
export function classifySnapshot(ideas: readonly Idea[], known: KnownIdeas): Classified[] {
  const unique = uniqueById(ideas);
  const identifying = identifyingIssues(unique);
  const newHere = new Map<string, string>();
  return unique.map((idea) => {
    const issues = identifying.get(idea.id) ?? [];
    if (known.hasId(idea.id)) return { idea, verdict: { kind: "seen" }, issues };
    for (const issue of issues) {
      const knownId = known.idForIssue(issue);
      if (knownId) return { idea, verdict: { kind: "matched", knownId, issue }, issues };
    }
    for (const issue of issues) {
      const of = newHere.get(issue);
      if (of) return { idea, verdict: { kind: "copy", of }, issues };
    }
    for (const issue of issues) newHere.set(issue, idea.id);
    return { idea, verdict: { kind: "new" }, issues };
  });
}

/** Whether an idea is one a subscription wants: any of its skills (canonical), and its project. (Its stage says when: planAnnouncements.) */
export function matchesFilter(filter: Pick<SubscriptionFilter, "skills" | "project">, idea: Idea): boolean {
  if (filter.skills.length > 0) {
    const wanted = new Set(filter.skills.map(normalizeKey));
    if (!idea.canonicalSkills.some((s) => wanted.has(normalizeKey(s)))) return false;
  }
  if (filter.project) {
    const names = projectFilter(filter.project);
    if (!names(normalizeKey(idea.project)) && !names(normalizeKey(idea.group ?? ""))) return false;
  }
  return true;
}

export interface PlannedAnnouncement {
  subscription: Subscription;
  ideas: Idea[];
}

/**
 * What a version brings to announce: the ideas never seen before (`fresh`, for `proposed`
 * subscriptions: as soon as seen), and the ideas seen accepted for the first time (`accepted`, for
 * `accepted` subscriptions: new ideas already accepted, and known ones just approved or exported).
 */
export interface NewlySeen {
  fresh: readonly Idea[];
  accepted: readonly Idea[];
}

/** Ideas of a version seen accepted for the first time: accepted here, and not accepted before under their id or the id their issue identifies. */
export function newlyAccepted(classified: readonly Classified[], known: Pick<KnownIdeas, "wasAccepted">): Idea[] {
  return classified
    .filter((c) => c.idea.stage === "accepted" && c.verdict.kind !== "copy")
    .filter((c) => !known.wasAccepted(c.idea.id) && !(c.verdict.kind === "matched" && known.wasAccepted(c.verdict.knownId)))
    .map((c) => c.idea);
}

/**
 * The outbox entries for what a version brings: for each active subscription, the ideas it wants
 * (its stage picks fresh or accepted ideas, its filter which), one entry each — or one digest entry
 * when there are more than DIGEST_THRESHOLD, or when the ideas are a new term's first list
 * (`digest`), so a burst (a new ideas file, a term opening) is one message per channel, not fifty.
 */
export function planAnnouncements(subscriptions: readonly Subscription[], seen: NewlySeen, options: { digest?: boolean } = {}): PlannedAnnouncement[] {
  const out: PlannedAnnouncement[] = [];
  for (const subscription of subscriptions) {
    // A paused channel's entries are written too and wait (delivery skips paused channels): when
    // someone subscribes there again, what came in the meantime is posted.
    const candidates = subscription.stage === "accepted" ? seen.accepted : seen.fresh;
    const wanted = candidates.filter((idea) => matchesFilter(subscription, idea) && alertWantsTerm(subscription.terms, idea.term));
    // A person's alert: one direct message per check, whatever the number of ideas (alerts.ts ranks them).
    if (subscription.kind === "dm") {
      if (wanted.length > 0 && subscription.skills.length > 0) out.push({ subscription, ideas: wanted });
      continue;
    }
    if (wanted.length > DIGEST_THRESHOLD || (options.digest && wanted.length > 1)) out.push({ subscription, ideas: wanted });
    else for (const idea of wanted) out.push({ subscription, ideas: [idea] });
  }
  return out;
}
