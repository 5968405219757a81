/**
 * Real-data test: gsoc-2025.md, i.e. data/cncf-mentoring/programs/summerofcode/2025.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, m, type FileExpectation } from "./helpers.ts";

// gsoc-2025.md: `## Project Ideas` > `### Template` (code fence) > `## Ideas` > TOC between
// `<!-- TOC -->` comments > `#### Project` (h4) > `##### Idea` (h5). The TOC omits two ideas
// that are in the body (Knative Functions, Meshery dashboard): the body is what counts.
const EXPECTED: FileExpectation = {
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
};

corpusSuite(EXPECTED);
