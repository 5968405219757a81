import { createHash } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import pRetry, { AbortError } from "p-retry";
import { UserError } from "../errors.ts";
import { decodeIdeasText, formatOf } from "./check.ts";
import { MAX_SOURCE_BYTES, readLimited } from "./load.ts";
import { redactText, redactUrl, requestTarget } from "./redact.ts";
import type { SourceSpec } from "./spec.ts";

/** What the watcher remembers of a source's last good version, to ask "has it changed?". */
export interface Validators {
  etag: string | null;
  lastModified: string | null;
  /** sha256 of the body, hex. */
  contentHash: string | null;
}

export const NO_VALIDATORS: Validators = { etag: null, lastModified: null, contentHash: null };

export type FetchOutcome =
  /** 304, or the same bytes as last time: nothing to parse. */
  | { changed: false; validators: Validators }
  | { changed: true; text: string; validators: Validators };

export interface FetchOptions {
  /** Largest body accepted, in bytes (default MAX_SOURCE_BYTES). */
  maxBytes?: number;
  /** Per attempt (default 15 s). */
  timeoutMs?: number;
  /** Retries after the first attempt, for network errors, timeouts, 5xx and 429 (default 3). */
  retries?: number;
  /** First backoff delay (default 1 s), doubled each retry up to maxRetryDelayMs (default 30 s). */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
  /** For tests: the fetch to use. */
  fetch?: typeof fetch;
  onRetry?: (message: string) => void;
  /** Ends the fetch and its retries at once (the process is stopping): the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

const DEFAULTS = { maxBytes: MAX_SOURCE_BYTES, timeoutMs: 15_000, retries: 3, minRetryDelayMs: 1_000, maxRetryDelayMs: 30_000 };

export function sha256(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** A failure worth another try (network, timeout, 5xx, 429), with the server's Retry-After if any. */
class TransientSourceError extends UserError {
  constructor(
    code: string,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(code, message);
  }
}

/**
 * Fetches a source for the watcher, only when it changed: HTTP sources with a conditional GET
 * (If-None-Match / If-Modified-Since from the stored validators; 304 → unchanged), files by their
 * sha256. Retries network errors, timeouts, 5xx and 429 with exponential backoff (p-retry); the size
 * limit and the markdown checks of loadSourceText apply. Throws a UserError when the source cannot
 * be read or is not text; an unchanged body is never decoded, so nothing is parsed. Messages name the
 * location without its credentials (redact.ts); the request carries them.
 */
export async function fetchSourceIfChanged(spec: SourceSpec, previous: Validators | null, options: FetchOptions = {}): Promise<FetchOutcome> {
  const opts = { ...DEFAULTS, ...definedOnly(options) };
  const prev = previous ?? NO_VALIDATORS;
  if (spec.kind === "file") return readFileIfChanged(spec, prev, opts.maxBytes);
  return pRetry((attempt) => fetchOnce(spec, prev, opts, attempt), {
    retries: opts.retries,
    ...(opts.signal ? { signal: opts.signal } : {}),
    minTimeout: opts.minRetryDelayMs,
    maxTimeout: opts.maxRetryDelayMs,
    factor: 2,
    randomize: true,
    onFailedAttempt: async ({ error, retriesLeft }) => {
      if (retriesLeft <= 0 || opts.signal?.aborted) return;
      opts.onRetry?.(`${spec.label}: ${redactText(error.message, [spec.location])}; retrying (${retriesLeft} left)`);
      // A 429's Retry-After is honoured on top of the backoff, within the backoff cap.
      const wait = error instanceof TransientSourceError ? Math.min(error.retryAfterMs ?? 0, opts.maxRetryDelayMs) : 0;
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait).unref());
    },
  });
}

async function readFileIfChanged(spec: SourceSpec, prev: Validators, maxBytes: number): Promise<FetchOutcome> {
  const shown = redactUrl(spec.location);
  const info = await stat(spec.location).catch(() => null);
  if (!info) throw new UserError("source_missing", `no such file: ${shown}`);
  if (info.isDirectory()) throw new UserError("source_directory", `${shown} is a directory, not a file`);
  if (info.size > maxBytes) throw new UserError("source_too_large", `${shown} is larger than ${maxBytes} bytes`);
  const bytes = await readFile(spec.location);
  const validators: Validators = { etag: null, lastModified: null, contentHash: sha256(bytes) };
  if (validators.contentHash === prev.contentHash) return { changed: false, validators };
  return { changed: true, text: decodeIdeasText(bytes, shown, formatOf(spec)), validators };
}

async function fetchOnce(spec: SourceSpec, prev: Validators, opts: typeof DEFAULTS & FetchOptions, attempt: number): Promise<FetchOutcome> {
  const shown = redactUrl(spec.location);
  const { url, authorization } = requestTarget(spec.location);
  const headers: Record<string, string> = { accept: "text/markdown, text/plain;q=0.9, */*;q=0.1" };
  if (authorization) headers.authorization = authorization;
  // Validators only when the body they describe is known: a first fetch is unconditional.
  if (prev.contentHash && prev.etag) headers["if-none-match"] = prev.etag;
  if (prev.contentHash && prev.lastModified) headers["if-modified-since"] = prev.lastModified;
  let response: Response;
  try {
    const timeout = AbortSignal.timeout(opts.timeoutMs);
    response = await (opts.fetch ?? fetch)(url, { signal: opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout, headers, redirect: "follow" });
  } catch (error) {
    // Stopping is not a failure of the source: nothing to retry or record.
    if (opts.signal?.aborted) throw opts.signal.reason;
    // The client's own message may quote the URL.
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${opts.timeoutMs} ms` : redactText((error as Error).message, [spec.location, url]);
    throw new TransientSourceError("source_unreachable", `could not fetch ${shown}: ${reason}${attempt > 1 ? ` (attempt ${attempt})` : ""}`);
  }
  const fresh = (name: string, old: string | null) => response.headers.get(name) ?? old;
  if (response.status === 304) {
    await response.body?.cancel();
    return { changed: false, validators: { ...prev, etag: fresh("etag", prev.etag), lastModified: fresh("last-modified", prev.lastModified) } };
  }
  if (response.status === 429 || response.status >= 500) {
    await response.body?.cancel();
    throw new TransientSourceError("source_http_status", `${shown} answered HTTP ${response.status}`, retryAfterMs(response.headers.get("retry-after")));
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new AbortError(new UserError("source_http_status", `${shown} answered HTTP ${response.status}`));
  }
  try {
    const declared = Number(response.headers.get("content-length") ?? "0");
    if (declared > opts.maxBytes) {
      await response.body?.cancel();
      throw new UserError("source_too_large", `${shown} is larger than ${opts.maxBytes} bytes`);
    }
    const bytes = await readLimited(response, opts.maxBytes, shown);
    const validators: Validators = { etag: response.headers.get("etag"), lastModified: response.headers.get("last-modified"), contentHash: sha256(bytes) };
    // A server without conditional requests still costs no parse when the bytes are the same.
    if (validators.contentHash === prev.contentHash) return { changed: false, validators };
    return { changed: true, text: decodeIdeasText(bytes, shown, formatOf(spec)), validators };
  } catch (error) {
    // A body cut off mid-stream is worth another try; too large, binary or HTML is not.
    if (error instanceof UserError) throw new AbortError(error);
    throw new TransientSourceError("source_unreachable", `could not read ${shown}: ${redactText((error as Error).message, [spec.location, url])}`);
  }
}

/** Retry-After: seconds, or an HTTP date. */
function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The options that are set: `{ timeoutMs: undefined }` keeps the default. */
export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
