import { UserError } from "../errors.ts";
import { normalizeKey } from "../ideas/id.ts";
import type { Idea } from "../ideas/schema.ts";
import { canonicalizeSkill } from "../ideas/skills.ts";
import type { Catalog } from "./catalog.ts";
import type { SearchQuery } from "./query.ts";
import type { TermMatcher } from "./text-index.ts";
import { processTerm, tokenize } from "./text.ts";

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
}

/** Words of the query that are skill aliases, as canonical names ("k8s docs" → Kubernetes), with the word they widen. */
function skillExpansions(words: string[]): Array<{ skill: string; slot: number }> {
  const out = new Map<string, number>();
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      for (const skill of canonicalizeSkill(words.slice(i, i + n).join(" "))) if (!out.has(skill)) out.set(skill, i);
    }
  }
  return [...out].map(([skill, slot]) => ({ skill, slot }));
}

/** Filters as a test on the catalogue's document numbers; unknown values are the person's mistake. */
function filterOf(catalog: Catalog, filters: SearchQuery["filters"]): ((doc: number) => boolean) | null {
  const tests: Array<(doc: number) => boolean> = [];
  if (filters.project.length > 0) {
    const wanted = filters.project.map(normalizeKey);
    const test = (doc: number) => wanted.some((w) => catalog.projectKeys[doc]!.includes(w));
    if (!catalog.ideas.some((_, doc) => test(doc))) {
      const suggestions = filters.project.flatMap((p) => catalog.suggestProjects(p));
      throw new UserError(
        "unknown_project",
        `No project matches "${filters.project.join('", "')}".` + (suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : ""),
      );
    }
    tests.push(test);
  }
  if (filters.skill.length > 0) {
    const resolved = filters.skill.map((s) => catalog.vocabulary.resolve(s));
    const unknown = resolved.filter((r) => r.skills.length === 0);
    if (unknown.length > 0) {
      const hint = unknown.flatMap((u) => u.suggestions).slice(0, 3);
      throw new UserError(
        "unknown_skill",
        `I don't know the skill "${unknown[0]!.input}".` + (hint.length ? ` Did you mean ${hint.map((s) => `"${s}"`).join(" or ")}?` : ""),
      );
    }
    const skills = new Set(resolved.flatMap((r) => r.skills));
    tests.push((doc) => catalog.ideas[doc]!.canonicalSkills.some((s) => skills.has(s)));
  }
  if (filters.source.length > 0) {
    const wanted = new Set(filters.source.map((s) => s.toLowerCase()));
    if (!catalog.sources().some((s) => wanted.has(s.toLowerCase()))) {
      throw new UserError("unknown_source", `No source is called "${filters.source.join('", "')}". Sources: ${catalog.sources().join(", ")}.`);
    }
    tests.push((doc) => wanted.has(catalog.ideas[doc]!.source.toLowerCase()));
  }
  return tests.length > 0 ? (doc) => tests.every((t) => t(doc)) : null;
}

/**
 * One matcher per query word: exact forms (word and stem); prefixes for words of three letters or
 * more (a word being typed); one typo from five letters, two from eight, when the word is unknown.
 */
function matcher(word: string, slot: number): TermMatcher {
  return { word, slot, forms: processTerm(word), prefix: word.length >= 3, maxDistance: word.length >= 8 ? 2 : word.length >= 5 ? 1 : 0 };
}

/**
 * Ranks ideas for a query: BM25 over title, project, skills, mentors and description (with field
 * boosts), typo-tolerant, with skill aliases expanded to their canonical names; ideas matching
 * more of the query's words come first. Filters alone list what they select, in file order.
 */
export function searchIdeas(catalog: Catalog, query: SearchQuery, limit = Number.MAX_SAFE_INTEGER): SearchResult {
  const accept = filterOf(catalog, query.filters);
  const words = tokenize(query.text);
  if (words.length === 0) {
    const docs = accept ? catalog.ideas.map((_, doc) => doc).filter(accept) : [];
    return { hits: docs.slice(0, limit).map((doc) => ({ idea: catalog.ideas[doc]!, score: 0 })), total: docs.length, expandedWith: [] };
  }
  const expansions = skillExpansions(words);
  const primary = words.map(matcher).filter((m) => m.forms.length > 0);
  // An expansion fills the slot of the word it came from: it widens that word, it is not another word.
  const widened = expansions.flatMap(({ skill, slot }) =>
    tokenize(skill)
      .filter((w) => !words.includes(w))
      .map((w) => ({ ...matcher(w, slot), prefix: false, maxDistance: 0 })),
  );
  const found = catalog.index.search([...primary, ...widened], { limit, accept: accept ?? undefined });
  return {
    hits: found.docs.map((doc, i) => ({ idea: catalog.ideas[doc]!, score: found.scores[i]! })),
    total: found.total,
    expandedWith: expansions.map((e) => e.skill),
  };
}
