import type { z } from "zod";

/**
 * What the JSON readers share (the LFX export, src/ideas/export.ts, and the proposal issues,
 * src/ideas/proposals.ts): reading the text, and naming what is wrong with one item.
 */

/** The text's JSON (a leading BOM allowed), or undefined with a warning naming the source: a reader never throws on text. */
export function readJson(text: string, where: string, warnings: string[]): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    warnings.push(`${where}: not valid JSON (${error instanceof Error ? error.message : String(error)}); no ideas read`);
    return undefined;
  }
}

/** The first three problems zod found in an item, by field (`whole` for the item itself). */
export function describeIssues(error: z.ZodError, whole = "program"): string {
  const issues = error.issues.slice(0, 3).map((i) => `${i.path.length > 0 ? i.path.join(".") : whole}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : "";
  return issues.join("; ") + more;
}
