/**
 * Real-data test: lfx-2026-term2-readme.md, i.e. data/cncf-mentoring/programs/lfx-mentorship/2026/02-Jun-Aug/README.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, m, type FileExpectation } from "./helpers.ts";

// lfx-2026-term2-readme.md: `# Term` > `### Timeline|...` > `## Table of Contents` > `##
// Accepted Projects` > `### Project` (h3) > `#### Idea` (h4), with groups `#### Headlamp`,
// `#### SIG Node / node-readiness-controller` (Kubernetes), `#### AgentCube`, `#### kthena`
// (Volcano) holding `##### Idea` (h5); in Volcano two plain h4 ideas come BEFORE the groups.
// Almost every idea has a plain "CNCF - X: ... (2026 Term 2)" line under its heading.
const EXPECTED: FileExpectation = {
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
};

corpusSuite(EXPECTED);
