import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import type { Idea } from "../../src/ideas/schema.ts";
import { fixture } from "../helpers.ts";

const parse = (name: string) => parseIdeas(fixture(`ideas/${name}`), { source: name.replace(/\.md$/, "") });
/** The fields every variant asserts exactly. */
const summary = (i: Idea) => ({ project: i.project, group: i.group, title: i.title, skills: i.skills, mentors: i.mentors, issues: i.issues, links: i.links });
const one = (markdown: string) => parseIdeas(markdown, { source: "inline" }).ideas.map(summary);
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

describe("heading levels: structure decides, not level", () => {
  const { ideas, warnings } = parse("deep-levels.md");

  it("reads projects at level four with ideas at five, and a group at five with ideas at six", () => {
    expect(ideas.map(summary)).toEqual([
      {
        project: "Comet",
        group: null,
        title: "Comet idea at level five",
        skills: ["Go"],
        mentors: [{ name: "Ann Lee", handle: "annlee" }],
        issues: ["https://github.com/comet/comet/issues/1"],
        links: [],
      },
      { project: "Comet", group: null, title: "Second Comet idea", skills: ["Python"], mentors: [{ name: "Bo", handle: "bo" }], issues: [], links: [] },
      {
        project: "Quasar",
        group: "SIG Network",
        title: "Quasar idea at level six",
        skills: ["Rust", "eBPF"],
        mentors: [{ name: "Cid Moe", handle: "cidmoe" }],
        issues: ["https://github.com/quasar/quasar/issues/2"],
        links: [],
      },
      {
        project: "Quasar",
        group: "SIG Network",
        title: "Another Quasar idea",
        skills: ["C"],
        mentors: [{ name: "Dee", handle: "dee" }],
        issues: ["https://github.com/quasar/quasar/issues/3"],
        links: [],
      },
    ]);
    expect(warnings).toEqual([]);
  });

  it("folds a ###### Project goals sub-section into the ##### idea above it", () => {
    const idea = byTitle(ideas, "Comet idea at level five");
    expect(idea.description).toBe("An idea two levels below its section.");
    expect(idea.extra).toEqual([{ label: "Project goals", text: "Goal one\nGoal two" }]);
  });

  it("records the 1-based line of each idea's heading", () => {
    expect(ideas.map((i) => i.line)).toEqual([7, 19, 28, 34]);
  });

  it("gives the same ideas whatever the absolute level, as long as the structure is the same", () => {
    const at = (p: number) => {
      const h = (n: number) => "#".repeat(n);
      return `${h(p)} Orbit\n\n${h(p + 1)} SIG Apps\n\n${h(p + 2)} Idea one\n\n- Mentor(s): Ada (@ada)\n- Recommended Skills: Go\n\n` +
        `${h(p)} Nebula\n\n${h(p + 1)} Idea two\n\n- Mentor(s): Bob (@bob)\n`;
    };
    const expected = [
      { project: "Orbit", group: "SIG Apps", title: "Idea one", skills: ["Go"], mentors: [{ name: "Ada", handle: "ada" }], issues: [], links: [] },
      { project: "Nebula", group: null, title: "Idea two", skills: [], mentors: [{ name: "Bob", handle: "bob" }], issues: [], links: [] },
    ];
    for (const p of [1, 2, 3, 4]) expect(one(at(p)), `project at level ${p}`).toEqual(expected);
  });

  it("names the project above a SIG group even when every idea in the file sits in a group", () => {
    const doc =
      "# LFX Mentorship 2024\n\n## Proposed Project ideas\n\n### Orbit\n\n#### SIG Apps\n\n##### Idea one\n\n- Mentor(s): Ada (@ada)\n\n" +
      "#### SIG Storage\n\n##### Idea two\n\n- Mentor(s): Bob (@bob)\n";
    expect(one(doc)).toEqual([
      { project: "Orbit", group: "SIG Apps", title: "Idea one", skills: [], mentors: [{ name: "Ada", handle: "ada" }], issues: [], links: [] },
      { project: "Orbit", group: "SIG Storage", title: "Idea two", skills: [], mentors: [{ name: "Bob", handle: "bob" }], issues: [], links: [] },
    ]);
  });

  it("reads ### project / #### idea, the commonest layout", () => {
    expect(one("## Proposed Project ideas\n\n### Orbit\n\n#### Idea\n\n- Mentor(s): Ada (@ada)\n")).toEqual([
      { project: "Orbit", group: null, title: "Idea", skills: [], mentors: [{ name: "Ada", handle: "ada" }], issues: [], links: [] },
    ]);
  });
});

describe("scaffolding is not ideas", () => {
  const { ideas, warnings } = parse("scaffolding.md");

  it("skips the table of contents, Template and Sample sections, a template in a code fence, TODO headings and placeholder-only ideas", () => {
    expect(ideas.map(summary)).toEqual([
      {
        project: "Orbit",
        group: null,
        title: "Faster builds",
        skills: ["Go", "Bazel"],
        mentors: [{ name: "Ada Byron", handle: "ada" }],
        issues: ["https://github.com/orbit/orbit/issues/20"],
        links: [],
      },
      { project: "Nebula", group: null, title: "Real Nebula idea", skills: [], mentors: [{ name: "Bea", handle: "bea" }], issues: [], links: [] },
    ]);
    expect(warnings).toEqual([]);
  });

  it("keeps ##### Expected outcome and ##### Project goals as fields of the idea, not ideas", () => {
    const idea = byTitle(ideas, "Faster builds");
    expect(idea.description).toBe("Make the builds faster.");
    expect(idea.extra).toEqual([
      { label: "Expected outcome", text: "Builds take half the time." },
      { label: "Project goals", text: "Cache the toolchain\nShare the cache between CI runs" },
    ]);
  });

  it("treats TODO values as absent", () => {
    const idea = byTitle(ideas, "Real Nebula idea");
    expect(idea.description).toBe("");
    expect(idea.issues).toEqual([]);
  });

  it("keeps a real idea whose title starts with the word Template", () => {
    expect(one("### Helm\n\n#### Template validation for charts\n\n- Mentor(s): Ada (@ada)\n")).toEqual([
      { project: "Helm", group: null, title: "Template validation for charts", skills: [], mentors: [{ name: "Ada", handle: "ada" }], issues: [], links: [] },
    ]);
  });

  it("gives nothing for a template that only lives in a code fence", () => {
    expect(one("### Orbit\n\n```\n#### Idea title\n\n- Mentor(s): Someone (@someone)\n- Recommended Skills: Go\n```\n")).toEqual([]);
    expect(one("### Orbit\n\n~~~md\n#### Idea title\n- Mentor(s): Someone (@someone)\n~~~\n")).toEqual([]);
  });
});

describe("headings that are links or hold inline code", () => {
  it("uses the link text as the title and the issue link as the issue", () => {
    expect(one("### Orbit\n\n#### [Faster builds](https://github.com/o/r/issues/1)\n\n- Mentor(s): Ada (@ada)\n")).toEqual([
      { project: "Orbit", group: null, title: "Faster builds", skills: [], mentors: [{ name: "Ada", handle: "ada" }], issues: ["https://github.com/o/r/issues/1"], links: [] },
    ]);
  });

  it("keeps a heading link that is not an issue as a link, and a field's issue wins", () => {
    expect(one("### Orbit\n\n#### [Faster builds](https://orbit.dev/design)\n\n- Mentor(s): Ada (@ada)\n- Upstream Issue: https://github.com/o/r/issues/2\n")).toEqual([
      {
        project: "Orbit",
        group: null,
        title: "Faster builds",
        skills: [],
        mentors: [{ name: "Ada", handle: "ada" }],
        issues: ["https://github.com/o/r/issues/2"],
        links: [{ label: "Heading", url: "https://orbit.dev/design" }],
      },
    ]);
  });

  it("reads inline code in a title as its text, in a project heading too", () => {
    expect(one("### `orbit-cli`\n\n#### Support `--json` output\n\n- Mentor(s): Ada (@ada)\n")).toEqual([
      { project: "orbit-cli", group: null, title: "Support --json output", skills: [], mentors: [{ name: "Ada", handle: "ada" }], issues: [], links: [] },
    ]);
  });
});

describe("label styles", () => {
  const { ideas } = parse("label-styles.md");

  it("reads every style to the same skills, mentors and issue", () => {
    expect(ideas.map((i) => i.title)).toEqual([
      "Plain dash labels",
      "Bold label colon outside",
      "Bold label colon inside",
      "Escaped bold markers",
      "No colon at all",
      "Full-width colon",
      "Plain lines without bullets",
    ]);
    for (const idea of ideas) {
      expect(summary(idea), idea.title).toEqual({
        project: "Styles",
        group: null,
        title: idea.title,
        skills: ["Go", "Rust"],
        mentors: [{ name: "Ada", handle: "ada" }],
        issues: ["https://github.com/o/r/issues/1"],
        links: [],
      });
    }
  });

  it("reads the description in every style that writes one", () => {
    expect(ideas.map((i) => i.description)).toEqual([
      "Dash and colon.",
      "Bold, colon outside.",
      "Bold, colon inside.",
      "Escaped.",
      "",
      "Full-width colon.",
      "A paragraph of labelled lines.",
    ]);
  });
});

const MENTOR_SPELLINGS = ["Mentor(s)", "Mentors", "Mentor", "Potential Mentors", "Likely mentors", "Metor(s)", "Mentors(s)", "Mentor[s]", "Mentor(-s)"];
const SKILL_SPELLINGS = ["Recommended Skills", "Recommend Skills", "Required skills", "Skills", "Technologies"];
const ISSUE_SPELLINGS = ["Upstream Issue", "Upstream Issue (URL)", "Issue", "Issues", "Relevant Issues", "Issue Link", "GitHub Issue"];
const STYLES: Array<[string, (label: string, value: string) => string]> = [
  ["- Label:", (l, v) => `- ${l}: ${v}`],
  ["- **Label**:", (l, v) => `- **${l}**: ${v}`],
  ["- **Label:**", (l, v) => `- **${l}:** ${v}`],
  ["- Label\\*\\*:", (l, v) => `- ${l}\\*\\*: ${v}`],
  ["- Label value (no colon)", (l, v) => `- ${l} ${v}`],
  ["- Label：", (l, v) => `- ${l}：${v}`],
  ["Label: (plain line)", (l, v) => `${l}: ${v}`],
];

describe("label spellings", () => {
  it("reads the spellings fixture", () => {
    const { ideas } = parse("spellings.md");
    expect(ideas.map(summary)).toEqual(
      ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"].map((n, i) => ({
        project: "Spellings",
        group: null,
        title: `Spelling ${n}`,
        skills: ["Go"],
        mentors: [{ name: "Ann", handle: "ann" }],
        issues: [`https://github.com/o/r/issues/${i + 1}`],
        links: n === "eight" ? [{ label: "LFX", url: "https://mentorship.lfx.linuxfoundation.org/project/0001" }] : [],
      })),
    );
  });

  // Every spelling in every style: 21 spellings × 7 styles.
  for (const [style, write] of STYLES) {
    it(`reads every mentors spelling as ${style}`, () => {
      for (const label of MENTOR_SPELLINGS) {
        expect(one(`### Orbit\n\n#### Idea\n\n${write(label, "Ada Lovelace (@ada)")}\n`), label).toEqual([
          { project: "Orbit", group: null, title: "Idea", skills: [], mentors: [{ name: "Ada Lovelace", handle: "ada" }], issues: [], links: [] },
        ]);
      }
    });
    it(`reads every skills spelling as ${style}`, () => {
      for (const label of SKILL_SPELLINGS) {
        expect(one(`### Orbit\n\n#### Idea\n\n${write(label, "Go, Rust")}\n`), label).toEqual([
          { project: "Orbit", group: null, title: "Idea", skills: ["Go", "Rust"], mentors: [], issues: [], links: [] },
        ]);
      }
    });
    it(`reads every issues spelling as ${style}`, () => {
      for (const label of ISSUE_SPELLINGS) {
        expect(one(`### Orbit\n\n#### Idea\n\n${write(label, "https://github.com/o/r/issues/1")}\n`), label).toEqual([
          { project: "Orbit", group: null, title: "Idea", skills: [], mentors: [], issues: ["https://github.com/o/r/issues/1"], links: [] },
        ]);
      }
    });
    it(`reads LFX URL as ${style}`, () => {
      expect(one(`### Orbit\n\n#### Idea\n\n- Mentor(s): Ada (@ada)\n\n${write("LFX URL", "https://mentorship.lfx.linuxfoundation.org/project/x")}\n`)).toEqual([
        {
          project: "Orbit",
          group: null,
          title: "Idea",
          skills: [],
          mentors: [{ name: "Ada", handle: "ada" }],
          issues: [],
          links: [{ label: "LFX", url: "https://mentorship.lfx.linuxfoundation.org/project/x" }],
        },
      ]);
    });
  }
});

describe("skills", () => {
  it("reads inline lists (keeping commas in parentheses), nested lists and a skills sub-heading alike", () => {
    const { ideas } = parse("skills.md");
    expect(ideas.map((i) => [i.title, i.skills])).toEqual([
      ["Inline skills", ["Go", "Kubernetes (client-go, CRDs)", "CLI"]],
      ["Nested skills", ["Go", "Kubernetes (client-go, CRDs)", "CLI"]],
      ["Skills as a sub-heading", ["Go", "Kubernetes (client-go, CRDs)", "CLI"]],
    ]);
    for (const idea of ideas) expect(idea.mentors).toEqual([{ name: "Ada", handle: "ada" }]);
  });
});

describe("mentor formats", () => {
  const { ideas } = parse("mentor-formats.md");
  const mentorsOf = (title: string) => byTitle(ideas, title).mentors;
  const ada = { name: "Ada", handle: "ada" };
  const grace = { name: "Grace", handle: "grace" };

  it("finds every idea", () => {
    expect(ideas).toHaveLength(12);
    for (const idea of ideas) expect(idea.skills).toEqual(["Go"]);
  });

  it("reads a single mentor written six ways", () => {
    expect(mentorsOf("Name and handle in parentheses")).toEqual([{ name: "Ada Lovelace", handle: "ada" }]);
    expect(mentorsOf("Name then handle")).toEqual([{ name: "Ada Lovelace", handle: "ada" }]);
    expect(mentorsOf("Handle only")).toEqual([{ name: "ada", handle: "ada" }]);
    expect(mentorsOf("Linked handle")).toEqual([{ name: "ada", handle: "ada" }]);
    expect(mentorsOf("Linked name")).toEqual([{ name: "Ada Lovelace", handle: "ada" }]);
  });

  it("reads nested mentors with a login and an email, and a role", () => {
    expect(mentorsOf("Nested with login and email")).toEqual([
      { name: "Ada Lovelace", handle: "ada" },
      { name: "Grace Hopper", handle: "grace" },
    ]);
  });

  it("splits on commas, 'and', '&', '/' and full-width commas", () => {
    expect(mentorsOf("Separated by commas")).toEqual([ada, grace, { name: "alan", handle: "alan" }]);
    expect(mentorsOf("Separated by and")).toEqual([ada, grace]);
    expect(mentorsOf("Separated by ampersand")).toEqual([ada, grace]);
    expect(mentorsOf("Separated by slash")).toEqual([ada, grace]);
    expect(mentorsOf("Separated by full-width comma")).toEqual([ada, grace]);
  });

  it("never makes a handle of an email", () => {
    expect(mentorsOf("Emails are never handles")).toEqual([
      { name: "Ada Lovelace", handle: null },
      { name: "Grace Hopper", handle: null },
    ]);
  });

  it("reads a linked name followed by a linked handle as two mentors", () => {
    expect(one("### Orbit\n\n#### Idea\n\n- Mentor(s): [Ada Lovelace](https://github.com/ada), [@grace](https://github.com/grace)\n")[0]?.mentors).toEqual([
      { name: "Ada Lovelace", handle: "ada" },
      { name: "grace", handle: "grace" },
    ]);
  });
});

describe("descriptions with quotes and several blocks", () => {
  const { ideas } = parse("quoted.md");

  it("finds only the two ideas: nothing in a quote is an idea or a field", () => {
    expect(ideas.map(summary)).toEqual([
      { project: "Quotes", group: null, title: "Idea with a quoted description", skills: ["Rust"], mentors: [{ name: "Ada", handle: "ada" }], issues: [], links: [] },
      {
        project: "Quotes",
        group: null,
        title: "Idea with a long description",
        skills: ["Go"],
        mentors: [{ name: "Bob", handle: "bob" }],
        issues: ["https://github.com/o/r/issues/42"],
        links: [],
      },
    ]);
    expect(byTitle(ideas, "Idea with a quoted description").extra).toEqual([]);
  });

  it("keeps the quote's text in the description", () => {
    const idea = byTitle(ideas, "Idea with a quoted description");
    expect(idea.description).toContain("Why this matters");
    expect(idea.description).toContain("Mentor(s): not a field");
    expect(idea.descriptionMarkdown).toContain("> #### Why this matters");
  });

  it("keeps every paragraph and list item of a long description, in order", () => {
    expect(byTitle(ideas, "Idea with a long description").description).toBe(
      "The first paragraph.\nThe second paragraph.\nstep one\nstep two\nThe closing paragraph.",
    );
  });
});

describe("table and prose files", () => {
  it("reads a table under a project heading, with links in cells, and skips TODO rows", () => {
    const { ideas } = parse("table-links.md");
    expect(ideas.map(summary)).toEqual([
      {
        project: "Orbit",
        group: null,
        title: "Faster scheduler",
        skills: ["Go", "Kubernetes"],
        mentors: [
          { name: "Ada Lovelace", handle: "ada" },
          { name: "grace", handle: "grace" },
        ],
        issues: ["https://github.com/orbit/orbit/issues/10"],
        links: [{ label: "LFX", url: "https://mentorship.lfx.linuxfoundation.org/project/1" }],
      },
      { project: "Orbit", group: null, title: "Trace explorer", skills: ["TypeScript"], mentors: [{ name: "Bob", handle: "bob" }], issues: [], links: [] },
    ]);
  });

  // Decision: a file of prose with no labelled field gives no ideas. Without a Mentor/Skills/Issue
  // field nothing tells an idea from any other heading ("Previous terms", "Contact"), and a wrong
  // idea in search results is worse than a missing one. A handle in a sentence is not a mentor.
  it("gives no ideas for a prose-only file", () => {
    expect(parse("prose.md")).toEqual({ ideas: [], warnings: [] });
  });
});

describe("junk never throws", () => {
  it("gives [] for empty, whitespace, binary-ish and unterminated input", () => {
    const bytes = Array.from({ length: 512 }, (_, i) => String.fromCharCode((i * 37) % 256)).join("");
    for (const junk of ["", " \n\t\n", "\uFEFF", bytes, "\u0000".repeat(100), "```\n### Orbit\n#### Idea\n- Mentor(s): @ada", "| a |\n|", "> ".repeat(500), "\uD800\uDFFF\uD800"]) {
      expect(() => parseIdeas(junk, { source: "junk" })).not.toThrow();
      expect(parseIdeas(junk, { source: "junk" }).ideas).toEqual([]);
    }
  });
});

describe("stable ids across layouts", () => {
  const idOf = (markdown: string) => byTitle(parseIdeas(markdown, { source: "s" }).ideas, "Faster builds").id;
  const base = idOf("### Orbit\n\n#### Faster builds\n\n- Mentor(s): Ada (@ada)\n");

  it("is the same with a group heading, deeper levels, another label style or a table", () => {
    const nebula = "### Nebula\n\n#### Other idea\n\n- Mentor(s): Bob (@bob)\n";
    expect(idOf(`### Orbit\n\n#### SIG Build\n\n##### Faster builds\n\n- Mentor(s): Ada (@ada)\n\n${nebula}`)).toBe(base);
    expect(idOf(`${nebula}\n### Orbit\n\n#### Faster builds\n\n- Mentor(s): Ada (@ada)\n`)).toBe(base);
    expect(idOf("#### Orbit\n\n##### Faster builds\n\n**Mentors**: Ada (@ada)\n")).toBe(base);
    expect(idOf("### Orbit\n\n#### [Faster builds](https://github.com/o/r/issues/1)\n\n- Mentor(s): Ada (@ada)\n")).toBe(base);
    expect(idOf("###   Orbit  \n\n####   Faster    builds   \n\n- Mentor(s): Ada (@ada)\n")).toBe(base);
    expect(idOf("| Project | Title | Mentors |\n|---|---|---|\n| Orbit | Faster builds | Ada (@ada) |\n")).toBe(base);
  });

  it("differs for a different title, and is well-formed", () => {
    expect(parseIdeas("### Orbit\n\n#### Faster tests\n\n- Mentor(s): Ada (@ada)\n", { source: "s" }).ideas[0]?.id).not.toBe(base);
    expect(base).toMatch(/^orbit-[0-9a-f]{6}$/);
  });
});

describe("line breaks and sub-sections inside an idea", () => {
  const { ideas } = parse("subsections.md");

  it("splits mentors and skills at a hard break (<br>, two trailing spaces, a backslash), not at a soft wrap", () => {
    expect(byTitle(ideas, "Faster scheduler").mentors).toEqual([
      { name: "Ada Lovelace", handle: "ada" },
      { name: "Grace Hopper", handle: "grace" },
    ]);
    const docs = byTitle(ideas, "Docs overhaul");
    expect(docs.mentors).toEqual([
      { name: "Cy", handle: "cy" },
      { name: "Dee", handle: "dee" },
    ]);
    expect(docs.skills).toEqual(["Markdown", "Hugo", "Writing"]);
    expect(docs.description).toBe("Rewrite the docs.\nStart with the tutorial.");
  });

  it("folds untitled-field sub-sections (##### Background, ###### Phase one) into the description, in order", () => {
    const idea = byTitle(ideas, "Faster scheduler");
    expect(idea.description).toBe("The scheduler is the slowest part of Orbit.\nScheduling takes a second per pod.\nMeasure where the time goes.");
    expect(idea.descriptionMarkdown).toContain("**Background**");
  });

  it("keeps a linked value whose text looks like a placeholder ([link](…)) as a link", () => {
    expect(byTitle(ideas, "Faster scheduler").links).toEqual([{ label: "LFX", url: "https://mentorship.lfx.linuxfoundation.org/project/7" }]);
  });
});

describe("groups nested between a project and its ideas", () => {
  const { ideas } = parse("nested-groups.md");

  it("names the project above SIG and sub-project headings, and an unnamed group does not move the project level", () => {
    expect(ideas.map((i) => [i.project, i.group, i.title])).toEqual([
      ["Kubernetes", "SIG Node / Sub-project: kubelet", "In-place pod resize in the kubelet"],
      ["Kubernetes", "SIG Docs", "Localise the glossary"],
      ["Orbit", null, "Orbit idea one"],
      ["Orbit", null, "Orbit idea two"],
      ["Nebula", "Storage", "Nebula storage idea one"],
      ["Nebula", "Storage", "Nebula storage idea two"],
      ["Nebula", "Storage", "Nebula storage idea three"],
      ["Comet", null, "Comet idea"],
    ]);
  });
});

describe("prose ideas", () => {
  it("reads 'Mentors:' and 'Skills:' lines under a heading, and leaves a heading without them alone", () => {
    const { ideas } = parse("prose-mentors.md");
    expect(ideas.map(summary)).toEqual([
      { project: "Orbit", group: null, title: "Write a getting-started tutorial", skills: [], mentors: [{ name: "Ada Lovelace", handle: "ada" }, { name: "Grace", handle: "grace" }], issues: [], links: [] },
      { project: "Orbit", group: null, title: "Benchmark the scheduler", skills: ["Go"], mentors: [{ name: "Bob", handle: "bob" }], issues: [], links: [] },
    ]);
  });
});
