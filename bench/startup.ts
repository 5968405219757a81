import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { SourceWatcher } from "../src/announce/watcher.ts";
import type { Catalog } from "../src/catalog/catalog.ts";
import { loadCatalog } from "../src/catalog/load.ts";
import type { SourceSpec } from "../src/sources/spec.ts";
import { SqliteStore } from "../src/store/sqlite-store.ts";
import { ours } from "./engines.ts";
import { fmt, median, table } from "./metrics.ts";

/**
 * Start-up at catalogue scale, in this process (module loading and the Node start are not in the
 * figures, and are the same cold or warm). Each path runs `runs` times on fresh temp dirs; the
 * median is reported. Every catalogue is built with defaultTerm `all`, so the first answer searches
 * every term.
 */

const CATALOG = { defaultTerm: "all" } as const;

interface Timing {
  /** To the catalogue. */
  ready: number;
  /** To the catalogue and the answer to one search. */
  answered: number;
  size: number;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function timed(start: () => Promise<Catalog>, query: string): Promise<Timing> {
  gc();
  const t0 = performance.now();
  const catalog = await start();
  const ready = performance.now() - t0;
  ours(catalog, query);
  return { ready, answered: performance.now() - t0, size: catalog.size };
}

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), "ideas-bench-"));
}

/** `npm start` on a DATA_DIR: open the store, one check of every source (SourceWatcher), the catalogue. */
async function watcherStart(dir: string, sources: SourceSpec[], query: string): Promise<Timing> {
  let store: SqliteStore | undefined;
  try {
    return await timed(async () => {
      store = new SqliteStore(dir);
      const watcher = new SourceWatcher({ store, sources, announceExisting: false, catalog: CATALOG });
      await watcher.checkNow();
      return watcher.holder.current;
    }, query);
  } finally {
    await store?.close();
  }
}

/** The CLI (`npm run ideas`): open the store, loadCatalog with the store as parse cache. */
async function cliStart(dir: string, sources: SourceSpec[], query: string): Promise<Timing> {
  let store: SqliteStore | undefined;
  try {
    return await timed(async () => {
      store = new SqliteStore(dir);
      return (await loadCatalog(sources, { ...CATALOG, cache: store })).catalog;
    }, query);
  } finally {
    await store?.close();
  }
}

export async function benchStartup(sources: SourceSpec[], query: string, runs = 3): Promise<void> {
  console.log(`## Start-up at catalogue scale (${sources.length} files; median of ${runs} runs; first answer = one search for "${query}")`);
  const coldParse: Timing[] = [];
  const watcher: Array<[Timing, Timing]> = [];
  const cli: Array<[Timing, Timing]> = [];
  for (let run = 0; run < runs; run++) {
    coldParse.push(await timed(async () => (await loadCatalog(sources, CATALOG)).catalog, query));
    for (const [path, out] of [
      [watcherStart, watcher],
      [cliStart, cli],
    ] as const) {
      const dir = tempDir();
      try {
        const cold = await path(dir, sources, query);
        const warm = await path(dir, sources, query);
        out.push([cold, warm]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  const med = (timings: Timing[], key: "ready" | "answered") => median(timings.map((t) => t[key]));
  const sizes = new Set([...coldParse, ...watcher.flat(), ...cli.flat()].map((t) => t.size));
  const parseAnswered = med(coldParse, "answered");
  const rows = [["median ms", "to catalogue", "to first answer", "÷ cold", "target ≤ 0.333"]];
  rows.push(["cold parse: loadCatalog, no cache", fmt(med(coldParse, "ready"), 0), fmt(parseAnswered, 0), "", ""]);
  for (const [label, pairs] of [
    ["npm start (SourceWatcher.checkNow)", watcher],
    ["CLI (loadCatalog, store as cache)", cli],
  ] as const) {
    const cold = pairs.map((p) => p[0]);
    const warm = pairs.map((p) => p[1]);
    const ratio = med(warm, "answered") / med(cold, "answered");
    rows.push([`${label}, cold (empty DATA_DIR)`, fmt(med(cold, "ready"), 0), fmt(med(cold, "answered"), 0), "1.000", ""]);
    rows.push([`${label}, warm (same DATA_DIR)`, fmt(med(warm, "ready"), 0), fmt(med(warm, "answered"), 0), fmt(ratio), ratio <= 1 / 3 ? "met" : "NOT met"]);
    rows.push([`  warm ÷ cold parse (no store)`, "", "", fmt(med(warm, "answered") / parseAnswered), ""]);
  }
  table(rows);
  const runsOf = (timings: Timing[]) => timings.map((t) => fmt(t.answered, 0)).join(", ");
  console.log(
    `catalogue: ${[...sizes].join(" / ")} ideas. Every run to first answer (ms): cold parse ${runsOf(coldParse)}; ` +
      `npm start cold ${runsOf(watcher.map((p) => p[0]))}, warm ${runsOf(watcher.map((p) => p[1]))}; ` +
      `CLI cold ${runsOf(cli.map((p) => p[0]))}, warm ${runsOf(cli.map((p) => p[1]))}.\n`,
  );
}
