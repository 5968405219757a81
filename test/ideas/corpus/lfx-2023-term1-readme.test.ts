/**
 * Real-data test: lfx-2023-term1-readme.md, i.e. data/cncf-mentoring/programs/lfx-mentorship/2023/01-Mar-May/README.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, m, type FileExpectation } from "./helpers.ts";

// lfx-2023-term1-readme.md: `# Term` > table > `### Project Instructions` / `### Application
// instructions` (no fields: not ideas) > nested-list TOC > `## Accepted Projects` >
// `### Project` (h3) > `#### Idea` (h4); Kubernetes has groups `#### Cluster API Provider ...`
// with `##### Idea` (h5). Source defect: `#### Meshery` was written at h4 under
// `### KubeEdge`, so by heading structure Meshery is a GROUP of KubeEdge (indistinguishable from
// the CAPG/CAPA groups) and the idea after it at h4 is a plain KubeEdge idea.
const EXPECTED: FileExpectation = {
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
};

corpusSuite(EXPECTED);
