/**
 * Real-data history test: the 32 successive versions of
 * programs/lfx-mentorship/2022/01-Spring/project_ideas.md in test/fixtures/history/lfx-2022-spring (CC BY 4.0, see data/ATTRIBUTION.md)
 * (NN-<commit>.md, in commit order).
 *
 * Everything below was established by reading `diff` between consecutive versions, not by running
 * the parser. Summary of the history (version numbers are the NN prefixes):
 *
 *  01  template + "## Sample" (a complete sample idea under "### Prometheus (sample)"): 0 ideas
 *  02  + LitmusChaos (1)                                               h4 project / h5 idea
 *  03  + KubeArmor (2)
 *  04  + Chaos Mesh (1)                       written "### Chaos Mesh" / "#### idea" (h3/h4)
 *  05  + KubeVela (2)                         h4/h5, i.e. structurally INSIDE "### Chaos Mesh"
 *  06  + Karmada (4)                          idem
 *  07  + Kuma (2)                             idem
 *  08  + Kyverno (5)                          "### Kyverno" / "#### idea" inserted before Kuma, so
 *                                             Kuma and Karmada now sit structurally inside Kyverno
 *  09  + WasmEdge (4)                         h4/h5 inside "### Chaos Mesh"
 *  10  + "Kubernetes SIG-Network Gateway API" / "Docuemntation assessment" (typo) (1)
 *  11  FORMATTING ONLY: Chaos Mesh and Kyverno moved to h4/h5, except
 *      "#### OpenTelemetry exporter for Kyverno", left at h4 (an idea at the project level after
 *      "#### Kyverno"'s h5 ideas) until 29
 *  12  + Vitess (1)                           list items indented by one space
 *  13  FORMATTING ONLY: bare URLs -> <autolinks>, whitespace
 *  14  + "#### Elekto and Kubernetes SIG-ContribEx Elections Security Improvements": one h4
 *      heading with fields (project and title in one heading; which project the parser gives it is
 *      not checked)
 *  15  Elekto heading split: project "Elekto and Kubernetes SIG-ContribEx Elections", title
 *      "Security Improvements"                                         (title+project change)
 *  16  project "Elekto and Kubernetes SIG-ContribEx", title "Elections Security Improvements"
 *                                                                      (title+project change)
 *  17  + "Kubernetes (SIG Cluster Lifecycle)" / CAPA idea (1)
 *  18  + CAPV "Improvising unit test coverage(CAPV)" in the same project (1)
 *  19  + "Kubernetes (SIG Contribex: Mentoring Subproject)" / Katacoda idea (1)
 *  20  + Tremor (2)
 *  21  + KubeEdge (4)                         one title with a trailing space until 25
 *  22  + Thanos (1)
 *  23  FORMATTING ONLY: "---" rules around the template
 *  24  Gateway API idea renamed: project "Kubernetes", title
 *      "Documentation assessment (SIG-Network Gateway API)"            (title+project change);
 *      the CAPA idea is COPIED under "#### Kubernetes" (the old copy under "Kubernetes (SIG
 *      Cluster Lifecycle)" is still there: the same idea appears twice in this version);
 *      + "Improvements to Kubernetes maintainers-related automation (SIG Contributor Experience)"
 *  25  old CAPA copy removed (project change of CAPA completed); autolinks, whitespace
 *  26  + OpenTelemetry PHP (1); a stray "```" is left at the very end of the file (an unclosed
 *      fence holding only blank lines) until 29
 *  27  + "#### Management of Terraform state" at h4 right after KubeVela's h5 ideas: a KubeVela
 *      idea written at the project level (1)
 *  28  + Pixie (1)
 *  29  bullet TOC added (not ideas); Terraform and OTel-exporter ideas moved to h5; the two
 *      "#### Kubernetes (SIG ...)" projects become "##### ..." GROUPS under "#### Kubernetes"
 *      with h6 ideas: project of Katacoda and CAPV changes to "Kubernetes"; Vitess moved below
 *  30  + Service Mesh Performance (1), Meshery (2), Service Mesh Interface (1)
 *  31  CAPV title typo fixed: "Improvising" -> "Improving unit test coverage(CAPV)"; its
 *      description shortened                                           (title change)
 *  32  FORMATTING ONLY: template heading levels and the sample's "Issue" label
 *
 * No idea is ever deleted for good and none disappears and comes back. Every change of identity
 * (versions 15, 16, 24, 25, 29, 31) keeps the idea's upstream issue URL, so an announcer that also
 * matches on issue URLs never announces twice; an id made of (project, title) alone does change at
 * those six versions.
 */
import { describe, it, expect } from "vitest";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { IdeaSchema, type Idea } from "../../src/ideas/schema.ts";

const HISTORY_DIR = fileURLToPath(new URL("../fixtures/history/lfx-2022-spring/", import.meta.url));

/** Number of ideas in versions 01..32. */
const COUNTS = [
  0, 1, 3, 4, 6, 10, 12, 17, 21, 22, // 01-10
  22, 23, 23, 24, 24, 24, 25, 26, 27, 29, // 11-20
  33, 34, 34, 36, 35, 36, 37, 38, 38, 42, // 21-30
  42, 42, // 31-32
];

/** Versions whose only changes are formatting: same ids, same mentors/skills/issues. */
const FORMATTING_ONLY = [11, 13, 23, 32];

/** Versions v where some id of v-1 is missing from v (every other version is a superset of the previous). */
const SUPERSET_BREAKS = [15, 16, 24, 25, 29, 31];

interface Entry {
  /** null: not checked (v14's one-heading Elekto idea). */
  project: string | null;
  title: string;
  group?: string | null;
  from: number;
  to?: number;
}

const CAPA = "Automation of AMI build/test/publish pipelines for Cluster API Provider AWS (CAPA)";
const KATACODA = "Creating Katacoda Scenarios To Help New Contributors";
const SIG_CL = "Kubernetes (SIG Cluster Lifecycle)";
const SIG_CX = "Kubernetes (SIG Contribex: Mentoring Subproject)";

/** Every (project, title) ever present, and the versions (inclusive) where it is present. */
const ENTRIES: Entry[] = [
  { project: "LitmusChaos", title: "Develop new feature and add integration tests for LitmusCTL", from: 2 },
  { project: "KubeArmor", title: "Extending kubearmor-cli-tool filtering options", from: 3 },
  { project: "KubeArmor", title: "Using mutating webhooks for applying pod/container kubearmor annotations", from: 3 },
  // "### Chaos Mesh" / "#### idea" in 04-10, "####" / "#####" from 11.
  { project: "Chaos Mesh", title: "Interactive Katacoda Playground for Chaos Experiment Examples", from: 4 },
  // KubeVela, Karmada, Kuma, WasmEdge are h4 projects that sit inside an h3 project in 05-10:
  // they are projects, not groups, in every version.
  { project: "KubeVela", title: "Enhance multi-cluster observability", from: 5 },
  { project: "KubeVela", title: "Extend monitoring through VelaQL", from: 5 },
  { project: "Karmada", title: "Refactor get command to leverage aggregated API", from: 6 },
  { project: "Karmada", title: "Refactor the scheduler framework", from: 6 },
  { project: "Karmada", title: "Enhancement for controllers scalability", from: 6 },
  { project: "Karmada", title: "Dashboard development", from: 6 },
  { project: "Kuma", title: "Active monitoring of Cross Zone communication", from: 7 },
  { project: "Kuma", title: "Add status infos in Kubernetes CRDs", from: 7 },
  { project: "Kyverno", title: "Extend Kyverno CLI test command for Generate policy rules", from: 8 },
  { project: "Kyverno", title: "e2e tests and CLI tests to cover sample policies", from: 8 },
  { project: "Kyverno", title: "Automate Performance Testing", from: 8 },
  { project: "Kyverno", title: "Security enhancements", from: 8 },
  // h4 child of "### Kyverno" in 08-10, h4 sibling after "#### Kyverno"'s h5 ideas in 11-28, h5 from 29.
  { project: "Kyverno", title: "OpenTelemetry exporter for Kyverno", from: 8 },
  { project: "WasmEdge", title: "Improving the performance of running miniruby", from: 9 },
  { project: "WasmEdge", title: "Improving the performance of running rustpython", from: 9 },
  { project: "WasmEdge", title: "Enable OpenVINO backend for WASI-NN", from: 9 },
  { project: "WasmEdge", title: "Implement typed function references proposal", from: 9 },
  { project: "Kubernetes SIG-Network Gateway API", title: "Docuemntation assessment", from: 10, to: 23 },
  { project: "Kubernetes", title: "Documentation assessment (SIG-Network Gateway API)", from: 24 },
  { project: "Vitess", title: "Add complete parsing support for MySQL functions", from: 12 },
  { project: null, title: "Elekto and Kubernetes SIG-ContribEx Elections Security Improvements", from: 14, to: 14 },
  { project: "Elekto and Kubernetes SIG-ContribEx Elections", title: "Security Improvements", from: 15, to: 15 },
  { project: "Elekto and Kubernetes SIG-ContribEx", title: "Elections Security Improvements", from: 16 },
  { project: SIG_CL, title: CAPA, from: 17, to: 24 },
  { project: "Kubernetes", title: CAPA, from: 24 },
  { project: SIG_CL, title: "Improvising unit test coverage(CAPV)", from: 18, to: 28 },
  { project: "Kubernetes", group: SIG_CL, title: "Improvising unit test coverage(CAPV)", from: 29, to: 30 },
  { project: "Kubernetes", group: SIG_CL, title: "Improving unit test coverage(CAPV)", from: 31 },
  { project: SIG_CX, title: KATACODA, from: 19, to: 28 },
  { project: "Kubernetes", group: SIG_CX, title: KATACODA, from: 29 },
  { project: "Tremor", title: "Database Connectors", from: 20 },
  { project: "Tremor", title: "CI and Release process improvements", from: 20 },
  { project: "KubeEdge", title: "Plans for Node Group Management", from: 21 },
  // Heading "##### Move edge native k8s api interface GA " has a trailing space in 21-24.
  { project: "KubeEdge", title: "Move edge native k8s api interface GA", from: 21 },
  { project: "KubeEdge", title: "Design and add more e2e tests especially for edge scenarios", from: 21 },
  { project: "KubeEdge", title: "Updating the kubeedge docs", from: 21 },
  { project: "Thanos", title: "Run a community Thanos demo instance", from: 22 },
  {
    project: "Kubernetes",
    title: "Improvements to Kubernetes maintainers-related automation (SIG Contributor Experience)",
    from: 24,
  },
  { project: "OpenTelemetry PHP", title: "Help drive OpenTelemetry PHP to Beta", from: 26 },
  // "#### Management of Terraform state" (h4, after KubeVela's h5 ideas) in 27-28, h5 from 29.
  { project: "KubeVela", title: "Management of Terraform state", from: 27 },
  { project: "Pixie", title: "Add support for new protocols in protocol tracer", from: 28 },
  { project: "Service Mesh Performance", title: "Definition of MeshMark", from: 30 },
  { project: "Meshery", title: "Service mesh playground", from: 30 },
  { project: "Meshery", title: "Workflow engine", from: 30 },
  { project: "Service Mesh Interface", title: "Conformance Program", from: 30 },
];

const LAST = 32;
const active = (e: Entry, v: number) => e.from <= v && v <= (e.to ?? LAST);
const SEP = " \u241f ";
const entryKey = (e: Entry) => `${e.project ?? "?"}${SEP}${e.title}`;
const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();

interface Version {
  n: number;
  file: string;
  ideas: Idea[];
}

let versionsCache: Version[] | undefined;
function versions(): Version[] {
  if (!versionsCache) {
    const files = readdirSync(HISTORY_DIR)
      .filter((f) => /^\d{2}-[0-9a-f]+\.md$/.test(f))
      .sort();
    versionsCache = files.map((file, i) => ({
      n: i + 1,
      file,
      ideas: parseIdeas(readFileSync(HISTORY_DIR + file, "utf8"), { source: "lfx-2022-spring" }).ideas,
    }));
  }
  return versionsCache;
}
const version = (n: number) => versions()[n - 1]!;

/** Keys of a version's ideas, "?" in place of the project for ideas whose project is unchecked. */
function keysOf(v: Version): string[] {
  const unchecked = new Set(ENTRIES.filter((e) => e.project === null && active(e, v.n)).map((e) => e.title));
  return v.ideas.map((i) => `${unchecked.has(i.title) ? "?" : i.project}${SEP}${i.title}`);
}
const describeIdea = (i: Idea) => `${i.project}${SEP}${i.title}`;

describe("real history: lfx-2022-spring project_ideas.md, 32 versions", () => {
  it("has 32 versions", () => {
    expect(versions().map((v) => v.file)).toHaveLength(32);
  });

  it("has the expected number of ideas in each version", () => {
    expect(versions().map((v) => v.ideas.length)).toEqual(COUNTS);
  });

  it("the ENTRIES table agrees with COUNTS", () => {
    // A self-check of the expectations, independent of the parser.
    for (let v = 1; v <= LAST; v++) expect(ENTRIES.filter((e) => active(e, v)).length, `v${v}`).toBe(COUNTS[v - 1]);
  });

  it("every idea of every version passes IdeaSchema; ids are unique within a version", () => {
    for (const v of versions()) {
      for (const idea of v.ideas) {
        const r = IdeaSchema.safeParse(idea);
        expect(r.success, `v${v.n} ${idea.title}: ${r.success ? "" : JSON.stringify(r.error.issues)}`).toBe(true);
      }
      const ids = v.ideas.map((i) => i.id);
      expect(new Set(ids).size, `v${v.n}`).toBe(ids.length);
    }
  });

  it("each version holds exactly the expected (project, title) pairs", () => {
    for (const v of versions()) {
      const expected = ENTRIES.filter((e) => active(e, v.n)).map(entryKey).sort();
      expect(keysOf(v).sort(), `v${v.n} (${v.file})`).toEqual(expected);
    }
  });

  it("groups: null everywhere except the two Kubernetes SIG groups from version 29", () => {
    for (const v of versions()) {
      for (const e of ENTRIES.filter((x) => x.project !== null && active(x, v.n))) {
        const idea = v.ideas.find((i) => i.project === e.project && i.title === e.title);
        expect(idea, `v${v.n} ${entryKey(e)}`).toBeDefined();
        expect(idea!.group, `v${v.n} ${entryKey(e)}`).toBe(e.group ?? null);
      }
    }
  });

  it("the Sample idea and the template are never ideas", () => {
    for (const v of versions()) {
      for (const idea of v.ideas) {
        expect(idea.title).not.toBe("Refactor the APIs for better readability and less maintenance overhead");
        expect(idea.project).not.toMatch(/sample|template|CNCF Project Name/i);
        expect(idea.title).not.toBe("Title");
      }
    }
  });

  it("an idea with the same (project, title) after normalisation keeps the same id in every version", () => {
    const idByKey = new Map<string, string>();
    for (const v of versions()) {
      for (const idea of v.ideas) {
        const key = `${norm(idea.project)}${SEP}${norm(idea.title)}`;
        const seen = idByKey.get(key);
        if (seen === undefined) idByKey.set(key, idea.id);
        else expect(idea.id, `v${v.n} ${describeIdea(idea)}`).toBe(seen);
      }
    }
  });

  it("each entry keeps one id across all the versions it spans (heading levels, moves, whitespace)", () => {
    for (const e of ENTRIES.filter((x) => x.project !== null)) {
      const ids = new Set<string>();
      for (let n = e.from; n <= (e.to ?? LAST); n++) {
        const idea = version(n).ideas.find((i) => i.project === e.project && i.title === e.title);
        expect(idea, `v${n} ${entryKey(e)}`).toBeDefined();
        ids.add(idea!.id);
      }
      expect([...ids], entryKey(e)).toHaveLength(1);
    }
  });

  it("distinct ids over the whole history: one per entry", () => {
    const all = new Set(versions().flatMap((v) => v.ideas.map((i) => i.id)));
    expect(all.size).toBe(ENTRIES.length);
  });

  it("ideas appear and disappear exactly at the expected versions", () => {
    for (let n = 2; n <= LAST; n++) {
      const prev = version(n - 1);
      const cur = version(n);
      const prevIds = new Set(prev.ideas.map((i) => i.id));
      const curIds = new Set(cur.ideas.map((i) => i.id));
      const unchecked = (v: Version) =>
        new Set(ENTRIES.filter((e) => e.project === null && active(e, v.n)).map((e) => e.title));
      const label = (i: Idea, v: Version) => `${unchecked(v).has(i.title) ? "?" : i.project}${SEP}${i.title}`;
      const gone = prev.ideas.filter((i) => !curIds.has(i.id)).map((i) => label(i, prev)).sort();
      const came = cur.ideas.filter((i) => !prevIds.has(i.id)).map((i) => label(i, cur)).sort();
      expect(gone, `gone at v${n}`).toEqual(ENTRIES.filter((e) => e.to === n - 1).map(entryKey).sort());
      expect(came, `new at v${n}`).toEqual(ENTRIES.filter((e) => e.from === n).map(entryKey).sort());
    }
  });

  it("every version's ids are a superset of the previous version's, except at 15, 16, 24, 25, 29, 31", () => {
    for (let n = 2; n <= LAST; n++) {
      const prevIds = version(n - 1).ideas.map((i) => i.id);
      const curIds = new Set(version(n).ideas.map((i) => i.id));
      const superset = prevIds.every((id) => curIds.has(id));
      expect(superset, `v${n - 1} -> v${n}`).toBe(!SUPERSET_BREAKS.includes(n));
    }
  });

  it("formatting-only versions change nothing: same ids, same mentors, skills and issues", () => {
    for (const n of FORMATTING_ONLY) {
      const prev = version(n - 1);
      const cur = version(n);
      expect(cur.ideas.map((i) => i.id).sort(), `v${n}`).toEqual(prev.ideas.map((i) => i.id).sort());
      for (const idea of cur.ideas) {
        const before = prev.ideas.find((i) => i.id === idea.id)!;
        expect(idea.mentors, `v${n} ${idea.title}`).toEqual(before.mentors);
        expect(idea.skills, `v${n} ${idea.title}`).toEqual(before.skills);
        expect(idea.issues, `v${n} ${idea.title}`).toEqual(before.issues);
      }
    }
  });

  it("no idea disappears and comes back", () => {
    const present = new Map<string, number[]>();
    for (const v of versions()) for (const i of v.ideas) present.set(i.id, [...(present.get(i.id) ?? []), v.n]);
    for (const [id, ns] of present) {
      expect(ns[ns.length - 1]! - ns[0]! + 1, `${id} present in ${ns.join(",")}`).toBe(ns.length);
    }
  });

  it("every idea that loses its id keeps an upstream issue URL present in the next version", () => {
    for (let n = 2; n <= LAST; n++) {
      const cur = version(n);
      const curIds = new Set(cur.ideas.map((i) => i.id));
      const curIssues = new Set(cur.ideas.flatMap((i) => i.issues));
      for (const idea of version(n - 1).ideas.filter((i) => !curIds.has(i.id))) {
        expect(idea.issues.length, `v${n - 1} ${describeIdea(idea)} has an issue`).toBeGreaterThan(0);
        expect(
          idea.issues.some((u) => curIssues.has(u)),
          `v${n - 1} -> v${n}: ${describeIdea(idea)} (${idea.issues.join(", ")})`,
        ).toBe(true);
      }
    }
  });

  it("the identity changes carry these issue URLs", () => {
    const issuesOf = (n: number, title: string) => version(n).ideas.find((i) => i.title === title)?.issues;
    const elekto = ["https://github.com/elekto-io/elekto/issues/51"];
    expect(issuesOf(14, "Elekto and Kubernetes SIG-ContribEx Elections Security Improvements")).toEqual(elekto);
    expect(issuesOf(15, "Security Improvements")).toEqual(elekto);
    expect(issuesOf(16, "Elections Security Improvements")).toEqual(elekto);
    const gateway = ["https://github.com/kubernetes-sigs/gateway-api/issues/1003"];
    expect(issuesOf(10, "Docuemntation assessment")).toEqual(gateway); // bare URL
    expect(issuesOf(23, "Docuemntation assessment")).toEqual(gateway); // <autolink>
    expect(issuesOf(24, "Documentation assessment (SIG-Network Gateway API)")).toEqual(gateway);
    const capv = ["https://github.com/kubernetes-sigs/cluster-api-provider-vsphere/issues/1392"];
    expect(issuesOf(30, "Improvising unit test coverage(CAPV)")).toEqual(capv);
    expect(issuesOf(31, "Improving unit test coverage(CAPV)")).toEqual(capv);
    const capa = ["https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/1982"];
    for (const i of version(24).ideas.filter((x) => x.title === CAPA)) expect(i.issues).toEqual(capa);
    expect(version(24).ideas.filter((x) => x.title === CAPA)).toHaveLength(2);
  });

  it("the first idea reads the same in all 31 versions that hold it (bare URL, then <autolink>)", () => {
    for (let n = 2; n <= LAST; n++) {
      const idea = version(n).ideas.find(
        (i) => i.title === "Develop new feature and add integration tests for LitmusCTL",
      );
      expect(idea, `v${n}`).toBeDefined();
      expect(idea!.project).toBe("LitmusChaos");
      expect(idea!.mentors).toEqual([
        { name: "Raj Babu Das", handle: "rajdas98" },
        { name: "Sarthak Jain", handle: "SarthakJain26" },
        { name: "Saranya Jena", handle: "Saranya-jena" },
      ]);
      expect(idea!.skills).toEqual(["Golang", "Kubernetes", "CLI"]);
      expect(idea!.issues).toEqual(["https://github.com/litmuschaos/litmus/issues/3440"]);
    }
  });

  it("an idea written at the project level after a project's own ideas belongs to that project", () => {
    // v11-v28: "#### OpenTelemetry exporter for Kyverno" follows "#### Kyverno" and its h5 ideas.
    for (let n = 11; n <= 28; n++) {
      const idea = version(n).ideas.find((i) => i.title === "OpenTelemetry exporter for Kyverno");
      expect(idea?.project, `v${n}`).toBe("Kyverno");
      expect(idea?.issues, `v${n}`).toEqual(["https://github.com/kyverno/kyverno/issues/3120"]);
    }
    // v27-v28: "#### Management of Terraform state" follows "#### KubeVela" and its h5 ideas.
    for (const n of [27, 28]) {
      const idea = version(n).ideas.find((i) => i.title === "Management of Terraform state");
      expect(idea?.project, `v${n}`).toBe("KubeVela");
      expect(idea?.mentors, `v${n}`).toEqual([{ name: "ZhengXi Zhou", handle: "zzxwill" }]);
    }
  });

  it("the stray unclosed fence at the end of versions 26-28 hides nothing", () => {
    for (const n of [26, 27, 28]) {
      const titles = version(n).ideas.map((i) => i.title);
      expect(titles, `v${n}`).toContain("Help drive OpenTelemetry PHP to Beta");
      expect(titles, `v${n}`).toContain("Run a community Thanos demo instance");
    }
    expect(version(28).ideas.map((i) => i.title)).toContain("Add support for new protocols in protocol tracer");
  });
});
