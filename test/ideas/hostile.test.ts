/**
 * Ideas files are text from the internet: shapes that once made the parser slow (a regex trying
 * every split of a long run) or throw (an argument list or a recursion too deep). Growth is
 * measured as a ratio of CPU time (4x the input may cost about 4x, not 16x), the least of three
 * runs, so a busy machine does not decide the outcome.
 */
import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { growthOver4x } from "../helpers.ts";

const idea = (fields: string) => `# Ideas\n\n### Orbit\n\n#### Faster builds\n\n- Description: Make builds faster.\n${fields}`;

/** How much longer 4x the input takes to parse (the least of three runs each); a quadratic shape gives about 16. */
const growth = (make: (n: number) => string, n: number) => growthOver4x((text: string) => parseIdeas(text, { source: "hostile" }), make, n, 3);

describe("the parser stays linear on hostile shapes", () => {
  const shapes: Array<[string, (n: number) => string]> = [
    ["a paragraph of one word, a long run of spaces, one word", (n) => idea(`- Mentor(s): Ada (@ada)\n\nx${" ".repeat(n)}y\n`)],
    ["a mentors value of a.a.a… with no @", (n) => idea(`- Mentor(s): ${"a.".repeat(n)}\n`)],
    ["an issue value of a.a.a… with no URL", (n) => idea(`- Mentor(s): Ada (@ada)\n- Upstream Issue: ${"a.".repeat(n)}\n`)],
    ["a bold label followed by a long run of spaces", (n) => idea(`- **Mentors${" ".repeat(n)}**: Ada (@ada)\n`)],
    ["a mentor name ending in a long run of dashes and spaces", (n) => idea(`- Mentor(s): Ada ${"- ".repeat(n)}x\n`)],
  ];
  for (const [name, make] of shapes) {
    it(name, () => {
      expect(() => parseIdeas(make(20_000), { source: "hostile" })).not.toThrow();
      expect(growth(make, 20_000)).toBeLessThan(8);
    });
  }
});

describe("the parser never throws on text", () => {
  it("a 150,000-line code block", () => {
    const text = `${idea("- Mentor(s): Ada (@ada)\n")}\n\`\`\`\n${"  line\n".repeat(150_000)}\`\`\`\n`;
    const { ideas } = parseIdeas(text, { source: "hostile" });
    expect(ideas.map((i) => i.title)).toEqual(["Faster builds"]);
  });

  it("10,000 nested blockquotes: no ideas, and a warning that says why", () => {
    const { ideas, warnings } = parseIdeas(`${">".repeat(10_000)} deep\n`, { source: "hostile" });
    expect(ideas).toEqual([]);
    expect(warnings.join("\n")).toMatch(/could not be read as ideas|no project heading/);
  });
});

describe("a placeholder URL is dropped from the idea, not the idea", () => {
  it("https://[issue-link] and https://…|TBD leave the idea with no issue and no LFX link, and a warning each", () => {
    const { ideas, warnings } = parseIdeas(idea("- Mentor(s): Ada (@ada)\n- Upstream Issue: https://[issue-link]\n- LFX URL: https://…|TBD\n"), { source: "hostile" });
    expect(ideas).toHaveLength(1);
    expect(ideas[0]).toMatchObject({ title: "Faster builds", issues: [], links: [] });
    expect(warnings).toEqual([
      'line 5: "Faster builds": "https://[issue-link]" is not a URL; dropped',
      'line 5: "Faster builds": "https://…|TBD" is not a URL; dropped',
    ]);
  });
});
