import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ideaId } from "../src/ideas/id.ts";
import { parseIdeas } from "../src/ideas/parse.ts";
import type { Idea } from "../src/ideas/schema.ts";
import { manifestSources } from "../src/sources/manifest.ts";
import type { SourceSpec } from "../src/sources/spec.ts";

export const SEED = fileURLToPath(new URL("../data/cncf-mentoring/programs/lfx-mentorship/2022/01-Spring/project_ideas.md", import.meta.url));

/** Every file of the bundled catalogue (data/catalogue.json), with its source spec and text. */
export function manifestFiles(): Array<{ spec: SourceSpec; text: string }> {
  return manifestSources().map((spec) => ({ spec, text: readFileSync(spec.location, "utf8") }));
}

export function seedIdeas(): Idea[] {
  return parseIdeas(readFileSync(SEED, "utf8"), { source: "seed" }).ideas;
}

/**
 * The ideas repeated under `copies` project names (`Kyverno 0`, `Kyverno 1`, …) with new ids: the
 * seed's 42 × 250 = 10,500 ideas, or the catalogue's ~1,450 × 7. Issue URLs get a per-copy query so
 * that the catalogue does not merge the copies back into one listing by their shared issue.
 */
export function scaledIdeas(ideas: readonly Idea[], copies: number): Idea[] {
  const out: Idea[] = [];
  for (let k = 0; k < copies; k++) {
    for (const idea of ideas) {
      const project = `${idea.project} ${k.toString(36)}`;
      const issues = idea.issues.map((url) => `${url}${url.includes("?") ? "&" : "?"}copy=${k}`);
      out.push({ ...idea, project, issues, id: ideaId(project, idea.title, idea.term) });
    }
  }
  return out;
}

/** Graded titles (1 or 2) per query, and the titles read and found irrelevant (so a later pool round skips them). */
export interface Judgments {
  search: Array<{ query: string; kind: string; relevant: Record<string, number>; notRelevant?: string[] }>;
  recommend: Array<{ skills: string; kind: string; relevant: Record<string, number>; notRelevant?: string[] }>;
}

/**
 * The judged queries. Over the seed (lfx-2022-spring, 42 ideas): `judgments.json` (68 + 31) was
 * judged first and seen while tuning two ranking weights; `judgments-holdout.json` (81 + 30) was
 * judged by another reader and never used for tuning. Over the whole catalogue (all terms):
 * `judgments-catalogue.json` (66 + 32, the tuning half) and `judgments-catalogue-holdout.json`
 * (66 + 32, held out). Keys are exact idea titles. The catalogue sets were pooled by grep, then
 * extended with every unread title in any compared engine's top 5 (their `_about` says how).
 */
export function judgments(file = "judgments.json"): Judgments {
  return JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), "utf8")) as Judgments;
}
