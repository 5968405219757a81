import Fuse from "fuse.js";
import MiniSearch, { type SearchOptions } from "minisearch";
import type { Catalog } from "../src/catalog/catalog.ts";
import { parseSearchQuery } from "../src/catalog/query.ts";
import { recommendIdeas } from "../src/catalog/recommend.ts";
import { searchIdeas } from "../src/catalog/search.ts";
import type { Idea } from "../src/ideas/schema.ts";

/** The engines the bench compares: ideas-bot, and the plain libraries over the same fields. */

export const FUSE_KEYS = ["title", "project", "group", "skills", "mentors.name", "mentors.handle", "description"];

/** A first page's worth of results and more: what a person sees, and what nDCG@5 and MRR read. */
export const RESULTS = 10;

export type Engine = (input: string) => Idea[];

/** ideas-bot search, in the catalogue's default scope (the bench builds catalogues with `all`). */
export function ours(catalog: Catalog, query: string, limit = RESULTS): Idea[] {
  const parsed = parseSearchQuery(query);
  return parsed.ok ? searchIdeas(catalog, parsed.value, limit).hits.map((h) => h.idea) : [];
}

/** ideas-bot recommend for a skill list as a person types it (`go, k8s`). */
export function oursRecommend(catalog: Catalog, skills: string, limit = RESULTS): Idea[] {
  return recommendIdeas(catalog, catalog.vocabulary.resolveList(skills), limit).map((r) => r.idea);
}

export function plainFuse(ideas: Idea[]): Engine {
  const fuse = new Fuse(ideas, { keys: FUSE_KEYS });
  return (query) => fuse.search(query).map((r) => r.item);
}

type Doc = { id: string; title: string; project: string; skills: string; mentors: string; description: string };

function miniSearch(ideas: Idea[], searchOptions?: SearchOptions): Engine {
  const index = new MiniSearch<Doc>({ fields: ["title", "project", "skills", "mentors", "description"], searchOptions });
  index.addAll(
    ideas.map((i) => ({
      id: i.id,
      title: i.title,
      project: i.project,
      skills: i.skills.join(" "),
      mentors: i.mentors.map((m) => `${m.name} ${m.handle ?? ""}`).join(" "),
      description: i.description,
    })),
  );
  const byId = new Map(ideas.map((i) => [i.id, i]));
  return (query) => index.search(query).map((r) => byId.get(r.id as string)!);
}

/** MiniSearch with its defaults (exact terms, no prefix, no boosts). */
export function plainMiniSearch(ideas: Idea[]): Engine {
  return miniSearch(ideas);
}

/** MiniSearch as a person would set it up in five minutes: fuzzy, prefix, field boosts. */
export const TUNED_MINISEARCH: SearchOptions = { fuzzy: 0.2, prefix: true, boost: { title: 3, project: 2, skills: 2 } };

export function tunedMiniSearch(ideas: Idea[]): Engine {
  return miniSearch(ideas, TUNED_MINISEARCH);
}
