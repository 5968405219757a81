import Fuse from "fuse.js";
import { IdAllocator, identifyingIssueKeys, ideaKey, normalizeKey } from "../ideas/id.ts";
import type { Idea } from "../ideas/schema.ts";
import { SkillVocabulary } from "./skills.ts";
import { byNewest, term, type Term } from "../ideas/terms.ts";
import { analyze, wordPairs } from "./text.ts";
import { TextIndex } from "./text-index.ts";

/** The fields the text index ranks by, and how much a match in each counts. */
export const SEARCH_BOOSTS = { title: 3, project: 2.5, group: 1.5, skills: 2, mentors: 2, description: 1 } as const;

/** The most of a typed text that "did you mean" and title autocomplete look at. */
const SUGGEST_LENGTH = 32;

export interface CatalogOptions {
  /**
   * The terms search and recommend look at when the person names none (a `term:` value:
   * `current`, `all`, `2026`, `lfx-2026-3`, …). Default: `current`, the newest term with ideas.
   */
  defaultTerm?: string;
  /**
   * A stand-in while the first ideas load (a first start, nothing stored yet): commands that read
   * ideas say "still loading" instead of "nothing found" (the `catalog` precondition).
   */
  loading?: boolean;
}

export interface TermSummary {
  term: Term;
  count: number;
  /** Of which the term's accepted list (or export) has. */
  accepted: number;
}

/**
 * The ideas of all sources in one place, with the indexes search and recommend use. Immutable:
 * a reload builds a new catalogue and swaps it in, so a query never sees half an update.
 *
 * Within a term, one idea listed in several files (proposals, the accepted list, the export) is one
 * listing, and the accepted one wins. Across terms, the same idea proposed again is a separate idea
 * of each term: its `family` links them, so search can show the newest and say where else it was.
 * Ideas are kept newest term first, which is also the order ties are broken in.
 */
export class Catalog {
  readonly ideas: readonly Idea[];
  readonly vocabulary: SkillVocabulary;
  /** BM25 text index over the fields of SEARCH_BOOSTS; document n is ideas[n]. */
  readonly index: TextIndex;
  /** Normalised project and group of each idea, for filters. */
  readonly projectKeys: ReadonlyArray<readonly [project: string, group: string]>;
  readonly defaultTerm: string;
  /** The stand-in of a holder whose first ideas are still loading (CatalogOptions.loading). */
  readonly loading: boolean;
  /** Ideas of different files that had one id, and the longer id the later one was given. */
  readonly warnings: readonly string[];
  private readonly byId = new Map<string, Idea>();
  /** Ids of listings merged into another (a proposal's id when its accepted listing has another title). */
  private readonly aliases: ReadonlyMap<string, string>;
  private readonly position = new Map<string, number>();
  /** For each document, the documents of the same idea in other terms, newest first. */
  private readonly family: ReadonlyArray<readonly number[]>;
  private titleFuse?: Fuse<Idea>;
  private projectFuse?: Fuse<{ name: string }>;

  constructor(ideas: Idea[], options: CatalogOptions = {}) {
    this.defaultTerm = options.defaultTerm ?? "current";
    this.loading = options.loading === true;
    const { unique, aliases, warnings } = mergeListings(ideas);
    this.aliases = aliases;
    this.warnings = warnings;
    unique.forEach((idea, i) => {
      this.byId.set(idea.id, idea);
      this.position.set(idea.id, i);
    });
    this.ideas = unique;
    this.family = families(unique);
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
      { pairs: wordPairs, fields: ["title", "project", "group"] },
    );
    this.projectKeys = unique.map((idea) => [normalizeKey(idea.project), normalizeKey(idea.group ?? "")] as const);
  }

  get size(): number {
    return this.ideas.length;
  }

  get(id: string): Idea | undefined {
    const key = id.trim().toLowerCase();
    return this.byId.get(key) ?? this.byId.get(this.aliases.get(key) ?? "");
  }

  /** Catalogue order of an idea (newest term first, then file order): the tie-breaker that keeps rankings stable. */
  orderOf(id: string): number {
    return this.position.get(id) ?? Number.MAX_SAFE_INTEGER;
  }

  /** Documents of the same idea in other terms, newest first. */
  relatives(doc: number): readonly number[] {
    return this.family[doc] ?? [];
  }

  /** The other terms that had this idea, newest first (for "also in 2025 Term 1"). */
  alsoIn(idea: Idea): Term[] {
    const doc = this.position.get(idea.id);
    return doc === undefined ? [] : this.relatives(doc).map((d) => term(this.ideas[d]!.term));
  }

  private termList?: TermSummary[];

  /** The terms that have ideas, newest first, with counts. */
  terms(): TermSummary[] {
    this.termList ??= this.countTerms();
    return this.termList;
  }

  private countTerms(): TermSummary[] {
    const map = new Map<string, TermSummary>();
    for (const idea of this.ideas) {
      const entry = map.get(idea.term) ?? { term: term(idea.term), count: 0, accepted: 0 };
      entry.count++;
      if (idea.stage === "accepted") entry.accepted++;
      map.set(idea.term, entry);
    }
    return [...map.values()].sort((a, b) => byNewest(a.term.key, b.term.key));
  }

  private keyList?: string[];

  /** Keys of the terms that have ideas, newest first. */
  termKeys(): string[] {
    this.keyList ??= this.terms().map((t) => t.term.key);
    return this.keyList;
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
    // Fuse's bitap matches patterns of up to 32 characters; a longer one is matched in 32-character
    // pieces and costs seconds at 10,000 ideas. The first words say enough to suggest a title.
    const text = input.trim().slice(0, SUGGEST_LENGTH).trim();
    if (!text) return this.ideas.slice(0, limit);
    // An id typed in full or in part (`kubearmor-1a2`): its prefix finds it at once.
    const lower = text.toLowerCase();
    if (/^[a-z0-9-]+$/.test(lower) && lower.includes("-")) {
      const byId = this.ideas.filter((idea) => idea.id.startsWith(lower)).slice(0, limit);
      if (byId.length > 0) return byId;
    }
    this.titleFuse ??= new Fuse([...this.ideas], {
      // Titles only (ids are found by prefix above): every key is another pass over every idea.
      keys: ["title"],
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

/**
 * One listing per idea of a term, newest term first. Listings are the same idea when they have the
 * same id (project and title within the term), or when they share an upstream issue that, in each
 * source, names only that idea (distinct ideas sometimes share one tracking issue). The accepted
 * listing wins over a proposal; otherwise the first (the manifest lists the export first).
 */
function mergeListings(ideas: readonly Idea[]): { unique: Idea[]; aliases: Map<string, string>; warnings: string[] } {
  const kept: Idea[] = [];
  const aliases = new Map<string, string>();
  const byId = new Map<string, number>();
  const byIssue = new Map<string, number>();
  const identifying = identifyingIssuesBySource(ideas);
  // Two different ideas with one id (from two files) are two listings: the later one gets a longer id.
  const warnings: string[] = [];
  const ids = new IdAllocator((w) => warnings.push(w));
  const renamed: Array<[from: string, to: string]> = [];
  for (const listed of ideas) {
    const issueKeys = identifying.get(listed) ?? [];
    const id = ids.idOf(listed);
    const idea = id === listed.id ? listed : { ...listed, id };
    if (id !== listed.id) renamed.push([listed.id, id]);
    const at = byId.get(idea.id) ?? issueKeys.map((k) => byIssue.get(`${idea.term}\n${k}`)).find((i) => i !== undefined);
    if (at === undefined) {
      byId.set(idea.id, kept.length);
      for (const k of issueKeys) byIssue.set(`${idea.term}\n${k}`, kept.length);
      kept.push(idea);
      continue;
    }
    const first = kept[at]!;
    // The accepted listing speaks for the idea, under the id people have seen first; the card keeps
    // the links of every listing (the proposal issue, the LFX page of the export or README).
    const speaker = first.stage === "proposed" && idea.stage === "accepted" ? idea : first;
    const other = speaker === idea ? first : idea;
    kept[at] = { ...speaker, id: first.id, links: unionLinks(speaker.links, other.links) };
    if (idea.id !== first.id) aliases.set(idea.id, first.id);
    byId.set(idea.id, at);
  }
  // An id a file gave that the catalogue gives another way (its file resolved a collision the catalogue does not have) still finds the idea.
  for (const [from, to] of renamed) if (!byId.has(from) && !aliases.has(from)) aliases.set(from, aliases.get(to) ?? to);
  const order = new Map(kept.map((idea, i) => [idea, i]));
  return { unique: kept.sort((a, b) => byNewest(a.term, b.term) || order.get(a)! - order.get(b)!), aliases, warnings };
}

/** Links of two listings of one idea, each URL once, the first listing's first. */
function unionLinks(first: Idea["links"], second: Idea["links"]): Idea["links"] {
  const urls = new Set(first.map((l) => l.url));
  return [...first, ...second.filter((l) => !urls.has(l.url) && urls.add(l.url))];
}

/** Per idea, the issue keys that name only that idea (by title) within its own source. */
function identifyingIssuesBySource(ideas: readonly Idea[]): Map<Idea, string[]> {
  const bySource = new Map<string, Idea[]>();
  for (const idea of ideas) {
    const list = bySource.get(idea.source);
    if (list) list.push(idea);
    else bySource.set(idea.source, [idea]);
  }
  return new Map([...bySource.values()].flatMap((list) => [...identifyingIssueKeys(list)]));
}

/** The same idea in several terms: same project and title after normalisation. Ideas are newest first already. */
function families(ideas: readonly Idea[]): number[][] {
  const groups = new Map<string, number[]>();
  ideas.forEach((idea, doc) => {
    // The normalised project and title, not a hash of them: two ideas whose short ids collide are not one family.
    const key = ideaKey(idea.project, idea.title);
    const group = groups.get(key);
    if (group) group.push(doc);
    else groups.set(key, [doc]);
  });
  const out: number[][] = ideas.map(() => []);
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    for (const doc of group) out[doc] = group.filter((d) => d !== doc && ideas[d]!.term !== ideas[doc]!.term);
  }
  return out;
}
