/**
 * Every ideas file bundled under data/cncf-mentoring/programs/ (byte-exact upstream copies) parses
 * to the ideas a person reading it would list. The two program guides
 * (programs/lfx-mentorship/README.md, programs/summerofcode/README.md) are not ideas files.
 *
 * Counts were checked by reading the files: for LFX term READMEs from 2021 on, against the number of
 * distinct LFX project URLs (equal everywhere except where noted); for the rest, heading by heading.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { IdeaSchema, type Idea } from "../../src/ideas/schema.ts";

const ROOT = fileURLToPath(new URL("../../data/cncf-mentoring/programs/", import.meta.url));
const GUIDES = new Set(["lfx-mentorship/README.md", "summerofcode/README.md"]);

/** Ideas per file, by path under programs/. */
const COUNTS: Record<string, number> = {
  "archive/seasonofdocs/previous-years/2020/README.md": 7, // prose: one idea per ### under "## 2020 project ideas"
  "archive/seasonofdocs/previous-years/2021/README.md": 1, // prose: the title line under "## Project Proposal"
  "archive/seasonofdocs/previous-years/2023/README.md": 2, // table: Organization Name | … | Accepted Project Proposal
  "lfx-mentorship/2019/README.md": 4, // table: CNCF Projects | Community Bridge Project | Mentor Name(s) | Mentee Name
  "lfx-mentorship/2020/q1/README.md": 7, // the same "Completed Projects" table
  "lfx-mentorship/2020/q1/project_ideas.md": 17,
  "lfx-mentorship/2020/q2/README.md": 0, // term page: timeline and links only
  "lfx-mentorship/2020/q2/project_ideas.md": 31, // 32 before: the sample under "### Sample:" (with a colon) was read as an idea
  "lfx-mentorship/2020/q2/selected_projects.md": 21,
  "lfx-mentorship/2020/q3-q4/README.md": 0, // term page: timeline and links only
  "lfx-mentorship/2020/q3-q4/project_ideas.md": 23,
  "lfx-mentorship/2020/q3-q4/selected_projects.md": 23,
  "lfx-mentorship/2021/01-Spring/README.md": 38,
  "lfx-mentorship/2021/01-Spring/project_ideas.md": 40,
  "lfx-mentorship/2021/02-Summer/README.md": 20,
  "lfx-mentorship/2021/02-Summer/project_ideas.md": 22,
  "lfx-mentorship/2021/03-Fall/README.md": 34,
  "lfx-mentorship/2021/03-Fall/project_ideas.md": 34,
  "lfx-mentorship/2022/01-Spring/README.md": 41, // 42 LFX URLs: one heading holds two field blocks (the "mutating webhooks" heading was lost); kept as one idea
  "lfx-mentorship/2022/01-Spring/project_ideas.md": 42,
  "lfx-mentorship/2022/02-Summer/README.md": 31,
  "lfx-mentorship/2022/02-Summer/project_ideas.md": 0, // template and sample only
  "lfx-mentorship/2022/03-Sept-Nov/README.md": 29,
  "lfx-mentorship/2022/03-Sept-Nov/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2023/01-Mar-May/README.md": 65,
  "lfx-mentorship/2023/01-Mar-May/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2023/02-Jun-Aug/README.md": 38,
  "lfx-mentorship/2023/02-Jun-Aug/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2023/03-Sep-Nov/README.md": 43,
  "lfx-mentorship/2023/03-Sep-Nov/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2024/01-Mar-May/README.md": 56,
  "lfx-mentorship/2024/01-Mar-May/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2024/02-Jun-Aug/README.md": 48,
  "lfx-mentorship/2024/02-Jun-Aug/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2024/03-Sep-Nov/README.md": 49,
  "lfx-mentorship/2024/03-Sep-Nov/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2025/01-Mar-May/README.md": 67,
  "lfx-mentorship/2025/01-Mar-May/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2025/02-Jun-Aug/README.md": 57,
  "lfx-mentorship/2025/02-Jun-Aug/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2025/03-Sep-Nov/README.md": 65,
  "lfx-mentorship/2025/03-Sep-Nov/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2026/01-Mar-May/README.md": 72,
  "lfx-mentorship/2026/01-Mar-May/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2026/02-Jun-Aug/README.md": 65,
  "lfx-mentorship/2026/02-Jun-Aug/project_ideas.md": 0, // template only (proposals moved to the README / issues)
  "lfx-mentorship/2026/03-Sep-Nov/README.md": 59,
  "lfx-mentorship/2026/03-Sep-Nov/project_ideas.md": 0, // "Project proposals have moved"
  "summerofcode/2017.md": 32, // 29 before: "#### gRPC C Core:" holds 3 ideas and "#### gRPC Python:" 2, as repeated bullet runs
  "summerofcode/2018.md": 34, // "### Mentors" under "# 2018" is an instruction, not an idea (one warning)
  "summerofcode/2019.md": 56,
  "summerofcode/2020.md": 51,
  "summerofcode/2021.md": 30,
  "summerofcode/2022.md": 54,
  "summerofcode/2023.md": 46,
  "summerofcode/2024.md": 19,
  "summerofcode/2025.md": 23,
  "summerofcode/2026.md": 14,
};

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return markdownFiles(path);
    return name.endsWith(".md") ? [relative(ROOT, path).split("\\").join("/")] : [];
  });
}

const cache = new Map<string, ReturnType<typeof parseIdeas>>();
function parse(path: string) {
  let result = cache.get(path);
  if (!result) cache.set(path, (result = parseIdeas(readFileSync(join(ROOT, path), "utf8"), { source: path })));
  return result;
}
const ideasOf = (path: string) => parse(path).ideas;
const m = (name: string, handle: string | null = null) => ({ name, handle });
function find(path: string, title: string): Idea {
  const idea = ideasOf(path).find((i) => i.title === title);
  if (!idea) throw new Error(`no idea "${title}" in ${path}`);
  return idea;
}

describe("bundled cncf/mentoring files", () => {
  const files = markdownFiles(ROOT).filter((f) => !GUIDES.has(f)).sort();

  it("the count table lists every ideas file, and only those", () => {
    expect(Object.keys(COUNTS).sort()).toEqual(files);
  });

  for (const [path, count] of Object.entries(COUNTS)) {
    it(`${path}: ${count} ideas, all valid, ids unique`, () => {
      const ideas = ideasOf(path);
      expect(ideas.map((i) => `${i.project} / ${i.title}`)).toHaveLength(count);
      for (const idea of ideas) expect(IdeaSchema.safeParse(idea).success, idea.title).toBe(true);
      expect(new Set(ideas.map((i) => i.id)).size).toBe(ideas.length);
      for (const idea of ideas) {
        expect(idea.project, idea.title).not.toMatch(/sample|template|^cncf project name$/i);
        expect(idea.title, idea.project).not.toMatch(/^(?:title|project title|mentorship project title)$/i);
      }
    });
  }

  it("has the expected total", () => {
    expect(Object.values(COUNTS).reduce((a, b) => a + b, 0)).toBe(1510);
  });
});

describe("spot checks in the newly readable files", () => {
  it("LFX 2019: the Community Bridge table, without the mentees", () => {
    const path = "lfx-mentorship/2019/README.md";
    expect(ideasOf(path).map((i) => [i.project, i.title])).toEqual([
      ["Kubernetes", "Integrating kube-batch with pytorch-operator/mxnet-operator"],
      ["Kubernetes", "CSI Driver for Azure Disk"],
      ["CoreDNS", "Support Google Cloud DNS backend"],
      ["Jaeger & Linkerd", "Distributed Tracing support for Linkerd"],
    ]);
    expect(find(path, "Support Google Cloud DNS backend").mentors).toEqual([m("Yong Tang")]);
    expect(find(path, "Distributed Tracing support for Linkerd").mentors).toEqual([m("Juraci Paixão"), m("Thomas Grampelberg")]);
    for (const idea of ideasOf(path)) expect(idea.links).toEqual([]);
  });

  it("LFX 2020 Q1: the Completed Projects table", () => {
    const path = "lfx-mentorship/2020/q1/README.md";
    expect([...new Set(ideasOf(path).map((i) => i.project))]).toEqual(["Cortex", "Fluentd", "Kubernetes", "OpenTelemetry", "Prometheus", "Thanos"]);
    const idea = find(path, "Various React UI improvements and filtering label values API with matchers");
    expect(idea.project).toBe("Prometheus");
    expect(idea.mentors).toEqual([m("Krasi Georgiev"), m("Julius Volz")]);
    expect(find(path, "Storage Plugins").mentors).toEqual([m("Goutham Veeramachaneni")]);
  });

  it("Season of Docs 2023: organisation and accepted proposal, its link kept", () => {
    const path = "archive/seasonofdocs/previous-years/2023/README.md";
    expect(ideasOf(path).map((i) => ({ project: i.project, title: i.title, links: i.links }))).toEqual([
      { project: "Flux", title: "Improving the Flux User Onramp", links: [{ label: "Title", url: "https://fluxcd.io/contributing/docs/google-season-of-docs-2023/" }] },
      { project: "WasmEdge", title: "Reorganize the contributor guide", links: [{ label: "Title", url: "https://github.com/WasmEdge/GSoD2023" }] },
    ]);
  });

  it("Season of Docs 2020: one idea per heading under \"2020 project ideas\", named for its project", () => {
    const path = "archive/seasonofdocs/previous-years/2020/README.md";
    expect(ideasOf(path).map((i) => [i.project, i.title])).toEqual([
      ["Falco", "Provide a robust collection of example Falco rules"],
      ["Kubernetes", "Update how the Kubernetes website serves API references"],
      ["Kubernetes", "Improve docs for Kubernetes services"],
      ["Kubernetes", "Document more examples for kubectl"],
      ["Kubernetes", "Document new interfaces with SIG CLI"],
      ["Kubernetes", "Update the Kubernetes Developer Guide"],
      ["Service Mesh Interface", "Improve documentation of SMI & related service meshes"],
    ]);
    const falco = find(path, "Provide a robust collection of example Falco rules");
    expect(falco.description).toMatch(/^Falco is a runtime behavior detection and alerting engine for Linux\./);
    expect(falco.description).toContain("Security concerns in a cloud native context");
    expect(falco.extra.map((e) => e.label)).toEqual(["Project goals"]);
    expect(parse(path).warnings).toEqual([]);
  });

  it("Season of Docs 2021: the one proposal", () => {
    const path = "archive/seasonofdocs/previous-years/2021/README.md";
    const [idea] = ideasOf(path);
    expect(ideasOf(path)).toHaveLength(1);
    expect({ project: idea!.project, title: idea!.title, line: idea!.line }).toEqual({ project: "Contour", title: "Reorganize Contour’s documentation", line: 39 });
    expect(idea!.description).toMatch(/^The information architecture for Contour needs help:/);
  });

  it("GSoC 2017: the gRPC headings that hold several ideas", () => {
    const path = "summerofcode/2017.md";
    expect(ideasOf(path).filter((i) => i.project === "gRPC").map((i) => i.title)).toEqual([
      "gRPC C Core:",
      "Fix gRPC C-core's URI parser",
      "HPACK compression efficiency evaluation",
      "gRPC Python:",
      "Develop and test Python 3.5 Support for gRPC",
      "gRPC Ruby/Java:",
      "gRPC Wire Protocol:",
      "gRPC Web:",
    ]);
    const uri = find(path, "Fix gRPC C-core's URI parser");
    expect(uri.mentors).toEqual([m("Craig Tiller", "ctiller")]);
    expect(uri.skills).toEqual(["C programming language", "HTTP standard compliance"]);
    expect(find(path, "gRPC C Core:").mentors).toEqual([m("Craig Tiller", "ctiller"), m("Nicolas Noble", "nicolasnoble"), m("Vijay Pai", "vjpai")]);
  });

  it("LFX 2020 Q2 proposals: the sample under \"### Sample:\" is not an idea", () => {
    const ideas = ideasOf("lfx-mentorship/2020/q2/project_ideas.md");
    expect(ideas.map((i) => i.title)).not.toContain("Refactor the APIs for better readability and less maintenance overhead");
    expect(ideas[0]).toMatchObject({ project: "Kubernetes", title: "Kubernetes working group for CSI driver" });
  });
});
