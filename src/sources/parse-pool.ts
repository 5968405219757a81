import { availableParallelism } from "node:os";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import { UserError } from "../errors.ts";
import type { ParseResult } from "../ideas/parse.ts";
import type { SourceIdentity } from "./read.ts";

/**
 * Parsing runs off the event loop, in a small pool of threads (piscina), with a time and memory
 * budget per file: markdown from the internet can take remark minutes (deeply nested lists, a
 * megabyte of `*a`), and on the event loop that would stop Discord, Slack and the shell from
 * answering. A file over budget fails its source alone; the thread that parsed it is ended.
 */
export interface ParseBudget {
  /** Longest a file may take to parse. The largest real file (150 KiB) takes about half a second. */
  timeMs: number;
  /** Heap a parse may use. */
  memoryMb: number;
}

export const DEFAULT_BUDGET: ParseBudget = { timeMs: 20_000, memoryMb: 512 };

/** tsx's loader as a file URL, resolved from this module; the bare name when that is not possible. */
function tsxLoader(): string {
  try {
    return import.meta.resolve("tsx");
  } catch {
    return "tsx";
  }
}

let pool: Piscina | undefined;
let poolMemory = 0;

function poolFor(memoryMb: number): Piscina {
  if (!pool || poolMemory !== memoryMb) {
    void pool?.destroy();
    pool = new Piscina({
      filename: new URL("./parse-worker.ts", import.meta.url).href,
      // The worker is TypeScript, like the rest: it loads through tsx, as `npm start` does, found
      // from this file (not from the working directory, which a service manager may set elsewhere).
      execArgv: ["--import", tsxLoader()],
      maxThreads: Math.max(1, Math.min(2, availableParallelism())),
      idleTimeout: 10_000,
      resourceLimits: { maxOldGenerationSizeMb: memoryMb },
    });
    poolMemory = memoryMb;
  }
  return pool;
}

/** readIdeas in a worker thread, within the budget; a file over it is a UserError naming the budget. */
export async function parseOffThread(text: string, spec: SourceIdentity, budget: ParseBudget = DEFAULT_BUDGET): Promise<ParseResult> {
  const identity = { label: spec.label, term: spec.term, role: spec.role };
  // The clock starts when a thread takes the file (the worker says so), not when it is queued: a
  // cold start queues the whole catalogue behind two threads.
  const abort = new AbortController();
  const { port1, port2 } = new MessageChannel();
  let timer: NodeJS.Timeout | undefined;
  port1.once("message", () => {
    timer = setTimeout(() => abort.abort(), budget.timeMs);
    port1.close();
  });
  try {
    return (await poolFor(budget.memoryMb).run({ text, spec: identity, started: port2 }, { signal: abort.signal, transferList: [port2] })) as ParseResult;
  } catch (error) {
    const name = (error as Error).name;
    if (name === "AbortError") {
      throw new UserError("parse_budget", `took longer than ${budget.timeMs} ms to parse; skipped (the file is too large or too deeply nested)`);
    }
    if (/memory/i.test((error as Error).message)) throw new UserError("parse_budget", `needed more than ${budget.memoryMb} MB to parse; skipped`);
    throw error;
  } finally {
    clearTimeout(timer);
    port1.close();
  }
}

/** Ends the parser threads (at shutdown, and after a script's last parse). */
export async function closeParsePool(): Promise<void> {
  const closing = pool;
  pool = undefined;
  await closing?.destroy();
}
