/**
 * Real-data test: lfx-2025-term1-readme.md, i.e. data/cncf-mentoring/programs/lfx-mentorship/2025/01-Mar-May/README.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, m, type FileExpectation } from "./helpers.ts";

// lfx-2025-term1-readme.md: `# Term` > `### Timeline|...` > `## Table of Contents` (TOC list
// between `<!-- TOC -->`) > `## Projects` > `### Project` (h3) > `#### Idea` (h4). No groups.
// Odd cases: descriptions without a label (plain paragraphs right under the heading: Thanos,
// TUF, Vitess); KubeStellar labels without colon and "Description" as a bare paragraph; an
// italic or plain "CNCF - X: ... (2025 Term 1)" line under some headings; "GitHub Issue:" label;
// "Mentor(s): #"; mentors as top-level sibling items; LFX links on crowdfunding.lfx.
const EXPECTED: FileExpectation = {
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
};

corpusSuite(EXPECTED);
