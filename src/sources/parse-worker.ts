/**
 * The parser's worker (src/sources/parse-pool.ts runs it in a thread): one source's text in, its
 * ideas out. It says when it starts, so the budget counts parsing, not waiting for a free thread.
 */
import type { MessagePort } from "node:worker_threads";
import type { ParseResult } from "../ideas/parse.ts";
import { readIdeas, type SourceIdentity } from "./read.ts";

export default function parse({ text, spec, started }: { text: string; spec: SourceIdentity; started: MessagePort }): ParseResult {
  started.postMessage("started");
  started.close();
  return readIdeas(text, spec);
}
