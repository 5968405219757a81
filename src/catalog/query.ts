import { UserError } from "../errors.ts";

/** The longest query accepted: longer input is refused before any work is done. */
export const MAX_QUERY_LENGTH = 200;

export const FILTER_NAMES = ["project", "skill", "source", "term", "stage"] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type FilterValues = Record<FilterName, string[]>;

export interface SearchQuery {
  /** The words to rank by (may be empty when only filters are given). */
  text: string;
  /** `skill:go`: an idea must match one of each kind's values. */
  filters: FilterValues;
  /** `-skill:go`: an idea matching any of these is left out. */
  exclude: FilterValues;
}

export type ParseQueryResult = { ok: true; value: SearchQuery } | { ok: false; error: UserError };

const FILTER = /(?:^|\s)(-?)(project|skill|source|term|stage):(?:"([^"]*)"|(\S+))/gi;

export function noFilters(): FilterValues {
  return Object.fromEntries(FILTER_NAMES.map((name) => [name, []])) as unknown as FilterValues;
}

/**
 * Parses `kubernetes docs project:"chaos mesh" skill:go -term:gsoc`. Returns a result instead of
 * throwing, so callers decide how to tell the person (sapphire's Args style). Search and recommend
 * read filters the same way, so the shell, Slack and Discord accept the same words.
 */
export function parseSearchQuery(input: string): ParseQueryResult {
  if (input.length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      error: new UserError("query_too_long", `That query is ${input.length} characters long; please keep it under ${MAX_QUERY_LENGTH}.`),
    };
  }
  const filters = noFilters();
  const exclude = noFilters();
  const text = input.replace(FILTER, (_m, minus: string, key: string, quoted?: string, bare?: string) => {
    const value = (quoted ?? bare ?? "").trim();
    const name = key.toLowerCase() as FilterName;
    if (value) (minus ? exclude : filters)[name].push(value);
    return " ";
  });
  return { ok: true, value: { text: text.replace(/\s+/g, " ").trim(), filters, exclude } };
}

/** Whether the query names any filter, included or excluded. */
export function hasFilters(query: Pick<SearchQuery, "filters" | "exclude">): boolean {
  return FILTER_NAMES.some((name) => query.filters[name].length > 0 || query.exclude[name].length > 0);
}
