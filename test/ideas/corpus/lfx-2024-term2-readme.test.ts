/**
 * Real-data test: lfx-2024-term2-readme.md, i.e. data/cncf-mentoring/programs/lfx-mentorship/2024/02-Jun-Aug/README.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, m, type FileExpectation } from "./helpers.ts";

// lfx-2024-term2-readme.md: `# Term` > `### Timeline|Project Instructions|Application
// instructions` > `## Accepted projects` + TOC list > `### Project` (h3) > `#### Idea` (h4).
// Source defects: three ideas are written at h3, the project level: "### Add GUAC support"
// right after "### in-toto" (which has no content of its own, and is followed by two h4 in-toto
// ideas), and two LitmusChaos ideas after "### LitmusChaos"'s own h4 idea. By reading they all
// belong to the previous project heading.
const EXPECTED: FileExpectation = {
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
};

corpusSuite(EXPECTED);
