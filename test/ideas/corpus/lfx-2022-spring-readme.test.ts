/**
 * Real-data test: lfx-2022-spring-readme.md, i.e. data/cncf-mentoring/programs/lfx-mentorship/2022/01-Spring/README.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, m, type FileExpectation } from "./helpers.ts";

// lfx-2022-spring-readme.md: `# Q1` > nested-list TOC > `## Timeline` > `## Accepted projects`
// > `#### Project` (h4, no h3 at all) > `##### Idea` (h5); Kubernetes has two groups
// `##### Kubernetes (SIG ...)` each holding a `###### Idea` (h6). Fields: plain, bold
// (`**Description**:`), `Recommended Skills\*\*:`, `Mentor(-s):`, `Issue:`, `LFX URL:`.
const EXPECTED: FileExpectation = {
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
};

corpusSuite(EXPECTED);
