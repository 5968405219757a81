import { createHash } from "node:crypto";
import type { Idea } from "./schema.ts";

/** Folds case, accents, punctuation, markdown and whitespace: what people change without meaning a new idea. */
export function normalizeKey(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[`*_~[\]]/g, "")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

function slug(text: string): string {
  const s = normalizeKey(text).replace(/[^a-z0-9]+/g, "-").replace(/^-+|(?<!-)-+$/g, "");
  return (s || "idea").slice(0, 24).replace(/(?<!-)-+$/, "");
}

/** Hex digits of the hash in an id: 24 bits, the id every idea has unless it collides. */
const ID_DIGITS = 6;
/** Hex digits of the hash in a collision's id: 48 bits, which cannot collide in practice. */
export const LONG_ID_DIGITS = 12;
const MAX_ID_DIGITS = 32;

/**
 * The idea's id: a readable project slug and a hash of the normalised project and title, so it
 * survives heading levels, whitespace, description edits and reordering (the group is left out on
 * purpose: a SIG heading added or renamed does not make a new idea). With a term, the term is
 * hashed too: the same idea proposed again in a later term is a new idea of that term. Ideas of no
 * known term (`other`) keep the term-less id.
 */
export function ideaId(project: string, title: string, term?: string, digits = ID_DIGITS): string {
  const hash = createHash("sha256").update(ideaKey(project, title, term)).digest("hex");
  return `${slug(project)}-${hash.slice(0, digits)}`;
}

/**
 * What an id hashes: the normalised project and title, and the term when it has a known one. Two
 * ideas with the same key are the same idea (of one term); two with different keys are different
 * ideas, even when their ids happen to be equal.
 */
export function ideaKey(project: string, title: string, term?: string): string {
  const key = `${normalizeKey(project)}\n${normalizeKey(title)}`;
  return term && term !== "other" ? `${term}\n${key}` : key;
}

type Identified = Pick<Idea, "id" | "project" | "title" | "term" | "line" | "source">;

/**
 * Hands out ids within one scope (a file, or the catalogue), in order. An idea keeps the id it has
 * unless a different idea (another `ideaKey`) took that id first: then it gets the same slug with
 * more digits of its own hash (12, then 16, … as long as those are taken too) and `warn` says so.
 * The same idea met again gets the id it was given the first time, so a repeat still looks like a
 * repeat (and the caller drops or merges it), and an idea a file had to resolve is one idea with the
 * catalogue's id. This is the one rule for colliding ids: every place that keys ideas by id uses it.
 */
export class IdAllocator {
  /** Who holds each id handed out (the first idea of its key). */
  private readonly holders = new Map<string, Identified>();
  private readonly byKey = new Map<string, string>();

  constructor(private readonly warn: (message: string) => void = () => {}) {}

  /** The idea's id in this scope. */
  idOf(idea: Identified): string {
    const key = ideaKey(idea.project, idea.title, idea.term);
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    let id = idea.id;
    // 12 digits in practice; at most 32 (an id stays within 64 characters, as Discord's custom ids need).
    for (let digits = LONG_ID_DIGITS; this.holders.has(id) && digits <= MAX_ID_DIGITS; digits += 4) id = ideaId(idea.project, idea.title, idea.term, digits);
    // Still taken only if two keys share 128 bits of SHA-256, which cannot happen: the idea is then a repeat, as before.
    if (this.holders.has(id)) return id;
    if (id !== idea.id) {
      const holder = this.holders.get(idea.id)!;
      const where = (i: Identified) => (i.source === holder.source && i.source === idea.source ? `line ${i.line}` : `${i.source} line ${i.line}`);
      this.warn(`${where(idea)}: "${idea.title}" (${idea.project}) has the id ${idea.id} of a different idea, "${holder.title}" (${holder.project}) at ${where(holder)}; given the id ${id}`);
    }
    this.holders.set(id, idea);
    this.byKey.set(key, id);
    return id;
  }
}

/**
 * The ideas with colliding ids resolved (see `IdAllocator`), in the given order, which decides who
 * keeps an id: the earlier idea (in file order). Ideas whose id does not change are returned as they are.
 */
export function resolveIdCollisions<T extends Identified>(ideas: readonly T[], warn?: (message: string) => void): T[] {
  const ids = new IdAllocator(warn);
  return ideas.map((idea) => {
    const id = ids.idOf(idea);
    return id === idea.id ? idea : { ...idea, id };
  });
}

/** Normalises an issue URL for comparison (trailing slash, case of host, fragment). */
export function issueKey(url: string): string {
  return url.trim().split("#", 1)[0]!.replace(/(?<!\/)\/+$/, "").replace(/^http:/i, "https:").toLowerCase();
}

/** Two ideas are the same idea when project and title match after normalisation, or they share an upstream issue. */
export function isSameIdea(
  a: { project: string; title: string; issues: string[] },
  b: { project: string; title: string; issues: string[] },
): boolean {
  if (ideaKey(a.project, a.title) === ideaKey(b.project, b.title)) return true;
  const issues = new Set(a.issues.map(issueKey));
  return b.issues.some((u) => issues.has(issueKey(u)));
}

/**
 * The issue keys of one file's ideas that identify one idea: used only by ideas of one title (the
 * same idea listed twice while it moves counts as one). Distinct ideas sometimes share a tracking
 * issue; such an issue identifies none of them. `keysOf` gives an idea's keys (default: its
 * issues' URLs, normalised).
 */
export function identifyingIssueKeys(ideas: readonly Idea[], keysOf: (idea: Idea) => string[] = (idea) => idea.issues.map(issueKey)): Map<Idea, string[]> {
  const titles = new Map<string, Set<string>>();
  for (const idea of ideas) {
    for (const key of new Set(keysOf(idea))) {
      const set = titles.get(key) ?? new Set<string>();
      set.add(normalizeKey(idea.title));
      titles.set(key, set);
    }
  }
  const out = new Map<Idea, string[]>();
  for (const idea of ideas) out.set(idea, [...new Set(keysOf(idea))].filter((key) => titles.get(key)!.size === 1));
  return out;
}
