import Fuse from "fuse.js";
import vocabularyFile from "../ideas/skills-vocabulary.json" with { type: "json" };
import { canonicalizeSkill, CANONICAL_SKILLS, isNarrowerAlias, skillKey } from "../ideas/skills.ts";
import { splitTopLevel } from "../ideas/split.ts";

/** A person's skill as they typed it, and what it means. */
export interface ResolvedSkill {
  input: string;
  /** Canonical skills it names; empty when unknown. */
  skills: string[];
  /** Close known skills, for "did you mean", when it is unknown. */
  suggestions: string[];
  /** It names one kind of its skill ("pytorch" of Machine Learning): ideas naming it come first. */
  specific?: boolean;
}

/** Between the skills a person types ("go, k8s and python", "rust & wasm"). */
export const SKILL_LIST_SEPARATOR = /^(?:\s*[,;，、]\s*|\s+and\s+|\s*&\s*)/;

/**
 * The skills vocabulary of a catalogue: the canonical skills with their aliases, plus the skills
 * the loaded ideas name that the vocabulary does not know ("Temporal", "OpenVINO").
 */
export class SkillVocabulary {
  /** Canonical skill → how many ideas ask for it. */
  readonly counts: Map<string, number>;
  private readonly byKey = new Map<string, string>();
  private readonly fuse: Fuse<{ name: string; alias: string }>;

  constructor(ideaSkills: string[][]) {
    this.counts = new Map();
    for (const skills of ideaSkills) for (const s of skills) this.counts.set(s, (this.counts.get(s) ?? 0) + 1);
    const entries: Array<{ name: string; alias: string }> = [];
    for (const [name, aliases] of Object.entries(vocabularyFile.skills)) {
      for (const alias of [name, ...aliases]) entries.push({ name, alias });
    }
    for (const name of this.counts.keys()) {
      this.byKey.set(skillKey(name), name);
      if (!CANONICAL_SKILLS.includes(name)) entries.push({ name, alias: name });
    }
    // Fuzzy matching serves here: a misspelt skill ("kubernets", "pyhton") finds its canonical name.
    this.fuse = new Fuse(entries, { keys: ["alias"], threshold: 0.34, includeScore: true, ignoreLocation: true });
  }

  /** Canonical names, most asked-for first: for listings and autocomplete. */
  list(): Array<{ skill: string; count: number }> {
    const names = new Set([...CANONICAL_SKILLS, ...this.counts.keys()]);
    return [...names]
      .map((skill) => ({ skill, count: this.counts.get(skill) ?? 0 }))
      .sort((a, b) => b.count - a.count || a.skill.localeCompare(b.skill));
  }

  /** Suggestions for a prefix or a misspelling, best first. */
  suggest(input: string, limit = 25): string[] {
    const key = input.trim().toLowerCase();
    if (!key) return this.list().slice(0, limit).map((s) => s.skill);
    const prefixed = this.list().filter((s) => s.skill.toLowerCase().startsWith(key)).map((s) => s.skill);
    const fuzzy = this.fuse.search(input.slice(0, 64), { limit: limit * 3 }).map((r) => r.item.name);
    return [...new Set([...prefixed, ...fuzzy])].slice(0, limit);
  }

  /** One typed skill → canonical skills (alias, compound, a skill of the catalogue), or suggestions. */
  resolve(input: string): ResolvedSkill {
    const known = canonicalizeSkill(input);
    if (known.length > 0) return { input, skills: known, suggestions: [], ...(isNarrowerAlias(input) ? { specific: true } : {}) };
    const own = this.byKey.get(skillKey(input));
    if (own) return { input, skills: [own], suggestions: [] };
    // "Did you mean" is a fuzzy search over the vocabulary (milliseconds): made only when asked for.
    let suggestions: string[] | undefined;
    const suggest = () => this.suggest(input, 3);
    return {
      input,
      skills: [],
      get suggestions() {
        suggestions ??= suggest();
        return suggestions;
      },
    };
  }

  /** A typed list ("go, k8s and python") → one resolution per item. */
  resolveList(input: string): ResolvedSkill[] {
    return splitTopLevel(input, SKILL_LIST_SEPARATOR)
      .map((s) => s.trim())
      .filter((s) => /[\p{L}\p{N}]/u.test(s))
      .map((item) => this.resolve(item));
  }
}
