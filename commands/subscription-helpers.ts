import { matchesFilter } from "../src/announce/plan.ts";
import type { Catalog } from "../src/catalog/catalog.ts";
import { hasFilters, parseSearchQuery } from "../src/catalog/query.ts";
import { UserError } from "../src/errors.ts";
import type { Subscription, SubscriptionActivity, SubscriptionFilter } from "../src/store/store.ts";
import { plural, when } from "./time.ts";
import type { Stage } from "../src/ideas/schema.ts";
import { readStage } from "../src/catalog/filters.ts";
import { unknownSkillsError } from "./unknown-skills.ts";

/** What a filter line is read for: its wording in refusals, and whether it takes `term:`. */
export interface FilterLineKind {
  /** "A subscription", "An alert". */
  noun: string;
  /** Refusal for any other filter: which filters it takes, with an example. */
  unsupported: string;
  terms: boolean;
}

export const SUBSCRIPTION_LINE: FilterLineKind = {
  noun: "A subscription",
  unsupported: 'A subscription filters by skills, project and stage only, e.g. `subscribe go, k8s project:"chaos mesh" stage:accepted`.',
  terms: false,
};

/**
 * A typed subscribe or notify line, `go, k8s project:"chaos mesh"` (the shell and Slack type
 * everything on one line), read by the search query parser so `project:` and `skill:` mean what
 * they mean in search. It keeps skills, one project, a stage (`stage:accepted`) and, when `kind`
 * takes them, terms; other filters are refused rather than dropped.
 */
export function readSubscriptionLine(line: string, kind: FilterLineKind = SUBSCRIPTION_LINE): { skills: string; project?: string; stage?: Stage; terms: string[] } {
  const parsed = parseSearchQuery(line);
  if (!parsed.ok) throw parsed.error;
  const { text, filters, exclude } = parsed.value;
  const { project, skill, stage, term, ...others } = filters;
  if (project.length > 1) throw new UserError("one_project", `${kind.noun} follows one project: give one project:<name>.`);
  if (stage.length > 1) throw new UserError("one_stage", `${kind.noun} has one stage: stage:proposed (as soon as proposed) or stage:accepted.`);
  if (hasFilters({ filters: { ...others, project: [], skill: [], stage: [], term: kind.terms ? [] : term }, exclude })) {
    throw new UserError("unsupported_filter", kind.unsupported);
  }
  const skills = [text, ...skill].filter(Boolean).join(", ");
  return { skills, ...(project[0] ? { project: project[0] } : {}), ...(stage[0] ? { stage: readStage(stage[0]) } : {}), terms: kind.terms ? term : [] };
}

/** A typed skills list → canonical skills, as `recommend` reads them ("k8s" → Kubernetes); unknown ones are refused with suggestions. */
export function resolveSkills(catalog: Catalog, text: string): string[] {
  const resolved = catalog.vocabulary.resolveList(text);
  const unknown = resolved.filter((r) => r.skills.length === 0);
  if (unknown.length > 0) throw unknownSkillsError(unknown);
  return [...new Set(resolved.flatMap((r) => r.skills))];
}

/** "every new idea" / "new ideas asking for Go or Kubernetes, in project Chaos Mesh". */
export function describeFilter(filter: SubscriptionFilter): string {
  const parts: string[] = [];
  if (filter.skills.length) parts.push(`asking for ${filter.skills.join(" or ")}`);
  if (filter.project) parts.push(`in project ${filter.project}`);
  const what = parts.length ? `new ideas ${parts.join(", ")}` : "every new idea";
  return filter.stage === "accepted" ? `${what}, once accepted` : what;
}

/**
 * What a subscription gets and how it is doing, for listings: "new ideas asking for Go, once
 * accepted · last post 2026-12-01 09:00 UTC (1 day ago) · 2 waiting · paused: the channel is gone".
 */
export function describeSubscription(sub: Subscription, activity: SubscriptionActivity | undefined, now: Date): string {
  const parts = [describeFilter(sub)];
  parts.push(activity?.lastSentAt ? `last post ${when(activity.lastSentAt, now)}` : "nothing posted yet");
  if (activity?.pending) parts.push(`${plural(activity.pending, "announcement")} waiting`);
  if (activity?.failed) parts.push(`${plural(activity.failed, "announcement")} refused for good (the bot's log names each)`);
  if (sub.pausedReason) parts.push(`paused: ${sub.pausedReason}`);
  return parts.join(" · ");
}

/** A hint when a project filter matches no idea of today's catalogue. */
export function projectHint(catalog: Catalog, project: string): string | null {
  if (catalog.ideas.some((idea) => matchesFilter({ skills: [], project }, idea))) return null;
  const close = catalog.suggestProjects(project, 3);
  return `No idea listed today is in a project called "${project}"` + (close.length ? ` (did you mean ${close.map((p) => `"${p}"`).join(" or ")}?)` : "") + "; I will still post when one appears.";
}
