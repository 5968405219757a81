/**
 * Shared by the real-data corpus tests (test/ideas/corpus/<file>.test.ts, one per file): nine
 * project-ideas files of the bundled catalogue (byte-exact copies from cncf/mentoring, see
 * data/ATTRIBUTION.md), under the names the development corpus gave them.
 *
 * Every expectation of those files was established by reading the markdown by hand (cat -n, grep), not by
 * running the parser. Where the markdown itself is ambiguous the expectation says so in a
 * "JUDGEMENT:" comment; those are the ones to argue about, the rest are plain reading.
 *
 * Conventions assumed by these expectations:
 * - `title` / `project` / `group` are the heading's plain text: inline code loses its backticks,
 *   a link keeps its text, `[MeshModel]` (not a link: no definition) stays literally, whitespace is
 *   trimmed.
 * - `skills` are split on top-level commas (never inside parentheses) or taken one per item of a
 *   nested list. Where a trailing sentence period or an `and` makes the split debatable, only
 *   `skillsInclude` is checked.
 * - `issues` come only from the upstream-issue field (any of its spellings), never from the
 *   description or the expected outcome; `LFX URL:` goes to `links`, never to `issues`.
 * - a mentor's `handle` is the GitHub login without `@`; an e-mail address (plain, `AT`/`DOT`
 *   obfuscated, or autolinked) is never a handle and never part of a name.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../../src/ideas/parse.ts";
import { IdeaSchema, type Idea, type Mentor } from "../../../src/ideas/schema.ts";

/** The corpus files, by the names this suite knows them by, in the bundled catalogue (data/cncf-mentoring). */
export const BUNDLED: Record<string, string> = {
  "gsoc-2023.md": "summerofcode/2023.md",
  "gsoc-2024.md": "summerofcode/2024.md",
  "gsoc-2025.md": "summerofcode/2025.md",
  "lfx-2022-spring-readme.md": "lfx-mentorship/2022/01-Spring/README.md",
  "lfx-2023-term1-readme.md": "lfx-mentorship/2023/01-Mar-May/README.md",
  "lfx-2023-term2-ideas.md": "lfx-mentorship/2023/02-Jun-Aug/project_ideas.md",
  "lfx-2024-term2-readme.md": "lfx-mentorship/2024/02-Jun-Aug/README.md",
  "lfx-2025-term1-readme.md": "lfx-mentorship/2025/01-Mar-May/README.md",
  "lfx-2026-term2-readme.md": "lfx-mentorship/2026/02-Jun-Aug/README.md",
};
export const corpusPath = (file: string) => fileURLToPath(new URL(`../../../data/cncf-mentoring/programs/${BUNDLED[file]}`, import.meta.url));

/** GitHub logins: letters, digits and hyphens, 1-39 characters, not starting with a hyphen. */
const GITHUB_LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const OBFUSCATED_EMAIL = /\b(AT|at)\b.*\b(DOT|dot)\b/;

export interface IdeaExpectation {
  title: string;
  project: string;
  /** Defaults to null. */
  group?: string | null;
  /** 1-based line of the heading. */
  line: number;
  mentors?: Mentor[];
  mentorsStartWith?: Mentor[];
  handles?: (string | null)[];
  handlesInclude?: string[];
  names?: string[];
  skills?: string[];
  skillsInclude?: string[];
  issues?: string[];
  issuesStartWith?: string[];
  /** URLs that must be among `links` (and so not among `issues`). */
  links?: string[];
  /** Phrases the plain-text description must contain. */
  description?: string[];
  /** Phrases the plain-text description must not contain. */
  notInDescription?: string[];
  /** label pattern -> exact text of an `extra` field. */
  extra?: [RegExp, string][];
}

export interface FileExpectation {
  file: string;
  count: number;
  /** Distinct projects (order irrelevant). */
  projects: string[];
  /** Every idea carries an LFX mentorship link. */
  everyIdeaHasLfxLink?: boolean;
  ideas: IdeaExpectation[];
}

export const m = (name: string, handle: string | null): Mentor => ({ name, handle });

const cache = new Map<string, { ideas: Idea[]; warnings: unknown[]; raw: string[] }>();
function load(file: string): { ideas: Idea[]; warnings: unknown[]; raw: string[] } {
  let hit = cache.get(file);
  if (!hit) {
    const text = readFileSync(corpusPath(file), "utf8");
    const { ideas, warnings } = parseIdeas(text, { source: file.replace(/\.md$/, "") });
    hit = { ideas, warnings, raw: text.split(/\r?\n/) };
    cache.set(file, hit);
  }
  return hit;
}

function findOne(ideas: Idea[], title: string): Idea {
  const found = ideas.filter((i) => i.title === title);
  if (found.length !== 1) {
    throw new Error(
      `expected exactly one idea titled ${JSON.stringify(title)}, found ${found.length}; titles: ` +
        JSON.stringify(ideas.map((i) => i.title)),
    );
  }
  return found[0]!;
}

/** The tests of one corpus file: its expectations, and the checks every file gets. */
export function corpusSuite(f: FileExpectation): void {
  if (!(f.file in BUNDLED)) throw new Error(`${f.file} is not a corpus file (BUNDLED)`);
  describe("real corpus (bundled in data/cncf-mentoring)", () => {
    describe(f.file, () => {
      const source = f.file.replace(/\.md$/, "");

      it(`has exactly ${f.count} ideas`, () => {
        const { ideas } = load(f.file);
        expect(ideas.map((i) => `${i.project} / ${i.title}`)).toHaveLength(f.count);
      });

      it(`has these ${f.projects.length} distinct projects`, () => {
        const { ideas } = load(f.file);
        const got = [...new Set(ideas.map((i) => i.project))].sort();
        expect(got).toEqual([...f.projects].sort());
      });

      it("every idea passes IdeaSchema, ids are unique, source is the label", () => {
        const { ideas } = load(f.file);
        for (const idea of ideas) {
          const r = IdeaSchema.safeParse(idea);
          expect(r.success, `${idea.title}: ${r.success ? "" : JSON.stringify(r.error.issues)}`).toBe(true);
          expect(idea.source).toBe(source);
        }
        const ids = ideas.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it("ideas come in document order and each `line` is a heading line", () => {
        const { ideas, raw } = load(f.file);
        for (let k = 1; k < ideas.length; k++) expect(ideas[k]!.line).toBeGreaterThan(ideas[k - 1]!.line);
        for (const idea of ideas) expect(raw[idea.line - 1], idea.title).toMatch(/^#{1,6}\s/);
      });

      it("no template, sample or table-of-contents entry became an idea", () => {
        const { ideas } = load(f.file);
        for (const idea of ideas) {
          expect(idea.title).not.toMatch(/^(template|title|project title|mentorship project title|cncf project name)$/i);
          expect(idea.project).not.toMatch(/^(template|sample|proposals?|ideas|project ideas|accepted projects|table of contents)$/i);
        }
      });

      it("no e-mail became a handle or part of a mentor name", () => {
        const { ideas } = load(f.file);
        for (const idea of ideas) {
          for (const mt of idea.mentors) {
            if (mt.handle !== null) expect(mt.handle, `${idea.title}: ${JSON.stringify(mt)}`).toMatch(GITHUB_LOGIN);
            expect(mt.name, `${idea.title}: ${JSON.stringify(mt)}`).not.toMatch(EMAIL);
            expect(mt.name, `${idea.title}: ${JSON.stringify(mt)}`).not.toMatch(OBFUSCATED_EMAIL);
          }
        }
      });

      it("LFX mentorship URLs are links, never issues", () => {
        const { ideas } = load(f.file);
        for (const idea of ideas) {
          for (const url of idea.issues) expect(url, idea.title).not.toMatch(/lfx\.linuxfoundation\.org/);
          if (f.everyIdeaHasLfxLink) {
            expect(
              idea.links.some((l) => /^https:\/\/(mentorship|crowdfunding)\.lfx\.linuxfoundation\.org\//.test(l.url)),
              `${idea.title} has an LFX link`,
            ).toBe(true);
          }
        }
      });

      for (const e of f.ideas) {
        it(`idea: ${e.title}`, () => {
          const idea = findOne(load(f.file).ideas, e.title);
          expect(idea.project).toBe(e.project);
          expect(idea.group).toBe(e.group ?? null);
          expect(idea.line).toBe(e.line);
          if (e.mentors) expect(idea.mentors).toEqual(e.mentors);
          if (e.mentorsStartWith) expect(idea.mentors.slice(0, e.mentorsStartWith.length)).toEqual(e.mentorsStartWith);
          if (e.handles) expect(idea.mentors.map((x) => x.handle)).toEqual(e.handles);
          if (e.handlesInclude) {
            expect(idea.mentors.map((x) => x.handle)).toEqual(expect.arrayContaining(e.handlesInclude));
          }
          if (e.names) expect(idea.mentors.map((x) => x.name)).toEqual(e.names);
          if (e.skills) expect(idea.skills).toEqual(e.skills);
          if (e.skillsInclude) expect(idea.skills).toEqual(expect.arrayContaining(e.skillsInclude));
          if (e.issues) expect(idea.issues).toEqual(e.issues);
          if (e.issuesStartWith) expect(idea.issues.slice(0, e.issuesStartWith.length)).toEqual(e.issuesStartWith);
          for (const url of e.links ?? []) {
            expect(idea.links.map((l) => l.url)).toContain(url);
            expect(idea.issues).not.toContain(url);
          }
          for (const phrase of e.description ?? []) expect(idea.description).toContain(phrase);
          for (const phrase of e.notInDescription ?? []) expect(idea.description).not.toContain(phrase);
          for (const [label, text] of e.extra ?? []) {
            const field = idea.extra.find((x) => label.test(x.label));
            expect(field, `extra field ${label} of ${e.title}`).toBeDefined();
            expect(field!.text).toBe(text);
          }
        });
      }
    });
  });
}
