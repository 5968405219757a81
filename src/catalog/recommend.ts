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
  readonly postings = new Map<string, { ideas: number[]; weights: number[] }>();
  /** Per-idea scratch arrays of one ranking (coverage, focus, sort key), reused: rankings run one at a time. */
  readonly coverage: Float64Array;
  readonly got: Float64Array;
  readonly key: Float64Array;

  constructor(ideas: readonly Idea[]) {
    this.coverage = new Float64Array(ideas.length);
    this.got = new Float64Array(ideas.length);
    this.key = new Float64Array(ideas.length);
    this.asks = ideas.map(weightedSkills);
    this.total = Float64Array.from(this.asks, (asks) => [...asks.values()].reduce((a, b) => a + b, 0));
    this.asks.forEach((asks, i) => {
      for (const [skill, weight] of asks) {
        let p = this.postings.get(skill);
        if (!p) this.postings.set(skill, (p = { ideas: [], weights: [] }));
        p.ideas.push(i);
        p.weights.push(weight);
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
/** A skill that this share of the ideas ask for is common: the ideas that ask for it are enough. */
const COMMON_SHARE = 0.05;
/** An answer this strong or more says the idea is about the skill: these set its specificity. */
const STRONG = 0.75;
/** The weights of coverage (what you asked for) and focus (how much of the idea you already have). */
const COVERAGE_WEIGHT = 0.85;
const FOCUS_WEIGHT = 0.15;

/** Per idea, a strength from 0 to 1 (0: none), and the ideas that have one. Dense arrays: a common skill touches thousands. */
interface Strengths {
  strength: Float32Array;
  docs: number[];
}

function strengths(n: number): Strengths {
  return { strength: new Float32Array(n), docs: [] };
}

function raise(s: Strengths, d: number, value: number): void {
  if (value <= 0) return;
  if (s.strength[d] === 0) s.docs.push(d);
  if (value > s.strength[d]!) s.strength[d] = value;
}

/** How strongly each idea's text (title, skills, description…) names a phrase: BM25 relative to the best, every word present. */
function mentions(catalog: Catalog, phrases: string[]): Strengths {
  const out = strengths(catalog.size);
  for (const words of phrases.map(tokenize).filter((w) => w.length > 0 && w.length <= 4)) {
    const matchers = words.map((w, slot) => ({ ...matcher(w, slot), prefix: false })).filter((m) => m.forms.length > 0);
    if (matchers.length === 0) continue;
    const { touched, scores, masks, slots } = catalog.index.score(matchers);
    let best = 0;
    for (const d of touched) if (popcount(masks[d]!) === slots && scores[d]! > best) best = scores[d]!;
    if (best <= 0) continue;
    for (const d of touched) {
      const share = scores[d]! / best;
      if (popcount(masks[d]!) === slots && share >= MENTION_FLOOR) raise(out, d, share);
    }
  }
  return out;
}

/**
 * How well each idea answers one requested skill, 0 to 1: an idea that asks for it and names what
 * was typed (for a synonym, the skill's own name) answers fully (less when the file marks it
 * optional); one that asks only for its category answers CATEGORY_WEIGHT of that; one that only
 * names it in its text answers up to MENTION_WEIGHT ("neo4j" or "etcd" count even where no skills
 * list names them).
 */
function answers(catalog: Catalog, index: SkillIndex, item: ResolvedSkill): Strengths {
  // A synonym ("golang", "k8s") is read as the skill's own name, so every spelling answers alike; a
  // kind of a skill ("pytorch") and a skill no list names ("neo4j") as typed.
  const listed = item.skills.map((skill) => index.postings.get(skill)).filter((p) => p !== undefined);
  const listers = listed.reduce((sum, p) => sum + p.ideas.length, 0);
  // Ideas that ask for the skill speak for a common one; reading every text for "go" adds only noise
  // (and time): only a kind of a skill, an unknown one, or one few ideas ask for is looked for in texts.
  const readTexts = item.specific === true || listers < COMMON_SHARE * catalog.size;
  const named = readTexts ? mentions(catalog, item.specific || item.skills.length === 0 ? [item.input] : item.skills) : null;
  const out = strengths(catalog.size);
  for (const p of listed) {
    for (let k = 0; k < p.ideas.length; k++) {
      const d = p.ideas[k]!;
      const isNamed = !named || !item.specific || named.strength[d]! > 0;
      raise(out, d, p.weights[k]! * (isNamed ? 1 : CATEGORY_WEIGHT));
    }
  }
  for (const d of named?.docs ?? []) raise(out, d, MENTION_WEIGHT * named!.strength[d]!);
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
  const { coverage, got, key } = index;
  coverage.fill(0);
  got.fill(0);
  const touched: number[] = [];
  const answered: Array<{ item: ResolvedSkill; strengths: Strengths }> = [];
  let totalWeight = 0;
  for (const item of items) {
    const s = answers(catalog, index, item);
    if (s.docs.length === 0) continue;
    let strong = 0;
    for (const d of s.docs) if (s.strength[d]! >= STRONG) strong++;
    const weight = Math.log(1 + n / (1 + (strong || s.docs.length)));
    totalWeight += weight;
    for (const d of s.docs) {
      if (coverage[d] === 0) touched.push(d);
      coverage[d]! += weight * s.strength[d]!;
    }
    answered.push({ item, strengths: s });
  }
  if (totalWeight === 0) return { items: [], total: 0 };
  // Focus: the weighted share of what the idea asks that the person has.
  for (const skill of have) {
    const p = index.postings.get(skill);
    if (p) for (let k = 0; k < p.ideas.length; k++) got[p.ideas[k]!]! += p.weights[k]!;
  }
  const score = (d: number) => {
    const focus = index.total[d]! > 0 ? got[d]! / index.total[d]! : 0;
    return Math.round((COVERAGE_WEIGHT * (coverage[d]! / totalWeight) + FOCUS_WEIGHT * focus) * 1000) / 1000;
  };
  const candidates = accept ? touched.filter(accept) : touched;
  // Rank by score, then fewer skills to learn; topK breaks the remaining ties by catalogue order.
  for (const d of candidates) key[d] = score(d) * 1e4 - Math.min(index.asks[d]!.size, 999) / 1e3;
  const best = topK(candidates, key, limit);
  return {
    total: candidates.length,
    items: best.map((d) => {
      const asks = [...index.asks[d]!];
      // Skills this idea answers only by naming them in its text ("neo4j"), by the name the person knows.
      const byText = answered
        .filter(({ item, strengths: s }) => s.strength[d]! > 0 && !item.skills.some((skill) => index.asks[d]!.has(skill)))
        .map(({ item }) => item.skills[0] ?? item.input.trim());
      return {
        idea: catalog.ideas[d]!,
        score: score(d),
        matched: [...new Set([...asks.filter(([s]) => have.has(s)).map(([s]) => s), ...byText])],
        missing: asks
          .filter(([s]) => !have.has(s))
          .sort((a, b) => b[1] - a[1])
          .map(([s]) => s),
      };
    }),
  };
}
