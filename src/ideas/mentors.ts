import type { Mentor } from "./schema.ts";
import { splitTopLevel } from "./split.ts";

/** A line of a field's value: its plain text, and the links in it (for handles in GitHub URLs). */
export interface ValueLine {
  text: string;
  links: Array<{ text: string; url: string }>;
  /** A sub-item of a list item (a remark under a skill, say) rather than an item of its own list. */
  nested?: boolean;
}

const LOGIN = /[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}/;
const HANDLE = new RegExp(`(?<![\\w.@/])@(${LOGIN.source})(?![\\w.-]*@)`, "g");
// Starts only where a run of address characters starts: a long "a.a.a…" without "@" is one try, not one per character.
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const GITHUB_USER_URL = /^https?:\/\/(?:www\.)?github\.com\/([A-Za-z0-9-]{1,39})\/?$/;
/**
 * A mentor's role, as written next to a name ("Primary", "Co-mentor", "Mentor(s)"). Whole words only:
 * not "Lead" of "Leadbetter", nor "Mentor" of "Mentor-Smith".
 */
const ROLE =
  "(?<![\\p{L}\\p{N}_-])(?:primary|secondary|adjunct|co-?mentors?|leads?|backups?|optional|mentors?)(?:\\(s\\)|\\[s\\])?(?![\\p{L}\\p{N}_-])";
/**
 * Role words in a row ("Primary mentor", "Mentor / Co-mentor", "primary and secondary"). Linear: each
 * step must match a role word, which starts with a letter, after separators that are never letters
 * (only "and" is, and no role word starts with "and").
 */
const ROLES = `${ROLE}(?:\\s*(?:(?:[/&]|and(?=\\s))\\s*)?${ROLE})*`;
/** "Primary mentor: Jane", "Mentor - Jane": roles as a label before the name. Anchored, so tried once. */
const LEADING_ROLES = new RegExp(`^\\s*${ROLES}\\s*(?::|[-–—](?=\\s|$))\\s*`, "iu");
/**
 * "Jane Doe - primary", "Jane – Primary Mentor", "(Jane, co-mentor)": roles after a dash or comma at
 * the end. `(?<!\s)\s*`: separators are tried where a run of spaces starts, not once per space.
 */
const TRAILING_ROLES = new RegExp(`(?:(?<!\\s)\\s+-|(?<!\\s)\\s*[–—,])\\s*${ROLES}\\s*[.:]?$`, "iu");
/** "Mentors: Ada (@ada), Grace (@grace)": a label before the whole line. */
const LINE_LABEL = new RegExp(`^\\s*${ROLES}\\s*:\\s*`, "iu");
/** "Primary mentor", "Mentors:": nothing but roles, so no name. */
const ONLY_ROLES = new RegExp(`^\\s*${ROLES}\\s*(?:[:\\-–—.]\\s*)?$`, "iu");

/**
 * Separators between mentors: commas (also full-width, and ", and"), semicolons, "and", "&", "/",
 * a sentence end after a word ("…@isovalent.com. Kornilios"; not an initial like "Nate W."), or
 * a closing parenthesis followed by the next name ("Qiao (@q, mail) Zeng (@z, mail)").
 */
export const MENTOR_SEPARATOR =
  /^(?:\s*[,;，、]\s*(?:and\s+)?|\s+(?:and|&)\s+|\s*&\s*|\s+\/\s+|\/(?=\s*[A-Z@])|(?<=[a-z0-9]{2})\.\s+(?=[A-Z][a-z])|(?<=\))\s+(?=[A-Z][a-z]))/;

/** A value that starts with "#" and a word: a comment of the upstream template, not a value. */
const TEMPLATE_COMMENT = /^\s*#\s*\p{L}/u;

function handleFromLinks(entry: string, links: ValueLine["links"]): string | null {
  for (const link of links) {
    const m = GITHUB_USER_URL.exec(link.url);
    if (m && (entry.includes(link.text) || entry.includes(link.url))) return m[1]!;
  }
  return null;
}

function isLogin(token: string): boolean {
  return new RegExp(`^${LOGIN.source}$`).test(token);
}

/**
 * A name without the roles written around it: a label before it ("Primary: Jane"), a suffix after a
 * dash ("Jane - co-mentor"), or roles alone ("Primary mentor", no name). Role words inside a name stay:
 * "Test Mentor", "Mentor Graphics", "Lead Belly".
 */
function withoutRoles(name: string): string {
  if (ONLY_ROLES.test(name)) return "";
  return name.replace(LEADING_ROLES, "").replace(TRAILING_ROLES, "").trim();
}

/** One written mentor ("Name (@handle, mail) - primary", "[@x](https://github.com/x)") → Mentor. */
function parseEntry(raw: string, links: ValueLine["links"]): Mentor | null {
  // "(Lior Lieberman, @LiorLieberman)": a whole entry in parentheses.
  const wrapped = /^\(([^()]*)\)$/.exec(raw.trim());
  const entry = (wrapped ? wrapped[1]! : raw).replace(/https?:\/\/github\.com\/([A-Za-z0-9-]{1,39})\/?(?=$|[\s),])/g, (m, login: string) => `@${login}`);
  let handle: string | null = null;
  const at = [...entry.matchAll(HANDLE)];
  if (at.length > 0) handle = at[0]![1]!;
  handle ??= handleFromLinks(raw, links);
  // "(email: x, github: login)"
  handle ??= /\bgithub\s*:\s*@?([A-Za-z0-9-]{1,39})\b/i.exec(entry)?.[1] ?? null;
  // "Name (login, mail)": a bare login first in parentheses, before an email (maybe written "x AT y DOT z").
  if (!handle) {
    // `\((?<!\([^()]*\()`: the first "(" of an unclosed run, so a line of "((((…" is tried once, not once per "(".
    const parts = /\((?<!\([^()]*\()([^)]*)\)/.exec(entry)?.[1]?.split(",").map((p) => p.trim()) ?? [];
    const [first, second] = parts;
    const emailish = second !== undefined && (/@/.test(second) || /\bAT\b.*\bDOT\b/i.test(second));
    if (first && emailish && isLogin(first)) handle = first;
  }
  let name = entry
    .replace(EMAIL, " ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(HANDLE, " ")
    .replace(/\((?<!\([^()]*\()[^)]*\)/g, " ")
    .replace(/(?<![^\s()])[^\s()]+\s+AT\s+[^\s()]+\s+DOT\s+[^\s()]+/g, " ")
    .replace(/\[(?<!\[[^[\]]*\[)[^\]]*\]/g, (m) => m.slice(1, -1))
    .replace(/(?<!\s)\s+-\s*$/, " ")
    .replace(/[()[\]<>]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:\-–—*#]+|(?<![\s,;:\-–—*])[\s,;:\-–—*]+$/g, "")
    .replace(/(?<!\b[A-Z]|\.)\.+$/, "")
    .trim();
  name = withoutRoles(name)
    .replace(/^[\s,;:\-–—*#]+|(?<![\s,;:\-–—*])[\s,;:\-–—*]+$/g, "")
    .trim();
  // Punctuation left over ("@jane-doe_") is no name.
  if (!/[\p{L}\p{N}]/u.test(name)) name = "";
  // "jane@example.com (Jane Doe)": with nothing else, the words in parentheses are the name.
  if (!name && !handle) name = withoutRoles((/\(\s*([\p{L}][\p{L}\p{M} .'-]*)\)/u.exec(entry)?.[1] ?? "").trim());
  if (!name && !handle) return null;
  if (!name) name = handle!;
  if (/^(?:todo|tbd|n\/a|none|name|mentor name|github|email)$/i.test(name) && !handle) return null;
  return { name, handle };
}

const isEmailOnly = (s: string) => /^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$/.test(s.trim());
const isHandleOnly = (s: string) => /^@[A-Za-z0-9-]+$/.test(s.trim());

/**
 * "Hung-Ying, Tai (@hydai, mail)": a lone word with no handle, right before a single word that has
 * one, is the first half of the same name written with a comma.
 */
function joinSplitNames(pieces: string[]): void {
  for (let i = 0; i + 1 < pieces.length; i++) {
    const lone = pieces[i]!.trim();
    const next = pieces[i + 1]!.trim();
    if (/^[\p{Lu}][\p{L}-]*$/u.test(lone) && lone.includes("-") && /^[\p{Lu}][\p{L}-]*\s*\(\s*@/u.test(next)) {
      pieces.splice(i, 2, `${lone}, ${next}`);
    }
  }
}

/** All mentors in a field's value lines (inline value and nested list items). */
export function parseMentors(lines: ValueLine[]): Mentor[] {
  const mentors: Mentor[] = [];
  for (const line of lines) {
    const text = line.text.replace(LINE_LABEL, "");
    // "Mentor(s): #For GSoC, it is required to have at least 2 mentors…": the template's comment to
    // the author, kept by those who filled it in, names nobody.
    if (TEMPLATE_COMMENT.test(text)) continue;
    const pieces = splitTopLevel(text, MENTOR_SEPARATOR);
    // "Kevin Hannon, @kannon92, kannon1992@gmail.com": a handle or email alone belongs to the name before it.
    const merged: string[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      const prev = merged[merged.length - 1];
      const prevHasHandle = prev !== undefined && (/(?<![\w.])@[A-Za-z0-9]/.test(prev) || handleFromLinks(prev, line.links) !== null);
      if (prev !== undefined && isEmailOnly(piece)) {
        merged[merged.length - 1] = `${prev} ${piece}`;
      } else if (prev !== undefined && isHandleOnly(piece) && !prevHasHandle && /\s/.test(prev.trim())) {
        merged[merged.length - 1] = `${prev} ${piece}`;
      } else if (
        // "Michi Mutsuzaki, michi-covalent, michi@isovalent.com": a bare login between a name and its email.
        prev !== undefined && !prevHasHandle && /\s/.test(prev.trim()) && isLogin(piece) &&
        pieces[i + 1] !== undefined && isEmailOnly(pieces[i + 1]!)
      ) {
        merged[merged.length - 1] = `${prev} @${piece}`;
      } else {
        merged.push(piece);
      }
    }
    joinSplitNames(merged);
    for (const piece of merged) {
      const mentor = parseEntry(piece, line.links);
      if (mentor) mentors.push(mentor);
    }
  }
  // The same person listed twice (inline and nested) counts once.
  const seen = new Set<string>();
  return mentors.filter((m) => {
    const key = (m.handle ?? m.name).toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
