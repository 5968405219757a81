import { ideaChoices } from "../commands/autocomplete.ts";
import { dispatch } from "../commands/index.ts";
import type { Catalog } from "../src/catalog/catalog.ts";
import { fmt, median, table } from "./metrics.ts";

/** Inputs chosen to make a command do the most work: unknown words, unknown ids, long typing. */
const WORST: Array<[string, (catalog: Catalog) => unknown]> = [
  ["search: 20 unknown 8-letter words", (c) => dispatch("search", { query: Array.from({ length: 20 }, (_, i) => `qzx${String.fromCharCode(97 + i)}kplm`).join(" ") }, context(c))],
  ["show: an unknown id of 100 characters", (c) => dispatch("show", { id: `nope-${"q".repeat(95)}` }, context(c))],
  ["show autocomplete: 100 characters typed", (c) => ideaChoices(c, "x".repeat(100))],
  ["recommend: 10 unknown skills", (c) => dispatch("recommend", { skills: Array.from({ length: 10 }, (_, i) => `qqq${i}zz`).join(", ") }, context(c))],
];

function context(catalog: Catalog) {
  return { catalog, platform: "cli" as const, userId: "bench", page: 1 };
}

/** The worst cases found so far, per catalogue: the median of 5 runs each (Discord allows 3 s to answer). */
export async function benchWorstCases(catalogues: Array<[string, Catalog]>): Promise<void> {
  console.log("## Worst cases: inputs that make a command do the most work (median of 5 runs, ms)");
  const rows = [["input", ...catalogues.map(([label]) => label)]];
  for (const [name, run] of WORST) {
    const cells: string[] = [];
    for (const [, catalog] of catalogues) {
      await run(catalog);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = performance.now();
        await run(catalog);
        times.push(performance.now() - start);
      }
      cells.push(fmt(median(times), 1));
    }
    rows.push([name, ...cells]);
  }
  table(rows);
}
