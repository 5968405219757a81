import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ideaId } from "../src/ideas/id.ts";
import { parseIdeas } from "../src/ideas/parse.ts";
import type { Idea } from "../src/ideas/schema.ts";

export const SEED = fileURLToPath(new URL("../data/lfx-2022-spring-project_ideas.md", import.meta.url));
export const CORPUS_DIR = fileURLToPath(new URL("../../shared/corpus/", import.meta.url));

/** The real corpus files beside the checkout (../shared/corpus), or none when it is absent. */
export function corpusFiles(): Array<{ name: string; text: string }> {
  if (!existsSync(CORPUS_DIR)) return [];
  return readdirSync(CORPUS_DIR)
    .filter((f) => f.endsWith(".md") && f !== "README.md")
    .sort()
    .map((name) => ({ name, text: readFileSync(CORPUS_DIR + name, "utf8") }));
}

export function seedIdeas(): Idea[] {
  return parseIdeas(readFileSync(SEED, "utf8"), { source: "seed" }).ideas;
}

/** The seed's ideas repeated under `copies` project names: 42 × 250 = 10,500 ideas. */
export function scaledIdeas(seed: Idea[], copies: number): Idea[] {
  const out: Idea[] = [];
  for (let k = 0; k < copies; k++) {
    for (const idea of seed) {
      const project = `${idea.project} ${k.toString(36)}`;
      out.push({ ...idea, project, id: ideaId(project, idea.title) });
    }
  }
  return out;
}

export interface Judgments {
  search: Array<{ query: string; kind: string; relevant: Record<string, number> }>;
  recommend: Array<{ skills: string; kind: string; relevant: Record<string, number> }>;
}

/**
 * The judged queries. `judgments.json` (68 + 31) was judged first and seen while tuning two
 * ranking weights; `judgments-holdout.json` (81 + 30) was judged by another reader and never used
 * for tuning, so its figures are the honest ones.
 */
export function judgments(file = "judgments.json"): Judgments {
  return JSON.parse(readFileSync(new URL(`./${file}`, import.meta.url), "utf8")) as Judgments;
}
