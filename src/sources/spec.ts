import path from "node:path";
import { UserError } from "../errors.ts";

/** Where one ideas file comes from: a local path or an http(s) URL, with a short label. */
export interface SourceSpec {
  label: string;
  kind: "file" | "http";
  location: string;
}

const LABEL = /^([a-z0-9][a-z0-9._-]{0,62})=(.+)$/i;

/** The label of a location when none is given: the file name without extension. */
export function defaultLabel(location: string): string {
  const name = /^https?:\/\//i.test(location) ? new URL(location).pathname.split("/").filter(Boolean).pop() ?? "source" : path.basename(location);
  return name.replace(/\.(md|markdown|txt)$/i, "") || "source";
}

/** One entry of IDEAS_SOURCES: `path`, `https://…`, or `label=path-or-url`. */
export function parseSourceSpec(entry: string): SourceSpec {
  const trimmed = entry.trim();
  const labelled = LABEL.exec(trimmed);
  const location = (labelled ? labelled[2]! : trimmed).trim();
  if (!location) throw new UserError("source_empty", `empty source entry "${entry}"`);
  const isUrl = /^https?:\/\//i.test(location);
  if (!isUrl && /^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new UserError("source_scheme", `source "${location}" is neither a file path nor an http(s) URL`);
  }
  if (isUrl) {
    try {
      new URL(location);
    } catch {
      throw new UserError("source_url", `source "${location}" is not a valid URL`);
    }
  }
  return { label: labelled ? labelled[1]! : defaultLabel(location), kind: isUrl ? "http" : "file", location };
}

/** A comma-separated list of sources; labels must be unique. */
export function parseSourceList(value: string): SourceSpec[] {
  const specs = value.split(",").filter((s) => s.trim()).map(parseSourceSpec);
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.label)) throw new UserError("source_label", `two sources share the label "${spec.label}": label them (label=path)`);
    seen.add(spec.label);
  }
  return specs;
}
