import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Catalog } from "../src/catalog/catalog.ts";
import { parseIdeas } from "../src/ideas/parse.ts";

/** A fixture file under test/fixtures, as text. */
export function fixture(path: string): string {
  return readFileSync(new URL(`./fixtures/${path}`, import.meta.url), "utf8");
}

export function fixturePath(path: string): string {
  return fileURLToPath(new URL(`./fixtures/${path}`, import.meta.url));
}

/** The catalogue of the small catalogue fixture (6 ideas, 3 projects). */
export function smallCatalog(): Catalog {
  return new Catalog(parseIdeas(fixture("catalog/small-ideas.md"), { source: "fixture" }).ideas);
}

/** The bundled catalogue's upstream files (data/cncf-mentoring/programs/…), committed, so always present. */
export function bundledPath(path: string): string {
  return fileURLToPath(new URL(`../data/cncf-mentoring/programs/${path}`, import.meta.url));
}

/** The seed file (42 ideas): the 2022 Spring proposals of the bundled catalogue. */
export const SEED_PATH = bundledPath("lfx-mentorship/2022/01-Spring/project_ideas.md");

export function seedCatalog(): Catalog {
  return new Catalog(parseIdeas(readFileSync(SEED_PATH, "utf8"), { source: "seed" }).ideas);
}

export const REPO_ROOT = fileURLToPath(new URL("../", import.meta.url));

/** A fresh DATA_DIR for a spawned bot, so tests never write state into the checkout. */
export function scratchDataDir(): string {
  return mkdtempSync(join(tmpdir(), "ideas-data-"));
}

/**
 * CPU time of this process in ms (user and system): what a piece of work costs, which a busy
 * machine changes far less than wall-clock time. Measure with it, not performance.now().
 */
export function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** CPU time of the least of `runs` calls of `work`: a GC pause or a busy machine spoils one run, rarely all. */
export function leastCpuMs(work: () => unknown, runs: number): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const start = cpuMs();
    work();
    best = Math.min(best, cpuMs() - start);
  }
  return best;
}

/**
 * How much longer `work` takes on 4x the input (`make(4 * n)` against `make(n)`), each the least CPU
 * time of `runs` calls: linear is about 4, quadratic about 16. A floor of 5 ms under the small time,
 * so a sub-millisecond run cannot make the ratio noise.
 */
export function growthOver4x<T>(work: (input: T) => unknown, make: (n: number) => T, n: number, runs: number): number {
  const small = leastCpuMs(() => work(make(n)), runs);
  const large = leastCpuMs(() => work(make(4 * n)), runs);
  return large / Math.max(small, 5);
}

/** A pino log record, as `npm start` writes one per line off a terminal (LOG_FORMAT=json). */
export interface LogRecord {
  level: number;
  time: number;
  msg: string;
  err?: { message: string; stack?: string };
}

/** pino's numbers for the levels the bot uses. */
export const LOG_LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

/**
 * Every complete line of a spawned process's log, parsed; a line that is not a JSON record fails
 * the test, naming it. A last line still being written (no newline yet) is left for the next read.
 */
export function logRecords(text: string): LogRecord[] {
  return text
    .split("\n")
    .slice(0, -1)
    .filter((line) => line.trim() !== "")
    .map((line) => {
      try {
        return JSON.parse(line) as LogRecord;
      } catch {
        throw new Error(`not a JSON log line: ${line}\n--- the whole log:\n${text}`);
      }
    });
}

/** The messages of a spawned process's log, in order. */
export function logMessages(text: string): string[] {
  return logRecords(text).map((r) => r.msg);
}

/** A port nothing listens on: bound, noted, closed. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
