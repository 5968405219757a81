import { describe, expect, it } from "vitest";
import { IdAllocator, ideaId, ideaKey, isSameIdea, LONG_ID_DIGITS, resolveIdCollisions } from "../../src/ideas/id.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { readIdeas } from "../../src/sources/read.ts";

const PROJECT = "Orbit";

/**
 * Two different titles of one project whose ids (6 hex digits: 24 bits) are equal, found by a
 * birthday search: a collision is expected after about 5,000 titles.
 */
function collidingTitles(term?: string): [string, string] {
  const byId = new Map<string, string>();
  for (let n = 0; n < 200_000; n++) {
    const title = `Improve the Orbit scheduler, part ${n}`;
    const id = ideaId(PROJECT, title, term);
    const other = byId.get(id);
    if (other !== undefined) return [other, title];
    byId.set(id, title);
  }
  throw new Error("no collision found");
}

/** An idea with an issue of its own (its title's number): ideas sharing an issue are one listing in the catalogue. */
function idea(title: string, n = Number(/part (\d+)/.exec(title)?.[1] ?? 1)): string {
  return `#### ${title}\n\n- Description: Work on ${title}.\n- Mentor(s): Ada Lovelace (@ada)\n- Upstream Issue (URL): <https://github.com/orbit/orbit/issues/${n}>\n`;
}

function file(...titles: string[]): string {
  return `# Ideas\n\n### ${PROJECT}\n\n${titles.map((t) => idea(t)).join("\n")}`;
}

const [first, second] = collidingTitles();

describe("ideaId", () => {
  it("keeps today's id, byte for byte, for an idea that does not collide", () => {
    // Computed by the code before collisions were resolved: ids people have seen and the store remembers.
    expect(ideaId("Kubernetes", "Improve the scheduler")).toBe("kubernetes-083a0f");
    expect(ideaId("Kubernetes", "Improve the scheduler", "other")).toBe("kubernetes-083a0f");
    expect(ideaId("Kubernetes", "Improve the scheduler", "lfx-2026-1")).toBe("kubernetes-688387");
    const parsed = parseIdeas(`# Ideas\n\n### Kubernetes\n\n${idea("Improve the scheduler", 1)}`, { source: "f" });
    expect(parsed.ideas.map((i) => i.id)).toEqual(["kubernetes-083a0f"]);
    expect(parsed.warnings).toEqual([]);
    expect(readIdeas(`# Ideas\n\n### Kubernetes\n\n${idea("Improve the scheduler", 1)}`, { label: "f", term: "lfx-2026-1", role: "accepted" }).ideas[0]!.id).toBe(
      "kubernetes-688387",
    );
  });

  it("a forged collision: two different ideas with one 6-digit id", () => {
    expect(first).not.toBe(second);
    expect(ideaKey(PROJECT, first)).not.toBe(ideaKey(PROJECT, second));
    expect(isSameIdea({ project: PROJECT, title: first, issues: [] }, { project: PROJECT, title: second, issues: [] })).toBe(false);
    expect(ideaId(PROJECT, first)).toBe(ideaId(PROJECT, second));
    // With more digits of the hash they differ.
    expect(ideaId(PROJECT, first, undefined, LONG_ID_DIGITS)).not.toBe(ideaId(PROJECT, second, undefined, LONG_ID_DIGITS));
  });
});

describe("resolveIdCollisions", () => {
  it("gives the later of two colliding ideas the same slug with 12 hex digits, and warns", () => {
    const warnings: string[] = [];
    const ideas = [first, second].map((title, i) => ({ id: ideaId(PROJECT, title), project: PROJECT, title, term: "other", line: i + 1, source: "f" }));
    const resolved = resolveIdCollisions(ideas, (w) => warnings.push(w));
    expect(resolved[0]).toBe(ideas[0]);
    expect(resolved[1]!.id).toBe(ideaId(PROJECT, second, undefined, 12));
    expect(resolved[1]!.id).toMatch(/^orbit-[0-9a-f]{12}$/);
    expect(resolved[1]!.id.startsWith(ideas[1]!.id)).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^line 2: .* has the id orbit-[0-9a-f]{6} of a different idea, .* at line 1; given the id orbit-[0-9a-f]{12}$/)]);
  });

  it("gives the same idea met again the id it was given first (a repeat stays a repeat)", () => {
    const ids = new IdAllocator();
    const at = (title: string, id = ideaId(PROJECT, title)) => ({ id, project: PROJECT, title, term: "other", line: 1, source: "f" });
    expect(ids.idOf(at(first))).toBe(ideaId(PROJECT, first));
    expect(ids.idOf(at(second))).toBe(ideaId(PROJECT, second, undefined, 12));
    expect(ids.idOf(at(second))).toBe(ideaId(PROJECT, second, undefined, 12));
    expect(ids.idOf(at(`  ${first.toUpperCase()} `))).toBe(ideaId(PROJECT, first));
  });
});

describe("parsing a file with two colliding ideas", () => {
  it("keeps both, with distinct ids, the first id unchanged, and a warning", () => {
    const { ideas, warnings } = parseIdeas(file(first, second), { source: "f" });
    expect(ideas.map((i) => i.title)).toEqual([first, second]);
    expect(ideas[0]!.id).toBe(ideaId(PROJECT, first));
    expect(ideas[1]!.id).toBe(ideaId(PROJECT, second, undefined, 12));
    expect(new Set(ideas.map((i) => i.id)).size).toBe(2);
    expect(warnings).toEqual([expect.stringContaining(`"${second}" (${PROJECT}) has the id ${ideaId(PROJECT, first)} of a different idea`)]);
  });

  it("decides by file order: the first in the file keeps the id", () => {
    const { ideas } = parseIdeas(file(second, first), { source: "f" });
    expect(ideas.map((i) => [i.title, i.id])).toEqual([
      [second, ideaId(PROJECT, second)],
      [first, ideaId(PROJECT, first, undefined, 12)],
    ]);
  });

  it("still drops a genuine repeat (same project and title) with the repeat warning", () => {
    const { ideas, warnings } = parseIdeas(file(first, second, `${first.toUpperCase()}!`), { source: "f" });
    expect(ideas.map((i) => i.title)).toEqual([first, second]);
    expect(warnings).toHaveLength(2);
    expect(warnings[1]).toMatch(/repeats the idea at line \d+; kept the first$/);
  });

  it("readIdeas: ids and their collisions are the term's (the term is hashed from the start)", () => {
    const term = "lfx-2026-3";
    const [a, b] = collidingTitles(term);
    expect(ideaId(PROJECT, a, term)).toBe(ideaId(PROJECT, b, term));
    const { ideas, warnings } = readIdeas(file(a, b), { label: "t", term, role: "accepted" });
    expect(ideas.map((i) => [i.title, i.id])).toEqual([
      [a, ideaId(PROJECT, a, term)],
      [b, ideaId(PROJECT, b, term, 12)],
    ]);
    expect(warnings).toEqual([expect.stringContaining(`"${b}" (${PROJECT}) has the id ${ideaId(PROJECT, a, term)} of a different idea`)]);
    // A collision of the term-less ids is none with the term: both keep their short ids.
    const plain = readIdeas(file(first, second), { label: "t", term, role: "accepted" });
    expect(plain.ideas.map((i) => i.id)).toEqual([ideaId(PROJECT, first, term), ideaId(PROJECT, second, term)]);
    expect(plain.warnings).toEqual([]);
  });
});
