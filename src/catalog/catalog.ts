import Fuse from "fuse.js";
import { normalizeKey } from "../ideas/id.ts";
import type { Idea } from "../ideas/schema.ts";
import { SkillVocabulary } from "./skills.ts";
import { analyze } from "./text.ts";
import { TextIndex } from "./text-index.ts";

/** The fields the text index ranks by, and how much a match in each counts. */
export const SEARCH_BOOSTS = { title: 3, project: 2.5, group: 1.5, skills: 2, mentors: 2, description: 1 } as const;

/**
 * The ideas of all sources in one place, with the indexes search and recommend use. Immutable:
 * a reload builds a new catalogue and swaps it in, so a query never sees half an update.
 */
export class Catalog {
  readonly ideas: readonly Idea[];
  readonly vocabulary: SkillVocabulary;
  /** BM25 text index over the fields of SEARCH_BOOSTS; document n is ideas[n]. */
  readonly index: TextIndex;
  /** Normalised project and group of each idea, for filters. */
  readonly projectKeys: readonly string[];
  private readonly byId = new Map<string, Idea>();
  private readonly position = new Map<string, number>();
  private titleFuse?: Fuse<Idea>;
  private projectFuse?: Fuse<{ name: string }>;

  constructor(ideas: Idea[]) {
    // The same idea in two sources (moved from an ideas file to a README) is listed once.
    const unique: Idea[] = [];
    for (const idea of ideas) {
      if (this.byId.has(idea.id)) continue;
      this.byId.set(idea.id, idea);
      this.position.set(idea.id, unique.length);
      unique.push(idea);
    }
    this.ideas = unique;
    this.vocabulary = new SkillVocabulary(unique.map((i) => i.canonicalSkills));
    this.index = new TextIndex(
      unique.map((idea) => ({
        title: idea.title,
        project: idea.project,
        group: idea.group ?? "",
        skills: [...idea.skills, ...idea.canonicalSkills].join(" "),
        mentors: idea.mentors.map((m) => `${m.name} ${m.handle ?? ""}`).join(" "),
        description: idea.description,
      })),
      SEARCH_BOOSTS,
      analyze,
    );
    this.projectKeys = unique.map((idea) => `${normalizeKey(idea.project)}\n${normalizeKey(idea.group ?? "")}`);
  }

  get size(): number {
    return this.ideas.length;
  }

  get(id: string): Idea | undefined {
    return this.byId.get(id.trim().toLowerCase());
  }

  /** File order of an idea in the catalogue: the tie-breaker that keeps rankings stable. */
  orderOf(id: string): number {
    return this.position.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Projects with their idea counts, alphabetical. */
  projects(): Array<{ name: string; count: number; sources: string[] }> {
    const map = new Map<string, { name: string; count: number; sources: Set<string> }>();
    for (const idea of this.ideas) {
      const key = normalizeKey(idea.project);
      const entry = map.get(key) ?? { name: idea.project, count: 0, sources: new Set<string>() };
      entry.count++;
      entry.sources.add(idea.source);
      map.set(key, entry);
    }
    return [...map.values()]
      .map((e) => ({ name: e.name, count: e.count, sources: [...e.sources] }))
      .sort((a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }));
  }

  sources(): string[] {
    return [...new Set(this.ideas.map((i) => i.source))];
  }

  /** Ideas whose title is like the input: for `show` autocomplete and "did you mean". */
  suggestIdeas(input: string, limit = 25): Idea[] {
    const text = input.trim().slice(0, 100);
    if (!text) return this.ideas.slice(0, limit);
    this.titleFuse ??= new Fuse([...this.ideas], {
      keys: [{ name: "title", weight: 3 }, { name: "project", weight: 1 }, { name: "id", weight: 2 }],
      threshold: 0.4,
      ignoreLocation: true,
    });
    return this.titleFuse.search(text, { limit }).map((r) => r.item);
  }

  /** Project names like the input, for "did you mean" on a project filter. */
  suggestProjects(input: string, limit = 3): string[] {
    this.projectFuse ??= new Fuse(this.projects().map((p) => ({ name: p.name })), { keys: ["name"], threshold: 0.4, ignoreLocation: true });
    return this.projectFuse.search(input.slice(0, 100), { limit }).map((r) => r.item.name);
  }
}
