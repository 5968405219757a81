import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { termKey } from "../ideas/terms.ts";
import { UserError } from "../errors.ts";
import type { SourceSpec } from "./spec.ts";

/**
 * What a file is to its term: the ideas proposed, the accepted list, or the structured export.
 * One idea in several of a term's files is one listing; the more final role wins.
 */
export const ROLES = ["proposals", "accepted", "export", "issues"] as const;
export type SourceRole = (typeof ROLES)[number];

/** A file's role from its name: README and selected_projects list accepted ideas, a JSON file is an export. */
export function inferRole(location: string): SourceRole {
  const name = location.split(/[?#]/, 1)[0]!.split(/[/\\]/).pop()!.toLowerCase();
  if (name.endsWith(".json")) return "export";
  if (name === "readme.md" || name.startsWith("selected_projects")) return "accepted";
  return "proposals";
}

/** The bundled catalogue's manifest: every term of cncf/mentoring at one commit, with its files. */
export const BUNDLED_MANIFEST = fileURLToPath(new URL("../../data/catalogue.json", import.meta.url));

const ManifestSchema = z.object({
  upstream: z.object({ repository: z.string(), commit: z.string(), date: z.string(), license: z.string() }).partial().optional(),
  terms: z
    .array(
      z.object({
        program: z.enum(["lfx", "gsoc", "sod"]),
        year: z.number().int().min(2000).max(2100),
        term: z.number().int().min(1).max(4).nullable(),
        files: z.array(z.object({ path: z.string().min(1), role: z.enum(ROLES) })).min(1),
      }),
    )
    .min(1),
});

export type Manifest = z.infer<typeof ManifestSchema>;

/**
 * The sources a manifest names, one per file, labelled `<term>-<role>` (`lfx-2026-3-accepted`).
 * A manifest that is not valid, or names a file that is missing, is an error that names it: the
 * bot must not start quietly serving part of a catalogue.
 */
export function manifestSources(file: string = BUNDLED_MANIFEST): SourceSpec[] {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new UserError("manifest_unreadable", `cannot read the catalogue manifest ${file}: ${(error as Error).message}`);
  }
  const parsed = ManifestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError("manifest_invalid", `the catalogue manifest ${file} is not valid: ${issue.path.join(".")}: ${issue.message}`);
  }
  const dir = path.dirname(file);
  const specs: SourceSpec[] = [];
  for (const entry of parsed.data.terms) {
    const term = termKey(entry.program, entry.year, entry.term);
    for (const one of entry.files) {
      const location = path.resolve(dir, one.path);
      if (!existsSync(location)) throw new UserError("manifest_missing_file", `the catalogue manifest ${file} names ${one.path} (term ${term}), which does not exist`);
      specs.push({ label: termFileLabel(term, one, entry.files), kind: "file", location, term, role: one.role });
    }
  }
  return specs;
}

/**
 * A term's file's source label: `<term>-<role>` (`lfx-2026-3-accepted`), and the file's name after
 * it when the term has several files of that role. The bundled manifest and a followed GitHub
 * repository (src/sources/github.ts) label one file alike, so upstream replaces the bundled copy.
 */
export function termFileLabel(term: string, file: { path: string; role: SourceRole }, termFiles: ReadonlyArray<{ role: SourceRole }>): string {
  const sameRole = termFiles.filter((f) => f.role === file.role).length > 1;
  return sameRole ? `${term}-${file.role}-${path.basename(file.path).replace(/\.[a-z]+$/i, "").toLowerCase()}` : `${term}-${file.role}`;
}

/**
 * The files a manifest names, with their path in the upstream repository (the manifest's paths
 * less their first folder, the repository's copy: `cncf-mentoring/programs/…` → `programs/…`).
 */
export function manifestEntries(file: string = BUNDLED_MANIFEST): { repository: string; files: Array<{ repoPath: string; diskPath: string; term: string; role: SourceRole }> } {
  const parsed = ManifestSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  const files = parsed.terms.flatMap((entry) =>
    entry.files.map((f) => ({
      repoPath: f.path.split("/").slice(1).join("/"),
      diskPath: path.resolve(path.dirname(file), f.path),
      term: termKey(entry.program, entry.year, entry.term),
      role: f.role,
    })),
  );
  return { repository: parsed.upstream?.repository ?? "", files };
}
