/**
 * Exact expectations for the seed file data/cncf-mentoring/programs/lfx-mentorship/2022/01-Spring/project_ideas.md.
 *
 * Every expectation below was written by reading the markdown by hand (not by
 * running the parser). Line numbers are 1-based lines of the idea headings.
 * Where the file is ambiguous the chosen expectation carries a comment.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { IdeaSchema, type Idea } from "../../src/ideas/schema.ts";

const markdown = readFileSync(new URL("../../data/cncf-mentoring/programs/lfx-mentorship/2022/01-Spring/project_ideas.md", import.meta.url), "utf8");
const SOURCE = "lfx-2022-spring";

interface Expected {
  project: string;
  group: string | null;
  title: string;
  skills: string[];
  mentors: Array<{ name: string; handle: string | null }>;
  issues: string[];
  line: number;
}

const m = (name: string, handle: string | null) => ({ name, handle });

const SIG_MENTORING = "Kubernetes (SIG Contribex: Mentoring Subproject)";
const SIG_CLUSTER_LIFECYCLE = "Kubernetes (SIG Cluster Lifecycle)";

/** All 42 ideas, in file order. (The Template and the "Prometheus (sample)" idea are not ideas.) */
const EXPECTED: Expected[] = [
  // ---- LitmusChaos ----
  {
    project: "LitmusChaos",
    group: null,
    title: "Develop new feature and add integration tests for LitmusCTL",
    skills: ["Golang", "Kubernetes", "CLI"],
    mentors: [m("Raj Babu Das", "rajdas98"), m("Sarthak Jain", "SarthakJain26"), m("Saranya Jena", "Saranya-jena")],
    issues: ["https://github.com/litmuschaos/litmus/issues/3440"],
    line: 104,
  },
  // ---- KubeArmor ----
  {
    project: "KubeArmor",
    group: null,
    title: "Extending kubearmor-cli-tool filtering options",
    skills: ["golang", "k8s"],
    mentors: [m("Barun Acharya", "daemon1024"), m("Rahul Jadhav", "nyrahul")],
    issues: ["https://github.com/kubearmor/kubearmor-client/issues/40"],
    line: 113,
  },
  {
    project: "KubeArmor",
    group: null,
    title: "Using mutating webhooks for applying pod/container kubearmor annotations",
    skills: ["golang", "k8s"],
    mentors: [m("Jaehyun Nam", "nam-jaehyun"), m("Rahul Jadhav", "nyrahul"), m("Barun Acharya", "daemon1024")],
    issues: ["https://github.com/kubearmor/KubeArmor/issues/360"],
    line: 120,
  },
  // ---- Chaos Mesh ----
  {
    project: "Chaos Mesh",
    group: null,
    title: "Interactive Katacoda Playground for Chaos Experiment Examples",
    skills: ["golang", "Kubernetes", "Shell scripts"],
    mentors: [m("Zhiqiang Zhou", "STRRL")],
    // Field is "Upstream Issue:" (no "(URL)"). The examples/ URL in the description is not an issue.
    issues: ["https://github.com/chaos-mesh/chaos-mesh/issues/2842"],
    line: 129,
  },
  // ---- KubeVela ----
  {
    project: "KubeVela",
    group: null,
    title: "Enhance multi-cluster observability",
    skills: ["golang", "k8s"],
    mentors: [m("Jianbo Sun", "wonderflow"), m("Da Yin", "somefive")],
    issues: ["https://github.com/oam-dev/kubevela/issues/3177"],
    line: 138,
  },
  {
    project: "KubeVela",
    group: null,
    title: "Extend monitoring through VelaQL",
    skills: ["golang", "k8s"],
    mentors: [m("Jianbo Sun", "wonderflow"), m("Da Yin", "somefive")],
    issues: ["https://github.com/oam-dev/kubevela/issues/3178"],
    line: 145,
  },
  {
    project: "KubeVela",
    group: null,
    title: "Management of Terraform state",
    skills: ["Golang", "Terraform"],
    mentors: [m("ZhengXi Zhou", "zzxwill")],
    issues: ["https://github.com/oam-dev/terraform-controller/issues/239"],
    line: 152,
  },
  // ---- WasmEdge ----
  {
    project: "WasmEdge",
    group: null,
    title: "Improving the performance of running miniruby",
    skills: ["profiling tools", "c++"],
    mentors: [m("Hung-Ying Tai", "hydai"), m("Shen-Ta Hsieh", "ibmibmibm")],
    issues: ["https://github.com/WasmEdge/WasmEdge/issues/1062"],
    line: 161,
  },
  {
    project: "WasmEdge",
    group: null,
    title: "Improving the performance of running rustpython",
    skills: ["profiling tools", "c++"],
    mentors: [m("Hung-Ying Tai", "hydai"), m("Shen-Ta Hsieh", "ibmibmibm")],
    issues: ["https://github.com/WasmEdge/WasmEdge/issues/1061"],
    line: 168,
  },
  {
    project: "WasmEdge",
    group: null,
    title: "Enable OpenVINO backend for WASI-NN",
    skills: ["c++", "OpenVINO"],
    mentors: [m("Hung-Ying Tai", "hydai"), m("Yi-Ying He", "q82419")],
    issues: ["https://github.com/WasmEdge/WasmEdge/issues/1063"],
    line: 175,
  },
  {
    project: "WasmEdge",
    group: null,
    title: "Implement typed function references proposal",
    skills: ["c++"],
    mentors: [m("Hung-Ying Tai", "hydai"), m("Yi-Ying He", "q82419")],
    issues: ["https://github.com/WasmEdge/WasmEdge/issues/1123"],
    line: 182,
  },
  // ---- Kyverno (labels written in bold: "- **Description**: ...") ----
  {
    project: "Kyverno",
    group: null,
    title: "Extend Kyverno CLI test command for Generate policy rules",
    skills: ["Golang", "Kubernetes", "Test", "Automation"],
    mentors: [m("Prateek Pandey", "prateekpandey14")],
    issues: ["https://github.com/kyverno/kyverno/issues/3114"],
    line: 191,
  },
  {
    project: "Kyverno",
    group: null,
    title: "e2e tests and CLI tests to cover sample policies",
    skills: ["Golang", "Kubernetes", "Test", "Automation"],
    mentors: [m("Vyankatesh Kudtarkar", "vyankyGH"), m("Prateek Pandey", "prateekpandey14")],
    issues: ["https://github.com/kyverno/kyverno/issues/3121"],
    line: 198,
  },
  {
    project: "Kyverno",
    group: null,
    title: "Automate Performance Testing",
    skills: ["Golang", "Kubernetes", "Test", "Automation"],
    mentors: [m("Shuting Zhao", "realshuting")],
    issues: ["https://github.com/kyverno/kyverno/issues/3113"],
    line: 205,
  },
  {
    project: "Kyverno",
    group: null,
    title: "Security enhancements",
    skills: ["Security", "Golang"],
    mentors: [m("Jim Bugwadia", "JimBugwadia")],
    issues: ["https://github.com/kyverno/kyverno/issues/2250"],
    line: 212,
  },
  {
    project: "Kyverno",
    group: null,
    title: "OpenTelemetry exporter for Kyverno",
    skills: ["Observability", "Prometheus", "OpenTelemetry", "Golang"],
    mentors: [m("Shuting Zhao", "realshuting"), m("Jim Bugwadia", "JimBugwadia")],
    issues: ["https://github.com/kyverno/kyverno/issues/3120"],
    line: 219,
  },
  // ---- Kuma ----
  {
    project: "Kuma",
    group: null,
    title: "Active monitoring of Cross Zone communication",
    skills: ["golang", "k8s"],
    mentors: [m("Jakub Dyszkiewicz", "jakubdyszkiewicz"), m("Bart Smykla", "bartsmykla"), m("Charly Molter", "lahabana")],
    issues: ["https://github.com/kumahq/kuma/issues/1907"],
    line: 228,
  },
  {
    project: "Kuma",
    group: null,
    title: "Add status infos in Kubernetes CRDs",
    skills: ["golang", "k8s"],
    mentors: [m("Jakub Dyszkiewicz", "jakubdyszkiewicz"), m("Bart Smykla", "bartsmykla"), m("Charly Molter", "lahabana")],
    issues: ["https://github.com/kumahq/kuma/issues/3734"],
    line: 235,
  },
  // ---- Karmada ----
  {
    project: "Karmada",
    group: null,
    title: "Refactor get command to leverage aggregated API",
    skills: ["golang", "k8s"],
    mentors: [m("Hongcai Ren", "RainbowMango")],
    issues: ["https://github.com/karmada-io/karmada/issues/1329"],
    line: 244,
  },
  {
    project: "Karmada",
    group: null,
    title: "Refactor the scheduler framework",
    skills: ["golang", "k8s"],
    mentors: [m("Kevin Wang", "kevin-wangzefeng")],
    issues: ["https://github.com/karmada-io/karmada/issues/1330"],
    line: 251,
  },
  {
    project: "Karmada",
    group: null,
    title: "Enhancement for controllers scalability",
    skills: ["golang", "k8s"],
    mentors: [m("Hongcai Ren", "RainbowMango")],
    issues: ["https://github.com/karmada-io/karmada/issues/1331"],
    line: 258,
  },
  {
    project: "Karmada",
    group: null,
    title: "Dashboard development",
    skills: ["golang", "k8s"],
    mentors: [m("Hongcai Ren", "RainbowMango")],
    issues: ["https://github.com/karmada-io/dashboard/issues/10"],
    line: 265,
  },
  // ---- Kubernetes ----
  {
    project: "Kubernetes",
    group: null,
    title: "Documentation assessment (SIG-Network Gateway API)",
    // Skills are a nested list; the indented sub-item under "git/GitHub" is its own item
    // (not split on its comma, since it is one list item).
    skills: [
      "Technical Writing",
      "Documentation",
      "English",
      "git/GitHub",
      "Familiarity with Kubernetes and Ingress may also be helpful, but are not required.",
    ],
    // Mentors are a nested list of "Primary: [Name](https://github.com/login)" / "Adjunct: ...";
    // the role labels are not part of the name, the GitHub link gives the handle.
    mentors: [m("Nick Young", "youngnick"), m("Nate Waddington", "nate-double-u")],
    issues: ["https://github.com/kubernetes-sigs/gateway-api/issues/1003"],
    line: 274,
  },
  {
    project: "Kubernetes",
    group: null,
    title: "Automation of AMI build/test/publish pipelines for Cluster API Provider AWS (CAPA)",
    skills: ["Golang", "GitHub", "Test", "Automation", "CI/CD pipelines"],
    mentors: [m("Sedef Savas", "sedefsavas")],
    issues: ["https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/1982"],
    line: 289,
  },
  {
    project: "Kubernetes",
    group: null,
    title: "Improvements to Kubernetes maintainers-related automation (SIG Contributor Experience)",
    skills: ["golang (required)", "experience with GitHub APIs (preferred but not required)"],
    mentors: [m("Nikhita Raghunath", "nikhita"), m("Nabarun Pal", "palnabarun")],
    issues: ["https://github.com/kubernetes/org/issues/3208"],
    line: 296,
  },
  {
    project: "Kubernetes",
    group: SIG_MENTORING,
    title: "Creating Katacoda Scenarios To Help New Contributors",
    // Commas inside the parentheses: "Golang (preferred but not required)" has none, so a plain split.
    skills: ["Technical Writing", "Kubernetes", "Golang (preferred but not required)"],
    mentors: [m("Debabrata Panigrahi", "Debanitrkl"), m("Madhav Jivrajani", "MadhavJivrajani")],
    issues: ["https://github.com/kubernetes/community/issues/5576"],
    line: 307,
  },
  {
    project: "Kubernetes",
    group: SIG_CLUSTER_LIFECYCLE,
    // The heading says "Improving"; the table of contents says "Improvising". The heading wins.
    title: "Improving unit test coverage(CAPV)",
    skills: ["Golang", "GitHub", "Test", "Automation", "CI/CD pipelines"],
    // Written "Ankita Swamy(@Ankitasw),Geetika Batra(@geetikabatra)": no space before "(" nor after ",".
    mentors: [m("Ankita Swamy", "Ankitasw"), m("Geetika Batra", "geetikabatra")],
    issues: ["https://github.com/kubernetes-sigs/cluster-api-provider-vsphere/issues/1392"],
    line: 319,
  },
  // ---- Elekto and Kubernetes SIG-ContribEx ----
  {
    project: "Elekto and Kubernetes SIG-ContribEx",
    group: null,
    title: "Elections Security Improvements",
    // Skills are a nested list: one skill per item.
    skills: [
      "Python/Flask programming",
      "Understand basic HTML/CSS",
      "Moderate knowledge of SQL and database migrations",
      "How to use basic cryptographic functions available in existing libraries",
    ],
    mentors: [m("Josh Berkus", "jberkus")],
    // Field label is "Issue" and the value is a markdown link with a text label.
    issues: ["https://github.com/elekto-io/elekto/issues/51"],
    line: 328,
  },
  // ---- Vitess ----
  {
    project: "Vitess",
    group: null,
    title: "Add complete parsing support for MySQL functions",
    skills: ["go", "SQL", "yacc", "compilers and lexers"],
    mentors: [m("Manan Gupta", "GuptaManan100")],
    issues: ["https://github.com/vitessio/vitess/issues/8604"],
    line: 341,
  },
  // ---- Tremor ----
  {
    project: "Tremor",
    group: null,
    title: "Database Connectors",
    skills: ["Rust", "Databases", "Testing"],
    // Mentors written without handles.
    mentors: [m("Matthias Wahl", null), m("Darach Ennis", null)],
    // Written "Upstream Issue (URL):<https://...>" with no space after the colon.
    issues: ["https://github.com/tremor-rs/tremor-runtime/issues/1453"],
    line: 350,
  },
  {
    project: "Tremor",
    group: null,
    title: "CI and Release process improvements",
    skills: ["Make", "Git/GitHub", "CI/GitHub Actions", "GitOps", "DevOps", "Packaging"],
    // Mentors written without handles.
    mentors: [m("Heinz Gies", null), m("Darach Ennis", null)],
    issues: ["https://github.com/tremor-rs/tremor-runtime/issues/1452"],
    line: 357,
  },
  // ---- KubeEdge (mentors written "Name(@handle)" without a space) ----
  {
    project: "KubeEdge",
    group: null,
    title: "Plans for Node Group Management",
    skills: ["Kubernetes", "KubeEdge"],
    mentors: [m("Vincent Lin", "vincentgoat"), m("Kevin Wang", "kevin-wangzefeng")],
    // No space after the colon.
    issues: ["https://github.com/kubeedge/kubeedge/issues/3582"],
    line: 366,
  },
  {
    project: "KubeEdge",
    group: null,
    title: "Move edge native k8s api interface GA",
    skills: ["Kubernetes", "KubeEdge"],
    mentors: [m("Shelley Bao", "Shelley-BaoYue"), m("Fisher Xu", "fisherxu")],
    issues: ["https://github.com/kubeedge/kubeedge/issues/3596"],
    line: 373,
  },
  {
    project: "KubeEdge",
    group: null,
    title: "Design and add more e2e tests especially for edge scenarios",
    skills: ["Kubernetes", "KubeEdge"],
    mentors: [m("Wack Xu", "wackxu"), m("Fisher Xu", "fisherxu")],
    issues: ["https://github.com/kubeedge/kubeedge/issues/3595"],
    line: 380,
  },
  {
    project: "KubeEdge",
    group: null,
    title: "Updating the kubeedge docs",
    skills: ["Kubernetes", "KubeEdge"],
    mentors: [m("Fisher Xu", "fisherxu")],
    issues: ["https://github.com/kubeedge/website/issues/189"],
    line: 387,
  },
  // ---- Thanos ----
  {
    project: "Thanos",
    group: null,
    title: "Run a community Thanos demo instance",
    skills: ["Linux", "Ansible", "Python", "Shell Scripting"],
    // Label typo "Mentor(-s):" still means mentors. "č" is U+010D (precomposed) in the file.
    mentors: [m("Giedrius Statkevi\u010dius", "GiedriusS")],
    // The cncf/cluster autolink is inside the description, not the issue field.
    issues: ["https://github.com/thanos-io/thanos/issues/4606"],
    line: 396,
  },
  // ---- OpenTelemetry PHP ----
  {
    project: "OpenTelemetry PHP",
    group: null,
    title: "Help drive OpenTelemetry PHP to Beta",
    skills: ["PHP"],
    // Bare @handles: name is the handle without "@".
    mentors: [m("bobstrecansky", "bobstrecansky"), m("tidal", "tidal"), m("brettmc", "brettmc")],
    // A project board rather than an issue, but it is what the issue field holds.
    issues: ["https://github.com/open-telemetry/opentelemetry-php/projects/1"],
    line: 405,
  },
  // ---- Pixie ----
  {
    project: "Pixie",
    group: null,
    title: "Add support for new protocols in protocol tracer",
    skills: ["C++"],
    mentors: [m("Omid Azizi", "oazizi000")],
    issues: ["https://github.com/pixie-io/pixie/issues/332", "https://github.com/pixie-io/pixie/issues/341"],
    line: 414,
  },
  // ---- Service Mesh Performance (comes before Meshery in the body, unlike the TOC) ----
  {
    project: "Service Mesh Performance",
    group: null,
    title: "Definition of MeshMark",
    // The last item is parenthesised and contains a comma; it is kept whole, parentheses included (as written).
    skills: ["Analytics", "Algorithms", "Data Science", "(Golang and/or C++ helpful, but not necessary)"],
    // "Lee Calcote ([@lcalcote](https://twitter.com/lcalcote))": the handle as written is @lcalcote
    // (the link goes to Twitter, not GitHub). "[Aditya Chatterjee](http://github.com/warunicorn19)":
    // handle from the (http, not https) GitHub link.
    mentors: [m("Lee Calcote", "lcalcote"), m("Aditya Chatterjee", "warunicorn19")],
    issues: ["https://github.com/service-mesh-performance/service-mesh-performance/issues/227"],
    line: 423,
  },
  // ---- Meshery (body order: "Service mesh playground" then "Workflow engine"; the TOC has them reversed) ----
  {
    project: "Meshery",
    group: null,
    title: "Service mesh playground",
    skills: ["Golang", "ReactJS"],
    mentors: [m("Lee Calcote", "lcalcote"), m("Debopriya Bhattacharjee", "debo19")],
    issues: ["https://github.com/layer5io/meshery/issues/2931"],
    line: 432,
  },
  {
    project: "Meshery",
    group: null,
    title: "Workflow engine",
    skills: ["Golang", "Temporal", "ReactJS"],
    mentors: [m("Lee Calcote", "lcalcote"), m("Ashish Tiwari", "revolyssup")],
    issues: ["https://github.com/meshery/meshery/issues/3934"],
    line: 439,
  },
  // ---- Service Mesh Interface ----
  {
    project: "Service Mesh Interface",
    group: null,
    title: "Conformance Program",
    // Written "- Recommended Skills**: Golang, ReactJS, GitHub Actions " (stray unmatched "**",
    // trailing space). Still the skills field; items trimmed.
    skills: ["Golang", "ReactJS", "GitHub Actions"],
    mentors: [m("Lee Calcote", "lcalcote"), m("Abhishek Kumar", "Abhishek-kumar09")],
    // "Issue: [https://...](https://...)": a markdown link whose text is the URL.
    issues: ["https://github.com/servicemeshinterface/smi-spec/issues/70"],
    line: 448,
  },
];

const { ideas, warnings } = parseIdeas(markdown, { source: SOURCE });

function findIdea(expected: Expected, index: number): Idea | undefined {
  return ideas.find((i) => i.title === expected.title) ?? ideas.find((i) => i.line === expected.line) ?? ideas[index];
}

function byTitle(title: string): Idea {
  const idea = ideas.find((i) => i.title === title);
  if (!idea) throw new Error(`no idea titled ${JSON.stringify(title)}`);
  return idea;
}

describe("seed file lfx-2022-spring-project_ideas.md", () => {
  it("the expectation table itself has 42 entries with heading lines that match the file", () => {
    expect(EXPECTED).toHaveLength(42);
    const lines = markdown.split(/\r?\n/);
    for (const e of EXPECTED) {
      const heading = lines[e.line - 1] ?? "";
      expect(heading, `line ${e.line}`).toMatch(/^#{5,6} /);
      expect(heading, `line ${e.line}`).toContain(e.title);
    }
  });

  it("yields exactly 42 ideas", () => {
    expect(ideas).toHaveLength(42);
  });

  it("yields the ideas in file order", () => {
    expect(ideas.map((i) => i.title)).toEqual(EXPECTED.map((e) => e.title));
    expect(ideas.map((i) => i.line)).toEqual(EXPECTED.map((e) => e.line));
  });

  it("has no duplicate ids", () => {
    const ids = ideas.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("every idea passes IdeaSchema and carries the source label", () => {
    for (const idea of ideas) {
      expect(() => IdeaSchema.parse(idea), idea.title).not.toThrow();
      expect(idea.source).toBe(SOURCE);
    }
  });

  it("does not treat the Template, the Sample or the table of contents as ideas", () => {
    const titles = ideas.map((i) => i.title);
    expect(titles).not.toContain("Refactor the APIs for better readability and less maintenance overhead");
    expect(titles).not.toContain("Title");
    expect(ideas.map((i) => i.project)).not.toContain("Prometheus (sample)");
    expect(ideas.every((i) => i.line >= 100)).toBe(true);
  });

  it("the group headings are groups, not ideas", () => {
    const titles = ideas.map((i) => i.title);
    expect(titles).not.toContain(SIG_MENTORING);
    expect(titles).not.toContain(SIG_CLUSTER_LIFECYCLE);
  });

  it("returns warnings as an array of strings", () => {
    expect(Array.isArray(warnings)).toBe(true);
    for (const w of warnings) expect(typeof w).toBe("string");
  });

  it.each(EXPECTED.map((e, index) => [`${index + 1}. ${e.title} (line ${e.line})`, index, e] as const))(
    "%s",
    (_name, index, expected) => {
      const actual = findIdea(expected, index);
      expect(actual, "idea not found").toBeDefined();
      if (!actual) return;
      expect(actual.project, "project").toEqual(expected.project);
      expect(actual.group, "group").toEqual(expected.group);
      expect(actual.title, "title").toEqual(expected.title);
      expect(actual.skills, "skills").toEqual(expected.skills);
      expect(actual.mentors, "mentors").toEqual(expected.mentors);
      expect(actual.issues, "issues").toEqual(expected.issues);
      expect(actual.line, "line").toEqual(expected.line);
    },
  );
});

describe("seed file descriptions", () => {
  it.each([
    [
      "Develop new feature and add integration tests for LitmusCTL",
      // [LitmusChaos]("https://litmuschaos.io"): a link (with an odd quoted destination) rendered as its text.
      "LitmusChaos is an open source Chaos Engineering platform that enables teams to identify weaknesses & potential outages",
    ],
    [
      "Interactive Katacoda Playground for Chaos Experiment Examples",
      "Chaos Mesh is a powerful chaos engineering platform for Kubernetes. There is a Katacoda playground as interactive tutorial, and we want to build more Katacoda scenarios",
    ],
    [
      "Extend Kyverno CLI test command for Generate policy rules",
      "Kyverno is a Kubernetes native policy engine that secures and automates Kubernetes configurations.",
    ],
    [
      "Documentation assessment (SIG-Network Gateway API)",
      "Gateway API is an evolution of Kubernetes Ingress and Service networking that aims to upgrade and improve these APIs. This project is to have a docs assessment performed,",
    ],
    [
      "Elections Security Improvements",
      "Elekto is a project for running preference elections for open source projects hosted by the CNCF.",
    ],
    [
      "Add complete parsing support for MySQL functions",
      "Vitess is a database clustering system for horizontal scaling of MySQL.",
    ],
    [
      "Run a community Thanos demo instance",
      "Thanos is a distributed system that has a user interface written in React.",
    ],
    [
      "Definition of MeshMark",
      // Curly apostrophe (U+2019) as in the file.
      "Create MeshMark provides a universal performance index to gauge your mesh\u2019s efficiency",
    ],
    [
      "Conformance Program",
      "Ensure that a service mesh is properly configured and that its behavior conforms to official SMI specifications.",
    ],
  ])("%s starts with the expected plain text", (title, start) => {
    const idea = byTitle(title);
    expect(idea.description.startsWith(start), `description was: ${idea.description.slice(0, 200)}`).toBe(true);
  });

  it("renders links and autolinks in descriptions as their text", () => {
    expect(byTitle("Conformance Program").description).toContain(
      "Advance the definition of conformance tests and the test framework, Meshery (see design specification).",
    );
    // An autolink's text is the URL itself.
    expect(byTitle("Run a community Thanos demo instance").description).toContain(
      "A server is provided by CNCF (https://github.com/cncf/cluster/issues/190).",
    );
    expect(byTitle("Add status infos in Kubernetes CRDs").description).toContain(
      "exposes information about status in its api Kubernetes users",
    );
  });

  it("plain-text descriptions carry no markdown syntax and no field label", () => {
    for (const idea of ideas) {
      expect(idea.description, idea.title).not.toMatch(/\]\(|\*\*|`/);
      expect(idea.description, idea.title).not.toMatch(/^\s*(\*\*)?Description/);
      expect(idea.description.length, idea.title).toBeGreaterThan(0);
    }
  });

  it("keeps both paragraphs of the maintainers-automation description", () => {
    const d = byTitle(
      "Improvements to Kubernetes maintainers-related automation (SIG Contributor Experience)",
    ).description;
    expect(d.startsWith("Kubernetes uses OWNERS files to delegate responsibility over different parts of the codebase.")).toBe(true);
    // First paragraph (line 298); inline code `maintainers` rendered as its text.
    expect(d).toContain("To ensure this, the maintainers project was created.");
    // Second paragraph (line 299, an indented continuation line inside the list item).
    expect(d).toContain("This internship involves improving maintainers through adding new features");
    expect(d).toContain("used to handle github membership for the community.");
    // Does not swallow the next field.
    expect(d).not.toContain("golang (required)");
  });

  it("keeps the unindented second paragraph of the Katacoda-scenarios description", () => {
    // Ambiguous: line 311 is NOT indented and follows a blank line, so in markdown it is a
    // paragraph outside the list, between the Description item and the Recommended Skills item.
    // It is clearly the description's second paragraph, so we expect it in the description.
    const d = byTitle("Creating Katacoda Scenarios To Help New Contributors").description;
    expect(d.startsWith("There are various Katacoda scenarios available for diverse aspects of Kubernetes")).toBe(true);
    expect(d).toContain("a Katacoda scenario to set up Kubernetes and run tests locally was created that can be found here.");
    expect(d).toContain("This internship involves improving the existing Katacoda scenario and adding new scenarios");
    expect(d).toContain("such as spinning up a kind cluster with the changes made");
    expect(d).toContain("get started in their contribution journey.");
    expect(d).not.toContain("Technical Writing");
  });
});
