import type { Idea } from "../ideas/schema.ts";
import { canonicalizeSkill } from "../ideas/skills.ts";
import type { Catalog } from "./catalog.ts";
import type { ResolvedSkill } from "./skills.ts";

export interface Recommendation {
  idea: Idea;
  score: number;
  /** Skills the idea asks that the person has. */
  matched: string[];
  /** Skills the idea asks that the person did not name (optional ones last). */
  missing: string[];
}

/** Words that mark a skill as nice to have rather than needed. */
const OPTIONAL = /\b(?:preferred|optional|nice[- ]to[- ]have|helpful|not required|not necessary|a plus|bonus|may also)\b/i;

/** An idea's canonical skills, each with whether the file marks it optional. */
function weightedSkills(idea: Idea): Map<string, number> {
  const weights = new Map<string, number>();
  for (const written of idea.skills) {
    const weight = OPTIONAL.test(written) ? 0.5 : 1;
    for (const skill of canonicalizeSkill(written)) weights.set(skill, Math.max(weights.get(skill) ?? 0, weight));
  }
  for (const skill of idea.canonicalSkills) if (!weights.has(skill)) weights.set(skill, 1);
  return weights;
}

const cache = new WeakMap<Idea, Map<string, number>>();
function skillsOf(idea: Idea): Map<string, number> {
  let weights = cache.get(idea);
  if (!weights) cache.set(idea, (weights = weightedSkills(idea)));
  return weights;
}

/**
 * Ranks ideas by fit: how much of what the idea asks the person has (its focus: an idea that asks
 * only for their skills beats one where they cover a small part), how many of the person's skills
 * it uses, and a little for naming them in the title. Only ideas with at least one match are listed.
 */
export function recommendIdeas(catalog: Catalog, resolved: ResolvedSkill[]): Recommendation[] {
  const have = new Set(resolved.flatMap((r) => r.skills));
  if (have.size === 0) return [];
  const out: Recommendation[] = [];
  for (const idea of catalog.ideas) {
    const asks = skillsOf(idea);
    let total = 0;
    let got = 0;
    const matched: string[] = [];
    const missing: Array<[string, number]> = [];
    for (const [skill, weight] of asks) {
      total += weight;
      if (have.has(skill)) {
        got += weight;
        matched.push(skill);
      } else {
        missing.push([skill, weight]);
      }
    }
    if (matched.length === 0) continue;
    const coverage = got / total;
    const use = matched.length / have.size;
    const title = idea.title.toLowerCase();
    const inTitle = matched.filter((s) => title.includes(s.toLowerCase())).length;
    const score = 0.6 * coverage + 0.4 * use + 0.05 * Math.min(inTitle, 2);
    out.push({
      idea,
      score: Math.round(score * 1000) / 1000,
      matched,
      missing: missing.sort((a, b) => b[1] - a[1]).map(([s]) => s),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.missing.length - b.missing.length || catalog.orderOf(a.idea.id) - catalog.orderOf(b.idea.id));
}
