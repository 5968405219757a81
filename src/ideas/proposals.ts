/**
 * Reader for LFX Mentorship proposal issues (cncf/mentoring since 2026): the JSON array of issues
 * that GitHub's REST API returns (`GET /repos/{owner}/{repo}/issues`), each proposal an issue opened
 * with the "LFX Mentorship Program Proposal" issue form (.github/ISSUE_TEMPLATE/lfx-program-proposal.yml
 * upstream). GitHub renders a form as one `### <field label>` heading per field, then the value
 * (`_No response_` when empty; checkboxes as `- [X] label` / `- [ ] label`).
 *
 * Which issues: only those labelled both `lfx mentorship` and `Proposal` (case-insensitive); pull
 * requests and other issues are skipped silently. An issue labelled `CNCF Approved` or `Exported` is
 * `accepted`, any other is `proposed`; a closed issue with neither label (withdrawn or rejected) is
 * dropped silently.
 *
 * Leniency: the text is checked as a whole (JSON, an array) and then issue by issue; a malformed
 * proposal (no project or no title, a body that is not a string, an over-size field) is skipped with
 * a warning naming its issue number, the others are kept. Never throws; linear in the size of the text.
 *
 * Privacy: mentors' e-mails and LFIDs are never copied into an idea (only name and GitHub handle).
 *
 * Why not @github/issue-parser (a dependency, v2): its section regex
 * `/### *(?<key>.*?)\s*[\r\n]+(?<value>[\s\S]*?)(?=\n?###|\n?$)/g` backtracks polynomially on text
 * anyone can put in an issue (measured: a 2,000-character body "### " + spaces + "x" takes over 4 s,
 * 4,000 characters 14 s; a run of "#" is quadratic); and it cuts a field at any "###", even in the
 * middle of a line or in a "#### Goals" sub-heading of the description, so without the template the
 * description loses its sub-sections. The form is simple enough to read in one pass over its lines
 * instead: a line `### <label>` whose label is one of the form's (FORM_FIELDS) starts that field;
 * any other line, other headings included, belongs to the field above it (what issue-parser does
 * when given the template). Empty responses are `_No response_` and `None`, as in issue-parser.
 */
import { z } from "zod";
import { MAX_DESCRIPTION } from "./export.ts";
import { IdAllocator, ideaId } from "./id.ts";
import { describeIssues, readJson } from "./json-items.ts";
import { parseMarkdown, plainText } from "./markdown.ts";
import type { ParseOptions, ParseResult } from "./parse.ts";
import { projectNamed } from "./projects.ts";
import { IdeaSchema, type Idea, type Link, type Mentor } from "./schema.ts";
import { canonicalizeSkills } from "./skills.ts";
import { splitSkills } from "./split.ts";
import { termFromKey, termKey } from "./terms.ts";

/** GitHub refuses bodies over 65,536 characters; twice that leaves room for how CRLFs are counted. */
export const MAX_BODY = 131_072;
const MAX_SHORT = 500; // project, titles, terms, names, labels
const MAX_URL = 2_000;
const MAX_LIST = 10_000; // skills, technologies, the mentors field
const MAX_MENTORS = 100;
const MAX_LABELS = 1_000;

/**
 * The form's fields, by the label GitHub renders as the field's heading, and the template's id of
 * the fields read here. Labels the reader does not use are listed too (id null): their headings
 * end the field above them.
 */
const FORM_FIELDS: ReadonlyArray<readonly [label: string, id: FieldId | null]> = [
  ["CNCF Project", "cncf_project"],
  ["Term", "term"],
  ["Program Name", "program_name"],
  ["Program Description", "program_description"],
  ["Technologies", "technologies"],
  ["Skills same as Technologies?", "skills_same"],
  ["Required/Desirable Skills", "skills"],
  ["Mentors", "mentors"],
  ["Upstream Issue URL", "upstream_issue_url"],
  ["Application Prerequisites", null],
  ["Coding Challenge URL", null],
  ["Custom Prerequisites", null],
  ["Custom Prerequisite Name", null],
  ["Custom Prerequisite Description", null],
  ["Custom Prerequisite — File Upload", null],
];

type FieldId =
  | "cncf_project"
  | "term"
  | "program_name"
  | "program_description"
  | "technologies"
  | "skills_same"
  | "skills"
  | "mentors"
  | "upstream_issue_url";

const labelKey = (label: string) => label.replace(/\s+/g, " ").trim().toLowerCase();
const FIELD_BY_LABEL = new Map<string, FieldId | null>(FORM_FIELDS.map(([label, id]) => [labelKey(label), id]));
/** Longer heading lines are never a field's label: not even looked up. */
const MAX_LABEL = Math.max(...FORM_FIELDS.map(([label]) => label.length)) + 20;

const PROPOSAL_LABELS = ["lfx mentorship", "proposal"];
const ACCEPTED_LABELS = ["cncf approved", "exported"];

/** What decides whether an issue is read at all; checked before the rest, so other issues cost nothing. */
const IssueEnvelopeSchema = z.object({
  number: z.number().int().positive(),
  labels: z.array(z.unknown()).max(MAX_LABELS).nullish(),
  state: z.string().max(MAX_SHORT).nullish(),
  pull_request: z.unknown().optional(),
});

/** Only the fields we read are declared; unknown fields are allowed (and dropped). */
export const ProposalIssueSchema = z.object({
  number: z.number().int().positive(),
  title: z.string().max(MAX_SHORT).nullish(),
  body: z
    .string({ error: (i) => (i.code !== "invalid_type" ? undefined : i.input === undefined || i.input === null ? "no body" : "the body is not a string") })
    .max(MAX_BODY),
  html_url: z.string().max(MAX_URL).nullish(),
});

export type ProposalIssue = z.infer<typeof ProposalIssueSchema>;

/**
 * Reads a JSON array of GitHub issues. `line` of each idea is its issue number: the text is the
 * API's JSON (one line when the bot stores it), so a line number would say nothing, while
 * `#<number>` names the proposal, as the export's `issue_number` does.
 */
export function parseProposalIssues(text: string, options: ParseOptions): ParseResult {
  const warnings: string[] = [];
  const where = options.source;
  const data = readJson(text, where, warnings);
  if (data === undefined) return { ideas: [], warnings };
  if (!Array.isArray(data)) {
    warnings.push(`${where}: not a list of GitHub issues (expected a JSON array); no ideas read`);
    return { ideas: [], warnings };
  }

  const candidates: Array<{ raw: unknown; number: number; stage: Idea["stage"] }> = [];
  data.forEach((raw: unknown, index) => {
    const envelope = IssueEnvelopeSchema.safeParse(raw);
    if (!envelope.success) {
      warnings.push(`${where}: ${itemName(raw, index)} skipped: not a GitHub issue (${describeIssues(envelope.error, "issue")})`);
      return;
    }
    const issue = envelope.data;
    if (issue.pull_request !== undefined && issue.pull_request !== null) return;
    const labels = new Set(labelNames(issue.labels ?? []));
    if (!PROPOSAL_LABELS.every((l) => labels.has(l))) return;
    const accepted = ACCEPTED_LABELS.some((l) => labels.has(l));
    // Closed without approval: withdrawn or rejected.
    if (!accepted && issue.state?.toLowerCase() === "closed") return;
    candidates.push({ raw, number: issue.number, stage: accepted ? "accepted" : "proposed" });
  });
  // Oldest proposal first, whatever order the API listed them in: the output, its ids and which of two repeats is kept do not depend on it.
  candidates.sort((a, b) => a.number - b.number);

  const ideas: Idea[] = [];
  const seen = new Map<string, number>(); // id → index in ideas
  const ids = new IdAllocator((w) => warnings.push(`${where}: ${w}`));
  for (const { raw, number, stage } of candidates) {
    const name = `issue #${number}`;
    const parsed = ProposalIssueSchema.safeParse(raw);
    if (!parsed.success) {
      warnings.push(`${where}: ${name} skipped: ${describeIssues(parsed.error, "issue")}`);
      continue;
    }
    let idea: IdeaInput | string;
    // Said only of a proposal that is kept: a skipped one has its one warning.
    const pending: string[] = [];
    try {
      idea = toIdea(parsed.data, stage, options, (w) => pending.push(`${where}: ${name}: ${w}`));
    } catch (error) {
      // Text can still outrun a library (thousands of nested blockquotes exhaust remark's recursion).
      idea = `could not be read (${error instanceof Error ? error.message : String(error)})`;
    }
    if (typeof idea === "string") {
      warnings.push(`${where}: ${name} skipped: ${idea}`);
      continue;
    }
    warnings.push(...pending);
    const checked = IdeaSchema.safeParse(idea);
    if (!checked.success) {
      warnings.push(`${where}: ${name} skipped: not a valid idea (${describeIssues(checked.error, "issue")})`);
      continue;
    }
    const proposal = { ...checked.data, id: ids.idOf(checked.data) };
    const at = seen.get(proposal.id);
    if (at !== undefined) {
      const first = ideas[at]!;
      if (first.stage === "proposed" && proposal.stage === "accepted") {
        warnings.push(`${where}: ${name} repeats "${first.title}" (${first.project}) of issue #${first.line}; kept this one, the accepted one`);
        ideas[at] = proposal;
      } else {
        warnings.push(`${where}: ${name} repeats "${first.title}" (${first.project}) of issue #${first.line}; kept the first`);
      }
      continue;
    }
    seen.set(proposal.id, ideas.length);
    ideas.push(proposal);
  }
  return { ideas, warnings };
}

/** Label names, lower-cased: the API gives objects with a `name`; plain strings are accepted too. */
function labelNames(labels: readonly unknown[]): string[] {
  const names: string[] = [];
  for (const label of labels) {
    const name = typeof label === "string" ? label : label && typeof label === "object" ? (label as Record<string, unknown>).name : undefined;
    if (typeof name === "string" && name.length <= MAX_SHORT) names.push(labelKey(name));
  }
  return names;
}

/** "item 3 (issue #2029)" for warnings, from whatever the raw item holds. */
function itemName(raw: unknown, index: number): string {
  const n = raw && typeof raw === "object" ? (raw as Record<string, unknown>).number : undefined;
  const issue = typeof n === "number" || (typeof n === "string" && /^\d{1,12}$/.test(n)) ? ` (issue #${n})` : "";
  return `item ${index}${issue}`;
}

type IdeaInput = z.input<typeof IdeaSchema>;

/** The form's values by field id: the lines under each field's heading (the last heading of a field wins, as in issue-parser). */
function formFields(body: string): Map<FieldId, string[]> {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const fields = new Map<FieldId, string[]>();
  let current: string[] | null = null;
  for (const line of lines) {
    if (line.startsWith("###") && line.charCodeAt(3) !== 35 /* "#" */ && line.length <= MAX_LABEL) {
      const key = labelKey(line.slice(3));
      if (FIELD_BY_LABEL.has(key)) {
        const id = FIELD_BY_LABEL.get(key)!;
        current = [];
        if (id) fields.set(id, current);
        continue;
      }
    }
    current?.push(line);
  }
  return fields;
}

const isEmptyResponse = (value: string) => /^(?:_no response_|none)$/i.test(value.trim());

/** A textarea's value: its lines without the blank ones around them; "" for no response. */
function multiline(lines: readonly string[] | undefined): string {
  const value = (lines ?? []).join("\n").trim();
  return isEmptyResponse(value) ? "" : value;
}

/** An input's or dropdown's value: its first non-blank line ("" for no response). */
function singleLine(lines: readonly string[] | undefined): string {
  const first = (lines ?? []).find((l) => l.trim().length > 0)?.trim() ?? "";
  return isEmptyResponse(first) ? "" : first;
}

/** A list field (skills, technologies): its non-blank lines, as one comma-separated list. */
function listValue(lines: readonly string[] | undefined): string {
  const items = (lines ?? []).map((l) => l.trim()).filter((l) => l.length > 0 && !l.startsWith("#") && !isEmptyResponse(l));
  return items.join(", ");
}

/** Whether a checkboxes field has a checked box (`- [X] …`). */
function isChecked(lines: readonly string[] | undefined): boolean {
  return (lines ?? []).some((l) => /^\s*[-*] \[[xX]\]/.test(l));
}

const PREFIX = /^\s*\[cncf lfx proposal\]\s*/i;

/** The issue title without its "[CNCF LFX Proposal]" prefix, which is never part of an idea's title. */
function withoutPrefix(title: string): string {
  return title.replace(PREFIX, "").trim();
}

/** The template's title left unedited ("<project> <program name>"): nothing to derive from. */
const isPlaceholderTitle = (rest: string) => /<project>|<program name>/i.test(rest);

/** Where `project` ends when `rest` starts with it as a whole word (case-insensitive), else -1. */
function afterProject(rest: string, project: string): number {
  if (!project || rest.slice(0, project.length).toLowerCase() !== project.toLowerCase()) return -1;
  const next = rest.charAt(project.length);
  return next === "" || /[\s:\-–—]/.test(next) ? project.length : -1;
}

/**
 * The project an issue title names after its prefix ("<project> <program name>"): the part before
 * ": " or " - " when there is one, else a known CNCF project the title starts with, else its first word.
 */
function projectFromTitle(rest: string): string {
  if (!rest || isPlaceholderTitle(rest)) return "";
  const seps = [": ", " - ", " – ", " — "].map((s) => rest.indexOf(s)).filter((i) => i > 0);
  if (seps.length > 0) return rest.slice(0, Math.min(...seps)).trim();
  const known = projectNamed(rest, "", []);
  if (known && afterProject(rest, known) > 0) return known;
  return rest.split(/\s/, 1)[0]!;
}

/** The program's name from an issue title's rest: without the project when it starts with it. */
function titleFromIssueTitle(rest: string, project: string): string {
  if (!rest || isPlaceholderTitle(rest)) return "";
  const end = afterProject(rest, project);
  return end < 0 ? rest : rest.slice(end).replace(/^[\s:\-–—]+/, "");
}

/** "2026 Term 3 (Sep-Nov)" → `lfx-2026-3`; null when the text names no LFX term. */
export function lfxTermOf(text: string): string | null {
  const m = /^(\d{4}) term ([1-4])\b/.exec(text.replace(/\s+/g, " ").trim().toLowerCase());
  if (!m) return null;
  const key = termKey("lfx", Number(m[1]), Number(m[2]));
  return termFromKey(key) ? key : null;
}

function toIdea(issue: ProposalIssue, stage: Idea["stage"], options: ParseOptions, warn: (w: string) => void): IdeaInput | string {
  const fields = formFields(issue.body);
  // Fields may be empty (the title stands in for some), but a body with none of the form's headings is no proposal form.
  if (fields.size === 0) return "the body is not the proposal form (none of its fields)";
  const rest = withoutPrefix(issue.title ?? "");

  const project = singleLine(fields.get("cncf_project")) || projectFromTitle(rest);
  if (!project) return "no CNCF Project, and none in the issue title";
  const title = withoutPrefix(singleLine(fields.get("program_name"))) || titleFromIssueTitle(rest, project);
  if (!title) return "no Program Name, and none in the issue title";

  const termText = singleLine(fields.get("term"));
  const technologies = listValue(fields.get("technologies"));
  const skillsText = listValue(fields.get("skills"));
  const urlText = singleLine(fields.get("upstream_issue_url")).replace(/^<([^<>]*)>$/, "$1");
  const mentorLines = fields.get("mentors") ?? [];
  const mentorsSize = mentorLines.reduce((n, l) => n + l.length + 1, 0);
  const sizes: Array<[string, number, number]> = [
    ["CNCF Project", project.length, MAX_SHORT],
    ["Program Name", title.length, MAX_SHORT],
    ["Term", termText.length, MAX_SHORT],
    ["Technologies", technologies.length, MAX_LIST],
    ["Required/Desirable Skills", skillsText.length, MAX_LIST],
    ["Mentors", mentorsSize, MAX_LIST],
    ["Upstream Issue URL", urlText.length, MAX_URL],
  ];
  for (const [label, size, max] of sizes) if (size > max) return `${label} has ${size} characters (more than ${max})`;

  let term = options.term ?? "other";
  if (termText) {
    const found = lfxTermOf(termText);
    if (found) term = found;
    else warn(`Term ${JSON.stringify(termText.slice(0, 80))} names no LFX term; read as ${term}`);
  }

  let markdown = multiline(fields.get("program_description"));
  if (markdown.length > MAX_DESCRIPTION) {
    warn(`Program Description has ${markdown.length} characters; cut to ${MAX_DESCRIPTION}`);
    markdown = markdown.slice(0, MAX_DESCRIPTION);
  }

  // The box says the skills are the technologies; an empty skills field says the same.
  const skills = dedupeSkills(splitSkills(isChecked(fields.get("skills_same")) || !skillsText ? technologies : skillsText));

  const mentors = parseMentorLines(mentorLines, warn);
  if (typeof mentors === "string") return mentors;

  const issues: string[] = [];
  if (urlText) {
    if (isHttpUrl(urlText)) issues.push(urlText);
    else warn(`Upstream Issue URL is not a URL: ${JSON.stringify(urlText.slice(0, 80))}`);
  }
  const links: Link[] = [];
  const html = issue.html_url?.trim() ?? "";
  if (html && isHttpUrl(html)) links.push({ label: "Proposal", url: html });

  return {
    id: ideaId(project, title, term),
    project,
    group: null,
    title,
    description: descriptionText(markdown),
    descriptionMarkdown: markdown,
    skills,
    canonicalSkills: canonicalizeSkills(skills),
    mentors,
    issues,
    links,
    extra: [],
    term,
    stage,
    source: options.source,
    line: issue.number,
  };
}

/** Plain text of the description; a leading "Description" heading (the form's suggested structure) is left out. */
function descriptionText(markdown: string): string {
  if (!markdown) return "";
  const tree = parseMarkdown(markdown);
  const first = tree.children[0];
  const children =
    first?.type === "heading" && /^description:?$/i.test(plainText(first)) ? tree.children.slice(1) : tree.children;
  return plainText({ ...tree, children });
}

/** Without duplicates (case-insensitive; the first spelling wins). */
function dedupeSkills(skills: string[]): string[] {
  const seen = new Set<string>();
  return skills.filter((skill) => {
    const key = skill.toLowerCase().replace(/\s+/g, " ");
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const GITHUB_LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

/** A GitHub login from "@login", "login" or "https://github.com/login", else null. */
function loginOf(cell: string): string | null {
  const login = cell
    .trim()
    .replace(/^https?:\/\/(?:www\.)?github\.com\//i, "")
    .replace(/^@/, "")
    .replace(/(?<!\/)\/+$/, "");
  return GITHUB_LOGIN.test(login) ? login : null;
}

/** A name without e-mail addresses, handles or stray brackets (every word with an "@" goes). */
function cleanName(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => !word.includes("@"))
    .join(" ")
    .replace(/[<>()[\]]/g, " ")
    .replace(/\s+/g, " ")
    .replace(/^[\s,;:\-–—*]+|(?<![\s,;:\-–—*])[\s,;:\-–—*]+$/g, "")
    .trim();
}

/**
 * The Mentors field: one `Name | @github | email | LFID` per line, the first the primary mentor.
 * Only the name and the handle are read: the third and later columns are never looked at, so an
 * e-mail or LFID cannot end up in an idea. Columns may be missing or padded; a line without `|` is
 * a name (an `@handle` word in it is its handle). List markers and table pipes around a line are
 * tolerated; a header row ("Full Name | …") and table rules are skipped. A string when the field is
 * too long to be a mentors list.
 */
function parseMentorLines(lines: readonly string[], warn: (w: string) => void): Mentor[] | string {
  const mentors: Mentor[] = [];
  const seen = new Set<string>();
  let count = 0;
  for (const raw of lines) {
    const line = raw.trim().replace(/^(?:[-*+]|\d{1,3}[.)])\s+/, "");
    if (!line || isEmptyResponse(line) || line.startsWith("#") || line.startsWith("```") || line.startsWith("~~~")) continue;
    if (/^[\s|:-]+$/.test(line)) continue; // a table's rule
    if (++count > MAX_MENTORS) return `Mentors has more than ${MAX_MENTORS} lines`;
    let name: string;
    let handle: string | null = null;
    if (line.includes("|")) {
      const cells = line.split("|").map((c) => c.trim());
      if (line.startsWith("|")) cells.shift();
      if (line.endsWith("|")) cells.pop();
      if (/^(?:full )?name$/i.test(cells[0] ?? "")) continue; // a header row
      name = cleanName(cells[0] ?? "");
      // The second column is the handle; an "@login" written in the first column is one too. A bare
      // word is a handle only after a name: with the name missing or an e-mail in its place, the
      // columns have moved and the word may be an LFID.
      const second = cells[1] ?? "";
      handle = (second.trim().startsWith("@") || (name && !(cells[0] ?? "").includes("@")) ? loginOf(second) : null) ?? handleIn(cells[0] ?? "");
    } else {
      name = cleanName(line);
      handle = handleIn(line);
    }
    if (name.length > MAX_SHORT) {
      warn(`a mentor's name has ${name.length} characters (more than ${MAX_SHORT}); left out`);
      continue;
    }
    if (!name && !handle) {
      warn("a mentor with neither a name nor a GitHub handle was left out");
      continue;
    }
    const mentor = { name: name || handle!, handle };
    const key = (mentor.handle ?? mentor.name).toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    mentors.push(mentor);
  }
  return mentors;
}

/** The first "@login" word of a text ("(@jane)", "@jane,"), never part of an e-mail address. */
function handleIn(text: string): string | null {
  for (const word of text.split(/\s+/)) {
    const bare = word.replace(/^[(<[]+/, "").replace(/(?<![)>\],;.])[)>\],;.]+$/, "");
    if (bare.startsWith("@")) {
      const login = loginOf(bare);
      if (login) return login;
    }
  }
  return null;
}

function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\/\S+$/i.test(text)) return false;
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}
