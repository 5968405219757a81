import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { MAX_DESCRIPTION, parseExport, titleFromFullName } from "../../src/ideas/export.ts";
import { ideaId, issueKey } from "../../src/ideas/id.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { IdeaSchema, type Idea } from "../../src/ideas/schema.ts";
import { cpuMs, fixture } from "../helpers.ts";

const TERM_DIR = fileURLToPath(new URL("../../data/cncf-mentoring/programs/lfx-mentorship/2026/03-Sep-Nov/", import.meta.url));
const EXPORT_TEXT = readFileSync(`${TERM_DIR}lfx-export.json`, "utf8");
const RAW = JSON.parse(EXPORT_TEXT) as {
  programs: Array<{ issue_number: number; mentors: Array<{ email: string; lfid: string; github_handle: string }> }>;
};
const EMAIL = /[^\s@"]+@[^\s@"]+\.[a-z]{2,}/i;

const real = parseExport(EXPORT_TEXT, { source: "lfx-export.json" });
const byProposal = (n: number): Idea => {
  const idea = real.ideas.find((i) => i.links.some((l) => l.label === "Proposal" && l.url === `https://github.com/cncf/mentoring/issues/${n}`));
  if (!idea) throw new Error(`no idea for proposal #${n}`);
  return idea;
};

describe("parseExport: the real 2026 Term 3 export", () => {
  it("reads all 59 programs, each a valid idea, without warnings", () => {
    expect(RAW.programs).toHaveLength(59);
    expect(real.warnings).toEqual([]);
    expect(real.ideas).toHaveLength(59);
    for (const idea of real.ideas) {
      expect(IdeaSchema.safeParse(idea).success).toBe(true);
      expect(idea.id).toBe(ideaId(idea.project, idea.title));
      expect(idea.source).toBe("lfx-export.json");
      expect(idea.group).toBeNull();
    }
    expect(new Set(real.ideas.map((i) => i.id)).size).toBe(59);
  });

  it("gives each idea the line of its program's \"issue_number\"", () => {
    // Computed independently: the pretty-printed file has one program key per line, six spaces in.
    const expected = new Map<number, number>();
    EXPORT_TEXT.split("\n").forEach((text, i) => {
      const m = /^ {6}"issue_number": (\d+),$/.exec(text);
      if (m) expected.set(Number(m[1]), i + 1);
    });
    expect(expected.size).toBe(59);
    for (const program of RAW.programs) expect(byProposal(program.issue_number).line).toBe(expected.get(program.issue_number));
    expect(byProposal(2029).line).toBe(7);
    expect(byProposal(2028).line).toBe(58);
  });

  it("Jaeger #2029: project, title, mentors, issue, links, skills from skills and technologies", () => {
    const idea = byProposal(2029);
    expect(idea.project).toBe("Jaeger");
    expect(idea.title).toBe("OpenTelemetry-Native Query and State Layers Migration");
    expect(idea.mentors).toEqual([
      { name: "Parship Chowdhury", handle: "parshipcy" },
      { name: "Yuri Shkuro", handle: "yurishkuro" },
    ]);
    expect(idea.issues).toEqual(["https://github.com/jaegertracing/jaeger-ui/issues/4278"]);
    expect(idea.links).toEqual([
      { label: "LFX", url: "https://mentorship.lfx.linuxfoundation.org/project/36d66a45-bf3f-4bd2-8032-438436557e11" },
      { label: "Proposal", url: "https://github.com/cncf/mentoring/issues/2029" },
    ]);
    expect(idea.skills).toContain("TypeScript");
    expect(idea.skills.filter((s) => s.toLowerCase() === "typescript")).toHaveLength(1);
    expect(idea.skills).toContain("Protobuf"); // only in technologies
    expect(idea.skills).toContain("code review"); // only in skills
    expect(idea.canonicalSkills).toEqual(expect.arrayContaining(["TypeScript", "React", "Go"]));
    expect(idea.descriptionMarkdown.startsWith("## Description\n\nJaeger UI is two-thirds through")).toBe(true);
    expect(idea.descriptionMarkdown).toContain("## Expected outcomes");
    // Plain text: no markdown syntax, no leading form label.
    expect(idea.description.startsWith("Jaeger UI is two-thirds through")).toBe(true);
    expect(idea.description).toContain("loading a trace natively over /api/v3/.");
    expect(idea.description).not.toMatch(/##|\*\*|`/);
  });

  it("TUF #2028 and Kubernetes #2024", () => {
    const tuf = byProposal(2028);
    expect(tuf.project).toBe("The Update Framework (TUF)");
    expect(tuf.title).toBe("Add ELI5 documentation / video to TUF");
    expect(tuf.mentors).toEqual([
      { name: "Justin Cappos", handle: "JustinCappos" },
      { name: "Kairo de Araujo", handle: "kairoaraujo" },
    ]);
    expect(tuf.issues).toEqual(["https://github.com/theupdateframework/theupdateframework.io/issues/132"]);
    expect(tuf.skills).toEqual(expect.arrayContaining(["technical writing skills", "video editing", "TUF"]));

    const k8s = byProposal(2024);
    expect(k8s.project).toBe("Kubernetes");
    expect(k8s.title).toBe("Headlamp Project for Node-Readiness-Controller");
    expect(k8s.mentors.map((m) => m.handle)).toEqual(["AnuragThePathak", "ajaysundark", "illume"]);
    expect(k8s.issues).toEqual(["https://github.com/kubernetes-sigs/node-readiness-controller/issues/327"]);
    expect(k8s.links.map((l) => l.label)).toEqual(["LFX", "Proposal"]);
    // Identical skills and technologies lists: no duplicates.
    expect(k8s.skills).toEqual(["TypeScript / React", "Go", "Kubernetes", "Prometheus", "LLM/AI fluency"]);
  });

  it("never keeps a mentor's e-mail or LFID", () => {
    let differing = 0;
    for (const program of RAW.programs) {
      const json = JSON.stringify(byProposal(program.issue_number));
      expect(json).not.toMatch(EMAIL);
      expect(json).not.toMatch(/"(?:email|lfid|role)"/);
      for (const m of program.mentors) {
        expect(json.toLowerCase()).not.toContain(m.email.toLowerCase());
        // An LFID is often the GitHub login itself; one that differs is never a value in the idea.
        if (m.lfid.toLowerCase() === m.github_handle.toLowerCase()) continue;
        expect(json).not.toContain(JSON.stringify(m.lfid));
        differing++;
      }
    }
    // The export has such mentors: the check above ran.
    expect(differing).toBeGreaterThan(0);
  });

  it("lines up with the ideas of the term's generated README: every export idea has the same id", () => {
    const readme = parseIdeas(readFileSync(`${TERM_DIR}README.md`, "utf8"), { source: "readme" }).ideas;
    // Term-less ids on both sides: the same project and title.
    const readmeIds = new Set(readme.map((i) => ideaId(i.project, i.title)));
    const readmeIssues = new Set(readme.flatMap((i) => i.issues.map(issueKey)));
    let sameId = 0;
    let issueOnly = 0;
    const neither: string[] = [];
    for (const idea of real.ideas) {
      if (readmeIds.has(ideaId(idea.project, idea.title))) sameId++;
      else if (idea.issues.some((u) => readmeIssues.has(issueKey(u)))) issueOnly++;
      else neither.push(`${idea.project}: ${idea.title}`);
    }
    expect(neither).toEqual([]);
    expect({ sameId, issueOnly }).toEqual({ sameId: 59, issueOnly: 0 });
    expect(readme).toHaveLength(59);
  });

  it("is fast enough for a bot's reload", () => {
    const start = cpuMs();
    parseExport(EXPORT_TEXT, { source: "again" });
    expect(cpuMs() - start).toBeLessThan(3_000);
  });
});

describe("parseExport: malformed input never throws and has a defined outcome", () => {
  const ok = (over: Record<string, unknown> = {}) => ({
    issue_number: 1,
    issue_url: "https://github.com/cncf/mentoring/issues/1",
    cncf_project: "Harbor",
    program_name_short: "Fine Program",
    description: "Plain.",
    skills: "Go",
    technologies: "Go",
    mentors: [{ name: "Ada", github_handle: "ada", email: "ada@example.com", lfid: "ada1", role: "primary" }],
    upstream_issue_url: "https://github.com/goharbor/harbor/issues/1",
    lfx_url: "https://mentorship.lfx.linuxfoundation.org/project/x",
    ...over,
  });
  const run = (value: unknown) => parseExport(typeof value === "string" ? value : JSON.stringify(value), { source: "t.json" });

  it("two programs whose short ids collide are both kept: the later one gets a longer id and a warning", () => {
    const byId = new Map<string, string>();
    let pair: [string, string] | undefined;
    for (let n = 0; !pair && n < 200_000; n++) {
      const title = `Fine Program ${n}`;
      const id = ideaId("Harbor", title);
      if (byId.has(id)) pair = [byId.get(id)!, title];
      else byId.set(id, title);
    }
    const [a, b] = pair!;
    const result = run({ programs: [ok({ program_name_short: a, issue_number: 1 }), ok({ program_name_short: b, issue_number: 2 })] });
    expect(result.ideas.map((i) => i.title)).toEqual([a, b]);
    expect(result.ideas[0]!.id).toBe(ideaId("Harbor", a));
    expect(result.ideas[1]!.id).not.toBe(result.ideas[0]!.id);
    expect(result.warnings).toEqual([expect.stringMatching(/has the id harbor-[0-9a-f]{6} of a different idea/)]);
  });

  it.each([
    ["an empty text", ""],
    ["not JSON", "## Not JSON\n\n- a markdown file"],
    ["truncated JSON", '{"programs": [{"issue_number": 1,'],
  ])("%s: no ideas and a 'not valid JSON' warning", (_, text) => {
    const result = run(text);
    expect(result.ideas).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/^t\.json: not valid JSON/);
  });

  it.each([
    ["{}", {}],
    ["null", null],
    ["a bare array of programs", [ok()]],
    ["programs as an object", { programs: { 0: ok() } }],
    ["programs as a string", { programs: "none" }],
  ])("%s: no ideas and a 'not an LFX export' warning", (_, value) => {
    const result = run(value);
    expect(result.ideas).toEqual([]);
    expect(result.warnings).toEqual(['t.json: not an LFX export (expected an object with a "programs" array); no ideas read']);
  });

  it("an empty programs array: no ideas and a warning", () => {
    expect(run({ programs: [] })).toEqual({ ideas: [], warnings: ['t.json: the "programs" array is empty'] });
  });

  it("the mixed fixture: bad programs are skipped with warnings naming index and issue, the others are kept", () => {
    const result = parseExport(fixture("export/mixed.json"), { source: "mixed.json" });
    expect(result.ideas.map((i) => [i.project, i.title, i.line])).toEqual([
      ["Jaeger", "Valid Program", 6], // not line 5: that "issue_number" is nested in prerequisites
      ["The Update Framework (TUF)", "Title From Full Name (with parens)", 44],
    ]);
    expect(result.warnings).toEqual([
      "mixed.json: program 1 (issue #102) skipped: cncf_project: Invalid input: expected string, received undefined",
      "mixed.json: program 2 (issue #103) skipped: no program_name_short and no title in program_name_full",
      "mixed.json: program 3 (issue #104) skipped: skills: Invalid input; mentors: Invalid input: expected array, received string",
      "mixed.json: program 4 skipped: program: Invalid input: expected object, received number",
      "mixed.json: program 5 (issue #106): a mentor with neither a name nor a GitHub handle was left out",
      'mixed.json: program 5 (issue #106): upstream_issue_url is not a URL: "TBD"',
    ]);
    const [jaeger, tuf] = result.ideas as [Idea, Idea];
    for (const idea of result.ideas) expect(IdeaSchema.safeParse(idea).success).toBe(true);

    expect(jaeger.description).toBe("A bold idea with code. Expected outcomes Things done");
    expect(jaeger.skills).toEqual(["TypeScript", "Go (basic)", "testing", "Go", "React"]);
    // "@ada" loses its "@"; an e-mail is neither a handle nor part of a name.
    expect(jaeger.mentors).toEqual([
      { name: "Ada Lovelace", handle: "ada" },
      { name: "Bob", handle: null },
    ]);
    expect(JSON.stringify(result.ideas)).not.toMatch(/@|lfid/);
    expect(jaeger).not.toHaveProperty("some_future_field");

    expect(tuf.id).toBe(ideaId("The Update Framework (TUF)", "Title From Full Name (with parens)"));
    expect(tuf.description).toBe("");
    expect(tuf.skills).toEqual(["Python", "Technical writing"]);
    expect(tuf.mentors).toEqual([{ name: "carol", handle: "carol" }]);
    expect(tuf.issues).toEqual([]);
    expect(tuf.links).toEqual([{ label: "Proposal", url: "https://github.com/cncf/mentoring/issues/106" }]);
  });

  it("wrong types of fields it reads skip the program; unknown fields of any type are allowed", () => {
    const result = run({
      _count: "many",
      programs: [
        ok({ issue_number: "7" }),
        ok({ cncf_project: 5 }),
        ok({ mentors: [{ name: ["Ada"] }] }),
        ok({ lfx_url: 12 }),
        ok({ cncf_project: "   " }),
        ok({ program_name_short: "Kept", prerequisites: { custom: 1 }, term: 3 }),
      ],
    });
    expect(result.ideas.map((i) => i.title)).toEqual(["Kept"]);
    expect(result.warnings).toHaveLength(5);
    expect(result.warnings[0]).toMatch(/^t\.json: program 0 \(issue #7\) skipped: issue_number: /);
    expect(result.warnings[1]).toMatch(/^t\.json: program 1 \(issue #1\) skipped: cncf_project: /);
    expect(result.warnings[2]).toMatch(/^t\.json: program 2 \(issue #1\) skipped: mentors\.0\.name: /);
    expect(result.warnings[3]).toMatch(/^t\.json: program 3 \(issue #1\) skipped: lfx_url: /);
    expect(result.warnings[4]).toMatch(/^t\.json: program 4 \(issue #1\) skipped: cncf_project: /);
  });

  it("a repeated program is kept once, with a warning", () => {
    const result = run({ programs: [ok(), ok({ issue_number: 2, program_name_short: "fine   PROGRAM" })] });
    expect(result.ideas).toHaveLength(1);
    expect(result.warnings).toEqual(['t.json: program 1 (issue #2) repeats "Fine Program" (Harbor) at line 1; kept the first']);
  });

  it("falls back to program_name_full for the title", () => {
    const result = run({ programs: [ok({ program_name_short: null, program_name_full: "CNCF - Harbor: Satellite Proxy (2026 Term 3)" })] });
    expect(result.ideas[0]?.title).toBe("Satellite Proxy");
    expect(titleFromFullName("CNCF - Kubernetes: Expand Declarative Validation (DV) in Kubernetes (2026 Term 3)")).toBe(
      "Expand Declarative Validation (DV) in Kubernetes",
    );
    expect(titleFromFullName("Just a title")).toBe("Just a title");
    expect(titleFromFullName("CNCF - X: Ends with (parens)")).toBe("Ends with (parens)");
  });

  it("lines: minified JSON is all line 1; a program without issue_number gets its opening brace's line", () => {
    expect(run({ programs: [ok(), ok({ issue_number: 2, program_name_short: "Other" })] }).ideas.map((i) => i.line)).toEqual([1, 1]);
    const { issue_number: _, ...noNumber } = ok({ program_name_short: "No Number" });
    const text = `{\r\n"programs": [\r\n  ${JSON.stringify(ok())},\r\n\r\n  ${JSON.stringify(noNumber, null, 1)}\r\n]}`;
    const result = parseExport(text, { source: "t.json" });
    expect(result.warnings).toEqual([]);
    expect(result.ideas.map((i) => [i.title, i.line])).toEqual([
      ["Fine Program", 3],
      ["No Number", 5],
    ]);
  });

  it("a huge description is cut to MAX_DESCRIPTION with a warning, quickly", () => {
    const start = cpuMs();
    const result = run({ programs: [ok({ description: "*a* [b](".repeat(250_000) })] });
    expect(cpuMs() - start).toBeLessThan(5_000);
    expect(result.ideas).toHaveLength(1);
    expect(result.ideas[0]!.descriptionMarkdown).toHaveLength(MAX_DESCRIPTION);
    expect(result.warnings).toEqual([`t.json: program 0 (issue #1): description has 2000000 characters; cut to ${MAX_DESCRIPTION}`]);
  });

  it("a huge title, project, skills list or URL skips the program; a huge unknown field is ignored", () => {
    const huge = "x".repeat(1_000_000);
    const start = cpuMs();
    const result = run({
      programs: [
        ok({ program_name_short: huge }),
        ok({ cncf_project: huge }),
        ok({ skills: `${"Go, ".repeat(100_000)}Rust` }),
        ok({ upstream_issue_url: `https://example.com/${huge}` }),
        ok({ prerequisites: { custom: { description: huge } } }),
      ],
    });
    expect(cpuMs() - start).toBeLessThan(5_000);
    expect(result.ideas.map((i) => i.title)).toEqual(["Fine Program"]);
    expect(result.warnings).toEqual([
      "t.json: program 0 (issue #1) skipped: program_name_short: Too big: expected string to have <=500 characters",
      "t.json: program 1 (issue #1) skipped: cncf_project: Too big: expected string to have <=500 characters",
      "t.json: program 2 (issue #1) skipped: skills: Too big: expected string to have <=10000 characters",
      "t.json: program 3 (issue #1) skipped: upstream_issue_url: Too big: expected string to have <=2000 characters",
    ]);
    for (const w of result.warnings) expect(w.length).toBeLessThan(500);
  });
});
