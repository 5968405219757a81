/**
 * The older and odder shapes of ideas files in cncf/mentoring, each as a short synthetic fixture:
 * Community Bridge tables (LFX 2019–2020), the Season of Docs table (2023), Season of Docs prose
 * (2020: one idea per heading; 2021: one proposal), ideas appended below a template's Sample block,
 * and GSoC 2017's repeated bullet runs under one heading.
 */
import { describe, expect, it } from "vitest";
import { isSampleHeading, isScaffoldingHeading } from "../../src/ideas/labels.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { projectNamed } from "../../src/ideas/projects.ts";
import { IdeaSchema, type Idea } from "../../src/ideas/schema.ts";
import { cpuMs, fixture } from "../helpers.ts";

const parse = (name: string) => parseIdeas(fixture(`ideas/${name}`), { source: name.replace(/\.md$/, "") });
const summary = (i: Idea) => ({ project: i.project, title: i.title, skills: i.skills, mentors: i.mentors });
const m = (name: string, handle: string | null = null) => ({ name, handle });
const byTitle = (ideas: Idea[], title: string) => {
  const idea = ideas.find((i) => i.title === title);
  if (!idea) throw new Error(`no idea "${title}" in ${ideas.map((i) => i.title).join(", ")}`);
  return idea;
};

function valid(ideas: Idea[]) {
  for (const idea of ideas) expect(IdeaSchema.safeParse(idea).success, idea.title).toBe(true);
  expect(new Set(ideas.map((i) => i.id)).size).toBe(ideas.length);
}

describe("Community Bridge tables (LFX 2019)", () => {
  const { ideas, warnings } = parse("table-community-bridge.md");

  it("reads the 'Community Bridge Project' column as the title; the Mentee column is not a mentor", () => {
    expect(ideas.map(summary)).toEqual([
      { project: "Orbit", title: "Add a batch scheduler plugin", skills: [], mentors: [m("Ada Byron")] },
      { project: "Nebula", title: "Support a cloud DNS backend", skills: [], mentors: [m("Bob Stone")] },
      { project: "Orbit & Nebula", title: "Tracing support for Nebula", skills: [], mentors: [m("Carol Ann"), m("Dan Bell")] },
    ]);
    expect(warnings).toEqual([]);
    valid(ideas);
  });

  it("keeps no mentee link and takes each idea's line from its row", () => {
    for (const idea of ideas) expect(idea.links).toEqual([]);
    expect(ideas.map((i) => i.line)).toEqual([9, 10, 11]);
  });
});

describe("Completed Projects tables (LFX 2020 Q1)", () => {
  const { ideas, warnings } = parse("table-completed.md");

  it("reads the table and nothing from the timeline or the participating-projects list", () => {
    expect(ideas.map(summary)).toEqual([
      { project: "Orbit", title: "Storage plugins", skills: [], mentors: [m("Ada Byron")] },
      {
        project: "Nebula",
        title: "Extend internal metrics and improve usability / user-experience",
        skills: [],
        mentors: [m("Bob Stone"), m("Carol Ann")],
      },
    ]);
    expect(warnings).toEqual([]);
    valid(ideas);
  });
});

describe("Season of Docs table (2023)", () => {
  const { ideas, warnings } = parse("table-gsod.md");

  it("takes the project from 'Organization Name' and the title from 'Accepted Project Proposal', keeping its link", () => {
    expect(ideas.map((i) => ({ ...summary(i), links: i.links, issues: i.issues }))).toEqual([
      { project: "Orbit", title: "Improve the Orbit onramp", skills: [], mentors: [], links: [{ label: "Title", url: "https://orbit.example.org/gsod/" }], issues: [] },
      { project: "Nebula", title: "Reorganize the contributor guide", skills: [], mentors: [], links: [{ label: "Title", url: "https://github.com/nebula/gsod" }], issues: [] },
    ]);
    expect(warnings).toEqual([]);
    valid(ideas);
  });
});

describe("Season of Docs prose: one idea per heading under 'project ideas' (2020)", () => {
  const { ideas, warnings } = parse("prose-gsod.md");

  it("finds the four ideas, and no heading outside the 'project ideas' section", () => {
    expect(ideas.map(summary)).toEqual([
      { project: "Falco", title: "Write a cookbook of example Falco rules", skills: [], mentors: [] },
      { project: "Kubernetes", title: "Update how the website serves API references", skills: [], mentors: [] },
      { project: "Service Mesh Interface", title: "Improve documentation of SMI & related service meshes", skills: [], mentors: [] },
      { project: "Quasar CLI", title: "Document the Quasar command line", skills: [], mentors: [] },
    ]);
    expect(warnings).toEqual([]);
    valid(ideas);
  });

  it("uses the prose as the description and folds the sub-headings into the idea", () => {
    const idea = byTitle(ideas, "Write a cookbook of example Falco rules");
    expect(idea.description).toBe(
      "Falco is a runtime detection engine. Users need a library of example rules.\nDetection and alerting practices",
    );
    expect(idea.descriptionMarkdown).toContain("[Falco](https://falco.org/)");
    expect(idea.descriptionMarkdown).toContain("**What you'll learn**");
    expect(idea.extra).toEqual([{ label: "Project goals", text: "Create a library of example rules\nWrite best practices" }]);
    expect(idea.line).toBe(26);
  });

  it("names the project: a known name in the title, else the first known name in the text, else the first link that reads as a name", () => {
    expect(projectNamed("Write a cookbook of example Falco rules", "Kubernetes too", [])).toBe("Falco");
    // Hugo is linked first, but Kubernetes is the CNCF project named.
    expect(byTitle(ideas, "Update how the website serves API references").project).toBe("Kubernetes");
    expect(projectNamed("Improve docs", "the kubectl cheat sheet on the Kubernetes website", [])).toBe("Kubernetes");
    expect(projectNamed("Improve docs", "nothing known here", [{ text: "the docs" }, { text: "Quasar" }])).toBe("Quasar");
    expect(projectNamed("Improve docs", "nothing known here", [{ text: "see here" }])).toBeNull();
    // Whole words only: "Fluxion" is not Flux, "containerd-shim" is not containerd.
    expect(projectNamed("Document Fluxion", "the containerd-shim", [])).toBeNull();
  });

  it("skips, with a warning, a prose idea that names no project", () => {
    const r = parseIdeas("## Project ideas\n\n### Write better docs\n\nWe want better docs.\n", { source: "inline" });
    expect(r.ideas).toEqual([]);
    expect(r.warnings).toEqual(['line 3: idea "Write better docs" names no project; skipped']);
  });

  it("reads prose only when nothing in the file has fields: a file of labelled ideas is unchanged", () => {
    const md = "## Project ideas\n\n### Orbit\n\n#### Labelled\n\n- Mentor(s): Ada (@ada)\n\n### Prose about Falco\n\nFalco needs docs.\n";
    expect(parseIdeas(md, { source: "inline" }).ideas.map((i) => i.title)).toEqual(["Labelled"]);
  });

  it("gives nothing for a 'Project Ideas' heading that only points elsewhere", () => {
    expect(parseIdeas("### Project Ideas\n\nThe proposed project ideas are listed [here](./project_ideas.md).\n", { source: "inline" })).toEqual({ ideas: [], warnings: [] });
    expect(parseIdeas("## Proposed Project ideas\n\n---\n", { source: "inline" })).toEqual({ ideas: [], warnings: [] });
  });
});

describe("Season of Docs prose: one proposal with a title line (2021)", () => {
  const { ideas, warnings } = parse("prose-proposal.md");

  it("reads the title line under 'Project Proposal' as the idea, with every sub-heading folded in", () => {
    expect(ideas.map(summary)).toEqual([{ project: "Contour", title: "Reorganize Contour’s documentation", skills: [], mentors: [] }]);
    expect(warnings).toEqual([]);
    valid(ideas);
    const [idea] = ideas;
    expect(idea!.line).toBe(17);
    expect(idea!.description).toBe(
      "The information architecture for Contour needs help.\nFamiliarity with Git, Markdown and Hugo\n@ada – Lead for technical writing mentorship",
    );
  });
});

describe("ideas appended below a template's Sample block", () => {
  it("skips only the sample (the '(sample)' project) and reads what follows under '## Sample' as real ideas", () => {
    const { ideas, warnings } = parse("sample-then-ideas.md");
    expect(ideas.map(summary)).toEqual([
      {
        project: "KubeArmor",
        title: "Extend the CLI filtering options",
        skills: ["golang", "k8s"],
        mentors: [m("Barun Acharya", "daemon1024"), m("Rahul Jadhav", "nyrahul")],
      },
      { project: "KubeArmor", title: "Apply annotations with a mutating webhook", skills: ["golang"], mentors: [m("Jaehyun Nam", "nam-jaehyun")] },
      { project: "Chaos Mesh", title: "Interactive playground scenarios", skills: ["Kubernetes", "Shell scripts"], mentors: [m("Cwen Yin", "cwen0")] },
      { project: "LitmusChaos", title: "Integration tests for the CLI", skills: ["Go"], mentors: [m("Raj Das", "rajdas98")] },
    ]);
    expect(byTitle(ideas, "Extend the CLI filtering options").issues).toEqual(["https://github.com/kubearmor/kubearmor-client/issues/40"]);
    expect(warnings).toEqual([]);
    valid(ideas);
  });

  it("handles a 'Sample:' heading at another depth, an unmarked sample project, and a sample given in a code fence", () => {
    const { ideas, warnings } = parse("sample-depths.md");
    expect(ideas.map(summary)).toEqual([
      { project: "Orbit", title: "Faster builds", skills: ["Go", "Bazel"], mentors: [m("Ada Byron", "ada")] },
      { project: "Nebula", title: "Better docs", skills: [], mentors: [m("Bea", "bea")] },
      { project: "Quasar", title: "Quasar dashboard", skills: ["React"], mentors: [m("Carl", "carl")] },
    ]);
    expect(warnings).toEqual([]);
  });

  it("keeps a sample that is the only thing under its heading out, as before", () => {
    const md = "## Sample\n\n### Sample Project\n\n#### Sample idea\n\n- Mentor(s): Sample Person (@sample)\n\n## Proposed Project ideas\n";
    expect(parseIdeas(md, { source: "inline" })).toEqual({ ideas: [], warnings: [] });
    // A sample idea right under the Sample heading, with no project heading.
    const bare = "## Example\n\n#### Sample idea\n\n- Mentor(s): Sample Person (@sample)\n\n### Orbit\n\n#### Real idea\n\n- Mentor(s): Ada (@ada)\n";
    expect(parseIdeas(bare, { source: "inline" }).ideas.map((i) => [i.project, i.title])).toEqual([["Orbit", "Real idea"]]);
  });

  it("still drops '## Template' sections whole", () => {
    const md = "## Template\n\n### CNCF Project Name\n\n#### Some title\n\n- Mentor(s): Someone (@someone)\n\n### Orbit\n\n#### Hidden\n\n- Mentor(s): Ada (@ada)\n";
    expect(parseIdeas(md, { source: "inline" }).ideas).toEqual([]);
  });

  it("knows Sample headings, with or without a colon", () => {
    for (const t of ["Sample", "Sample:", "Samples", "Example", "Example project", "Sample ideas"]) expect(isSampleHeading(t), t).toBe(true);
    for (const t of ["Sampler rewrite", "Prometheus (sample)", "Examples of integrations with Argo"]) expect(isSampleHeading(t), t).toBe(false);
    expect(isScaffoldingHeading("Sample:")).toBe(true);
    expect(isScaffoldingHeading("Prometheus (sample):")).toBe(true);
  });
});

describe("several ideas as repeated bullet runs under one heading (GSoC 2017)", () => {
  const { ideas, warnings } = parse("repeated-runs.md");

  it("splits each 'what to do / skills / mentors' run into an idea; the heading's idea keeps its title", () => {
    expect(ideas.map(summary)).toEqual([
      { project: "gRPC", title: "gRPC C Core:", skills: ["C programming language", "BSD operating system"], mentors: [m("Craig Tiller", "ctiller"), m("Nicolas Noble", "nicolasnoble")] },
      { project: "gRPC", title: "Fix the URI parser", skills: ["C programming language", "HTTP standard compliance"], mentors: [m("Craig Tiller", "ctiller")] },
      { project: "gRPC", title: "HPACK compression efficiency evaluation", skills: ["C programming language", "benchmarking"], mentors: [m("Craig Tiller", "ctiller")] },
      { project: "gRPC", title: "gRPC Wire Protocol:", skills: ["Wireshark software"], mentors: [m("Nicolas Noble", "nicolasnoble")] },
      { project: "Orbit", title: "One idea with a note after its mentors", skills: ["Go"], mentors: [m("Ada", "ada")] },
    ]);
    expect(warnings).toEqual([]);
    valid(ideas);
  });

  it("gives each run its own description and the line of its first bullet", () => {
    const uri = byTitle(ideas, "Fix the URI parser");
    expect(uri.description).toBe("Fix the URI parser. The current parser is not compliant with RFC 3986.");
    expect(uri.line).toBe(11);
    expect(byTitle(ideas, "gRPC C Core:").description).toBe("Port gRPC to one of the BSD platforms (FreeBSD) and create packages for them.");
  });

  it("does not split at a second Description block under one heading (kept as one idea, see splitRepeated)", () => {
    const md = "### Orbit\n\n#### One heading\n\n- Description: First.\n- Mentor(s): Ada (@ada)\n\n- Description: Second.\n- Mentor(s): Bob (@bob)\n";
    expect(parseIdeas(md, { source: "inline" }).ideas.map((i) => i.title)).toEqual(["One heading"]);
  });
});

describe("no catastrophic backtracking", () => {
  // remark itself grows a little faster than linearly on one huge paragraph, so this checks a
  // generous bound (each parse takes well under a second) rather than a ratio.
  it("parses a long single-line prose idea, a long table row and many bullet runs quickly", () => {
    const long = "word ".repeat(10_000);
    const docs = [
      `## Project ideas\n\n### Docs for Falco ${long}\n\n${long}(Falco\n`,
      `| CNCF Projects | Community Bridge Project | Mentor Name(s) |\n|---|---|---|\n| Orbit | ${long} | ${"Ada and ".repeat(1_250)}Bob |\n`,
      `### Orbit\n\n#### A\n\n${"* x\n* Likely mentors: Ada\n* Required skills: Go\n".repeat(500)}`,
      `## Sample\n\n#### ${long}\n\n${"### Orbit\n\n#### Idea\n\n- Mentor(s): Ada (@ada)\n\n".repeat(500)}`,
    ];
    // CPU time, so a busy machine does not decide the outcome.
    const start = cpuMs();
    for (const doc of docs) parseIdeas(doc, { source: "inline" });
    expect(cpuMs() - start).toBeLessThan(15_000);
  }, 60_000);
});
