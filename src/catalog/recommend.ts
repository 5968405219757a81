import type { Idea } from "../ideas/schema.ts";
import { canonicalizeSkill } from "../ideas/skills.ts";
import type { Catalog } from "./catalog.ts";
import { noFilters, type SearchQuery } from "./query.ts";
import { withinScope, type ScopeOutcome } from "./search.ts";
import type { ResolvedSkill } from "./skills.ts";
import { topK } from "./text-index.ts";

export interface Recommendation {
  idea: Idea;
  score: number;
  /** Skills the idea asks that the person has. */
  matched: string[];
  /** Skills the idea asks that the person did not name (required ones first). */
  missing: string[];
}

/** Words that mark a skill as nice to have rather than needed. */
const OPTIONAL = /\b(?:preferred|optional|nice[- ]to[- ]have|helpful|not required|not necessary|a plus|bonus|may also)\b/i;

/** An idea's canonical skills with their weight: 1 when needed, less when the file marks it optional. */
/** A skill written "(preferred but not required)" costs a quarter of a needed one when missing. */
const OPTIONAL_WEIGHT = 0.25;
function weightedSkills(idea: Idea): Map<string, number> {
  const weights = new Map<string, number>();
  for (const written of idea.skills) {
    const weight = OPTIONAL.test(written) ? OPTIONAL_WEIGHT : 1;
    for (const skill of canonicalizeSkill(written)) weights.set(skill, Math.max(weights.get(skill) ?? 0, weight));
  }
  for (const skill of idea.canonicalSkills) if (!weights.has(skill)) weights.set(skill, 1);
  return weights;
}

/** Skill → the ideas asking for it, with weights, built once per catalogue. */
class SkillIndex {
  readonly asks: Array<Map<string, number>>;
  readonly total: Float64Array;
  readonly postings = new Map<string, { ideas: number[]; weights: number[]; inTitle: number[] }>();

  constructor(ideas: readonly Idea[]) {
    this.asks = ideas.map(weightedSkills);
    this.total = Float64Array.from(this.asks, (asks) => [...asks.values()].reduce((a, b) => a + b, 0));
    this.asks.forEach((asks, i) => {
      const title = ideas[i]!.title.toLowerCase();
      for (const [skill, weight] of asks) {
        let p = this.postings.get(skill);
        if (!p) this.postings.set(skill, (p = { ideas: [], weights: [], inTitle: [] }));
        p.ideas.push(i);
        p.weights.push(weight);
        p.inTitle.push(title.includes(skill.toLowerCase()) ? 1 : 0);
      }
    });
  }
}

const indexes = new WeakMap<Catalog, SkillIndex>();

/**
 * Ranks ideas by fit: how much of what the idea asks the person has (its focus: an idea that asks
 * only for their skills beats one where they cover a small part), how many of the person's skills
 * it uses, and a little for naming them in the title. Only ideas with at least one match count.
 */
export function recommendIdeas(catalog: Catalog, resolved: ResolvedSkill[], limit = Number.MAX_SAFE_INTEGER, query: Pick<SearchQuery, "filters" | "exclude"> = NO_QUERY): Recommendation[] {
  return recommendInScope(catalog, resolved, query, limit).items;
}

const NO_QUERY = { filters: noFilters(), exclude: noFilters() };

/** Recommendations within the query's filters and terms (by default the catalogue's default term), as search does. */
export function recommendInScope(catalog: Catalog, resolved: ResolvedSkill[], query: Pick<SearchQuery, "filters" | "exclude">, limit: number): { items: Recommendation[]; total: number; scope: ScopeOutcome } {
  return withinScope(catalog, query, (accept, max = limit) => rankRecommendations(catalog, resolved, max, accept));
}

export function rankRecommendations(catalog: Catalog, resolved: ResolvedSkill[], limit: number, accept?: (doc: number) => boolean): { items: Recommendation[]; total: number } {
  const have = new Set(resolved.flatMap((r) => r.skills));
  if (have.size === 0) return { items: [], total: 0 };
  let index = indexes.get(catalog);
  if (!index) indexes.set(catalog, (index = new SkillIndex(catalog.ideas)));
  const n = catalog.ideas.length;
  const got = new Float64Array(n);
  const count = new Uint16Array(n);
  const titleHits = new Uint16Array(n);
  const touched: number[] = [];
  for (const skill of have) {
    const p = index.postings.get(skill);
    if (!p) continue;
    for (let k = 0; k < p.ideas.length; k++) {
      const i = p.ideas[k]!;
      if (count[i] === 0) touched.push(i);
      got[i]! += p.weights[k]!;
      count[i]!++;
      titleHits[i]! += p.inTitle[k]!;
    }
  }
  const score = (i: number) => Math.round((0.6 * (got[i]! / index.total[i]!) + 0.4 * (count[i]! / have.size) + 0.05 * Math.min(titleHits[i]!, 2)) * 1000) / 1000;
  // Rank by score, then fewer skills to learn; topK breaks the remaining ties by file order.
  const key = new Float64Array(n);
  const candidates = accept ? touched.filter(accept) : touched;
  for (const i of candidates) key[i] = score(i) * 1e4 - Math.min(index.asks[i]!.size - count[i]!, 999);
  const best = topK(candidates, key, limit);
  return {
    total: candidates.length,
    items: best.map((i) => {
      const asks = [...index.asks[i]!];
      return {
        idea: catalog.ideas[i]!,
        score: score(i),
        matched: asks.filter(([s]) => have.has(s)).map(([s]) => s),
        missing: asks
          .filter(([s]) => !have.has(s))
          .sort((a, b) => b[1] - a[1])
          .map(([s]) => s),
      };
    }),
  };
}
