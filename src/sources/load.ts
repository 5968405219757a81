import { readFile, stat } from "node:fs/promises";
import { UserError } from "../errors.ts";
import { decodeIdeasText, formatOf } from "./check.ts";
import { redactText, redactUrl, requestTarget } from "./redact.ts";
import type { SourceSpec } from "./spec.ts";

/**
 * The largest source accepted, in bytes: 1 MiB. An ideas file is tens of KB and the largest upstream
 * README under 200 KB; past that, markdown only costs parse time (the parser's budget).
 */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export interface LoadOptions {
  /** Largest body accepted, in bytes (default MAX_SOURCE_BYTES). */
  maxBytes?: number;
  timeoutMs?: number;
}

const DEFAULTS = { maxBytes: MAX_SOURCE_BYTES, timeoutMs: 15_000 };

/**
 * Reads a source's text once (no caching: see src/sources/fetch.ts for the watcher's conditional
 * requests). Messages name the location without its credentials (redact.ts); the request carries them.
 */
export async function loadSourceText(spec: SourceSpec, options: LoadOptions = {}): Promise<string> {
  const { maxBytes, timeoutMs } = { ...DEFAULTS, ...options };
  const shown = redactUrl(spec.location);
  // A followed repository is many files and its issues, found at each check: the watcher reads it.
  if (spec.kind === "github") throw new UserError("source_github", `${spec.location} is followed by npm start and \`ideas announce --once\`, not read as one file`);
  if (spec.kind === "file") {
    const info = await stat(spec.location).catch(() => null);
    if (!info) throw new UserError("source_missing", `no such file: ${shown}`);
    if (info.isDirectory()) throw new UserError("source_directory", `${shown} is a directory, not a file`);
    if (info.size > maxBytes) throw new UserError("source_too_large", `${shown} is larger than ${maxBytes} bytes`);
    return decodeIdeasText(await readFile(spec.location), shown, formatOf(spec));
  }
  const { url, authorization } = requestTarget(spec.location);
  const headers: Record<string, string> = { accept: "text/markdown, text/plain;q=0.9, */*;q=0.1" };
  if (authorization) headers.authorization = authorization;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers });
  } catch (error) {
    // The client's own message may quote the URL.
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : redactText((error as Error).message, [spec.location, url]);
    throw new UserError("source_unreachable", `could not fetch ${shown}: ${reason}`);
  }
  if (!response.ok) throw new UserError("source_http_status", `${shown} answered HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new UserError("source_too_large", `${shown} is larger than ${maxBytes} bytes`);
  let bytes: Uint8Array;
  try {
    bytes = await readLimited(response, maxBytes, shown);
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError("source_unreachable", `could not read ${shown}: ${redactText((error as Error).message, [spec.location, url])}`);
  }
  return decodeIdeasText(bytes, shown, formatOf(spec));
}

export async function readLimited(response: Response, maxBytes: number, where: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new UserError("source_too_large", `${where} is larger than ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
