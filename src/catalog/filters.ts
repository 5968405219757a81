import { UserError } from "../errors.ts";
import type { Catalog } from "./catalog.ts";
import { projectFilter } from "./project-filter.ts";
import type { FilterValues, SearchQuery } from "./query.ts";
import { selectTerms, term } from "../ideas/terms.ts";
import type { Stage } from "../ideas/schema.ts";

export type DocTest = (doc: number) => boolean;

/** Which terms a query looks at, and whether that came from the default rather than the person. */
export interface TermScope {
  /** Term keys in scope; null: every term. */
  keys: Set<string> | null;
  /** The person named no `term:`: the catalogue's default applies (see Catalog.defaultTerm). */
  defaulted: boolean;
}

/**
 * The documents a query may return, for a set of terms (null: every term): its filters
 * (`project:`, `skill:`, `source:`) and their exclusions (`-skill:go`). One rule for each filter, used by search and recommend
 * alike. Unknown values are the person's mistake and get a "did you mean". Within a scope of
 * several terms the same idea is shown once, in its newest term.
 */
export function queryFilter(catalog: Catalog, query: Pick<SearchQuery, "filters" | "exclude">): (keys: Set<string> | null) => DocTest {
  // The value tests are built once (each checks its values exist, a pass over the catalogue); only
  // the terms vary between the scopes an answer looks at.
  const include = (["project", "skill", "source", "stage"] as const).filter((n) => query.filters[n].length > 0).map((n) => valueTest(catalog, n, query.filters[n]));
  const exclude = (["project", "skill", "source", "term", "stage"] as const).filter((n) => query.exclude[n].length > 0).map((n) => valueTest(catalog, n, query.exclude[n]));
  const excluded = (doc: number) => exclude.some((t) => t(doc));
  return (keys) => {
    const inTerms: DocTest = keys ? (doc) => keys.has(catalog.ideas[doc]!.term) : () => true;
    const passes = (doc: number) => inTerms(doc) && include.every((t) => t(doc)) && !excluded(doc);
    return (doc) => passes(doc) && !catalog.relatives(doc).some((other) => other < doc && passes(other));
  };
}

/** The terms a query names with `term:`, or the catalogue's default when it names none. */
export function termScope(catalog: Catalog, query: Pick<SearchQuery, "filters">): TermScope {
  const named = query.filters.term;
  if (named.length > 0) return { keys: resolveTerms(catalog, named), defaulted: false };
  return { keys: defaultTerms(catalog), defaulted: true };
}

/** The catalogue's default terms; a DEFAULT_TERM that names no term with ideas (yet) means the current one. */
export function defaultTerms(catalog: Catalog): Set<string> | null {
  const known = catalog.termKeys();
  const selection = selectTerms(catalog.defaultTerm, known);
  if (selection.kind === "all") return null;
  if (selection.kind === "keys" && selection.keys.size > 0) return selection.keys;
  const current = selectTerms("current", known);
  return current.kind === "keys" ? current.keys : null;
}

/** Term keys for `term:` values (any of them); null when one of them is `all`. */
export function resolveTerms(catalog: Catalog, values: readonly string[]): Set<string> | null {
  const known = catalog.termKeys();
  const keys = new Set<string>();
  for (const value of values) {
    const selection = selectTerms(value, known);
    if (selection.kind === "all") return null;
    if (selection.kind === "unknown") {
      throw new UserError(
        "unknown_term",
        `I don't know the term "${selection.input}". Try ${selection.suggestions.map((k) => `\`term:${k}\``).join(", ")}, \`term:all\`, or \`terms\` for the list.`,
      );
    }
    for (const key of selection.keys) keys.add(key);
  }
  return keys;
}

/** A human name for a scope: "LFX Mentorship 2026 Term 3", "3 terms". */
export function describeScope(keys: Set<string> | null): string {
  if (!keys) return "all terms";
  if (keys.size === 1) return term([...keys][0]!).label;
  return `${keys.size} terms`;
}

function valueTest(catalog: Catalog, name: keyof FilterValues, values: string[]): DocTest {
  if (name === "project") {
    const wanted = values.map(projectFilter);
    const test: DocTest = (doc) => {
      const [project, group] = catalog.projectKeys[doc]!;
      return wanted.some((names) => names(project) || names(group));
    };
    if (!catalog.ideas.some((_, doc) => test(doc))) {
      const suggestions = values.flatMap((p) => catalog.suggestProjects(p));
      throw new UserError(
        "unknown_project",
        `No project matches "${values.join('", "')}".` + (suggestions.length ? ` Did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?` : ""),
      );
    }
    return test;
  }
  if (name === "skill") {
    const resolved = values.map((s) => catalog.vocabulary.resolve(s));
    const unknown = resolved.filter((r) => r.skills.length === 0);
    if (unknown.length > 0) {
      const hint = unknown.flatMap((u) => u.suggestions).slice(0, 3);
      throw new UserError(
        "unknown_skill",
        `I don't know the skill "${unknown[0]!.input}".` + (hint.length ? ` Did you mean ${hint.map((s) => `"${s}"`).join(" or ")}?` : ""),
      );
    }
    const skills = new Set(resolved.flatMap((r) => r.skills));
    return (doc) => catalog.ideas[doc]!.canonicalSkills.some((s) => skills.has(s));
  }
  if (name === "source") {
    const wanted = new Set(values.map((s) => s.toLowerCase()));
    if (!catalog.sources().some((s) => wanted.has(s.toLowerCase()))) {
      throw new UserError("unknown_source", `No source is called "${values.join('", "')}". Sources: ${catalog.sources().slice(0, 20).join(", ")}${catalog.sources().length > 20 ? ", …" : ""}.`);
    }
    return (doc) => wanted.has(catalog.ideas[doc]!.source.toLowerCase());
  }
  if (name === "stage") {
    const stages = new Set(values.map(readStage));
    return (doc) => stages.has(catalog.ideas[doc]!.stage);
  }
  const keys = resolveTerms(catalog, values);
  return keys ? (doc) => keys.has(catalog.ideas[doc]!.term) : () => true;
}

/** `stage:` values: proposed (every idea, accepted or not yet) or accepted. */
export function readStage(value: string): Stage {
  const word = value.trim().toLowerCase();
  if (word === "proposed" || word === "accepted") return word;
  throw new UserError("unknown_stage", `A stage is proposed or accepted, not "${value.slice(0, 40)}".`);
}
