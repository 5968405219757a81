import { byNewest, OTHER_TERM } from "../ideas/terms.ts";
import { isUserError, UserError } from "../errors.ts";
import type { ParseResult } from "../ideas/parse.ts";
import type { Idea } from "../ideas/schema.ts";
import { fetchSourceIfChanged, sha256, type FetchOptions, type FetchOutcome, type Validators } from "../sources/fetch.ts";
import type { ParseBudget } from "../sources/parse-pool.ts";
import { redactText, redactUrl } from "../sources/redact.ts";
import { parserFingerprint, readIdeasCached, type SourceIdentity } from "../sources/read.ts";
import type { SourceSpec } from "../sources/spec.ts";
import type { SourceState, Store } from "../store/store.ts";
import { recordCheck } from "./record.ts";
import { quiet, type Log } from "../log.ts";

export interface CheckOptions {
  store: Store;
  sources: SourceSpec[];
  announceExisting: boolean;
  now?: () => Date;
  /** Options of the default reader: timeout, retries, size limit. */
  fetchOptions?: FetchOptions;
  /** How a source is read (default: fetchSourceIfChanged, a conditional GET or a file's hash). */
  fetch?: (spec: SourceSpec, previous: Validators | null) => Promise<FetchOutcome>;
  /** A simpler seam, for replays: the source's whole text; unchanged when its sha256 is. */
  load?: (spec: SourceSpec) => Promise<string>;
  /** Time and memory a file may take to parse (default: src/sources/parse-pool.ts). */
  parseBudget?: ParseBudget;
  /** How a changed source's text becomes ideas (default: readIdeas in a worker, through the store's parse cache). */
  parse?: (text: string, spec: SourceIdentity) => ParseResult;
  log?: Log;
  /** How a source of a followed GitHub repository is read (src/sources/github.ts); without it such a source fails. */
  github?: (spec: SourceSpec, previous: Validators | null) => Promise<FetchOutcome>;
  /**
   * Stops the check (the process is stopping): a fetch in flight is abandoned, no further source is
   * read, and nothing is recorded for the sources not finished; runCheck rejects with the reason.
   */
  signal?: AbortSignal;
}

export interface SourceOutcome {
  label: string;
  status: "changed" | "unchanged" | "failed";
  /** The source's ideas now: as parsed when changed, else as last recorded (a failure keeps them). */
  ideas: Idea[];
  /** Ideas never seen before in any source, announced by this check ([] on a silent first check). */
  newIdeas: Idea[];
  /** Outbox entries this check wrote. */
  enqueued: number;
  /** Ideas never seen before, recorded without announcing (the source's first check). */
  silent?: number;
  error?: string;
}

/**
 * One check of every source: read it only when it changed (conditional GET, or the file's sha256),
 * parse it, and record its ideas — finding the ones never seen before and writing their
 * announcements to the outbox in the same transaction (recordCheck, record.ts). A source that fails to
 * load, answers an error page, sends an empty body, or is not an ideas file (no headings, or no
 * ideas where it had some) changes nothing: the error is recorded and logged. A valid file with
 * fewer ideas is taken as it is; nothing is announced for removals.
 */
/** Parser warnings logged per source version; a file full of mistakes does not flood the log. */
const MAX_WARNINGS_LOGGED = 5;

export async function runCheck(options: CheckOptions): Promise<SourceOutcome[]> {
  const before = await options.store.knownTerms();
  const outcomes: SourceOutcome[] = [];
  for (const spec of options.sources) {
    options.signal?.throwIfAborted();
    outcomes.push(await checkSource(spec, options, opensNewTerm(spec, before)));
  }
  logSilent(outcomes, options.log ?? quiet);
  return outcomes;
}

/** One line for the sources read for the first time (the whole catalogue, at a first start), not one each. */
function logSilent(outcomes: SourceOutcome[], log: Log): void {
  const silent = outcomes.filter((o) => (o.silent ?? 0) > 0);
  const ideas = silent.reduce((n, o) => n + o.silent!, 0);
  const hint = "(ANNOUNCE_EXISTING=true announces them)";
  if (silent.length === 1) log(`source ${silent[0]!.label}: first check, ${ideas} idea(s) recorded without announcing ${hint}`);
  else if (silent.length > 1) log(`first check of ${silent.length} sources: ${ideas} idea(s) recorded without announcing ${hint}`);
}

/**
 * Whether a source's first version is the first list of a new term, to be announced (as one digest
 * per channel) rather than recorded silently: its term is known, the store had recorded sources
 * before this check (the bot's first run announces nothing), and the term is newer than every term
 * it knew. An old term's file added by hand is recorded silently. Decided against the state before
 * the check, so the terms of one run's other sources do not count; a store that recorded only
 * ideas of no known term (from before terms) announces no term as new, so an upgrade is quiet.
 */
export function opensNewTerm(spec: Pick<SourceSpec, "term">, before: { recorded: boolean; terms: string[] }): boolean {
  // A store that knows no term (the first run, or one from before terms) has no "newest" to pass.
  const known = before.terms.filter((t) => t !== OTHER_TERM);
  if (!before.recorded || spec.term === OTHER_TERM || known.length === 0) return false;
  return known.every((k) => byNewest(spec.term, k) < 0);
}

async function checkSource(spec: SourceSpec, options: CheckOptions, newTerm: boolean): Promise<SourceOutcome> {
  const { store, announceExisting, now = () => new Date(), log = quiet } = options;
  const label = spec.label;
  // What is stored and logged of the location: never its credentials (src/sources/redact.ts).
  const location = redactUrl(spec.location);
  const state = await store.sourceState(label);
  const fail = async (reason: string): Promise<SourceOutcome> => {
    // A reader's message may quote the location (a custom reader, an unexpected error).
    const error = redactText(reason, [spec.location]);
    await store.recordError(label, location, error, now());
    log(`source ${label}: ${error}; keeping what it had`, "warn");
    return { label, status: "failed", ideas: await store.presentIdeas(label), newIdeas: [], enqueued: 0, error };
  };

  let outcome: FetchOutcome;
  try {
    outcome = await read(spec, trustedValidators(location, state), options);
  } catch (error) {
    // Stopped, not failed: the source's state stays as it was.
    if (options.signal?.aborted) throw options.signal.reason;
    return fail(isUserError(error) ? error.message : `unexpected error: ${(error as Error).message}`);
  }
  if (!outcome.changed) {
    await store.recordUnchanged(label, location, outcome.validators, now());
    return { label, status: "unchanged", ideas: await store.presentIdeas(label), newIdeas: [], enqueued: 0 };
  }

  const text = outcome.text;
  if (text.trim() === "") return fail("empty body");
  let ideas: Idea[];
  let warnings: string[];
  try {
    ({ ideas, warnings } = options.parse ? options.parse(text, spec) : await readIdeasCached(text, spec, store, options.parseBudget));
  } catch (error) {
    // The parser never throws on text by design; if it ever does, this source fails alone.
    return fail(`could not be parsed: ${(error as Error).message}`);
  }
  // A list of proposal issues is JSON, and an empty one is a term with no proposal yet.
  const markdown = spec.role !== "export" && spec.role !== "issues";
  if (ideas.length === 0 && markdown && !hasHeading(text)) return fail("no headings: not an ideas file");
  if (ideas.length === 0 && spec.role === "export") return fail("no programs: not an LFX export");
  if (ideas.length === 0 && (state?.presentCount ?? 0) > 0) return fail("no ideas found where there were some");
  // A source's first version is its silent baseline: a page with a heading and no ideas counts only
  // when it reads like an ideas file waiting for ideas (a term's template), not a maintenance page,
  // or the real file's ideas would all be announced when it comes back.
  if (ideas.length === 0 && !state?.recordedAt && markdown && !looksLikeIdeasFile(text)) return fail("no ideas, and nothing that reads like an ideas file: not taken as the first version");

  // What the reader skipped (a malformed issue body, a program of an export): named, once per version
  // read (a cached version was reported when first parsed), a few at most.
  for (const warning of warnings.slice(0, MAX_WARNINGS_LOGGED)) log(`source ${label}: ${warning}`, "warn");
  if (warnings.length > MAX_WARNINGS_LOGGED) log(`source ${label}: and ${warnings.length - MAX_WARNINGS_LOGGED} more warnings`, "warn");
  const result = await recordCheck(store, {
    source: label,
    location,
    ideas,
    validators: outcome.validators,
    parsedWith: parserFingerprint(),
    now: now(),
    announceExisting: announceExisting || newTerm,
    digest: newTerm,
  });
  if (newTerm && result.firstCheck && result.newIdeas.length > 0) log(`source ${label}: a new term (${spec.term}): its ${result.newIdeas.length} idea(s) are announced as one digest per channel`);
  if (!result.firstCheck) for (const m of result.matched) log(`source ${label}: ${m.id} is the known idea ${m.knownId} (same upstream issue): not new`, "debug");
  if (result.removed.length > 0) log(`source ${label}: ${result.removed.length} idea(s) no longer listed: ${result.removed.join(", ")}`);
  if (result.newIdeas.length > 0) {
    log(`source ${label}: ${result.newIdeas.length} new idea(s): ${result.newIdeas.map((i) => `${i.title} (${i.project})`).join("; ")}; ${result.enqueued} announcement(s) queued`);
  }
  return { label, status: "changed", ideas, newIdeas: result.newIdeas, enqueued: result.enqueued, silent: result.silent.length };
}

/**
 * The validators worth sending: only those of a version this parser read from this location. A
 * new parser (a fix in src/ideas) or a moved source reads the whole source again. `location` is the
 * redacted one, as stored: a new password alone is not a move.
 */
function trustedValidators(location: string, state: SourceState | undefined): Validators | null {
  if (!state?.recordedAt || state.parsedWith !== parserFingerprint() || state.location !== location) return null;
  return { etag: state.etag, lastModified: state.lastModified, contentHash: state.contentHash };
}

async function read(spec: SourceSpec, previous: Validators | null, options: CheckOptions): Promise<FetchOutcome> {
  if (spec.kind === "github") {
    if (!options.github) throw new UserError("github_unavailable", "a GitHub source needs the GitHub reader");
    return options.github(spec, previous);
  }
  if (options.fetch) return options.fetch(spec, previous);
  if (options.load) {
    const text = await options.load(spec);
    const validators: Validators = { etag: null, lastModified: null, contentHash: sha256(text) };
    return validators.contentHash === previous?.contentHash ? { changed: false, validators } : { changed: true, text, validators };
  }
  return fetchSourceIfChanged(spec, previous, { ...options.fetchOptions, ...(options.signal ? { signal: options.signal } : {}), onRetry: options.fetchOptions?.onRetry ?? ((message) => options.log?.(message, "warn")) });
}

/**
 * Whether a file with no ideas yet reads like an ideas file: a heading about ideas, proposals, a
 * term or a template, or a field label an idea would have ("Mentor(s):"). Line by line, linear.
 */
export function looksLikeIdeasFile(text: string): boolean {
  for (const line of text.split("\n")) {
    const t = line.slice(0, 200).toLowerCase();
    if (/^ {0,3}#{1,6} .*\b(?:ideas?|proposals?|projects?|mentorship|template|sample|term|summer of code|season of docs)\b/.test(t)) return true;
    if (/^\s*(?:[-*]\s*)?\**(?:mentor\(?s?\)?|recommended skills|upstream issue|description)\**\s*:/.test(t)) return true;
  }
  return false;
}

/** An ATX (`## x`) or setext heading outside the first line: what every ideas file has. */
export function hasHeading(text: string): boolean {
  return /^ {0,3}#{1,6}(?:[ \t]+\S|[ \t]*$)/m.test(text) || /^ {0,3}\S.*\n {0,3}(?:=+|-+)[ \t]*$/m.test(text);
}
