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

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** Times `fn` over the inputs, `rounds` times each; returns sorted per-call milliseconds. */
export function timeCalls<T>(inputs: T[], rounds: number, fn: (input: T) => unknown): number[] {
  for (const input of inputs) fn(input); // warm-up: JIT and lazy indexes
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
