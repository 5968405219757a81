import type { Idea } from "../ideas/schema.ts";
import { canonicalizeSkill, isNarrowerAlias } from "../ideas/skills.ts";
import type { Catalog } from "./catalog.ts";
import { queryFilter, termScope, type DocTest } from "./filters.ts";
import { hasFilters, type SearchQuery } from "./query.ts";
import type { TermMatcher } from "./text-index.ts";
import { processTerm, tokenize, wordPairs } from "./text.ts";

export interface SearchHit {
  idea: Idea;
  score: number;
}

export interface SearchResult {
  /** The best hits, at most `limit`. */
  hits: SearchHit[];
  /** How many ideas matched in all (for paging). */
  total: number;
  /** Skills the query was expanded with ("k8s" → Kubernetes). */
  expandedWith: string[];
  scope: ScopeOutcome;
}

/** What the default term scope did to an answer, so the reply can say how to widen it. */
export interface ScopeOutcome {
  /** Term keys searched; null: every term. */
  keys: Set<string> | null;
  /** No `term:` was given: the catalogue's default scope applied. */
  defaulted: boolean;
  /** Ideas outside the default scope that also match (not shown). */
  outside: number;
  /** Nothing matched in the default scope, so every term was searched instead. */
  widened: boolean;
}

/**
 * Runs a ranking within the query's terms. When the person named no term and the default scope
 * leaves matches out, says how many; when it leaves all of them out, answers from every term.
 */
export function withinScope<R extends { total: number }>(catalog: Catalog, query: Pick<SearchQuery, "filters" | "exclude">, rank: (accept: DocTest, limit?: number) => R): R & { scope: ScopeOutcome } {
  const scope = termScope(catalog, query);
  const within = queryFilter(catalog, query);
  const scoped = rank(within(scope.keys));
  if (!scope.defaulted || scope.keys === null) return { ...scoped, scope: { keys: scope.keys, defaulted: scope.defaulted, outside: 0, widened: false } };
  const everywhere = within(null);
  const total = rank(everywhere, 1).total;
  if (scoped.total === 0 && total > 0) return { ...rank(everywhere), scope: { keys: null, defaulted: true, outside: 0, widened: true } };
  return { ...scoped, scope: { keys: scope.keys, defaulted: true, outside: Math.max(0, total - scoped.total), widened: false } };
}

/**
 * Words of the query that are skill aliases, as canonical names ("k8s docs" → Kubernetes), with the
 * word they widen. A kind of a skill ("linkerd", "pytorch") is not widened to the skill: a search
 * for Linkerd wants Linkerd, not every service mesh.
 */
function skillExpansions(words: string[]): Array<{ skill: string; slot: number }> {
  const out = new Map<string, number>();
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      const phrase = words.slice(i, i + n).join(" ");
      if (isNarrowerAlias(phrase)) continue;
      for (const skill of canonicalizeSkill(phrase)) if (!out.has(skill)) out.set(skill, i);
    }
  }
  return [...out].map(([skill, slot]) => ({ skill, slot }));
}

/** How many of a query's words are matched with typo tolerance. */
const FUZZY_WORDS = 6;

/** An expansion counts less than the word itself: "k8s" finds Kubernetes ideas, but the typed word decides among them. */
const EXPANSION_WEIGHT = 0.5;

/** Two query words side by side in a field count, on top of each word, half as much as a word. */
const PAIR_WEIGHT = 0.5;

/**
 * One matcher per query word: exact forms (word and stem); prefixes for words of three letters or
 * more (a word being typed); one typo from five letters, two from eight, when the word is unknown.
 */
export function matcher(word: string, slot: number): TermMatcher {
  return { word, slot, forms: processTerm(word), prefix: word.length >= 3, maxDistance: word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0 };
}

/** The query's adjacent word pairs, as phrase evidence (see TermMatcher.pair). */
export function pairMatchers(text: string): TermMatcher[] {
  return wordPairs(text).map((pair) => ({ word: pair, slot: 0, forms: [], prefix: false, maxDistance: 0, pair: true, weight: PAIR_WEIGHT }));
}

/**
 * Ranks ideas for a query: BM25 over title, project, skills, mentors and description (with field
 * boosts), typo-tolerant, with skill aliases expanded to their canonical names; ideas matching
 * more of the query's words come first. Filters alone list what they select, in file order.
 */
export function searchIdeas(catalog: Catalog, query: SearchQuery, limit = Number.MAX_SAFE_INTEGER): SearchResult {
  // Filters alone list what they select; no words and no filters select nothing.
  const listing = hasFilters(query);
  return withinScope(catalog, query, (accept, max = limit) => rankWords(catalog, query.text, accept, max, listing));
}

function rankWords(catalog: Catalog, text: string, accept: DocTest, limit: number, listing: boolean): Omit<SearchResult, "scope"> {
  const words = tokenize(text);
  if (words.length === 0) {
    const docs = listing ? catalog.ideas.map((_, doc) => doc).filter(accept) : [];
    return { hits: docs.slice(0, limit).map((doc) => ({ idea: catalog.ideas[doc]!, score: 0 })), total: docs.length, expandedWith: [] };
  }
  const expansions = skillExpansions(words);
  // Typo tolerance is a fuzzy walk of the dictionary per word: the first few words get it, so a
  // long run of unknown words costs a bounded amount.
  const primary = words
    .map((word, slot) => (slot < FUZZY_WORDS ? matcher(word, slot) : { ...matcher(word, slot), maxDistance: 0 }))
    .filter((m) => m.forms.length > 0);
  // An expansion fills the slot of the word it came from: it widens that word, it is not another word.
  const widened = expansions.flatMap(({ skill, slot }) =>
    tokenize(skill)
      .filter((w) => !words.includes(w))
      .map((w) => ({ ...matcher(w, slot), prefix: false, maxDistance: 0, weight: EXPANSION_WEIGHT })),
  );
  const found = catalog.index.search([...primary, ...widened, ...pairMatchers(text)], { limit, accept });
  return {
    hits: found.docs.map((doc, i) => ({ idea: catalog.ideas[doc]!, score: found.scores[i]! })),
    total: found.total,
    expandedWith: expansions.map((e) => e.skill),
  };
}
