/**
 * Real-data test: gsoc-2023.md, i.e. data/cncf-mentoring/programs/summerofcode/2023.md of the bundled catalogue.
 * The expectations were established by reading the markdown by hand (cat -n, grep), not by running
 * the parser; the conventions they assume, and the checks every corpus file gets, are in ./helpers.ts.
 */
import { corpusSuite, m, type FileExpectation } from "./helpers.ts";

// gsoc-2023.md: `## Project Ideas` (h2) > `### Template` (h3, code fence holding `###`/`####`
// headings: not ideas) > bullet table of contents (links, not ideas) > `## Ideas` (h2) >
// `### Project` (h3) > `#### Idea` (h4). No groups.
const EXPECTED: FileExpectation = {
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
};

corpusSuite(EXPECTED);
