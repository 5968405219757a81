import { matchesFilter } from "../src/announce/plan.ts";
import type { Catalog } from "../src/catalog/catalog.ts";
import { hasFilters, parseSearchQuery } from "../src/catalog/query.ts";
import { UserError } from "../src/errors.ts";
import type { Subscription, SubscriptionFilter } from "../src/store/store.ts";
import { unknownSkillsError } from "./unknown-skills.ts";

/**
 * A typed subscribe line, `go, k8s project:"chaos mesh"` (the shell and Slack type everything on one
 * line), read by the search query parser so `project:` and `skill:` mean what they mean in search.
 * A subscription keeps skills and one project; other filters are refused rather than dropped.
 */
export function readSubscriptionLine(line: string): { skills: string; project?: string } {
  const parsed = parseSearchQuery(line);
  if (!parsed.ok) throw parsed.error;
  const { text, filters, exclude } = parsed.value;
  const { project, skill, ...others } = filters;
  if (project.length > 1) throw new UserError("one_project", "A subscription follows one project: give one project:<name>.");
  if (hasFilters({ filters: { ...others, project: [], skill: [] }, exclude })) {
    throw new UserError("unsupported_filter", 'A subscription filters by skills and project only, e.g. `subscribe go, k8s project:"chaos mesh"`.');
  }
  const skills = [text, ...skill].filter(Boolean).join(", ");
  return { skills, ...(project[0] ? { project: project[0] } : {}) };
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
  return parts.length ? `new ideas ${parts.join(", ")}` : "every new idea";
}

/** One line about a subscription, for listings. */
export function describeSubscription(sub: Subscription, here: boolean): string {
  const where = here ? "This channel" : `Channel ${sub.channelId}`;
  return `${where}: ${describeFilter(sub)}${sub.pausedReason ? ` — paused (${sub.pausedReason}); subscribe again to resume` : ""}`;
}

/** A hint when a project filter matches no idea of today's catalogue. */
export function projectHint(catalog: Catalog, project: string): string | null {
  if (catalog.ideas.some((idea) => matchesFilter({ skills: [], project }, idea))) return null;
  const close = catalog.suggestProjects(project, 3);
  return `No idea listed today is in a project called "${project}"` + (close.length ? ` (did you mean ${close.map((p) => `"${p}"`).join(" or ")}?)` : "") + "; I will still post when one appears.";
}
