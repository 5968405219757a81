import { readFile, stat } from "node:fs/promises";
import { UserError } from "../errors.ts";
import { decodeIdeasText, formatOf } from "./check.ts";
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

/** Reads a source's text once (no caching: see src/sources/fetch.ts for the watcher's conditional requests). */
export async function loadSourceText(spec: SourceSpec, options: LoadOptions = {}): Promise<string> {
  const { maxBytes, timeoutMs } = { ...DEFAULTS, ...options };
  if (spec.kind === "file") {
    const info = await stat(spec.location).catch(() => null);
    if (!info) throw new UserError("source_missing", `no such file: ${spec.location}`);
    if (info.isDirectory()) throw new UserError("source_directory", `${spec.location} is a directory, not a file`);
    if (info.size > maxBytes) throw new UserError("source_too_large", `${spec.location} is larger than ${maxBytes} bytes`);
    return decodeIdeasText(await readFile(spec.location), spec.location, formatOf(spec));
  }
  let response: Response;
  try {
    response = await fetch(spec.location, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: "text/markdown, text/plain;q=0.9, */*;q=0.1" } });
  } catch (error) {
    const reason = (error as Error).name === "TimeoutError" ? `no answer within ${timeoutMs} ms` : (error as Error).message;
    throw new UserError("source_unreachable", `could not fetch ${spec.location}: ${reason}`);
  }
  if (!response.ok) throw new UserError("source_http_status", `${spec.location} answered HTTP ${response.status}`);
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new UserError("source_too_large", `${spec.location} is larger than ${maxBytes} bytes`);
  const bytes = await readLimited(response, maxBytes, spec.location);
  return decodeIdeasText(bytes, spec.location, formatOf(spec));
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
