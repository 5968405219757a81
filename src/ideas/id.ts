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

/**
 * The idea's id: a readable project slug and a hash of the normalised project and title, so it
 * survives heading levels, whitespace, description edits and reordering (the group is left out on
 * purpose: a SIG heading added or renamed does not make a new idea). With a term, the term is
 * hashed too: the same idea proposed again in a later term is a new idea of that term. Ideas of no
 * known term (`other`) keep the term-less id.
 */
export function ideaId(project: string, title: string, term?: string): string {
  const key = `${normalizeKey(project)}\n${normalizeKey(title)}`;
  const hash = createHash("sha256").update(term && term !== "other" ? `${term}\n${key}` : key).digest("hex");
  return `${slug(project)}-${hash.slice(0, 6)}`;
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
  if (ideaId(a.project, a.title) === ideaId(b.project, b.title)) return true;
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
