import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { isUserError } from "../errors.ts";
import { parseIdeas, type ParseOptions, type ParseResult } from "../ideas/parse.ts";
import type { Idea } from "../ideas/schema.ts";
import { fetchSourceIfChanged, sha256, type FetchOptions, type FetchOutcome, type Validators } from "../sources/fetch.ts";
import type { SourceSpec } from "../sources/spec.ts";
import type { SourceState, Store } from "../store/store.ts";

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
  parse?: (text: string, options: ParseOptions) => ParseResult;
  log?: (message: string) => void;
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
  error?: string;
}

/**
 * One check of every source: read it only when it changed (conditional GET, or the file's sha256),
 * parse it, and record its ideas — finding the ones never seen before and writing their
 * announcements to the outbox in the same transaction (Store.recordCheck). A source that fails to
 * load, answers an error page, sends an empty body, or is not an ideas file (no headings, or no
 * ideas where it had some) changes nothing: the error is recorded and logged. A valid file with
 * fewer ideas is taken as it is; nothing is announced for removals.
 */
export async function runCheck(options: CheckOptions): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = [];
  for (const spec of options.sources) outcomes.push(await checkSource(spec, options));
  return outcomes;
}

async function checkSource(spec: SourceSpec, options: CheckOptions): Promise<SourceOutcome> {
  const { store, announceExisting, now = () => new Date(), parse = parseIdeas, log = () => {} } = options;
  const label = spec.label;
  const state = await store.sourceState(label);
  const fail = async (error: string): Promise<SourceOutcome> => {
    await store.recordError(label, spec.location, error, now());
    log(`source ${label}: ${error}; keeping what it had`);
    return { label, status: "failed", ideas: await store.presentIdeas(label), newIdeas: [], enqueued: 0, error };
  };

  let outcome: FetchOutcome;
  try {
    outcome = await read(spec, trustedValidators(spec, state), options);
  } catch (error) {
    return fail(isUserError(error) ? error.message : `unexpected error: ${(error as Error).message}`);
  }
  if (!outcome.changed) {
    await store.recordUnchanged(label, spec.location, outcome.validators, now());
    return { label, status: "unchanged", ideas: await store.presentIdeas(label), newIdeas: [], enqueued: 0 };
  }

  const text = outcome.text;
  if (text.trim() === "") return fail("empty body");
  const { ideas } = parse(text, { source: label });
  if (ideas.length === 0 && !hasHeading(text)) return fail("no headings: not an ideas file");
  if (ideas.length === 0 && (state?.presentCount ?? 0) > 0) return fail("no ideas found where there were some");

  const result = await store.recordCheck({
    source: label,
    location: spec.location,
    ideas,
    validators: outcome.validators,
    parsedWith: parserFingerprint(),
    now: now(),
    announceExisting,
  });
  if (result.silent.length > 0) log(`source ${label}: first check, ${result.silent.length} idea(s) recorded without announcing (ANNOUNCE_EXISTING=true announces them)`);
  for (const m of result.matched) log(`source ${label}: ${m.id} is the known idea ${m.knownId} (same upstream issue): not new`);
  if (result.removed.length > 0) log(`source ${label}: ${result.removed.length} idea(s) no longer listed: ${result.removed.join(", ")}`);
  if (result.newIdeas.length > 0) {
    log(`source ${label}: ${result.newIdeas.length} new idea(s): ${result.newIdeas.map((i) => `${i.title} (${i.project})`).join("; ")}; ${result.enqueued} announcement(s) queued`);
  }
  return { label, status: "changed", ideas, newIdeas: result.newIdeas, enqueued: result.enqueued };
}

/**
 * The validators worth sending: only those of a version this parser read from this location. A
 * new parser (a fix in src/ideas) or a moved source reads the whole source again.
 */
function trustedValidators(spec: SourceSpec, state: SourceState | undefined): Validators | null {
  if (!state?.recordedAt || state.parsedWith !== parserFingerprint() || state.location !== spec.location) return null;
  return { etag: state.etag, lastModified: state.lastModified, contentHash: state.contentHash };
}

async function read(spec: SourceSpec, previous: Validators | null, options: CheckOptions): Promise<FetchOutcome> {
  if (options.fetch) return options.fetch(spec, previous);
  if (options.load) {
    const text = await options.load(spec);
    const validators: Validators = { etag: null, lastModified: null, contentHash: sha256(text) };
    return validators.contentHash === previous?.contentHash ? { changed: false, validators } : { changed: true, text, validators };
  }
  return fetchSourceIfChanged(spec, previous, { ...options.fetchOptions, onRetry: options.fetchOptions?.onRetry ?? options.log });
}

/** An ATX (`## x`) or setext heading outside the first line: what every ideas file has. */
export function hasHeading(text: string): boolean {
  return /^ {0,3}#{1,6}(?:[ \t]+\S|[ \t]*$)/m.test(text) || /^ {0,3}\S.*\n {0,3}(?:=+|-+)[ \t]*$/m.test(text);
}

let fingerprint: string | undefined;

/**
 * A fingerprint of the parser (the files of src/ideas/), stored with each recorded version: when
 * the parser changes, an unchanged source is read and parsed again instead of answering 304.
 */
export function parserFingerprint(): string {
  if (fingerprint === undefined) {
    try {
      const dir = new URL("../ideas/", import.meta.url);
      const hash = createHash("sha256");
      for (const name of readdirSync(dir).filter((f) => /\.(ts|js|json)$/.test(f)).sort()) {
        hash.update(`${name}\n`).update(readFileSync(new URL(name, dir)));
      }
      fingerprint = `sha256:${hash.digest("hex").slice(0, 16)}`;
    } catch {
      fingerprint = "unknown";
    }
  }
  return fingerprint;
}
