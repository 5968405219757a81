/**
 * Terms: every idea belongs to one (LFX Mentorship 2026 Term 3, GSoC 2025, Season of Docs 2020).
 * A term's key says everything about it (`lfx-2026-3`, `lfx-2019`, `gsoc-2025`, `sod-2020`), so a
 * label, a sort order and a filter can be derived from the key alone, wherever the idea came from.
 * Ideas from a source whose term cannot be told are in the term `other`.
 */

export type Program = "lfx" | "gsoc" | "sod" | "other";

export interface Term {
  key: string;
  program: Program;
  year: number | null;
  /** The term within the year (LFX only): 1, 2 or 3. */
  number: number | null;
  /** "LFX Mentorship 2026 Term 3" */
  label: string;
  /** "2026 Term 3", "GSoC 2025": for "also in …" lines. */
  short: string;
  /** Larger is newer: year and the month the term starts. */
  order: number;
}

export const OTHER_TERM = "other";

const PROGRAM_NAMES: Record<Exclude<Program, "other">, string> = {
  lfx: "LFX Mentorship",
  gsoc: "Google Summer of Code",
  sod: "Season of Docs",
};

/** The month a term starts, for ordering: LFX 2020 ran Q1, Q2, Q3-Q4; later years Mar, Jun, Sep. */
function startMonth(program: Program, year: number, number: number | null): number {
  if (program === "gsoc") return 5;
  if (program === "sod") return year === 2020 ? 9 : 4;
  if (number === null) return 6;
  if (year <= 2020) return [1, 5, 9][number - 1] ?? 1;
  return [3, 6, 9][number - 1] ?? 3;
}

const KEY = /^(lfx|gsoc|sod)-(\d{4})(?:-([1-4]))?$/;

/** The term a key names, or null when the key is not a term key. */
export function termFromKey(key: string): Term | null {
  if (key === OTHER_TERM) return { key, program: "other", year: null, number: null, label: "Other sources", short: "other sources", order: 0 };
  const m = KEY.exec(key);
  if (!m) return null;
  const program = m[1] as Exclude<Program, "other">;
  const year = Number(m[2]);
  const number = m[3] ? Number(m[3]) : null;
  if (program !== "lfx" && number !== null) return null;
  const within = number === null ? "" : ` Term ${number}`;
  return {
    key,
    program,
    year,
    number,
    label: `${PROGRAM_NAMES[program]} ${year}${within}`,
    short: program === "lfx" ? (number === null ? `LFX ${year}` : `${year}${within}`) : `${program === "gsoc" ? "GSoC" : "Season of Docs"} ${year}`,
    order: year * 100 + startMonth(program, year, number),
  };
}

export function termKey(program: Exclude<Program, "other">, year: number, number: number | null): string {
  return number === null ? `${program}-${year}` : `${program}-${year}-${number}`;
}

const known = new Map<string, Term>();

/** A term by key; unknown keys fall into `other`, so a stored idea from an older version still sorts. */
export function term(key: string): Term {
  let found = known.get(key);
  if (!found) {
    found = termFromKey(key) ?? termFromKey(OTHER_TERM)!;
    // Keys come from sources and stored rows: a handful of distinct ones, so the map stays small.
    if (known.size < 1000) known.set(key, found);
  }
  return found;
}

/** Newest first. */
export function byNewest(a: string, b: string): number {
  return term(b).order - term(a).order || a.localeCompare(b);
}

const LFX_SEASONS: Record<string, number> = { spring: 1, summer: 2, fall: 3, autumn: 3 };

/**
 * The term of a source from where it lives: cncf/mentoring's layout
 * (`lfx-mentorship/2026/03-Sep-Nov/…`, `lfx-mentorship/2020/q3-q4/…`, `summerofcode/2025.md`,
 * `seasonofdocs/…/2020/README.md`) or a file name like `lfx-2022-spring-…` or `gsoc-2024.md`.
 * Works on paths and URLs alike; `other` when nothing says.
 */
export function inferTerm(location: string): string {
  const p = location.replace(/\\/g, "/").toLowerCase();
  let m = /lfx-mentorship\/(\d{4})\/(\d{2})-[a-z]/.exec(p);
  if (m) return termKey("lfx", Number(m[1]), Number(m[2]));
  m = /lfx-mentorship\/(\d{4})\/q(\d)/.exec(p);
  if (m) return termKey("lfx", Number(m[1]), Math.min(Number(m[2]), 3));
  m = /lfx-mentorship\/(\d{4})\/(?:readme|project_ideas|selected_projects)/.exec(p);
  if (m) return termKey("lfx", Number(m[1]), null);
  m = /summerofcode\/(\d{4})\.md/.exec(p) ?? /(?:^|[/_-])gsoc-?(\d{4})\b/.exec(p);
  if (m) return termKey("gsoc", Number(m[1]), null);
  m = /seasonofdocs\/(?:.*\/)?(\d{4})\//.exec(p) ?? /(?:^|[/_-])(?:sod|gsod)-?(\d{4})\b/.exec(p);
  if (m) return termKey("sod", Number(m[1]), null);
  m = /(?:^|[/_-])lfx-(\d{4})-(?:term-?)?(\d|spring|summer|fall|autumn)\b/.exec(p);
  if (m) return termKey("lfx", Number(m[1]), LFX_SEASONS[m[2]!] ?? Number(m[2]));
  return OTHER_TERM;
}

/** Words a person may use for a program in a `term:` filter. */
const PROGRAM_WORDS: Record<string, Exclude<Program, "other">> = {
  lfx: "lfx",
  "lfx-mentorship": "lfx",
  lfxmentorship: "lfx",
  mentorship: "lfx",
  communitybridge: "lfx",
  gsoc: "gsoc",
  "summer-of-code": "gsoc",
  summerofcode: "gsoc",
  sod: "sod",
  gsod: "sod",
  "season-of-docs": "sod",
  seasonofdocs: "sod",
};

export type TermSelection = { kind: "all" } | { kind: "keys"; keys: Set<string> } | { kind: "unknown"; input: string; suggestions: string[] };

/**
 * What a `term:` value selects among the terms that have ideas: `all`; `current` (the newest term);
 * a key (`lfx-2026-3`); a year (`2026`); a program (`gsoc`, `lfx`, `sod`); a program and year
 * (`gsoc-2025`, `lfx-2026`); `other`. Anything else is unknown, with the closest keys as hints.
 */
export function selectTerms(input: string, known: readonly string[]): TermSelection {
  const value = input.trim().toLowerCase().replace(/\s+/g, "-");
  if (value === "all" || value === "any") return { kind: "all" };
  const newest = [...known].sort(byNewest)[0];
  if (value === "current" || value === "latest" || value === "newest") return { kind: "keys", keys: new Set(newest ? [newest] : []) };
  let keys: string[];
  if (known.includes(value)) keys = [value];
  else if (/^\d{4}$/.test(value)) keys = known.filter((k) => term(k).year === Number(value));
  else if (PROGRAM_WORDS[value]) keys = known.filter((k) => term(k).program === PROGRAM_WORDS[value]);
  else {
    const m = /^([a-z-]+?)-?(\d{4})$/.exec(value);
    const program = m ? PROGRAM_WORDS[m[1]!] : undefined;
    keys = program ? known.filter((k) => term(k).program === program && term(k).year === Number(m![2])) : [];
  }
  if (keys.length > 0) return { kind: "keys", keys: new Set(keys) };
  return { kind: "unknown", input: input.trim(), suggestions: closestKeys(value, known) };
}

/** Known keys that share the most with the input (same year, same program), newest first. */
function closestKeys(value: string, known: readonly string[]): string[] {
  const year = /\d{4}/.exec(value)?.[0];
  const program = Object.entries(PROGRAM_WORDS).find(([word]) => value.startsWith(word))?.[1];
  const scored = known
    .map((k) => ({ k, score: (year && term(k).year === Number(year) ? 2 : 0) + (program && term(k).program === program ? 1 : 0) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || byNewest(a.k, b.k));
  const picks = scored.length > 0 ? scored.map((s) => s.k) : [...known].sort(byNewest);
  return picks.slice(0, 4);
}
