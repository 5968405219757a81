import type { Catalog } from "../src/catalog/catalog.ts";
import { describeScope } from "../src/catalog/filters.ts";
import type { ScopeOutcome } from "../src/catalog/search.ts";
import type { Idea } from "../src/ideas/schema.ts";
import { termChoices } from "./autocomplete.ts";
import { termName } from "./limits.ts";

/**
 * What search and recommend say about the terms they looked at: the answer is from the current
 * term by default, and the person is told when older terms also match and how to widen.
 */
export function scopeNote(scope: ScopeOutcome): string | undefined {
  if (scope.widened) return "Nothing in the current term matches, so these are from earlier terms.";
  if (scope.defaulted && scope.outside > 0) {
    return `${describeScope(scope.keys)} only: ${scope.outside} more in other terms (add term:all to see them, or term:2025, term:gsoc).`;
  }
  return undefined;
}

/** The other terms that had an idea, for its card ("2025 Term 1", "GSoC 2024"). */
export function alsoIn(catalog: Catalog, idea: Idea): { alsoIn?: string[] } {
  const terms = catalog.alsoIn(idea).map((t) => t.short);
  return terms.length > 0 ? { alsoIn: [...new Set(terms)] } : {};
}

/**
 * The `term` option of search and recommend, for platforms with typed options (Discord, with
 * autocomplete). Typing `term:2025` in the words does the same, so every platform takes one rule.
 */
export const TERM_OPTION = termName().describe("Which terms: current (default), all, 2025, gsoc, lfx-2026-3").meta({ autocomplete: termChoices }).optional();

/** The words with the term option added as a `term:` filter. */
export function withTerm(words: string, term: string | undefined): string {
  const value = term?.trim();
  return value ? `${words} term:"${value.replace(/"/g, "")}"` : words;
}
