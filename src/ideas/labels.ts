/**
 * Field labels as people really write them ("Mentor(s)", "Metor(s)", "Potential Mentors",
 * "Recommended Skills", "Upstream Issue (URL)", "LFX URL", …), reduced to the field they mean.
 * Matching works on the label's letters only, so punctuation, case and bold markers do not matter.
 */
export type FieldKind = "description" | "skills" | "mentors" | "issues" | "lfx" | "extra";

/** Core fields make a heading an idea; `extra` fields are kept but do not. */
export const CORE_FIELDS: readonly FieldKind[] = ["skills", "mentors", "issues"];

const PATTERNS: ReadonlyArray<[FieldKind, RegExp]> = [
  ["mentors", /^(?:potential|likely|possible|proposed|primary|prospective)?(?:co)?(?:mentor|metor|mentro|menter)(?:s|ss)*(?:names?|andemails?|handles?)?$/],
  ["skills", /^(?:recommended|recommend)$/],
  ["skills", /^(?:recommended|recommend|required|requires|desired|preferred|needed|necessary|suggested|expected|prerequisite|relevant)?(?:skills?|skillsets?|skillset|technologies|technology|techstack|tech|prerequisites)(?:andtechnologies|required|needed)?$/],
  ["issues", /^(?:upstream|upstraeam|upsteam|upstrem|relevant|related|github|tracking)?(?:issues?|issuelinks?|issueurls?|prs?)(?:url|urls|link|links)?$/],
  ["lfx", /^lfx(?:mentorship)?(?:url|link|page|projectpage|project)?$/],
  ["description", /^(?:project)?(?:description|summary|abstract|overview)$/],
  ["extra", /^(?:expected)?(?:outcomes?|results?|deliverables?)$/],
  ["extra", /^(?:expected)?(?:project)?(?:size|duration|length|hours)$/],
  ["extra", /^(?:difficulty|level|difficultylevel)$/],
  ["extra", /^(?:project)?(?:goals?|objectives?|milestones?|tasks?)$/],
  ["extra", /^(?:additional)?(?:notes?|resources?|information|info|references?|links?)$/],
  ["extra", /^(?:preferred|proposed)?(?:term|timeline|schedule)$/],
];

/** The letters of a label, lower-cased: `**Mentor(s)**:` → `mentors`. */
export function labelKey(label: string): string {
  return label
    .normalize("NFKD")
    .toLowerCase()
    .replace(/\(url\)|\(s\)|\[s\]|\(-s\)/g, (m) => (m === "(url)" ? "url" : "s"))
    .replace(/[^a-z]/g, "");
}

/** Which field a label names, or null when it is not a label we know. */
export function classifyLabel(label: string): FieldKind | null {
  const key = labelKey(label);
  if (key.length === 0 || key.length > 40) return null;
  for (const [kind, pattern] of PATTERNS) {
    if (pattern.test(key)) return kind;
  }
  return null;
}

/** Values that mean "nothing yet": a field holding one is treated as absent. */
export function isPlaceholder(value: string): boolean {
  const v = value.trim().toLowerCase().replace(/(?<![.\s])[.\s]+$/, "");
  return v === "" || /^(?:todo|tbd|tba|n\/?a|none|-+|#+|\?+|xxx+|\(?url\)?|link|name|mentor name.*)$/.test(v);
}

/**
 * The text without surrounding space and one trailing colon ("Mentors :" → "Mentors"). Written
 * without a regex like /\s*:\s*$/, which backtracks quadratically on a long run of spaces.
 */
export function withoutTrailingColon(text: string): string {
  const t = text.trim();
  return t.endsWith(":") || t.endsWith("：") ? t.slice(0, -1).trimEnd() : t;
}

/** A heading's text folded for comparisons: case, and a trailing colon ("### Sample:"). */
export function headingKey(text: string): string {
  return withoutTrailingColon(text).toLowerCase();
}

/**
 * Headings that introduce a sample ("## Sample", "### Sample:", "#### Example project"). Only the
 * sample itself is scaffolding, not the whole section: see `isScaffoldingHeading`.
 */
export function isSampleHeading(text: string): boolean {
  return /^(?:samples?|examples?)(?: projects?| ideas?| project ideas?)?$/.test(headingKey(text));
}

/**
 * Headings whose whole subtree is scaffolding, not ideas: a template, a table of contents, a
 * project marked "(sample)". A Sample/Example heading is scaffolding too, but only up to the end of
 * its first entry (the parser reads what mentors appended below the sample as real ideas).
 */
export function isScaffoldingHeading(text: string): boolean {
  const t = headingKey(text);
  return (
    /^(?:(?:project )?idea )?templates?(?: for (?:project )?ideas?)?$/.test(t) ||
    isSampleHeading(t) ||
    /\(sample\)/.test(t) ||
    /^(?:table of contents|contents|toc)$/.test(t)
  );
}

/** Idea titles that are only placeholders from a template. */
export function isPlaceholderTitle(text: string): boolean {
  const t = text.trim().toLowerCase();
  return /^(?:todo|tbd|title|project title|mentorship project title|idea title|cncf project name|project name)$/.test(t);
}
