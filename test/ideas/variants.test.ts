import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import type { Idea } from "../../src/ideas/schema.ts";
import { fixture } from "../helpers.ts";

const parse = (name: string) => parseIdeas(fixture(`ideas/${name}`), { source: name.replace(/\.md$/, "") });
const byTitle = (ideas: Idea[], title: string) => {
  const idea = ideas.find((i) => i.title === title);
  if (!idea) throw new Error(`no idea "${title}" in ${ideas.map((i) => i.title).join(", ")}`);
  return idea;
};

describe("structure decides projects, groups and ideas", () => {
  const { ideas, warnings } = parse("levels-and-groups.md");

  it("finds only the real ideas: no template, sample, table of contents, TODO or sub-section", () => {
    expect(ideas.map((i) => [i.project, i.group, i.title])).toEqual([
      ["Orbit", null, "Orbit idea at level four"],
      ["Nebula", "SIG Storage", "Nebula idea in a group"],
      ["Nebula", null, "Nebula idea two"],
    ]);
    expect(warnings).toEqual([]);
  });

  it("folds a sub-section heading into its idea", () => {
    expect(byTitle(ideas, "Orbit idea at level four").extra).toEqual([{ label: "Expected outcome", text: "A sub-section, part of the idea above." }]);
  });

  it("treats TODO and TBD values as absent", () => {
    const idea = byTitle(ideas, "Nebula idea two");
    expect(idea.description).toBe("");
    expect(idea.skills).toEqual([]);
    expect(idea.mentors).toEqual([{ name: "Carol", handle: "carol" }]);
  });
});

describe("labels as people write them", () => {
  const { ideas } = parse("labels.md");

  it("reads bold labels with the colon inside or outside, keeping commas inside parentheses", () => {
    expect(byTitle(ideas, "Bold labels")).toMatchObject({
      description: "Bold label, colon outside.",
      skills: ["Go", "Kubernetes (client-go, CRDs)", "CLI"],
      mentors: [{ name: "Jane Doe", handle: "jane" }],
      issues: ["https://github.com/o/r/issues/1"],
    });
  });

  it("reads escaped bold, full-width colons and commas, several issues, and the LFX link", () => {
    expect(byTitle(ideas, "Escaped and full-width")).toMatchObject({
      skills: ["Rust"],
      mentors: [
        { name: "Li Lei", handle: "lilei" },
        { name: "Han Meimei", handle: "hanmeimei" },
      ],
      issues: ["https://github.com/o/r/issues/2", "https://github.com/o/r/issues/3"],
      links: [{ label: "LFX", url: "https://mentorship.lfx.linuxfoundation.org/project/abc" }],
    });
  });

  it("reads labels without a colon", () => {
    expect(byTitle(ideas, "No colon")).toMatchObject({
      skills: ["Python", "Flask"],
      mentors: [{ name: "Sam Smith", handle: "samsmith" }],
      issues: ["https://github.com/o/r/issues/4"],
    });
  });

  it("reads fields written as plain lines, and mentors joined by 'and'", () => {
    expect(byTitle(ideas, "Plain lines")).toMatchObject({
      description: "Fields written as plain lines, no bullets.",
      skills: ["TypeScript"],
      mentors: [
        { name: "alpha", handle: "alpha" },
        { name: "beta", handle: "beta" },
      ],
      issues: ["https://github.com/o/r/issues/5"],
    });
  });

  it("reads a heading that is a link (its issue), linked mentors joined by '&', nested skills", () => {
    expect(byTitle(ideas, "Heading that is a link")).toMatchObject({
      issues: ["https://github.com/o/r/issues/6"],
      mentors: [
        { name: "gamma", handle: "gamma" },
        { name: "Delta Person", handle: "delta" },
      ],
      skills: ["Go", "Kubernetes", "Operators would help, but are not required."],
      canonicalSkills: ["Go", "Kubernetes", "Operators"],
    });
  });

  it("reads a heading with inline code, logins in parentheses, roles, '/' between mentors; emails are not handles", () => {
    const idea = byTitle(ideas, "Heading with inline code in it");
    expect(idea.mentors).toEqual([
      { name: "Eve", handle: "eve" },
      { name: "Frank", handle: "frank" },
    ]);
    expect(idea.mentors.map((m) => m.handle)).not.toContain("example");
    expect(idea.issues).toEqual(["https://github.com/o/r/issues/8"]);
  });
});

describe("descriptions", () => {
  const { ideas } = parse("descriptions.md");

  it("keep several paragraphs and lists, as text and as markdown", () => {
    const idea = byTitle(ideas, "Several paragraphs");
    expect(idea.description).toContain("The first paragraph of the description.");
    expect(idea.description).toContain("A second paragraph, still in the list item.");
    expect(idea.description).toContain("a list inside the description");
    expect(idea.descriptionMarkdown).toContain("- a list inside the description");
  });

  it("may be a blockquote with its own heading and lists, none of which are ideas or fields", () => {
    expect(ideas).toHaveLength(2);
    const idea = byTitle(ideas, "Quoted description");
    expect(idea.description).toMatch(/^A heading inside a quote The description is quoted/);
    expect(idea.mentors).toEqual([
      { name: "Grace Hopper", handle: "grace" },
      { name: "Alan", handle: "alan" },
    ]);
    expect(idea.skills).toEqual(["Rust"]);
  });
});

describe("other formats", () => {
  it("reads a table of project | title | mentors, and ignores other tables", () => {
    const { ideas } = parse("table.md");
    expect(ideas.map((i) => ({ project: i.project, title: i.title, mentors: i.mentors, issues: i.issues }))).toEqual([
      {
        project: "Orbit",
        title: "Faster scheduler",
        mentors: [
          { name: "Ada Lovelace", handle: "ada" },
          { name: "Grace", handle: "grace" },
        ],
        issues: ["https://github.com/orbit/orbit/issues/10"],
      },
      { project: "Nebula", title: "Trace explorer", mentors: [{ name: "margaret", handle: "margaret" }], issues: ["https://github.com/nebula/nebula/issues/11"] },
    ]);
  });

  it("gives nothing, and no error, for a template-only file, an empty string or junk", () => {
    expect(parse("template-only.md")).toEqual({ ideas: [], warnings: [] });
    expect(parseIdeas("", { source: "empty" })).toEqual({ ideas: [], warnings: [] });
    expect(parseIdeas("\u0000\u0001 PNG \uFFFD\uFFFD", { source: "junk" }).ideas).toEqual([]);
  });

  it("reads prose-only ideas: headings with 'Mentors:' lines in their paragraphs", () => {
    const { ideas } = parseIdeas("## Ideas\n\n### Orbit\n\n#### Write a tutorial\n\nA friendly guide to Orbit for new users.\nMentors: Ada (@ada)\n", { source: "prose" });
    expect(ideas).toMatchObject([{ project: "Orbit", title: "Write a tutorial", description: "A friendly guide to Orbit for new users.", mentors: [{ name: "Ada", handle: "ada" }] }]);
  });
});

describe("stable ids", () => {
  const doc = (level: string, extra = "", description = "Rewrite the docs.") =>
    `### Orbit\n\n${level} Kubernetes docs overhaul${extra}\n\n- Description: ${description}\n- Mentor(s): Ada (@ada)\n\n${level} Second idea\n\n- Mentor(s): Bob (@bob)\n`;
  const ids = (markdown: string) => parseIdeas(markdown, { source: "s" }).ideas.map((i) => i.id);

  it("survive heading levels, whitespace, description edits and reordering", () => {
    const [first, second] = ids(doc("####"));
    expect(ids(doc("#####"))).toEqual([first, second]);
    expect(ids(doc("####", "   "))).toEqual([first, second]);
    expect(ids(doc("####", "", "A completely different description."))).toEqual([first, second]);
    const reordered = "### Orbit\n\n#### Second idea\n\n- Mentor(s): Bob (@bob)\n\n#### Kubernetes   docs overhaul\n\n- Mentor(s): Ada (@ada)\n";
    expect(ids(reordered)).toEqual([second, first]);
  });

  it("differ for different titles and projects", () => {
    const [first, second] = ids(doc("####"));
    expect(first).not.toBe(second);
    expect(ids(doc("####").replace("### Orbit", "### Nebula"))[0]).not.toBe(first);
  });
});
