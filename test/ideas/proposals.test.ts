import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseExport } from "../../src/ideas/export.ts";
import { ideaId } from "../../src/ideas/id.ts";
import { lfxTermOf, MAX_BODY, parseProposalIssues } from "../../src/ideas/proposals.ts";
import { IdeaSchema, type Idea } from "../../src/ideas/schema.ts";
import { readIdeas } from "../../src/sources/read.ts";
import { fixture, growthOver4x } from "../helpers.ts";

const TEXT = fixture("github/proposals.json");
const RAW = JSON.parse(TEXT) as Array<{ number: number; body: string | null }>;
const result = parseProposalIssues(TEXT, { source: "proposals.json" });
const byNumber = (n: number): Idea => {
  const idea = result.ideas.find((i) => i.line === n);
  if (!idea) throw new Error(`no idea for issue #${n}`);
  return idea;
};

const EMAIL = /[^\s@"]+@[^\s@"]+\.[a-z]{2,}/i;
const LFIDS = ["parship999", "ys-lfid-42", "kp-lfid-77", "river-lfid-5", "rowan-lfid-6", "quinn-lfid-8", "lee-lfid-3", "jc-lfid-2", "jim-lfid-9"];

/** A proposal body as GitHub renders the form; `over` replaces fields' values by label. */
function formBody(over: Record<string, string> = {}): string {
  const values: Record<string, string> = {
    "CNCF Project": "Harbor",
    Term: "2026 Term 3 (Sep-Nov)",
    "Program Name": "Fine Program",
    "Program Description": "Plain.",
    Technologies: "Go",
    "Skills same as Technologies?": "- [ ] Yes, the required skills are the same as the technologies listed above.",
    "Required/Desirable Skills": "_No response_",
    Mentors: "Ada Lovelace | @ada | ada@example.com | ada-lfid-0",
    "Upstream Issue URL": "https://github.com/goharbor/harbor/issues/1",
    "Application Prerequisites": "- [X] Resume\n- [ ] Cover Letter",
    ...over,
  };
  return Object.entries(values)
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join("\n\n");
}

const proposal = (number: number, over: Record<string, unknown> = {}) => ({
  number,
  title: `[CNCF LFX Proposal] Harbor Fine Program ${number}`,
  html_url: `https://github.com/cncf/mentoring/issues/${number}`,
  state: "open",
  state_reason: null,
  labels: [{ name: "lfx mentorship" }, { name: "Proposal" }],
  body: formBody({ "Program Name": `Fine Program ${number}` }),
  ...over,
});
const run = (value: unknown, term?: string) =>
  parseProposalIssues(typeof value === "string" ? value : JSON.stringify(value), { source: "t.json", ...(term ? { term } : {}) });

describe("parseProposalIssues: the fixture (issues as the REST API lists them)", () => {
  it("reads the proposals, oldest first, each a valid idea; the others are skipped", () => {
    expect(result.ideas.map((i) => i.line)).toEqual([2029, 2033, 2034, 2036, 2042]);
    for (const idea of result.ideas) expect(IdeaSchema.safeParse(idea).success).toBe(true);
    expect(result.warnings).toEqual([
      "proposals.json: issue #2033: a mentor with neither a name nor a GitHub handle was left out",
      "proposals.json: issue #2039 skipped: body: no body",
      "proposals.json: issue #2040 skipped: no CNCF Project, and none in the issue title",
      "proposals.json: issue #2041 skipped: the body is not the proposal form (none of its fields)",
    ]);
  });

  it("a full proposal (#2029, CRLF line ends) → every field of the idea", () => {
    expect(RAW.find((i) => i.number === 2029)!.body).toContain("\r\n");
    expect(byNumber(2029)).toEqual({
      id: ideaId("Jaeger", "OpenTelemetry-Native Query and State Layers Migration", "lfx-2026-3"),
      project: "Jaeger",
      group: null,
      title: "OpenTelemetry-Native Query and State Layers Migration",
      // The description's own "###"/"####" headings and a "###" inside a line stay in it: only the form's labels start a field.
      description:
        "Jaeger UI is two-thirds through three migrations. This program finishes them. Milestones Load traces over /api/v3/. " +
        "Delete the legacy path. Stretch goals Remove Redux. Expected outcomes Native OTLP trace loading, with C### notes kept.",
      descriptionMarkdown:
        "## Description\n\nJaeger UI is two-thirds through **three** migrations. This program finishes them.\n\n### Milestones\n\n" +
        "1. Load traces over `/api/v3/`.\n2. Delete the legacy path.\n\n#### Stretch goals\n\n- Remove Redux.\n\n" +
        "## Expected outcomes\n\nNative OTLP trace loading, with C### notes kept.",
      // "TypeScript, React, code review, typescript": the repeat is dropped; the technologies are not added.
      skills: ["TypeScript", "React", "code review"],
      canonicalSkills: ["TypeScript", "React", "code review"],
      mentors: [
        { name: "Parship Chowdhury", handle: "parshipcy" },
        { name: "Yuri Shkuro", handle: "yurishkuro" },
      ],
      issues: ["https://github.com/jaegertracing/jaeger-ui/issues/4278"],
      links: [{ label: "Proposal", url: "https://github.com/cncf/mentoring/issues/2029" }],
      extra: [],
      term: "lfx-2026-3",
      stage: "proposed",
      source: "proposals.json",
      line: 2029,
    });
  });

  it("_No response_ fields (#2033): title from the issue title without prefix and project, skills from technologies, no issue, no description, term from options", () => {
    const idea = byNumber(2033);
    expect(idea).toMatchObject({
      project: "Kubernetes",
      title: "Headlamp plugin",
      description: "",
      descriptionMarkdown: "",
      skills: ["TypeScript", "Go", "Kubernetes"],
      issues: [],
      term: "other",
      stage: "proposed",
    });
    expect(idea.id).toBe(ideaId("Kubernetes", "Headlamp plugin"));
    expect(run(RAW.filter((i) => i.number === 2033), "lfx-2026-2").ideas[0]!.term).toBe("lfx-2026-2");
  });

  it("mentors: name and handle only, missing columns, extra spaces, table pipes, a line without | is a name", () => {
    expect(byNumber(2033).mentors).toEqual([
      { name: "Sam Lee", handle: "samlee" }, // "  Sam Lee  |  @samlee  "
      { name: "Pat Doe", handle: null }, // no "|"
      { name: "Kim Park", handle: "kimpark" }, // "| Kim Park | kimpark | kim@… | kp-lfid-77 |"
      { name: "River Stone", handle: null }, // empty handle column
      { name: "Rowan Ash", handle: null }, // handle column missing: the LFID after the e-mail is not taken
      { name: "quinn-h", handle: "quinn-h" }, // empty name column
      // "lee@example.org | lee-lfid-3": an e-mail where the name goes; the bare word after it may be an LFID: left out.
      { name: "Mo Chen", handle: "mochen" }, // "- Mo Chen (@mochen) <mo@…>"
    ]);
  });

  it("never keeps a mentor's e-mail or LFID anywhere in an idea", () => {
    const json = JSON.stringify(result.ideas);
    expect(json).not.toMatch(EMAIL);
    for (const lfid of LFIDS) expect(json).not.toContain(lfid);
    for (const idea of result.ideas) expect(JSON.stringify(idea)).not.toMatch(/example\.(?:com|org|net|edu)/);
  });

  it("skills same as technologies checked (#2034): the technologies, though skills are filled; CNCF Approved → accepted", () => {
    expect(byNumber(2034)).toMatchObject({ project: "The Update Framework (TUF)", title: "Add ELI5 documentation", skills: ["Go", "Python", "Hugo"], stage: "accepted" });
  });

  it("closed with Exported (#2036) is accepted; closed without approval (#2035) is dropped without a warning", () => {
    expect(byNumber(2036)).toMatchObject({ project: "Kyverno", title: "Policy reports UI", stage: "accepted", issues: ["https://github.com/kyverno/kyverno/issues/12000"] });
    expect(result.ideas.some((i) => i.line === 2035)).toBe(false);
    expect(result.warnings.join("\n")).not.toContain("#2035");
  });

  it("a pull request (#2037) and an issue without both labels (#2038) are skipped silently", () => {
    expect(result.ideas.some((i) => i.line === 2037 || i.line === 2038)).toBe(false);
    expect(result.warnings.join("\n")).not.toMatch(/#203[78]/);
  });

  it("no CNCF Project (#2042): the project is the known one the issue title starts with", () => {
    expect(byNumber(2042)).toMatchObject({ project: "Cilium", title: "Hubble timeline view" });
  });

  it("has the id the export reader gives the same program: proposal and export entry are one idea", () => {
    const exportText = readFileSync(fileURLToPath(new URL("../../data/cncf-mentoring/programs/lfx-mentorship/2026/03-Sep-Nov/lfx-export.json", import.meta.url)), "utf8");
    // The export's source is of term lfx-2026-3 (the manifest says so); the issue's Term field says the same.
    const exported = parseExport(exportText, { source: "lfx-export.json", term: "lfx-2026-3" }).ideas;
    const entry = exported.find((i) => i.links.some((l) => l.url === "https://github.com/cncf/mentoring/issues/2029"))!;
    expect(entry.title).toBe(byNumber(2029).title);
    expect(byNumber(2029).id).toBe(entry.id);
    // Through read.ts too: the issues source has no term of its own ("other").
    const read = readIdeas(TEXT, { label: "cncf-mentoring-proposals", term: "other", role: "issues" });
    expect(read.ideas.find((i) => i.line === 2029)!.id).toBe(entry.id);
    // read.ts keeps each issue's stage instead of stamping the role's.
    expect(read.ideas.map((i) => [i.line, i.stage])).toEqual([
      [2029, "proposed"],
      [2033, "proposed"],
      [2034, "accepted"],
      [2036, "accepted"],
      [2042, "proposed"],
    ]);
  });

  it("the same ideas whatever order the API lists the issues in", () => {
    expect(parseProposalIssues(JSON.stringify([...RAW].reverse()), { source: "proposals.json" })).toEqual(result);
  });
});

describe("parseProposalIssues: rules on small inputs", () => {
  it("the title prefix is never part of the title, even written into the Program Name", () => {
    const { ideas } = run([proposal(1, { body: formBody({ "Program Name": "[CNCF LFX Proposal] Faster GC" }) })]);
    expect(ideas[0]!.title).toBe("Faster GC");
    const fromTitle = run([proposal(2, { title: "[CNCF LFX Proposal]   Harbor:  Faster GC", body: formBody({ "Program Name": "_No response_" }) })]);
    expect(fromTitle.ideas[0]!.title).toBe("Faster GC");
    const noProject = run([proposal(3, { title: "[cncf lfx proposal] Open Policy Agent - Rego playground", body: formBody({ "CNCF Project": "None", "Program Name": "_No response_" }) })]);
    expect(noProject.ideas[0]).toMatchObject({ project: "Open Policy Agent", title: "Rego playground" });
  });

  it("the Term field decides the term (and the id); an unknown one falls back to options.term with a warning", () => {
    expect(lfxTermOf("2026 Term 3 (Sep-Nov)")).toBe("lfx-2026-3");
    expect(lfxTermOf(" 2027  term 1 (Mar-May)")).toBe("lfx-2027-1");
    expect(lfxTermOf("Term 3")).toBeNull();
    const known = run([proposal(1)], "lfx-2025-1");
    expect(known.ideas[0]).toMatchObject({ term: "lfx-2026-3", id: ideaId("Harbor", "Fine Program 1", "lfx-2026-3") });
    const unknown = run([proposal(1, { body: formBody({ "Program Name": "Fine Program 1", Term: "Next term" }) })], "lfx-2025-1");
    expect(unknown.ideas[0]!.term).toBe("lfx-2025-1");
    expect(unknown.warnings).toEqual(['t.json: issue #1: Term "Next term" names no LFX term; read as lfx-2025-1']);
  });

  it("labels: case-insensitive, as objects or strings; both are needed", () => {
    expect(run([proposal(1, { labels: ["LFX MENTORSHIP", "proposal"] })]).ideas).toHaveLength(1);
    expect(run([proposal(1, { labels: [{ name: "lfx mentorship" }] })]).ideas).toHaveLength(0);
    expect(run([proposal(1, { labels: [] })])).toEqual({ ideas: [], warnings: [] });
  });

  it("a repeated proposal is one idea: the first, unless a later one is accepted", () => {
    const same = formBody({ "Program Name": "Same" });
    const twice = run([proposal(2, { body: same }), proposal(1, { body: same })]);
    expect(twice.ideas.map((i) => i.line)).toEqual([1]);
    expect(twice.warnings).toEqual(['t.json: issue #2 repeats "Same" (Harbor) of issue #1; kept the first']);
    const accepted = run([proposal(1, { body: same }), proposal(2, { body: same, labels: ["lfx mentorship", "Proposal", "CNCF Approved"] })]);
    expect(accepted.ideas.map((i) => [i.line, i.stage])).toEqual([[2, "accepted"]]);
  });

  it("an Upstream Issue URL that is no URL is left out with a warning; <url> is a URL", () => {
    const bad = run([proposal(1, { body: formBody({ "Upstream Issue URL": "see the Slack thread" }) })]);
    expect(bad.ideas[0]!.issues).toEqual([]);
    expect(bad.warnings).toEqual(['t.json: issue #1: Upstream Issue URL is not a URL: "see the Slack thread"']);
    const angle = run([proposal(1, { body: formBody({ "Upstream Issue URL": "<https://github.com/goharbor/harbor/issues/2>" }) })]);
    expect(angle.ideas[0]!.issues).toEqual(["https://github.com/goharbor/harbor/issues/2"]);
  });
});

describe("parseProposalIssues: malformed input never throws and has a defined outcome", () => {
  it.each([
    ["a null body", null, /issue #7 skipped: body: no body/],
    ["a body that is a number", 42, /issue #7 skipped: body: the body is not a string/],
    ["a 2 MB body", formBody({ "Program Description": "x".repeat(2_000_000) }), new RegExp(`issue #7 skipped: body: .*${MAX_BODY}`)],
    ["garbage", "\u0000\u0001 ### ####\n###\n### \n{not: a form}", /issue #7 skipped: the body is not the proposal form/],
  ])("%s → a warning naming the issue; the others are kept", (_, body, warning) => {
    const { ideas, warnings } = run([proposal(6), proposal(7, { body }), proposal(8)]);
    expect(ideas.map((i) => i.line)).toEqual([6, 8]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
  });

  it.each([
    ["CNCF Project", { "CNCF Project": "p".repeat(501) }, /CNCF Project has 501 characters/],
    ["Program Name", { "Program Name": "t".repeat(501) }, /Program Name has 501 characters/],
    ["Technologies", { Technologies: "Go, ".repeat(3_000) }, /Technologies has \d+ characters/],
    ["Mentors", { Mentors: "Ada | @ada\n".repeat(1_000) }, /Mentors has \d+ characters/],
    ["Mentors (lines)", { Mentors: "A | @a\n".repeat(101) }, /Mentors has more than 100 lines/],
    ["Upstream Issue URL", { "Upstream Issue URL": `https://github.com/${"a".repeat(2_000)}` }, /Upstream Issue URL has \d+ characters/],
  ])("an over-size %s: the issue is skipped with a warning", (_, over, warning) => {
    const { ideas, warnings } = run([proposal(6), proposal(7, { body: formBody(over) })]);
    expect(ideas.map((i) => i.line)).toEqual([6]);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^t\\.json: issue #7 skipped: ${warning.source}`))]);
  });

  it("a description over 20,000 characters is cut, with a warning; one remark cannot read skips the issue", () => {
    const long = run([proposal(1, { body: formBody({ "Program Description": "word ".repeat(5_000) }) })]);
    expect(long.ideas[0]!.descriptionMarkdown).toHaveLength(20_000);
    expect(long.warnings).toEqual(["t.json: issue #1: Program Description has 24999 characters; cut to 20000"]);
    const deep = run([proposal(1, { body: formBody({ "Program Description": `${">".repeat(10_000)} deep` }) }), proposal(2)]);
    expect(deep.ideas.map((i) => i.line)).toEqual([2]);
    expect(deep.warnings).toEqual([expect.stringMatching(/^t\.json: issue #1 skipped: could not be read/)]);
  });

  it.each([
    ["an empty text", ""],
    ["not JSON", "## Not JSON"],
    ["truncated JSON", '[{"number": 1,'],
  ])("%s: no ideas and a 'not valid JSON' warning", (_, text) => {
    const { ideas, warnings } = run(text);
    expect(ideas).toEqual([]);
    expect(warnings).toEqual([expect.stringMatching(/^t\.json: not valid JSON/)]);
  });

  it.each([
    ["an object", { programs: [] }],
    ["null", null],
    ["a string", "issues"],
    ["one issue, not in an array", proposal(1)],
  ])("%s: no ideas and a 'not a list of GitHub issues' warning", (_, value) => {
    expect(run(JSON.stringify(value))).toEqual({ ideas: [], warnings: ["t.json: not a list of GitHub issues (expected a JSON array); no ideas read"] });
  });

  it("an empty array: no ideas, no warning", () => {
    expect(run([])).toEqual({ ideas: [], warnings: [] });
  });

  it("items that are not issues: a warning naming each, the others kept", () => {
    const { ideas, warnings } = run([42, { title: "no number" }, { number: 9, labels: "Proposal" }, proposal(1)]);
    expect(ideas.map((i) => i.line)).toEqual([1]);
    expect(warnings).toEqual([
      "t.json: item 0 skipped: not a GitHub issue (issue: Invalid input: expected object, received number)",
      "t.json: item 1 skipped: not a GitHub issue (number: Invalid input: expected number, received undefined)",
      "t.json: item 2 (issue #9) skipped: not a GitHub issue (labels: Invalid input: expected array, received string)",
    ]);
  });
});

/** How much longer 4x the input takes to read (the least of five runs each); a quadratic shape gives about 16. */
const growth = (make: (n: number) => string, n: number) => growthOver4x((text: string) => parseProposalIssues(text, { source: "hostile" }), make, n, 5);

describe("parseProposalIssues stays linear on hostile bodies", () => {
  const one = (body: string) => JSON.stringify([proposal(1, { body })]);
  const shapes: Array<[string, (n: number) => string]> = [
    // 2,000 characters of this take issue-parser's section regex over 4 s.
    ["a heading of a long run of spaces", (n) => one(`### ${" ".repeat(n)}x`)],
    ["a long run of #", (n) => one("#".repeat(n))],
    // In a field the reader skips: remark's cost on a long description is not what is measured here.
    ["many unknown headings", (n) => one(formBody({ "Custom Prerequisite Description": "### a\n#### b\n".repeat(n / 13) }))],
    ["a description of many form headings", (n) => one(formBody({ "Program Description": "### Technologies\n\nGo\n\n".repeat(n / 24) }))],
    ["a mentors line of spaces between pipes", (n) => one(formBody({ Mentors: `Ada${" ".repeat(n / 4)}|${" ".repeat(n / 4)}@ada` }))],
    ["many proposals", (n) => JSON.stringify(Array.from({ length: n / 1_000 }, (_, i) => proposal(i + 1)))],
  ];
  for (const [name, make] of shapes) {
    it(name, () => {
      // Within the body's cap: the body is read, not refused for its size.
      expect(run(make(80_000)).warnings.join("\n")).not.toMatch(/skipped: body/);
      expect(() => run(make(20_000))).not.toThrow();
      expect(growth(make, 20_000)).toBeLessThan(8);
    });
  }
});
