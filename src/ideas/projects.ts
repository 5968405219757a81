/**
 * Which CNCF project a prose idea is about, for files that have no project headings (Season of Docs
 * 2020–2021: "### Provide a robust collection of example Falco rules" then paragraphs).
 *
 * Rule: the first known CNCF project name in the idea's title; else the known name that appears
 * first in its text; else the text of the first link in its text that reads like a proper name
 * ("[Falco](https://falco.org/)"); else none (the caller skips the idea with a warning). Names match
 * as whole words, case-sensitively, so "contour" in a sentence is no project but "Contour" is.
 * Linear in the text's length for a fixed list (one indexOf scan per name).
 */

/** CNCF projects (graduated, incubating and sandbox) as they are usually written, longest first where one contains another. */
const PROJECTS: readonly string[] = [
  "Service Mesh Interface", "Service Mesh Performance", "Open Policy Agent", "Open Service Mesh", "Cloud Native Buildpacks",
  "The Update Framework", "Virtual Kubelet", "Chaos Mesh", "Network Service Mesh", "Artifact Hub", "Cloud Custodian",
  "OpenTelemetry", "OpenTracing", "OpenEBS", "OpenKruise", "OpenFeature", "OpenCost", "OpenYurt", "OpenFunction", "OpenELB",
  "Kubernetes", "Prometheus", "Envoy", "CoreDNS", "containerd", "Fluentd", "Fluent Bit", "Jaeger", "Vitess", "Helm", "Harbor",
  "Rook", "TiKV", "etcd", "Linkerd", "Argo", "Flux", "Falco", "SPIFFE", "SPIRE", "Contour", "Cortex", "Thanos", "Dragonfly",
  "KubeEdge", "Crossplane", "Knative", "Keptn", "Kyverno", "Karmada", "KubeVela", "KubeVirt", "KubeArmor", "Kubewarden",
  "Kubescape", "Keylime", "Kuma", "LitmusChaos", "Litmus", "Longhorn", "Meshery", "Notary", "Pixie", "Strimzi", "Tremor",
  "Volcano", "WasmEdge", "in-toto", "TUF", "SMI", "OPA", "gRPC", "CNI", "Backstage", "Buildpacks", "cert-manager", "Cilium",
  "Istio", "Dapr", "KEDA", "CRI-O", "Emissary-ingress", "Operator Framework", "Rekor", "Sigstore", "Brigade", "Pravega",
  "Konveyor", "Kubeflow", "Kepler", "Headlamp", "Flatcar", "Inspektor Gadget", "Carvel", "Shipwright", "ORAS", "Porter",
  "Serverless Workflow", "CloudEvents", "Telepresence", "Tinkerbell", "Akri", "Antrea", "Submariner", "Clusterpedia", "KCL",
];

/** Short names written for a project, mapped to the name the other files use. */
const ALIASES: Readonly<Record<string, string>> = {
  SMI: "Service Mesh Interface",
  OPA: "Open Policy Agent",
  TUF: "The Update Framework",
  Litmus: "LitmusChaos",
};

const WORD = /[\p{L}\p{N}_]/u;

/** Where `name` first occurs in `text` as a whole word, or -1. */
function wordIndex(text: string, name: string): number {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const before = at > 0 ? text[at - 1]! : " ";
    const after = text[at + name.length] ?? " ";
    if (!WORD.test(before) && !WORD.test(after) && before !== "-" && after !== "-") return at;
  }
  return -1;
}

function firstKnown(text: string): string | null {
  let best: string | null = null;
  let bestAt = Infinity;
  for (const name of PROJECTS) {
    const at = wordIndex(text, name);
    // At the same place the longer name wins ("Chaos Mesh" over a shorter name starting there).
    if (at >= 0 && (at < bestAt || (at === bestAt && name.length > best!.length))) [best, bestAt] = [name, at];
  }
  return best ? (ALIASES[best] ?? best) : null;
}

/** A link text that reads like a project's name: one to three capitalised words, no sentence. */
function looksLikeName(text: string): boolean {
  const t = text.trim();
  return t.length > 1 && t.length <= 40 && /^[\p{Lu}][\p{L}\p{N}-]*(?: [\p{Lu}][\p{L}\p{N}-]*){0,2}$/u.test(t);
}

/** The project a prose idea is about (see the rule above), or null. */
export function projectNamed(title: string, text: string, links: ReadonlyArray<{ text: string }>): string | null {
  return firstKnown(title) ?? firstKnown(text) ?? links.find((l) => looksLikeName(l.text))?.text.trim() ?? null;
}
