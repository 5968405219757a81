/**
 * Real-data tests: nine project-ideas files of the bundled catalogue (byte-exact copies from
 * cncf/mentoring, see data/ATTRIBUTION.md), under the names the development corpus gave them.
 *
 * Every expectation below was established by reading the markdown by hand (cat -n, grep), not by
 * running the parser. Where the markdown itself is ambiguous the expectation says so in a
 * "JUDGEMENT:" comment; those are the ones to argue about, the rest are plain reading.
 *
 * Conventions assumed by these expectations:
 * - `title` / `project` / `group` are the heading's plain text: inline code loses its backticks,
 *   a link keeps its text, `[MeshModel]` (not a link: no definition) stays literally, whitespace is
 *   trimmed.
 * - `skills` are split on top-level commas (never inside parentheses) or taken one per item of a
 *   nested list. Where a trailing sentence period or an `and` makes the split debatable, only
 *   `skillsInclude` is checked.
 * - `issues` come only from the upstream-issue field (any of its spellings), never from the
 *   description or the expected outcome; `LFX URL:` goes to `links`, never to `issues`.
 * - a mentor's `handle` is the GitHub login without `@`; an e-mail address (plain, `AT`/`DOT`
 *   obfuscated, or autolinked) is never a handle and never part of a name.
 */
import { describe, it, expect } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { IdeaSchema, type Idea, type Mentor } from "../../src/ideas/schema.ts";

/** The corpus files, by the names this suite knows them by, in the bundled catalogue (data/cncf-mentoring). */
const BUNDLED: Record<string, string> = {
  "gsoc-2023.md": "summerofcode/2023.md",
  "gsoc-2024.md": "summerofcode/2024.md",
  "gsoc-2025.md": "summerofcode/2025.md",
  "lfx-2022-spring-readme.md": "lfx-mentorship/2022/01-Spring/README.md",
  "lfx-2023-term1-readme.md": "lfx-mentorship/2023/01-Mar-May/README.md",
  "lfx-2023-term2-ideas.md": "lfx-mentorship/2023/02-Jun-Aug/project_ideas.md",
  "lfx-2024-term2-readme.md": "lfx-mentorship/2024/02-Jun-Aug/README.md",
  "lfx-2025-term1-readme.md": "lfx-mentorship/2025/01-Mar-May/README.md",
  "lfx-2026-term2-readme.md": "lfx-mentorship/2026/02-Jun-Aug/README.md",
};
const corpusPath = (file: string) => fileURLToPath(new URL(`../../data/cncf-mentoring/programs/${BUNDLED[file]}`, import.meta.url));

/** GitHub logins: letters, digits and hyphens, 1-39 characters, not starting with a hyphen. */
const GITHUB_LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
const EMAIL = /[^\s@]+@[^\s@]+\.[a-z]{2,}/i;
const OBFUSCATED_EMAIL = /\b(AT|at)\b.*\b(DOT|dot)\b/;

interface IdeaExpectation {
  title: string;
  project: string;
  /** Defaults to null. */
  group?: string | null;
  /** 1-based line of the heading. */
  line: number;
  mentors?: Mentor[];
  mentorsStartWith?: Mentor[];
  handles?: (string | null)[];
  handlesInclude?: string[];
  names?: string[];
  skills?: string[];
  skillsInclude?: string[];
  issues?: string[];
  issuesStartWith?: string[];
  /** URLs that must be among `links` (and so not among `issues`). */
  links?: string[];
  /** Phrases the plain-text description must contain. */
  description?: string[];
  /** Phrases the plain-text description must not contain. */
  notInDescription?: string[];
  /** label pattern -> exact text of an `extra` field. */
  extra?: [RegExp, string][];
}

interface FileExpectation {
  file: string;
  count: number;
  /** Distinct projects (order irrelevant). */
  projects: string[];
  /** Every idea carries an LFX mentorship link. */
  everyIdeaHasLfxLink?: boolean;
  ideas: IdeaExpectation[];
}

const m = (name: string, handle: string | null): Mentor => ({ name, handle });

const FILES: FileExpectation[] = [
  // ---------------------------------------------------------------------------------------------
  // gsoc-2023.md: `## Project Ideas` (h2) > `### Template` (h3, code fence holding `###`/`####`
  // headings: not ideas) > bullet table of contents (links, not ideas) > `## Ideas` (h2) >
  // `### Project` (h3) > `#### Idea` (h4). No groups.
  {
    file: "gsoc-2023.md",
    count: 46,
    projects: [
      "Armada", "Cilium", "Cloud Native Buildpacks", "CoreDNS", "CRI-O", "Curve", "Falco", "in-toto",
      "Jaeger", "Keptn", "Knative", "KubeArmor", "Kubebuilder", "Kubescape", "KubeVela", "Meshery",
      "OpenFeature", "Prometheus", "Strimzi", "The Update Framework (TUF)", "WasmEdge",
    ],
    ideas: [
      {
        // Nested mentor list "  - Name, @login, email"; label typo "Recommend Skills".
        title: "Build interfaces around Postgres for Armada",
        project: "Armada",
        line: 114,
        mentors: [m("Kevin Hannon", "kannon92"), m("Geoffrey Wilson", "suprjinx")],
        skills: ["Go", "SQL"],
        issues: ["https://github.com/armadaproject/armada/issues/2121"],
        extra: [[/difficulty/i, "Hard"], [/size/i, "350 Hours"]],
      },
      {
        // Heading text differs in case from the TOC entry; mentors are separated by ". " and
        // have bare logins (too garbled to pin here; the global handle check still applies).
        title: "Remove Dependencies From Tetragon",
        project: "Cilium",
        line: 131,
        skills: ["Go", "Kubernetes"],
        issues: ["https://github.com/cilium/tetragon/issues/794"],
      },
      {
        // Mentors separated by ";" with "(email)" after the handle; two comma-separated issues.
        title: "Add DNS-over-QUIC (DoQ) and/or DNS-over-HTTP/3 (DoH3) support",
        project: "CoreDNS",
        line: 168,
        mentors: [m("Yong Tang", "yongtang"), m("Chris O'Haver", "chrisohaver")],
        skillsInclude: ["Golang"],
        issues: [
          "https://github.com/coredns/coredns/issues/5583",
          "https://github.com/coredns/coredns/issues/5539",
        ],
      },
      {
        // Handle written as a link "[@jasondellaluce](https://github.com/jasondellaluce/)".
        title: "Falco Playground: Web IDE for Security Rules with WebAssembly",
        project: "Falco",
        line: 234,
        mentors: [m("Jason Dellaluce", "jasondellaluce")],
        issues: ["https://github.com/falcosecurity/evolution/issues/262"],
      },
      {
        // Heading immediately followed by the field list (no blank line); the description goes on
        // in an unindented paragraph and a separate list outside the field list; label
        // "Mentor[s]:"; the mentor is a link whose text carries an obfuscated e-mail.
        title: "Build Standard KeptnTaskDefinition Library",
        project: "Keptn",
        line: 313,
        mentors: [m("Adam Gardner", "agardnerit")],
        skillsInclude: ["knowledge of CRDs"],
        issues: ["https://github.com/keptn-contrib/klt-tasks/issues/3"],
        description: ["Keptn Lifecycle Toolkit", "This project would build such a library"],
      },
      {
        // Three mentors, the last one after ", and"; e-mails obfuscated "x AT redhat DOT com".
        title: "Improving Observability in Knative Eventing",
        project: "Knative",
        line: 383,
        mentors: [
          m("Aleksander Slominski", "aslom"),
          m("Ansu Varghese", "aavarghese"),
          m("Lionel Villard", "lionelvillard"),
        ],
        skills: ["Python", "data science skills", "Golang", "Kubernetes"],
        issues: ["https://github.com/knative/eventing/issues/6247"],
      },
      {
        // JUDGEMENT: "Name(login, obfuscated email)" without "@": the login is still given.
        // Recommended Skills comes after Mentor(s) here; the expected outcome has a lazy
        // continuation line that must not leak into the description.
        title: "GitHub Actions for KubeArmor",
        project: "KubeArmor",
        line: 425,
        mentors: [
          m("Ankur Kothiwal", "Ankurk99"),
          m("Anurag Kumar", "kranurag7"),
          m("Barun Acharya", "daemon1024"),
        ],
        skills: ["Kubernetes", "GitHub Actions"],
        issues: ["https://github.com/kubearmor/KubeArmor/issues/1128"],
        description: ["Build a GitHub action"],
        notInDescription: ["generate a summary using baseline benchmark"],
      },
      {
        // Mentors are markdown links to GitHub profiles followed by "(x AT redhat DOT com)"; the
        // issue is an autolink; the expected outcome mentions other GitHub URLs (issue 2600
        // again and PR 3191) that are not issues of the idea.
        title: "Leverage Phase 2 Plugins API to allow creation and usage of external plugins",
        project: "Kubebuilder",
        line: 450,
        mentors: [m("Rashmi Gottipati", "rashmigottipati"), m("Bryce Palmer", "everettraven")],
        skills: ["Go"],
        issues: ["https://github.com/kubernetes-sigs/kubebuilder/issues/2600"],
      },
      {
        // Mentors are bare profile links; the size field is free text.
        title: "Design, build and document a generic security API",
        project: "Kubescape",
        line: 488,
        mentors: [m("Craig Box", "craigbox"), m("Ben Hirschberg", "slashben")],
        skills: ["Go", "OpenAPI"],
        issues: ["https://github.com/kubescape/kubescape/issues/1172"],
        extra: [[/size/i, "175h for API only, 350h for API + sample backend"]],
      },
      {
        // "[MeshModel]" is literal text (no link definition), not a link.
        title: "[MeshModel] Kubernetes Ontology Browser",
        project: "Meshery",
        line: 570,
        mentors: [m("Lee Calcote", "leecalcote"), m("Abhishek Kumar", "Abhishek-kumar09")],
        skills: ["Reactjs", "Golang", "Cuelang", "GraphQL", "OpenAPI Schema"],
        issues: ["https://github.com/meshery/meshery/issues/7465"],
      },
      {
        // Inline code in the heading: "Support OpenMetrics `_created` timestamp in Prometheus".
        title: "Support OpenMetrics _created timestamp in Prometheus",
        project: "Prometheus",
        line: 612,
        mentors: [
          m("Bartlomiej Plotka", "bwplotka"),
          m("Daniel Hrabovcak", "TheSpiritXIII"),
          m("Max Amin", "macxamin"),
        ],
        skills: ["Go", "protobuf", "Prometheus"],
        issues: ["https://github.com/prometheus/prometheus/issues/6541"],
      },
      {
        // Heading "#### `zlib` Plugin Support"; label "Mentors:"; "yiying at secondstate dot io".
        title: "zlib Plugin Support",
        project: "WasmEdge",
        line: 658,
        mentors: [m("Yi-Ying He", "q82419"), m("Hung-Ying Tai", "hydai")],
        skills: ["C/C++", "Rust", "WebAssembly"],
        issues: ["https://github.com/WasmEdge/WasmEdge/issues/2244"],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // gsoc-2024.md: `## Project Ideas` (h2) > `### Template` (code fence) > `### Proposals` (h3,
  // a container, not a project) > `#### Project` (h4) > `##### Idea` (h5). Mentors are nested
  // lists "  - Name (@login, email) - primary".
  {
    file: "gsoc-2024.md",
    count: 19,
    projects: [
      "CNCF GOSST", "Falco", "in-toto", "Jaeger", "Keptn", "Knative", "KubeArmor",
      "Kubernetes Gateway API", "LitmusChaos", "Meshery", "Prometheus", "Service Mesh Performance",
      "WasmEdge", "Open Cluster Management",
    ],
    ideas: [
      {
        // Second mentor has only an e-mail: handle null, and "dustiningram" must not be a handle.
        title:
          "CNCF and Google Open Source Security Team GSoC Collaboration - Enhancing Security Across CNCF Ecosystem",
        project: "CNCF GOSST",
        line: 36,
        mentors: [m("Nate Waddington", "nate-double-u"), m("Dustin Ingram", null)],
        skillsInclude: ["Security analysis", "CI/CD practices", "programming (preferably Go)"],
        issues: ["https://github.com/cncf/mentoring/issues/1196"],
      },
      {
        // "- primary" suffix on the first nested mentor.
        title: "Upgrading event-generator and automating Falco performance testing",
        project: "Falco",
        line: 54,
        mentors: [m("Jason Dellaluce", "jasondellaluce"), m("Aldo Lacuku", "alacuku")],
        issues: ["https://github.com/falcosecurity/evolution/issues/362"],
      },
      {
        // "Name @login (x AT redhat DOT com)  - primary" in a nested list.
        title: "Improving Wasm support in Knative Functions",
        project: "Knative",
        line: 124,
        mentors: [
          m("Aleksander Slominski", "aslom"),
          m("Matthias Wessendorf", "matzew"),
          m("Luke Kingland", "lkingland"),
        ],
        issues: ["https://github.com/knative/func/issues/2151"],
      },
      {
        // JUDGEMENT: "Upstream Issue: kubearmor/KubeArmor#992" is a GitHub shorthand, expanded to
        // its issue URL (the schema wants URLs; dropping it would lose the link).
        title: "Rancher Plugin Integration",
        project: "KubeArmor",
        line: 138,
        mentors: [
          m("Barun Acharya", "daemon1024"),
          m("Prashant Mishra", "primalpimmy"),
          m("Rudraksh Pareek", "DelusionalOptimist"),
          m("Anurag Kumar", "kranurag7"),
        ],
        skills: ["Rancher", "Grafana stack", "Javascript"],
        issues: ["https://github.com/kubearmor/KubeArmor/issues/992"],
      },
      {
        // Whole mentor wrapped in parentheses "(Lior Lieberman, @LiorLieberman)"; the title ends
        // with a period; the description has a nested list of its own.
        title: "Design and develop notification mechanism for ingress2gateway.",
        project: "Kubernetes Gateway API",
        line: 178,
        mentors: [m("Lior Lieberman", "LiorLieberman"), m("Mattia Lavacca", "mlavacca")],
        skills: ["Go", "Kubernetes"],
        issues: ["https://github.com/kubernetes-sigs/ingress2gateway/issues/131"],
        description: ["Ingress2gateway is a tool", "Warnings about partial conversions"],
      },
      {
        // Label typo "Mentors(s):".
        title: "Integration of Fuzzing Test Suites for LitmusChaos(ChaosCenter) with OSS-FUZZ",
        project: "LitmusChaos",
        line: 195,
        mentors: [m("Saranya Jena", "Saranya-jena"), m("Karthik S", "ksatchit")],
        skills: ["Golang", "Kubernetes"],
        issues: ["https://github.com/litmuschaos/litmus/issues/4425"],
      },
      {
        // Four mentors, the last one in a different format "Name @login (email)".
        title: "Move out of gogo/protobuf to protobuf with vtproto implementation",
        project: "Prometheus",
        line: 237,
        mentors: [
          m("Callum Styan", "cstyan"),
          m("Max Amin", "macxamin"),
          m("Bartek Plotka", "bwplotka"),
          m("Daniel Hrabovcak", "TheSpiritXIII"),
        ],
        skills: ["Go", "protobuf", "benchmarking"],
        issues: ["https://github.com/prometheus/prometheus/issues/11908"],
      },
      {
        // "Expected outcome:" followed by top-level items "- 1. Release VS Code Extension": the
        // fields after them must still be found.
        title: "Service Mesh Performance IDE Plugin",
        project: "Service Mesh Performance",
        line: 252,
        mentors: [m("Lee Calcote", "leecalcote"), m("Xin Huang", "gyohuangxin")],
        skills: ["Cuelang"],
        issues: ["https://github.com/service-mesh-performance/service-mesh-performance/issues/379"],
      },
      {
        // "- Description: " with the text on indented continuation lines, two paragraphs.
        title: "Scheduling AI workload among multiple clusters",
        project: "Open Cluster Management",
        line: 316,
        mentors: [m("Qing Hao", "haoqing0110"), m("Jian Qiu", "qiujian16")],
        skills: ["Golang", "Kubernetes", "Scheduling"],
        issues: ["https://github.com/open-cluster-management-io/ocm/issues/369"],
        description: ["Open Cluster Management (OCM) focuses", "GPU/TPU resources"],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // gsoc-2025.md: `## Project Ideas` > `### Template` (code fence) > `## Ideas` > TOC between
  // `<!-- TOC -->` comments > `#### Project` (h4) > `##### Idea` (h5). The TOC omits two ideas
  // that are in the body (Knative Functions, Meshery dashboard): the body is what counts.
  {
    file: "gsoc-2025.md",
    count: 23,
    projects: [
      "etcd", "Harbor", "Jaeger", "KCL", "Knative Functions", "Konveyor", "KubeArmor", "KubeBuilder",
      "KubeStellar", "Kubewarden", "Lima", "LitmusChaos", "Meshery", "Open Cluster Management", "ORAS",
      "The Update Framework (TUF)", "Vitess", "WasmEdge",
    ],
    ideas: [
      {
        // Labels without colon ("- Expected Outcome", "- Recommended Skills", "- Mentor(s)")
        // each holding a nested list; the issue is a link to a pull request whose text is a
        // sentence. Third mentor "TianYi(Tony) (@Kavinjsir)" has no e-mail (name not pinned).
        title: "Automating Operator Maintenance: Driving Better Results with Less Overhead",
        project: "KubeBuilder",
        line: 210,
        mentorsStartWith: [m("Camila Macedo", "camilamacedo86"), m("Varsha Prasad", "varshaprasad96")],
        handles: ["camilamacedo86", "varshaprasad96", "Kavinjsir"],
        skills: ["Golang", "GitHub Actions", "Software Automation", "CI/CD", "Git", "IA"],
        issues: ["https://github.com/kubernetes-sigs/kubebuilder/pull/4302"],
        description: ["Code-generation tools like Kubebuilder"],
      },
      {
        // " - Expected Project Size" indented by one space after a nested list; mentors with
        // "- Primary Mentor" / "- Secondary Mentor" suffixes.
        title: "Automating Benchmarking of KubeStellar Data-Plane",
        project: "KubeStellar",
        line: 244,
        mentors: [
          m("Braulio Dumba", "dumb0002"),
          m("Jim Cadden", "jimcadden"),
          m("Andy Anderson", "clubanderson"),
        ],
        skillsInclude: ["Kubernetes and container orchestration", "Cloud native AI/ML apps deployment"],
        issues: ["https://github.com/kubestellar/kubestellar/issues/2853"],
      },
      {
        // "-Description:" and "-Expected Behavior:" without a space are paragraphs, not list
        // items; skills "Kubernetes,React" without a space.
        title: "Extensibility of Meshery Dashboard: Enhance meshery dashboard with extensible widgets",
        project: "Meshery",
        line: 358,
        mentors: [m("Lee Calcote", "leecalcote"), m("Edward Corley", "codeSafari10")],
        skills: ["Golang", "Kubernetes", "React", "Azure", "well-written and well-spoken English"],
        issues: ["https://github.com/meshery/meshery/issues/14084"],
        description: ["All dashboard widgets in Meshery UI"],
      },
      {
        // Inline mentors whose parentheses contain commas: split between mentors only.
        title:
          "Distributed client-side inference (policy evaluation) with WebAssembly (WASM) and OPA in Meshery",
        project: "Meshery",
        line: 395,
        mentors: [m("Lee Calcote", "leecalcote"), m("James Horton", "hortison")],
        skills: ["WebAssembly", "Golang", "Open Policy Agent", "well-written and well-spoken English"],
        issues: ["https://github.com/meshery/meshery/issues/13555"],
      },
      {
        // Issue written as a link whose text is the shorthand "open-cluster-management-io/ocm#825".
        title: "Privacy-preserving and efficient AI model training across multi-cluster",
        project: "Open Cluster Management",
        line: 407,
        mentors: [m("Meng Yan", "yanmxa"), m("Qing Hao", "haoqing0110")],
        issues: ["https://github.com/open-cluster-management-io/ocm/issues/825"],
      },
      {
        // "Upstream Issues:" (plural) pointing at an issue list, not one issue.
        title: "Enhance Java ORAS SDK",
        project: "ORAS",
        line: 441,
        mentors: [m("Valentin Delaye", "jonesbusy"), m("Feynman Zhou", "FeynmanZhou")],
        skills: ["java", "oci"],
        issues: ["https://github.com/oras-project/oras-java/issues"],
      },
      {
        // Mentors without e-mail: "Lukas Pühringer (@lukpueh) - primary".
        title: "Snapshot Merkle trees",
        project: "The Update Framework (TUF)",
        line: 458,
        mentors: [m("Lukas Pühringer", "lukpueh"), m("Justin Cappos", "JustinCappos")],
        skills: ["Python", "data structures (merkle trees)"],
        issues: ["https://github.com/theupdateframework/taps/issues/134"],
      },
      {
        // "(@q82419 , yiying@...) - Primary": space before the comma.
        title: "Virtual filesystem security for WasmEdge plug-ins with exporting WASI APIs",
        project: "WasmEdge",
        line: 497,
        mentors: [m("YiYing He", "q82419"), m("Shen-Ta Hsieh", "ibmibmibm")],
        skills: ["C++", "WebAssembly"],
        issues: ["https://github.com/WasmEdge/WasmEdge/issues/4012"],
      },
      {
        // "yi (@0yi0 yi@secondstate.io)": no comma between handle and e-mail, handle starts with
        // a digit.
        title: "Use Runwasi with WasmEdge runtime to test multiple WASM apps as cloud services",
        project: "WasmEdge",
        line: 531,
        mentors: [m("Vincent", "CaptainVincent"), m("yi", "0yi0")],
        skills: ["Rust", "C++", "GDB", "git / github workflow", "shell script"],
        issues: ["https://github.com/WasmEdge/WasmEdge/issues/4011"],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // lfx-2022-spring-readme.md: `# Q1` > nested-list TOC > `## Timeline` > `## Accepted projects`
  // > `#### Project` (h4, no h3 at all) > `##### Idea` (h5); Kubernetes has two groups
  // `##### Kubernetes (SIG ...)` each holding a `###### Idea` (h6). Fields: plain, bold
  // (`**Description**:`), `Recommended Skills\*\*:`, `Mentor(-s):`, `Issue:`, `LFX URL:`.
  {
    file: "lfx-2022-spring-readme.md",
    count: 41,
    everyIdeaHasLfxLink: true,
    projects: [
      "LitmusChaos", "KubeArmor", "Chaos Mesh", "KubeVela", "WasmEdge", "Kyverno", "Kuma", "Karmada",
      "Kubernetes", "Elekto and Kubernetes SIG-ContribEx", "Vitess", "Tremor", "KubeEdge", "Thanos",
      "OpenTelemetry PHP", "Pixie", "Service Mesh Performance", "Meshery", "Service Mesh Interface",
    ],
    ideas: [
      {
        // Source defect: a second field block (the "mutating webhooks" idea, whose heading was
        // lost in this file) follows under the same heading. Still ONE idea; its own fields come
        // first. Only the first block is pinned here.
        title: "Extending kubearmor-cli-tool filtering options",
        project: "KubeArmor",
        line: 99,
        mentorsStartWith: [m("Barun Acharya", "daemon1024"), m("Rahul Jadhav", "nyrahul")],
        issuesStartWith: ["https://github.com/kubearmor/kubearmor-client/issues/40"],
        links: ["https://mentorship.lfx.linuxfoundation.org/project/aebb67b1-c918-4eee-8c25-df0cf7e38bee"],
      },
      {
        // Nested mentor list with role prefixes "Primary: [Nick Young](https://github.com/youngnick)".
        title: "Documentation assessment (SIG-Network Gateway API)",
        project: "Kubernetes",
        line: 279,
        mentors: [m("Nick Young", "youngnick"), m("Nate Waddington", "nate-double-u")],
        skillsInclude: ["Technical Writing", "Documentation", "English", "git/GitHub"],
        issues: ["https://github.com/kubernetes-sigs/gateway-api/issues/1003"],
        links: ["https://mentorship.lfx.linuxfoundation.org/project/0e4c9797-2dc5-4621-b46a-f1b7371a2495"],
      },
      {
        // h6 idea under the h5 group; bold labels; the description continues in an unindented
        // paragraph after a blank line (outside the list).
        title: "Creating Katacoda Scenarios To Help New Contributors",
        project: "Kubernetes",
        group: "Kubernetes (SIG Contribex: Mentoring Subproject)",
        line: 314,
        mentors: [m("Debabrata Panigrahi", "Debanitrkl"), m("Madhav Jivrajani", "MadhavJivrajani")],
        skills: ["Technical Writing", "Kubernetes", "Golang (preferred but not required)"],
        issues: ["https://github.com/kubernetes/community/issues/5576"],
        description: ["There are various Katacoda scenarios", "This internship involves improving"],
      },
      {
        // Mentors "Ankita Swamy(@Ankitasw),Geetika Batra(@geetikabatra)": no spaces at all.
        title: "Improvising unit test coverage(CAPV)",
        project: "Kubernetes",
        group: "Kubernetes (SIG Cluster Lifecycle)",
        line: 327,
        mentors: [m("Ankita Swamy", "Ankitasw"), m("Geetika Batra", "geetikabatra")],
        skills: ["Golang", "GitHub", "Test", "Automation", "CI/CD pipelines"],
        issues: ["https://github.com/kubernetes-sigs/cluster-api-provider-vsphere/issues/1392"],
      },
      {
        // "**Issue**: [Implement Security Recommendations](url)"; skills as a nested list.
        title: "Elections Security Improvements",
        project: "Elekto and Kubernetes SIG-ContribEx",
        line: 337,
        mentors: [m("Josh Berkus", "jberkus")],
        skills: [
          "Python/Flask programming",
          "Understand basic HTML/CSS",
          "Moderate knowledge of SQL and database migrations",
          "How to use basic cryptographic functions available in existing libraries",
        ],
        issues: ["https://github.com/elekto-io/elekto/issues/51"],
      },
      {
        // Mentors are names only (no handle at all); "Upstream Issue (URL):<url>" without a space.
        title: "Database Connectors",
        project: "Tremor",
        line: 361,
        mentors: [m("Matthias Wahl", null), m("Darach Ennis", null)],
        skills: ["Rust", "Databases", "Testing"],
        issues: ["https://github.com/tremor-rs/tremor-runtime/issues/1453"],
      },
      {
        // Label "Mentor(-s):"; the description mentions another GitHub issue URL.
        title: "Run a community Thanos demo instance",
        project: "Thanos",
        line: 413,
        mentors: [m("Giedrius Statkevičius", "GiedriusS"), m("Wiard van Rij", "wiardvanrij")],
        skills: ["Linux", "Ansible", "Python", "Shell Scripting"],
        issues: ["https://github.com/thanos-io/thanos/issues/4606"],
      },
      {
        // Mentors are bare handles "@bobstrecansky, @tidal, @brettmc" (names not pinned); the
        // "issue" is a project board URL.
        title: "Help drive OpenTelemetry PHP to Beta",
        project: "OpenTelemetry PHP",
        line: 423,
        handles: ["bobstrecansky", "tidal", "brettmc"],
        skills: ["PHP"],
        issues: ["https://github.com/open-telemetry/opentelemetry-php/projects/1"],
      },
      {
        // Two autolinked issues separated by ", ".
        title: "Add support for new protocols in protocol tracer",
        project: "Pixie",
        line: 433,
        mentors: [m("Omid Azizi", "oazizi000")],
        skills: ["C++"],
        issues: [
          "https://github.com/pixie-io/pixie/issues/332",
          "https://github.com/pixie-io/pixie/issues/341",
        ],
      },
      {
        // "Lee Calcote ([@lcalcote](https://twitter.com/lcalcote))" is a Twitter handle (left
        // unpinned); the second mentor's login comes from an http://github.com/ link.
        title: "Definition of MeshMark",
        project: "Service Mesh Performance",
        line: 443,
        names: ["Lee Calcote", "Aditya Chatterjee"],
        issues: ["https://github.com/service-mesh-performance/service-mesh-performance/issues/227"],
      },
      {
        // Label "Recommended Skills\*\*:" (escaped asterisks); issue "[url](url)".
        title: "Conformance Program",
        project: "Service Mesh Interface",
        line: 471,
        names: ["Lee Calcote", "Abhishek Kumar"],
        skills: ["Golang", "ReactJS", "GitHub Actions"],
        issues: ["https://github.com/servicemeshinterface/smi-spec/issues/70"],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // lfx-2023-term1-readme.md: `# Term` > table > `### Project Instructions` / `### Application
  // instructions` (no fields: not ideas) > nested-list TOC > `## Accepted Projects` >
  // `### Project` (h3) > `#### Idea` (h4); Kubernetes has groups `#### Cluster API Provider ...`
  // with `##### Idea` (h5). Source defect: `#### Meshery` was written at h4 under
  // `### KubeEdge`, so by heading structure Meshery is a GROUP of KubeEdge (indistinguishable from
  // the CAPG/CAPA groups) and the idea after it at h4 is a plain KubeEdge idea.
  {
    file: "lfx-2023-term1-readme.md",
    count: 65,
    everyIdeaHasLfxLink: true,
    projects: [
      "Cilium", "Cloud Native Buildpacks", "CNCF Landscape", "CNCF Tag Contributor Strategy - ii",
      "CNCF TAG Network", "Cortex", "Harbor", "Kubernetes", "Kubescape", "KubeVela", "Kyverno",
      "Karmada", "Konveyor", "KubeArmor", "Kubewarden", "KubeEdge", "Linkerd", "LitmusChaos", "NATS",
      "Notary", "OpenKruise", "ORAS", "Service Mesh Performance", "TestGrid", "Thanos", "Vitess",
      "WasmEdge",
    ],
    ideas: [
      {
        // Mentors separated by ";", the third one with e-mail BEFORE the handle; two issues joined
        // by " and ".
        title: "Multi-Architecture Builds Support",
        project: "Cloud Native Buildpacks",
        line: 153,
        mentors: [
          m("Aidan Delaney", "AidanDelaney"),
          m("Jerico Pena", "jpena-r7"),
          m("Juan Bustamante", "jjbustamante"),
        ],
        issues: [
          "https://github.com/buildpacks/pack/issues/1459",
          "https://github.com/buildpacks/pack/issues/1460",
        ],
        extra: [[/difficulty/i, "Medium"]],
      },
      {
        // "Mentors: Name email, Name @login email, ...": bare e-mails, no parentheses.
        // Label "Upstream issue:" in lower case.
        title: "UX UI improvement",
        project: "CNCF Landscape",
        line: 166,
        mentors: [
          m("Andrea Velázquez", null),
          m("Nate W.", "nate-double-u"),
          m("Chris Aniszczyk", "caniszczyk"),
        ],
        skillsInclude: ["Design Thinking"],
        issues: ["https://github.com/cncf/landscape/issues/2467"],
      },
      {
        // Labels "Mentor:" (singular) and "Issue:".
        title: "Mentoring Workspaces - GITHUBUSER.PROJECT.cncf.io (w/ VSCode)",
        project: "CNCF Tag Contributor Strategy - ii",
        line: 184,
        mentors: [m("Hippie Hacker", "hh")],
        skills: ["shell", "terminals", "VSCode", "k8s", "System Administration"],
        issues: ["https://github.com/sharingio/pair/issues/173"],
      },
      {
        // Two "Mentor(s):" lines, the first one "vb@container-registry.com@Vad1mo @wy65701436
        // @OrlinVasilev": an e-mail glued to a handle.
        title: "Regex replication rules",
        project: "Harbor",
        line: 244,
        handlesInclude: ["Vad1mo", "wy65701436", "OrlinVasilev"],
        issues: ["https://github.com/goharbor/harbor/issues/8614"],
      },
      {
        // Three issues separated by spaces (one not on GitHub); mentors
        // "Vadim Bauer, vb@...); @wy65701436 - Yan Wang(wangyan@vmware.com);" with stray ")" and a
        // trailing ";".
        title: "Implement per project and/or for the whole instance vulnerability overview",
        project: "Harbor",
        line: 263,
        mentors: [m("Vadim Bauer", null), m("Yan Wang", "wy65701436")],
        issues: [
          "https://github.com/goharbor/harbor/issues/16680",
          "https://github.com/goharbor/harbor/issues/10496",
          "https://dso.docker.com/explore?search=pkgs",
        ],
      },
      {
        // Group heading; labels "Recommend Skills" and "Mentors(s)"; "(@login email)" without comma.
        title: "Add telemetry and profiling support",
        project: "Kubernetes",
        group: "Cluster API Provider GCP (CAPG)",
        line: 285,
        mentors: [m("Carlos Panato", "cpanato"), m("Richard Case", "richardcase")],
        skills: ["Golang", "Kubernetes"],
        issues: ["https://github.com/kubernetes-sigs/cluster-api-provider-gcp/issues/810"],
      },
      {
        title: "Reimagining how we handle AWS account preparation",
        project: "Kubernetes",
        group: "Cluster API Provider AWS (CAPA)",
        line: 296,
        mentors: [m("Richard Case", "richardcase")],
        issues: ["https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/3715"],
      },
      {
        // Two mentors with no separator but a space: "(...) Zeng Qingguo (...)".
        title: "Support auto generation of multiple languages SDK from CUE",
        project: "KubeVela",
        line: 355,
        mentors: [m("Qiao Zhongpei", "chivalryq"), m("Zeng Qingguo", "barnettZQG")],
        skills: ["Go", "Kubernetes", "CUE"],
        issues: ["https://github.com/kubevela/kubevela/issues/5365"],
      },
      {
        // Source heading-level defect (see file comment): group "Meshery" under KubeEdge.
        // Second mentor has an e-mail only.
        title: "Distributed workflow engine",
        project: "KubeEdge",
        group: "Meshery",
        line: 552,
        mentors: [m("Lee Calcote", "leecalcote"), m("Ashish Tiwari", null)],
        skills: ["Golang", "Temporal", "ReactJS"],
        issues: ["https://github.com/meshery/meshery/issues/3934"],
      },
      {
        // h4 after the h4 "Meshery" group: back at idea level of KubeEdge, no group.
        title: "Distributed client-side policy evaluation in WASM and Rego",
        project: "KubeEdge",
        group: null,
        line: 568,
        mentors: [m("Lee Calcote", "leecalcote"), m("Ashish Tiwari", null)],
        issues: ["https://github.com/meshery/meshery/issues/7019"],
      },
      {
        // Three comma-separated issues.
        title: "Linkerd Dashboard Improvements",
        project: "Linkerd",
        line: 578,
        mentors: [m("Oliver Gould", "olixOr"), m("Alex Leong", "adleong")],
        issues: [
          "https://github.com/linkerd/linkerd2/issues/7865",
          "https://github.com/linkerd/linkerd2/issues/9243",
          "https://github.com/linkerd/linkerd2/issues/9554",
        ],
      },
      {
        // "Mentor:" with two mentors separated only by two spaces.
        title: "Improve code quality and add unit tests of litmus chaos components",
        project: "LitmusChaos",
        line: 606,
        mentors: [m("Amit Kumar Das", "amityt"), m("Sayan Mondal", "S-ayanide")],
        skills: ["Golang", "Kubernetes"],
        issues: ["https://github.com/litmuschaos/litmus/issues/3892"],
      },
      {
        // Trailing ", " after the only mentor: no empty second mentor.
        title: "Develop ORAS Website",
        project: "ORAS",
        line: 670,
        mentors: [m("Feynman Zhou", "FeynmanZhou")],
        skillsInclude: ["HTML", "Javascript", "CSS"],
        issues: ["https://github.com/oras-project/oras-www/issues/82"],
      },
      {
        // "LFX URL: ..." is NOT a list item: it is a lazy continuation line of the
        // "Upstream Issue (URL)" item. It must become a link, not a second issue. The description
        // continues in an unindented paragraph.
        title: "Adaptive Load Controller II",
        project: "Service Mesh Performance",
        line: 681,
        mentors: [m("Lee Calcote", "leecalcote"), m("Xin Huang", "gyohuangxin")],
        skills: ["golang", "grpc", "docker", "kubernetes"],
        issues: ["https://github.com/service-mesh-performance/service-mesh-performance/issues/350"],
        links: ["https://mentorship.lfx.linuxfoundation.org/project/2597fc3d-eb2c-411f-b02d-940c8347328d"],
        description: ["The adaptive load controller", "A use-case that fits very well"],
      },
      {
        // Label typo "Upstraeam Issue:"; mentor "[Manan Gupta](github link) (email)".
        title: "Add complete parsing support for Spatial MySQL functions",
        project: "Vitess",
        line: 741,
        mentors: [m("Manan Gupta", "GuptaManan100")],
        issues: ["https://github.com/vitessio/vitess/issues/8604"],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // lfx-2023-term2-ideas.md: only a Template inside a code fence and an empty "Proposed Project
  // ideas" section: no idea at all.
  { file: "lfx-2023-term2-ideas.md", count: 0, projects: [], ideas: [] },

  // ---------------------------------------------------------------------------------------------
  // lfx-2024-term2-readme.md: `# Term` > `### Timeline|Project Instructions|Application
  // instructions` > `## Accepted projects` + TOC list > `### Project` (h3) > `#### Idea` (h4).
  // Source defects: three ideas are written at h3, the project level: "### Add GUAC support"
  // right after "### in-toto" (which has no content of its own, and is followed by two h4 in-toto
  // ideas), and two LitmusChaos ideas after "### LitmusChaos"'s own h4 idea. By reading they all
  // belong to the previous project heading.
  {
    file: "lfx-2024-term2-readme.md",
    count: 48,
    everyIdeaHasLfxLink: true,
    projects: [
      "Cilium", "CNCF TAG Network", "Copacetic", "Crossplane", "Harbor", "in-toto", "Jaeger",
      "Karmada", "KCL", "Knative", "KubeArmor", "KubeEdge", "Kubernetes", "Kubescape", "Kubespray",
      "KWOK", "LitmusChaos", "Meshery", "OpenKruise", "Prometheus", "Service Mesh Performance",
      "Thanos", "TUF", "Vitess", "WasmEdge",
    ],
    ideas: [
      {
        // JUDGEMENT: "Paul Arah(paularah, <email>)": bare login in the login slot; autolinked e-mail.
        title: "Cilium Technical Outcomes",
        project: "Cilium",
        line: 97,
        mentors: [m("Paul Arah", "paularah"), m("Bill Mulligan", "xmulligan")],
        issues: ["https://github.com/cilium/cilium.io/issues/492"],
      },
      {
        // Role in its own parentheses before the handle: "Jared Watts (primary) (@jbw976, ...)".
        title: "Make Crossplane Easy - Improving the Developer Experience",
        project: "Crossplane",
        line: 158,
        mentors: [m("Jared Watts", "jbw976"), m("Ezgi Demirel", "ezgidemirel")],
        skills: ["Go", "Kubernetes", "Crossplane", "CLI tools", "passion for DevEx"],
        issues: ["https://github.com/crossplane/crossplane/issues/3957"],
      },
      {
        // Idea heading at the PROJECT level (h3) directly after the empty "### in-toto".
        title: "Add GUAC support",
        project: "in-toto",
        line: 202,
        mentors: [m("Santiago Torres-Arias", "SantiagoTorres"), m("Pradyumna Krishna", "PradyumnaKrishna")],
        skills: ["Go", "Python"],
        issues: ["https://github.com/in-toto/attestation-verifier/issues/29"],
      },
      {
        // h4 whose parent heading is the h3 IDEA above: its project is still in-toto, not
        // "Add GUAC support". Mentors "Name @login email"; issues as a nested list; the
        // description is a nested list item.
        title: "Documentation Boost!",
        project: "in-toto",
        group: null,
        line: 213,
        mentors: [
          m("Justin Cappos", "JustinCappos"),
          m("Patrice Chalin", "chalin"),
          m("Lukas Pühringer", "lukpueh"),
        ],
        skills: ["Technical writing", "Basic understanding of cloud native projects (or a desire to learn!)"],
        issues: [
          "https://github.com/in-toto/docs/issues/85",
          "https://github.com/in-toto/docs/issues/90",
          "https://github.com/in-toto/docs/issues/91",
          "https://github.com/in-toto/docs/issues/92",
        ],
        description: ["Help contributors get started"],
      },
      {
        // Third mentor "Yash Sharma (yashrsharma44@meta.com)": e-mail only, handle null. The three
        // Jaeger-V2 ideas share one upstream issue and must still be three ideas with three ids.
        title: "Jaeger-V2 Observability and Healthchecks",
        project: "Jaeger",
        line: 249,
        mentors: [m("Yuri Shkuro", "yurishkuro"), m("Jonah Kowall", "jkowall"), m("Yash Sharma", null)],
        skills: ["Go", "scripting", "CI/CD"],
        issues: ["https://github.com/jaegertracing/jaeger/issues/5240"],
      },
      {
        // "Upstream Issue:" with the URL on the next (indented) line; "(@Leo6Leo,leoli@...)".
        title: "Improve Knative Eventing Onboarding",
        project: "Knative",
        line: 337,
        mentors: [m("Leo Li", "Leo6Leo"), m("Mariana Mejia", "mmejia02")],
        skills: ["User Research", "Communication", "Technical Writing", "Content Design"],
        issues: ["https://github.com/knative/ux/issues/130"],
      },
      {
        // Skills wrap over three lines and contain links; "(@jeremyrickard jrickard@...)".
        title: "Update Image Signing to Meet New Infra Requirements",
        project: "Kubernetes",
        line: 436,
        mentors: [
          m("Adolfo García Veytia", "puerco"),
          m("Jeremy Rickard", "jeremyrickard"),
          m("Marko Mudrinić", "xmudrii"),
          m("Meha Bhalodiya", "mehabhalodiya"),
        ],
        skillsInclude: [
          "Go programming",
          "strong container architecture and registry fundamentals",
          "familiarity with sigstore",
        ],
        issues: [
          "https://github.com/kubernetes/registry.k8s.io/issues/187",
          "https://github.com/kubernetes/release/issues/2962",
        ],
      },
      {
        // Issue written as "[kubescape/Kubescape#1666](https://github.com/kubescape/kubescape/issues/1666)".
        title: "Advanced Kubescape plugin features for VSCode",
        project: "Kubescape",
        line: 465,
        mentors: [m("Ben Hirschberg", "slashben"), m("David Wertenteil", "dwertent")],
        issues: ["https://github.com/kubescape/kubescape/issues/1666"],
      },
      {
        // JUDGEMENT: "Shiming Zhang (wzshiming, <wzshiming@hotmail.com>)": bare login, autolinked e-mail.
        title: "Enhancement of Test Cases",
        project: "KWOK",
        line: 510,
        mentors: [m("Shiming Zhang", "wzshiming"), m("Zhenghao Zhu", "Zhuzhenghao")],
        skills: ["Golang", "Kubernetes"],
        issues: ["https://github.com/kubernetes-sigs/kwok/issues/1062"],
      },
      {
        // h3 idea after "### LitmusChaos" and its h4 idea: still LitmusChaos. Label "Mentors(s):".
        title:
          "Enhancements in Chaoscenter: GitOps Support for Azure Git, Group Chaos Infra by Environments in Infrastructure Selection Modal",
        project: "LitmusChaos",
        line: 548,
        mentors: [
          m("Shubham Chaudhary", "ispeakc0de"),
          m("Amit Das", "amityt"),
          m("Sahil Kumar", "SahilKr24"),
        ],
        skills: ["Golang", "Kubernetes", "ReactJS"],
        issues: ["https://github.com/litmuschaos/litmus/issues/4633"],
      },
      {
        title: "Implementing Upgrade Agent Support in Litmus 3.x",
        project: "LitmusChaos",
        line: 563,
        mentors: [m("Saranya Jena", "Saranya-jena"), m("Sarthak Jain", "SarthakJain26")],
        skills: ["Golang", "Kubernetes"],
        issues: ["https://github.com/litmuschaos/litmus/issues/4632"],
      },
      {
        // The mentors are a NESTED item of "Recommended Skills", labelled "Mentor Name:", with a
        // trailing comma. They must not end up in the skills.
        title: "Meshery: End-to-End Testing with Playwright",
        project: "Meshery",
        line: 593,
        mentors: [m("Aabid Sofi", "aabidsofi19"), m("Lee Calcote", "leecalcote")],
        skills: [
          "JavaScript",
          "Playwright",
          "GitHub Workflows",
          "Jekyll",
          "Markdown",
          "familiarity with React or Nextjs would be helpful",
          "CI/CD",
        ],
        issues: ["https://github.com/meshery/meshery/issues/10890"],
      },
      {
        // Third "mentor" item is prose ("Nico Pazos and Alex Greenbank from Grafana also available
        // to help"): only the first two are pinned; first item ends with a stray comma.
        title: "Prometheus Remote Write Benchmarking Capabilities",
        project: "Prometheus",
        line: 637,
        mentorsStartWith: [m("Callum Styan", "cstyan"), m("Jesús Vázquez", "jesusvazquez")],
        issues: ["https://github.com/prometheus/prometheus/issues/13995"],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // lfx-2025-term1-readme.md: `# Term` > `### Timeline|...` > `## Table of Contents` (TOC list
  // between `<!-- TOC -->`) > `## Projects` > `### Project` (h3) > `#### Idea` (h4). No groups.
  // Odd cases: descriptions without a label (plain paragraphs right under the heading: Thanos,
  // TUF, Vitess); KubeStellar labels without colon and "Description" as a bare paragraph; an
  // italic or plain "CNCF - X: ... (2025 Term 1)" line under some headings; "GitHub Issue:" label;
  // "Mentor(s): #"; mentors as top-level sibling items; LFX links on crowdfunding.lfx.
  {
    file: "lfx-2025-term1-readme.md",
    count: 67,
    everyIdeaHasLfxLink: true,
    projects: [
      "Antrea", "Envoy Gateway", "Harbor", "Headlamp (a Kubernetes UI)", "Inspektor Gadget", "Istio",
      "Jaeger", "Karmada", "KCL", "Kmesh", "Knative", "KubeArmor", "KubeEdge", "KubeStellar", "Kyverno",
      "LitmusChaos", "Meshery", "Microcks", "OpenKruise", "Prometheus", "Thanos", "TUF", "Vitess",
      "Volcano", "WasmEdge",
    ],
    ideas: [
      {
        // Obfuscated e-mail "craig.box AT gee-mail".
        title: "Improve documentation build infrastructure",
        project: "Istio",
        line: 339,
        mentors: [m("Craig Box", "craigbox")],
        skills: ["Systems engineering", "scripting", "programming (Go/Bash)", "Hugo templating"],
        issues: ["https://github.com/istio/istio.io/issues/15463"],
      },
      {
        // "ZhenCheng Li(@LiZhenCheng9527, ...)," trailing comma inside a nested item.
        title: "Re-design and implement the Kmesh website",
        project: "Kmesh",
        line: 477,
        mentors: [m("ZhenCheng Li", "LiZhenCheng9527"), m("Zhonghu Xu", "hzxuzhonghu")],
        skills: ["JS", "Kmesh", "Html"],
        issues: ["https://github.com/kmesh-net/website/issues/115"],
      },
      {
        // "Description" is a bare paragraph (no list, no colon) with the text on the next line;
        // "- Mentor(s)" has no colon. JUDGEMENT: "Braulio Dumba (dumb0002, email)" bare login.
        title: "Implement a Binding Policy Backend to Support UI Frontend",
        project: "KubeStellar",
        line: 663,
        mentors: [m("Andy Anderson", "clubanderson"), m("Braulio Dumba", "dumb0002")],
        issues: ["https://github.com/kubestellar/ui/issues/53"],
        description: ["implementing the backend API for managing Binding Policies"],
      },
      {
        // Label "GitHub Issue:" holding a titled link.
        title: "Chainsaw Tests For New Policy Types",
        project: "Kyverno",
        line: 789,
        mentors: [m("Charles-Edouard Brétéché", "eddycharly")],
        skills: ["Golang", "Kubernetes", "ValidatingAdmissionPolicy"],
        issues: ["https://github.com/kyverno/kyverno/issues/12065"],
      },
      {
        // "Jim Bugwadia [@JimBugwadia](https://github.com/JimBugwadia)".
        title: "Sample Policies For New Policy Types",
        project: "Kyverno",
        line: 797,
        mentors: [m("Jim Bugwadia", "JimBugwadia")],
        skills: ["Golang", "Kubernetes", "ValidatingAdmissionPolicy", "MutatingAdmissionPolicy"],
        issues: ["https://github.com/kyverno/kyverno/issues/12085"],
      },
      {
        // Plain "CNCF - LitmusChaos: ..." line between heading and fields; colon and slash in title.
        title: "Enhancing CI/CD Integration for LitmusChaos: SDK Development and Chaos-CI-Lib Revamp",
        project: "LitmusChaos",
        line: 814,
        mentors: [m("Shubham Chaudhary", "ispeakc0de"), m("Vedant Shrotria", "Jonsy13")],
        issues: ["https://github.com/litmuschaos/litmus/issues/5038"],
      },
      {
        // LFX link on crowdfunding.lfx.linuxfoundation.org.
        title: "Meshery Model Support for kro ResourceGraphDefinitions (RGDs)",
        project: "Meshery",
        line: 864,
        mentors: [m("Lee Calcote", "leecalcote"), m("Mia Grenell", "miacycle")],
        issues: ["https://github.com/meshery/meshery/issues/13520"],
        links: ["https://crowdfunding.lfx.linuxfoundation.org/projects/2ce4cf0b-05e0-430a-b9e1-3df46d917ef6"],
      },
      {
        // "@JulienBreux has started..." in the expected outcome is not a mentor entry (he is also
        // the third real mentor: exactly three mentors).
        title: "Improving Microcks CLI",
        project: "Microcks",
        line: 904,
        mentors: [
          m("Yacine Kheddache", "yada"),
          m("Laurent Broudoux", "lbroudoux"),
          m("Julien Breux", "JulienBreux"),
        ],
        issues: ["https://github.com/microcks/microcks-cli/issues/97"],
      },
      {
        // No "Description:" label: the description is the paragraphs under the heading.
        // "Mentor(s): #" followed by a nested list.
        title: "Add support for new PromQL aggregations",
        project: "Thanos",
        line: 1073,
        mentors: [m("Giedrius Statkevičius", "GiedriusS"), m("Saswata Mukherjee", "saswatamcode")],
        skills: ["Go programming language experience"],
        issues: ["https://github.com/thanos-io/promql-engine/issues/515"],
        description: ["has its own PromQL"],
      },
      {
        // Unlabelled description; "Mentor(s): # " then "- primary" suffix.
        title: "Metadata Repository Visualization",
        project: "TUF",
        line: 1091,
        mentors: [m("Lukas Pühringer", "lukpueh"), m("Jussi Kukkonen", "jku")],
        skills: ["Front-end web development", "Information Visualization"],
        issues: ["https://github.com/theupdateframework/specification/issues/312"],
        description: ["metadata repository consists of signed metadata files"],
      },
      {
        // Mentors are TOP-LEVEL sibling items after an empty "- Mentor(s):" item.
        title: "Enhance flag support across Vitess Components",
        project: "Vitess",
        line: 1109,
        mentors: [m("Deepthi Sigireddi", "deepthi"), m("Rohit Nayak", "rohit-nayak-ps")],
        skills: ["golang"],
        issues: ["https://github.com/vitessio/vitess/issues/17687"],
        description: ["Flags are widely used in Vitess"],
      },
      {
        // Empty "Recommended Skills:".
        title: "Implement a new WasmEdge installer in Rust",
        project: "WasmEdge",
        line: 1179,
        mentors: [m("Hung-Ying Tai", "hydai")],
        skills: [],
        issues: ["https://github.com/WasmEdge/WasmEdge/issues/3990"],
      },
      {
        // Apostrophe in the title; non-ASCII mentor name.
        title: "Implement component model's validator",
        project: "WasmEdge",
        line: 1192,
        mentors: [m("Lîm Tsú-thuàn", "dannypsnl")],
        issues: ["https://github.com/WasmEdge/WasmEdge/issues/3966"],
      },
    ],
  },

  // ---------------------------------------------------------------------------------------------
  // lfx-2026-term2-readme.md: `# Term` > `### Timeline|...` > `## Table of Contents` > `##
  // Accepted Projects` > `### Project` (h3) > `#### Idea` (h4), with groups `#### Headlamp`,
  // `#### SIG Node / node-readiness-controller` (Kubernetes), `#### AgentCube`, `#### kthena`
  // (Volcano) holding `##### Idea` (h5); in Volcano two plain h4 ideas come BEFORE the groups.
  // Almost every idea has a plain "CNCF - X: ... (2026 Term 2)" line under its heading.
  {
    file: "lfx-2026-term2-readme.md",
    count: 65,
    everyIdeaHasLfxLink: true,
    projects: [
      "Chaos Mesh", "Harbor", "Jaeger", "Karmada", "kgateway", "Kmesh", "Knative Functions",
      "Koordinator", "krkn - Chaos", "Kuadrant", "KubeArmor", "KubeEdge", "Kubernetes", "Kubescape",
      "KubeSlice", "KubeVela", "Kyverno", "Lima", "Meshery", "Microcks", "OpenEverest", "OpenKruise",
      "OpenTelemetry", "PipeCD", "urunc", "Volcano", "WasmEdge",
    ],
    ideas: [
      {
        // Bold labels with the colon inside: "**Description:**", "**Mentors:**"; quotes in title.
        title: 'AI-Powered Trace Analysis: Phase 2 - Self-Service "Skills" Framework',
        project: "Jaeger",
        line: 220,
        mentors: [m("Jonah Kowall", "jkowall"), m("Yuri Shkuro", "yurishkuro")],
        issues: ["https://github.com/jaegertracing/jaeger/issues/8440"],
        description: ["Self-Service Skills"],
      },
      {
        // Nested skill list, one skill per item; issue URL with an #issuecomment fragment (kept).
        title: "Build Karmada Agent Skills",
        project: "Karmada",
        line: 267,
        mentors: [m("Zhen Chang", "XiShanYongYe-Chang"), m("Hongcai Ren", "RainbowMango")],
        skills: [
          "Kubernetes and multi-cluster orchestration concepts",
          "Familiarity with Karmada policies and components",
          "YAML and Markdown authoring",
          "Python or Go for helper scripts",
          "Bash/shell scripting",
          "CI/testing for open-source repositories",
          "Experience using AI coding agents or designing agent skills",
        ],
        issues: ["https://github.com/karmada-io/community/issues/190#issuecomment-4248950867"],
      },
      {
        // JUDGEMENT: "Yash Israni (yashisrani, email)," bare logins, trailing comma.
        title: "Integrating Kmesh into Headlamp UI",
        project: "Kmesh",
        line: 329,
        mentors: [m("Yash Israni", "yashisrani"), m("Jayesh Savaliya", "jayesh9747")],
        issues: ["https://github.com/kmesh-net/kmesh/issues/1658"],
      },
      {
        // Two issues separated by " , ".
        title: "Plugin-level Cache and Nominator Shared Across Scheduler Profiles",
        project: "Koordinator",
        line: 422,
        mentors: [m("Rougang Han", "saintube"), m("Jianyu Wang", "ZiMengSheng")],
        issues: [
          "https://github.com/koordinator-sh/koordinator/issues/2749",
          "https://github.com/koordinator-sh/koordinator/issues/1959",
        ],
      },
      {
        // Project heading "krkn - Chaos"; handles followed by " ," ("(@rh-rahulshetty , email)").
        title: "Automated Documentation Sync Bot for Krkn-Chaos Projects",
        project: "krkn - Chaos",
        line: 469,
        mentors: [
          m("Rahul Shetty", "rh-rahulshetty"),
          m("Naga Ravi Chaitanya Elluri", "chaitanyaenr"),
          m("Darshan Jain", "ddjain"),
        ],
        issues: ["https://github.com/krkn-chaos/website/issues/320"],
      },
      {
        // "Upstream Issue:" as a nested list; second entry is not a GitHub URL.
        title:
          "KubeArmor Supply Chain Security with SLSA Level 3 Compliance and OpenSSF Scorecard Hardening",
        project: "KubeArmor",
        line: 605,
        mentors: [
          m("Rishabh Soni", "rootxrishabh"),
          m("Aryan Sharma", "Aryan-sharma11"),
          m("Ramakant Sharma", "rksharma95"),
          m("Barun Acharya", "daemon1024"),
        ],
        issues: [
          "https://github.com/kubearmor/KubeArmor/issues/1164",
          "https://securityscorecards.dev/viewer/?uri=github.com/kubearmor/KubeArmor",
        ],
      },
      {
        // h5 idea in the h4 group "Headlamp"; description starts on a 1-space-indented line;
        // the issue URL is on the line after "Upstream Issue:".
        title: "Add Agones to Headlamp: Kubernetes Game Server Management UI",
        project: "Kubernetes",
        group: "Headlamp",
        line: 733,
        mentors: [
          m("Rene Dudfield", "illume"),
          m("Ashu Ghildiyal", "ashu8912"),
          m("Mark Mandel", "markmandel"),
          m("Thomas Lacroix", "lacroixthomas"),
        ],
        issues: ["https://github.com/kubernetes-sigs/headlamp/issues/5261"],
        description: ["Agones is a Kubernetes-native platform"],
      },
      {
        // Group with a slash; issue link text "sigs.k8s.io/node-readiness-controller#182".
        title: "Advanced Observability: Per-Rule Metrics and Headlamp Plugin",
        project: "Kubernetes",
        group: "SIG Node / node-readiness-controller",
        line: 905,
        mentors: [
          m("Avinesh Tripathi", "AvineshTripathi"),
          m("Karthik K N", "Karthik-K-N"),
          m("Ajay Sundar Karuppasamy", "ajaysundark"),
        ],
        issues: ["https://github.com/kubernetes-sigs/node-readiness-controller/issues/182"],
      },
      {
        // "Name (email: x@y, github: login)" for three mentors on ONE nested line; skills with a
        // comma inside parentheses; "Upstream Issue(s):" as a nested list.
        title: "KubeSlice Controller HA (Active/Standby) Support",
        project: "KubeSlice",
        line: 975,
        mentors: [
          m("Gourish Biradar", "gourishkb"),
          m("Prabhu Navali", "pnavali"),
          m("Rahul Kumar", "Rahul-D78"),
        ],
        skills: ["Go", "Kubernetes (controllers, CRDs, client-go)"],
        issues: ["https://github.com/kubeslice/kubeslice-controller/issues/305"],
      },
      {
        // "- Description:" whose text is on lazy continuation lines, then paragraphs and a "*"
        // list outside the field list.
        title: "Kyverno Technical Outcomes",
        project: "Kyverno",
        line: 1098,
        mentors: [m("Cortney Nickerson", "CortNick"), m("Shuting Zhao", "realshuting")],
        issues: ["https://github.com/kyverno/kyverno/issues/15990"],
        description: ["On the Kyverno website"],
      },
      {
        // Label "Issue:"; inline mentors; extra "Responsibilities:" field.
        title: "Agentic CI Pipelines: GitHub Action Workflow Overhaul",
        project: "Meshery",
        line: 1200,
        mentors: [m("Mia Grenell", "miacycle"), m("Lee Calcote", "leecalcote")],
        issues: ["https://github.com/meshery/meshery/issues/18795"],
      },
      {
        // "- Acknowledgement: ... Azhar Momin (@amazingakai)." is not a mentor.
        title: "Expanding Go Compile-Time Instrumentation Support and Improving otelc Tooling",
        project: "OpenTelemetry",
        line: 1424,
        mentors: [m("Kemal Akkoyun", "kakkoyun"), m("Dario Castañé", "darccio")],
        issues: ["https://github.com/open-telemetry/opentelemetry-go-compile-instrumentation/issues/446"],
      },
      {
        // "Upstream Issue(s):" nested list of shorthand-titled links.
        title: "Plugin Development Book, Docs DX, and Adoption Growth",
        project: "PipeCD",
        line: 1468,
        mentors: [m("Eeshaan Sawant", "eeshaanSA"), m("Khanh Tran", "khanhtc1202")],
        issues: [
          "https://github.com/pipe-cd/pipecd/issues/6679",
          "https://github.com/pipe-cd/pipecd/issues/6266",
        ],
      },
      {
        // "- Description:" is EMPTY; the text is in unindented paragraphs between the field lists.
        title: "Extensive evaluation of urunc's sandboxing execution model",
        project: "urunc",
        line: 1497,
        mentors: [
          m("Charalampos Mainas", "cmainas"),
          m("Anastassios Nanos", "ananos"),
          m("Anastasia Mallikopoulou", "amallikopoulou"),
        ],
        issues: ["https://github.com/urunc-dev/urunc/issues/574"],
        description: ["According to urunc's execution model"],
      },
      {
        // Plain h4 idea of Volcano BEFORE the group headings: group null. Skills contain
        // "`@kubernetes/client-node`", which is not a mentor.
        title: "Scheduler Management, Observability & Log Explorer UI",
        project: "Volcano",
        group: null,
        line: 1684,
        mentors: [m("Jesse Stutler", "JesseStutler"), m("Kuldeep", "de6p")],
        skillsInclude: ["TypeScript", "React", "Next.js", "tRPC", "Zod"],
        issues: ["https://github.com/volcano-sh/dashboard/issues/197"],
      },
      {
        // h5 in group "AgentCube"; mentor items end with ",".
        title: "Support multi-AgentCube Capability",
        project: "Volcano",
        group: "AgentCube",
        line: 1738,
        mentors: [m("Zhonghu xu", "hzxuzhonghu"), m("ZhenCheng Li", "LiZhenCheng9527")],
        issues: ["https://github.com/volcano-sh/agentcube/issues/301"],
      },
      {
        // Group "kthena"; label "Recommended:" for skills; "Expected OUtcome" typo.
        title: "Kthena Router supports APIs for third-party models",
        project: "Volcano",
        group: "kthena",
        line: 1757,
        mentors: [m("Zengzeng Yao", "yaozengzeng")],
        skillsInclude: ["Go", "Kubernetes", "Network"],
        issues: ["https://github.com/volcano-sh/kthena/issues/939"],
      },
      {
        // Second mentor NAME contains a comma: "Hung-Ying, Tai (@hydai , email )" in its own
        // nested item: still exactly two mentors.
        title: "Memory alignment in WASM instructions",
        project: "WasmEdge",
        line: 1791,
        handles: ["q82419", "hydai"],
        skills: ["C++", "WebAssembly", "Git workflows"],
        issues: ["https://github.com/WasmEdge/WasmEdge/issues/4820"],
      },
    ],
  },
];

const cache = new Map<string, { ideas: Idea[]; warnings: unknown[]; raw: string[] }>();
function load(file: string): { ideas: Idea[]; warnings: unknown[]; raw: string[] } {
  let hit = cache.get(file);
  if (!hit) {
    const text = readFileSync(corpusPath(file), "utf8");
    const { ideas, warnings } = parseIdeas(text, { source: file.replace(/\.md$/, "") });
    hit = { ideas, warnings, raw: text.split(/\r?\n/) };
    cache.set(file, hit);
  }
  return hit;
}

function findOne(ideas: Idea[], title: string): Idea {
  const found = ideas.filter((i) => i.title === title);
  if (found.length !== 1) {
    throw new Error(
      `expected exactly one idea titled ${JSON.stringify(title)}, found ${found.length}; titles: ` +
        JSON.stringify(ideas.map((i) => i.title)),
    );
  }
  return found[0]!;
}

describe("real corpus (bundled in data/cncf-mentoring)", () => {
  it("has the nine files this suite expects", () => {
    for (const f of FILES) expect(existsSync(corpusPath(f.file)), f.file).toBe(true);
    expect(FILES).toHaveLength(9);
  });

  for (const f of FILES) {
    describe(f.file, () => {
      const source = f.file.replace(/\.md$/, "");

      it(`has exactly ${f.count} ideas`, () => {
        const { ideas } = load(f.file);
        expect(ideas.map((i) => `${i.project} / ${i.title}`)).toHaveLength(f.count);
      });

      it(`has these ${f.projects.length} distinct projects`, () => {
        const { ideas } = load(f.file);
        const got = [...new Set(ideas.map((i) => i.project))].sort();
        expect(got).toEqual([...f.projects].sort());
      });

      it("every idea passes IdeaSchema, ids are unique, source is the label", () => {
        const { ideas } = load(f.file);
        for (const idea of ideas) {
          const r = IdeaSchema.safeParse(idea);
          expect(r.success, `${idea.title}: ${r.success ? "" : JSON.stringify(r.error.issues)}`).toBe(true);
          expect(idea.source).toBe(source);
        }
        const ids = ideas.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
      });

      it("ideas come in document order and each `line` is a heading line", () => {
        const { ideas, raw } = load(f.file);
        for (let k = 1; k < ideas.length; k++) expect(ideas[k]!.line).toBeGreaterThan(ideas[k - 1]!.line);
        for (const idea of ideas) expect(raw[idea.line - 1], idea.title).toMatch(/^#{1,6}\s/);
      });

      it("no template, sample or table-of-contents entry became an idea", () => {
        const { ideas } = load(f.file);
        for (const idea of ideas) {
          expect(idea.title).not.toMatch(/^(template|title|project title|mentorship project title|cncf project name)$/i);
          expect(idea.project).not.toMatch(/^(template|sample|proposals?|ideas|project ideas|accepted projects|table of contents)$/i);
        }
      });

      it("no e-mail became a handle or part of a mentor name", () => {
        const { ideas } = load(f.file);
        for (const idea of ideas) {
          for (const mt of idea.mentors) {
            if (mt.handle !== null) expect(mt.handle, `${idea.title}: ${JSON.stringify(mt)}`).toMatch(GITHUB_LOGIN);
            expect(mt.name, `${idea.title}: ${JSON.stringify(mt)}`).not.toMatch(EMAIL);
            expect(mt.name, `${idea.title}: ${JSON.stringify(mt)}`).not.toMatch(OBFUSCATED_EMAIL);
          }
        }
      });

      it("LFX mentorship URLs are links, never issues", () => {
        const { ideas } = load(f.file);
        for (const idea of ideas) {
          for (const url of idea.issues) expect(url, idea.title).not.toMatch(/lfx\.linuxfoundation\.org/);
          if (f.everyIdeaHasLfxLink) {
            expect(
              idea.links.some((l) => /^https:\/\/(mentorship|crowdfunding)\.lfx\.linuxfoundation\.org\//.test(l.url)),
              `${idea.title} has an LFX link`,
            ).toBe(true);
          }
        }
      });

      for (const e of f.ideas) {
        it(`idea: ${e.title}`, () => {
          const idea = findOne(load(f.file).ideas, e.title);
          expect(idea.project).toBe(e.project);
          expect(idea.group).toBe(e.group ?? null);
          expect(idea.line).toBe(e.line);
          if (e.mentors) expect(idea.mentors).toEqual(e.mentors);
          if (e.mentorsStartWith) expect(idea.mentors.slice(0, e.mentorsStartWith.length)).toEqual(e.mentorsStartWith);
          if (e.handles) expect(idea.mentors.map((x) => x.handle)).toEqual(e.handles);
          if (e.handlesInclude) {
            expect(idea.mentors.map((x) => x.handle)).toEqual(expect.arrayContaining(e.handlesInclude));
          }
          if (e.names) expect(idea.mentors.map((x) => x.name)).toEqual(e.names);
          if (e.skills) expect(idea.skills).toEqual(e.skills);
          if (e.skillsInclude) expect(idea.skills).toEqual(expect.arrayContaining(e.skillsInclude));
          if (e.issues) expect(idea.issues).toEqual(e.issues);
          if (e.issuesStartWith) expect(idea.issues.slice(0, e.issuesStartWith.length)).toEqual(e.issuesStartWith);
          for (const url of e.links ?? []) {
            expect(idea.links.map((l) => l.url)).toContain(url);
            expect(idea.issues).not.toContain(url);
          }
          for (const phrase of e.description ?? []) expect(idea.description).toContain(phrase);
          for (const phrase of e.notInDescription ?? []) expect(idea.description).not.toContain(phrase);
          for (const [label, text] of e.extra ?? []) {
            const field = idea.extra.find((x) => label.test(x.label));
            expect(field, `extra field ${label} of ${e.title}`).toBeDefined();
            expect(field!.text).toBe(text);
          }
        });
      }
    });
  }
});
