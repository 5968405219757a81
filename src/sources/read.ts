import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { parseExport } from "../ideas/export.ts";
import { parseIdeas, type ParseResult } from "../ideas/parse.ts";
import { parseProposalIssues } from "../ideas/proposals.ts";
import type { Idea } from "../ideas/schema.ts";
import { isUserError, UserError } from "../errors.ts";
import { parseOffThread, type ParseBudget } from "./parse-pool.ts";
import type { SourceSpec } from "./spec.ts";

export type SourceIdentity = Pick<SourceSpec, "label" | "term" | "role">;

/**
 * The ideas of one source's text, each stamped with the source's term and stage: the one place
 * where a file becomes ideas of a term. The id is taken again with the term in it, so the same
 * idea proposed in two terms is two ideas, and one term's README and proposals share one.
 */
export function readIdeas(text: string, spec: SourceIdentity): ParseResult {
  // The term goes into the parser, so ids (and their collisions) are the term's from the start.
  const options = { source: spec.label, term: spec.term };
  const parsed = spec.role === "export" ? parseExport(text, options) : spec.role === "issues" ? parseProposalIssues(text, options) : parseIdeas(text, options);
  // Proposal issues carry their own stage (approved or not) and term (the form's Term field); a file takes its role's.
  if (spec.role === "issues") return parsed;
  const stage = spec.role === "proposals" ? "proposed" : "accepted";
  return { ideas: parsed.ideas.map((idea) => ({ ...idea, stage })), warnings: parsed.warnings };
}

/** Where parsed ideas are kept between runs (the store): keyed by the bytes, the parser and the source. */
export interface ParseCache {
  cachedIdeas(key: string): Promise<Idea[] | undefined>;
  cacheIdeas(key: string, ideas: Idea[]): Promise<void>;
}

/** The cache key of a text as a source reads it: another parser, term, role or label is another key. */
export function parseCacheKey(text: string, spec: SourceIdentity): string {
  return createHash("sha256").update(`${parserFingerprint()}\n${spec.label}\n${spec.term}\n${spec.role}\n`).update(text).digest("hex");
}

/**
 * readIdeas through a cache, off the event loop: a file read before is not parsed again (parsing
 * the whole catalogue takes seconds; reading it back takes milliseconds), and a file parsed runs in
 * a worker thread within a time and memory budget (src/sources/parse-pool.ts), so a hostile file
 * fails its source alone while the bot keeps answering. Warnings are not kept: they were reported
 * when the file was parsed.
 */
export async function readIdeasCached(text: string, spec: SourceIdentity, cache: ParseCache | undefined, budget?: ParseBudget): Promise<ParseResult & { cached: boolean }> {
  const key = parseCacheKey(text, spec);
  const hit = await cache?.cachedIdeas(key);
  if (hit) return { ideas: hit, warnings: [], cached: true };
  const result = await parseWithinBudget(text, spec, key, budget);
  await cache?.cacheIdeas(key, result.ideas);
  return { ...result, cached: false };
}

/** Texts that went over the parse budget (by cache key), so an unchanged hostile file costs a worker once, not every check. */
const overBudget = new Map<string, string>();
const OVER_BUDGET_KEPT = 64;

async function parseWithinBudget(text: string, spec: SourceIdentity, key: string, budget?: ParseBudget): Promise<ParseResult> {
  const known = overBudget.get(key);
  if (known !== undefined) throw new UserError("parse_budget", `${known} (the same bytes as before: not parsed again)`);
  try {
    return await parseOffThread(text, spec, budget);
  } catch (error) {
    if (isUserError(error) && error.code === "parse_budget") {
      if (overBudget.size >= OVER_BUDGET_KEPT) overBudget.delete(overBudget.keys().next().value!);
      overBudget.set(key, error.message);
    }
    throw error;
  }
}

let fingerprint: string | undefined;

/**
 * A fingerprint of the parser (the files of src/ideas/ and this file), stored with each recorded
 * version and in parse cache keys: when the parser changes, an unchanged source is read and parsed
 * again instead of answering 304, and cached parses are not used.
 */
export function parserFingerprint(): string {
  if (fingerprint === undefined) {
    try {
      const dir = new URL("../ideas/", import.meta.url);
      const hash = createHash("sha256");
      for (const name of readdirSync(dir).filter((f) => /\.(ts|js|json)$/.test(f)).sort()) {
        hash.update(`${name}\n`).update(readFileSync(new URL(name, dir)));
      }
      // This file too: it stamps terms and ids.
      hash.update(readFileSync(new URL(import.meta.url)));
      fingerprint = `sha256:${hash.digest("hex").slice(0, 16)}`;
    } catch {
      fingerprint = "unknown";
    }
  }
  return fingerprint;
}
