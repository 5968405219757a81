/** Ranking quality of one result list against graded judgments (title → grade). */
export function ndcgAt(k: number, ranked: string[], relevant: Record<string, number>): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((sum, title, i) => sum + gain(relevant[title] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(relevant)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? (ranked.length === 0 ? 1 : 0) : dcg / ideal;
}

/** Reciprocal rank of the first grade-2 result (the one the person is after). */
export function reciprocalRank(ranked: string[], relevant: Record<string, number>): number {
  const best = Math.max(0, ...Object.values(relevant));
  if (best === 0) return ranked.length === 0 ? 1 : 0;
  const i = ranked.findIndex((t) => (relevant[t] ?? 0) === best);
  return i < 0 ? 0 : 1 / (i + 1);
}

/**
 * Each title once, at its best rank: the same idea can be listed in several terms under one title,
 * and judgments are keyed by title, so a repeat is neither a second hit nor a miss.
 */
export function uniqueTitles(ranked: string[]): string[] {
  return [...new Set(ranked)];
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * Times `fn` over the inputs, `rounds` times each; returns sorted per-call milliseconds. The first
 * `warmUp` inputs (all by default) are run once untimed first: JIT and lazy indexes.
 */
export function timeCalls<T>(inputs: T[], rounds: number, fn: (input: T) => unknown, warmUp = inputs.length): number[] {
  for (const input of inputs.slice(0, warmUp)) fn(input);
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = performance.now();
      fn(input);
      times.push(performance.now() - start);
    }
  }
  return times.sort((a, b) => a - b);
}

export const fmt = (n: number, digits = 3) => (Number.isFinite(n) ? n.toFixed(digits) : "n/a");

/** Prints rows as a text table: the first column left-aligned, the others right-aligned. */
export function table(rows: string[][]): void {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ").trimEnd());
  console.log();
}

/** The median of a few timings (not sorted). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
