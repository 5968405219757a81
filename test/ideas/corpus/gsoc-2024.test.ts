/**
 * Real-data test: gsoc-2024.md, i.e. data/cncf-mentoring/programs/summerofcode/2024.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, m, type FileExpectation } from "./helpers.ts";

// gsoc-2024.md: `## Project Ideas` (h2) > `### Template` (code fence) > `### Proposals` (h3,
// a container, not a project) > `#### Project` (h4) > `##### Idea` (h5). Mentors are nested
// lists "  - Name (@login, email) - primary".
const EXPECTED: FileExpectation = {
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
};

corpusSuite(EXPECTED);
