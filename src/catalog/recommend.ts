import type { Idea } from "../ideas/schema.ts";
import { canonicalizeSkill } from "../ideas/skills.ts";
import type { Catalog } from "./catalog.ts";
import { noFilters, type SearchQuery } from "./query.ts";
import { matcher, withinScope, type ScopeOutcome } from "./search.ts";
import type { ResolvedSkill } from "./skills.ts";
import { popcount, topK } from "./text-index.ts";
import { tokenize } from "./text.ts";

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

/** How much an idea that only mentions a skill in its text counts, against one that asks for it. */
const MENTION_WEIGHT = 0.5;
/**
 * How much an idea counts that asks for the skill's category but never names what was typed: a
 * specific tool is mapped onto a broader canonical skill ("pytorch" → Machine Learning, "cue" →
 * YAML), and an idea about PyTorch should beat one that only asks for machine learning.
 */
const CATEGORY_WEIGHT = 0.6;
/** A mention must score this share of the best mention of that skill to count at all. */
const MENTION_FLOOR = 0.2;
/** An answer this strong or more says the idea is about the skill: these set its specificity. */
const STRONG = 0.75;
/** The weights of coverage (what you asked for) and focus (how much of the idea you already have). */
const COVERAGE_WEIGHT = 0.85;
const FOCUS_WEIGHT = 0.15;

/** How strongly each idea's text (title, skills, description…) names a phrase: BM25 relative to the best, every word present. */
function mentions(catalog: Catalog, phrases: string[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const words of phrases.map(tokenize).filter((w) => w.length > 0 && w.length <= 4)) {
    const matchers = words.map((w, slot) => ({ ...matcher(w, slot), prefix: false })).filter((m) => m.forms.length > 0);
    if (matchers.length === 0) continue;
    const { touched, scores, masks, slots } = catalog.index.score(matchers);
    const full = touched.filter((d) => popcount(masks[d]!) === slots);
    let best = 0;
    for (const d of full) best = Math.max(best, scores[d]!);
    for (const d of full) {
      const strength = scores[d]! / best;
      if (strength >= MENTION_FLOOR) out.set(d, Math.max(out.get(d) ?? 0, strength));
    }
  }
  return out;
}

/**
 * How well each idea answers one requested skill, 0 to 1: an idea that asks for it and names what
 * was typed (for a synonym, the skill's own name) answers fully (less when the file marks it optional); one
 * that asks only for its category answers CATEGORY_WEIGHT of that; one that only names it in its
 * text answers up to MENTION_WEIGHT ("neo4j" or "etcd" count even where no skills list names them).
 */
function answers(catalog: Catalog, index: SkillIndex, item: ResolvedSkill): Map<number, number> {
  // A synonym ("golang", "k8s") is read as the skill's own name, so every spelling answers alike; a
  // kind of a skill ("pytorch") and a skill no list names ("neo4j") as typed.
  const named = mentions(catalog, item.specific || item.skills.length === 0 ? [item.input] : item.skills);
  const out = new Map<number, number>();
  for (const skill of item.skills) {
    const p = index.postings.get(skill);
    if (!p) continue;
    for (let k = 0; k < p.ideas.length; k++) {
      const d = p.ideas[k]!;
      const strength = p.weights[k]! * (named.has(d) ? 1 : CATEGORY_WEIGHT);
      out.set(d, Math.max(out.get(d) ?? 0, strength));
    }
  }
  for (const [d, strength] of named) out.set(d, Math.max(out.get(d) ?? 0, MENTION_WEIGHT * strength));
  return out;
}

/**
 * Ranks ideas by fit. Every requested skill counts, weighted by how specific it is in the
 * catalogue (the IDF of the ideas that answer it: "neo4j" says more about what a person wants than
 * "go"); an idea's coverage is the weighted share of the requested skills it answers. Among ideas
 * that cover as much, those where the person already has more of what the idea asks (its focus)
 * come first. "You have" and "to learn" come from the same computation. Only ideas that answer at
 * least one skill count.
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
  let index = indexes.get(catalog);
  if (!index) indexes.set(catalog, (index = new SkillIndex(catalog.ideas)));
  const n = catalog.ideas.length;
  const items = resolved.filter((r) => r.input.trim() || r.skills.length > 0);
  const have = new Set(items.flatMap((r) => r.skills));
  const coverage = new Float64Array(n);
  const mentioned: Array<Map<number, string>> = [];
  let totalWeight = 0;
  const touched = new Set<number>();
  for (const item of items) {
    const answered = answers(catalog, index, item);
    if (answered.size === 0) continue;
    let strong = 0;
    for (const strength of answered.values()) if (strength >= STRONG) strong++;
    const weight = Math.log(1 + n / (1 + (strong || answered.size)));
    totalWeight += weight;
    const name = item.skills[0] ?? item.input.trim();
    const byText = new Map<number, string>();
    for (const [d, strength] of answered) {
      coverage[d]! += weight * strength;
      touched.add(d);
      if (!item.skills.some((s) => index.asks[d]!.has(s))) byText.set(d, name);
    }
    mentioned.push(byText);
  }
  if (totalWeight === 0) return { items: [], total: 0 };
  const focus = (d: number) => {
    const asks = index.asks[d]!;
    if (asks.size === 0) return 0;
    let got = 0;
    for (const [skill, weight] of asks) if (have.has(skill)) got += weight;
    return got / index.total[d]!;
  };
  const score = (d: number) => Math.round((COVERAGE_WEIGHT * (coverage[d]! / totalWeight) + FOCUS_WEIGHT * focus(d)) * 1000) / 1000;
  const candidates = accept ? [...touched].filter(accept) : [...touched];
  // Rank by score, then fewer skills to learn; topK breaks the remaining ties by catalogue order.
  const key = new Float64Array(n);
  for (const d of candidates) key[d] = score(d) * 1e4 - Math.min(index.asks[d]!.size, 999) / 1e3;
  const best = topK(candidates, key, limit);
  return {
    total: candidates.length,
    items: best.map((d) => {
      const asks = [...index.asks[d]!];
      const byText = [...new Set(mentioned.flatMap((m) => (m.has(d) ? [m.get(d)!] : [])))];
      return {
        idea: catalog.ideas[d]!,
        score: score(d),
        matched: [...asks.filter(([s]) => have.has(s)).map(([s]) => s), ...byText.filter((s) => !have.has(s) || !index.asks[d]!.has(s))],
        missing: asks
          .filter(([s]) => !have.has(s))
          .sort((a, b) => b[1] - a[1])
          .map(([s]) => s),
      };
    }),
  };
}
