import { UserError } from "../errors.ts";
import { normalizeKey } from "../ideas/id.ts";
import { canonicalizeSkill } from "../ideas/skills.ts";
import type { Idea } from "../ideas/schema.ts";
import type { Catalog } from "./catalog.ts";
import { SEARCH_BOOSTS } from "./catalog.ts";
import type { SearchQuery } from "./query.ts";
import { tokenize } from "./text.ts";

export interface SearchHit {
  idea: Idea;
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Skills or words the query was expanded with ("k8s" → Kubernetes). */
  expandedWith: string[];
}

/** Typo tolerance grows with the word: none for short words (go, ci), one edit from five letters. */
const fuzzy = (term: string) => (term.length >= 5 ? 0.2 : false);
const prefix = (term: string) => term.length >= 3;

/** Words of the query that are skill aliases, as canonical names ("k8s docs" → Kubernetes). */
function skillExpansions(words: string[]): string[] {
  const out = new Set<string>();
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= words.length; i++) {
      for (const skill of canonicalizeSkill(words.slice(i, i + n).join(" "))) out.add(skill);
    }
  }
  return [...out];
}

function applyFilters(catalog: Catalog, filters: SearchQuery["filters"]): ((idea: Idea) => boolean) | null {
  const tests: Array<(idea: Idea) => boolean> = [];
  if (filters.project.length > 0) {
    const wanted = filters.project.map(normalizeKey);
    const test = (idea: Idea) => wanted.some((w) => normalizeKey(idea.project).includes(w) || normalizeKey(idea.group ?? "").includes(w));
    if (!catalog.ideas.some(test)) {
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
    tests.push((idea) => idea.canonicalSkills.some((s) => skills.has(s)));
  }
  if (filters.source.length > 0) {
    const wanted = new Set(filters.source.map((s) => s.toLowerCase()));
    if (!catalog.sources().some((s) => wanted.has(s.toLowerCase()))) {
      throw new UserError("unknown_source", `No source is called "${filters.source.join('", "')}". Sources: ${catalog.sources().join(", ")}.`);
    }
    tests.push((idea) => wanted.has(idea.source.toLowerCase()));
  }
  return tests.length > 0 ? (idea) => tests.every((t) => t(idea)) : null;
}

/**
 * Ranks ideas for a query: BM25 over title, project, skills, mentors and description (field
 * boosts), one typo allowed in longer words, prefixes for words being typed, and skill aliases
 * expanded to their canonical names. Ideas matching more of the query's words come first.
 */
export function searchIdeas(catalog: Catalog, query: SearchQuery): SearchResult {
  const filter = applyFilters(catalog, query.filters);
  const words = tokenize(query.text);
  if (words.length === 0) {
    // Filters alone list what they select, in file order.
    const ideas = filter ? catalog.ideas.filter(filter) : [];
    return { hits: ideas.map((idea) => ({ idea, score: 0 })), expandedWith: [] };
  }
  const expandedWith = skillExpansions(words);
  const text = [...words, ...expandedWith.flatMap((s) => tokenize(s))].join(" ");
  const results = catalog.index.search(text, {
    boost: SEARCH_BOOSTS,
    fuzzy,
    prefix,
    combineWith: "OR",
    filter: filter ? (r) => filter(catalog.get(r.id)!) : undefined,
  });
  const hits: SearchHit[] = [];
  for (const r of results) {
    const idea = catalog.get(r.id);
    if (idea) hits.push({ idea, score: r.score });
  }
  return { hits, expandedWith };
}
