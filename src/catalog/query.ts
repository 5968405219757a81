import { UserError } from "../errors.ts";

/** The longest query accepted: longer input is refused before any work is done. */
export const MAX_QUERY_LENGTH = 200;

export interface SearchQuery {
  /** The words to rank by (may be empty when only filters are given). */
  text: string;
  filters: { project: string[]; skill: string[]; source: string[] };
}

export type ParseQueryResult = { ok: true; value: SearchQuery } | { ok: false; error: UserError };

const FILTER = /(?:^|\s)(project|skill|source):(?:"([^"]*)"|(\S+))/gi;

/**
 * Parses `kubernetes docs project:"chaos mesh" skill:go`. Returns a result instead of throwing, so
 * callers decide how to tell the person (sapphire's Args style).
 */
export function parseSearchQuery(input: string): ParseQueryResult {
  if (input.length > MAX_QUERY_LENGTH) {
    return {
      ok: false,
      error: new UserError("query_too_long", `That query is ${input.length} characters long; please keep it under ${MAX_QUERY_LENGTH}.`),
    };
  }
  const filters: SearchQuery["filters"] = { project: [], skill: [], source: [] };
  const text = input.replace(FILTER, (_m, key: string, quoted?: string, bare?: string) => {
    const value = (quoted ?? bare ?? "").trim();
    const name = key.toLowerCase() as keyof SearchQuery["filters"];
    if (value) filters[name].push(value);
    return " ";
  });
  return { ok: true, value: { text: text.replace(/\s+/g, " ").trim(), filters } };
}
