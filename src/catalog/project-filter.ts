import { normalizeKey } from "../ideas/id.ts";

/**
 * One rule for a project filter, in search (`project:kube`) and in subscriptions alike: the
 * filter's words, in order, begin consecutive words of the idea's project or group name, any case,
 * accents and punctuation folded. "kube" finds Kubeflow, KubeEdge and Kubernetes; "litmus" finds
 * LitmusChaos; "chaos mesh" finds Chaos Mesh; "met" does not find Comet, nor "mesh chaos" Chaos Mesh.
 */
export function projectFilter(filter: string): (nameKey: string) => boolean {
  const wanted = normalizeKey(filter).split(" ").filter(Boolean);
  // Names come folded already (normalizeKey), as the catalogue keeps them: a query does not fold 10,000 names again.
  return (nameKey) => {
    if (wanted.length === 0) return false;
    const words = nameKey.split(" ");
    for (let start = 0; start + wanted.length <= words.length; start++) {
      if (wanted.every((w, i) => words[start + i]!.startsWith(w))) return true;
    }
    return false;
  };
}
