import path from "node:path";
import { inferTerm } from "../ideas/terms.ts";
import { UserError } from "../errors.ts";
import { redactUrl } from "./redact.ts";
import { BUNDLED_MANIFEST, inferRole, manifestSources, type SourceRole } from "./manifest.ts";
import { parseGithubLocation } from "./github.ts";

export { inferRole, ROLES, type SourceRole } from "./manifest.ts";

/** Where one ideas file comes from: a local path or an http(s) URL, with a short label, its term and role. */
export interface SourceSpec {
  label: string;
  /** `github`: a file or the proposal issues of a followed repository (src/sources/github.ts), found by its discovery. */
  kind: "file" | "http" | "github";
  location: string;
  /** The term key of its ideas (src/ideas/terms.ts), `other` when nothing tells. */
  term: string;
  role: SourceRole;
}

const LABEL = /^([a-z0-9][a-z0-9._-]{0,62})=(.+)$/i;

/** The label of a location when none is given: the file name without extension (of the path only: no userinfo, query or fragment). */
export function defaultLabel(location: string): string {
  const name = /^https?:\/\//i.test(location) ? new URL(location).pathname.split("/").filter(Boolean).pop() ?? "source" : path.basename(location);
  return name.replace(/\.(md|markdown|txt)$/i, "") || "source";
}

/** One entry of IDEAS_SOURCES: `path`, `https://…`, `github:owner/repo[@branch]`, or `label=` before any of them. */
export function parseSourceSpec(entry: string): SourceSpec {
  const trimmed = entry.trim();
  const labelled = LABEL.exec(trimmed);
  const location = (labelled ? labelled[2]! : trimmed).trim();
  if (!location) throw new UserError("source_empty", `empty source entry "${entry}"`);
  // A followed repository: its files and proposals are found at each check (src/sources/github.ts).
  if (/^github:/i.test(location)) {
    const repo = parseGithubLocation(location);
    if (!repo) throw new UserError("source_github", `source "${location.slice(0, 200)}" is not github:OWNER/REPO or github:OWNER/REPO@BRANCH`);
    return { label: labelled ? labelled[1]! : `github-${repo.owner}-${repo.repo}`.toLowerCase(), kind: "github", location, term: "other", role: "proposals" };
  }
  const isUrl = /^https?:\/\//i.test(location);
  if (!isUrl && /^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new UserError("source_scheme", `source "${redactUrl(location)}" is neither a file path nor an http(s) URL`);
  }
  if (isUrl) {
    try {
      new URL(location);
    } catch {
      // Not the location itself: an unparseable URL may still hold a password.
      throw new UserError("source_url", `${labelled ? `source "${labelled[1]}"` : "a source"} is not a valid URL (${redactUrl(location)})`);
    }
  }
  return {
    label: labelled ? labelled[1]! : defaultLabel(location),
    kind: isUrl ? "http" : "file",
    location,
    term: inferTerm(location),
    role: inferRole(location),
  };
}

/**
 * A comma-separated list of sources; labels must be unique. The word `bundled` stands for every
 * file of the bundled catalogue (data/catalogue.json), and a path ending in `catalogue.json` for
 * the files of that manifest, so `bundled,extra=https://…` adds a source to the catalogue.
 */
export function parseSourceList(value: string): SourceSpec[] {
  const specs = value
    .split(",")
    .filter((s) => s.trim())
    .flatMap((entry) => {
      const e = entry.trim();
      if (e.toLowerCase() === "bundled") return manifestSources(BUNDLED_MANIFEST);
      if (!LABEL.test(e) && /(?:^|[/\\])catalogue\.json$/i.test(e)) return manifestSources(path.resolve(e));
      return [parseSourceSpec(e)];
    });
  const seen = new Set<string>();
  for (const spec of specs) {
    if (seen.has(spec.label)) throw new UserError("source_label", `two sources share the label "${spec.label}": label them (label=path)`);
    seen.add(spec.label);
  }
  return specs;
}
