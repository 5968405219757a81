/**
 * Reader for the structured LFX Mentorship export (`lfx-export.json` in cncf/mentoring: one object
 * with a `programs` array, one program per accepted proposal issue).
 *
 * Leniency: the file is checked as a whole (JSON, an object with a `programs` array) and then
 * program by program; a malformed program is skipped with a warning naming its index and issue
 * number, the others are kept. Never throws; linear in the size of the text.
 *
 * Privacy: mentors' e-mails and LFIDs are never copied into an idea (only name and GitHub handle).
 */
import { z } from "zod";
import { canonicalizeSkills } from "./skills.ts";
import { IdAllocator, ideaId } from "./id.ts";
import { describeIssues, readJson } from "./json-items.ts";
import { parseMarkdown, plainText } from "./markdown.ts";
import type { ParseOptions, ParseResult } from "./parse.ts";
import { IdeaSchema, type Idea, type Link, type Mentor } from "./schema.ts";
import { splitSkills } from "./split.ts";

/** Descriptions longer than this are cut (with a warning) before markdown parsing: real ones are < 5,000 characters. */
export const MAX_DESCRIPTION = 20_000;
const MAX_SHORT = 500; // project, titles, names, handles
const MAX_URL = 2_000;
const MAX_LIST = 10_000; // skills, technologies

const shortText = z.string().max(MAX_SHORT);
const url = z.string().max(MAX_URL);
/** A list of skills as written: the export uses a comma-separated string; an array of strings is accepted too. */
const skillList = z.union([z.string().max(MAX_LIST), z.array(z.string().max(MAX_SHORT)).max(200)]);

/** Only the fields we read are declared; unknown fields are allowed (and dropped). */
const ExportMentorSchema = z.object({
  name: shortText.nullish(),
  github_handle: shortText.nullish(),
  // email, lfid and role are deliberately not read.
});

export const ExportProgramSchema = z.object({
  issue_number: z.number().int().positive().nullish(),
  issue_url: url.nullish(),
  cncf_project: shortText.trim().min(1),
  program_name_short: shortText.nullish(),
  program_name_full: shortText.nullish(),
  description: z.string().nullish(),
  technologies: skillList.nullish(),
  skills: skillList.nullish(),
  mentors: z.array(ExportMentorSchema).max(100).nullish(),
  upstream_issue_url: url.nullish(),
  lfx_url: url.nullish(),
});

export const ExportFileSchema = z.object({ programs: z.array(z.unknown()) });

export type ExportProgram = z.infer<typeof ExportProgramSchema>;

/**
 * Reads an LFX export. `line` of each idea is the 1-based line of the program's `"issue_number"`
 * key (or of the program's opening brace when it has none).
 */
export function parseExport(text: string, options: ParseOptions): ParseResult {
  const warnings: string[] = [];
  const where = options.source;
  const data = readJson(text, where, warnings);
  if (data === undefined) return { ideas: [], warnings };
  const file = ExportFileSchema.safeParse(data);
  if (!file.success) {
    warnings.push(`${where}: not an LFX export (expected an object with a "programs" array); no ideas read`);
    return { ideas: [], warnings };
  }
  const programs = file.data.programs;
  if (programs.length === 0) warnings.push(`${where}: the "programs" array is empty`);

  const lines = locatePrograms(text.replace(/^\uFEFF/, ""));
  const usableLines = lines.length === programs.length;
  const ideas: Idea[] = [];
  const seen = new Map<string, Idea>();
  // Two programs whose ids collide are two ideas: the later one gets a longer id, not dropped.
  const ids = new IdAllocator((w) => warnings.push(`${where}: ${w}`));
  programs.forEach((raw, index) => {
    const name = programName(raw, index);
    const line = usableLines ? lines[index]!.issueLine ?? lines[index]!.line : 1;
    const parsed = ExportProgramSchema.safeParse(raw);
    if (!parsed.success) {
      warnings.push(`${where}: ${name} skipped: ${describeIssues(parsed.error)}`);
      return;
    }
    const idea = toIdea(parsed.data, line, options, (w) => warnings.push(`${where}: ${name}: ${w}`));
    if (typeof idea === "string") {
      warnings.push(`${where}: ${name} skipped: ${idea}`);
      return;
    }
    const checked = IdeaSchema.safeParse(idea);
    if (!checked.success) {
      warnings.push(`${where}: ${name} skipped: not a valid idea (${describeIssues(checked.error)})`);
      return;
    }
    const program = { ...checked.data, id: ids.idOf(checked.data) };
    const first = seen.get(program.id);
    if (first) {
      warnings.push(`${where}: ${name} repeats "${first.title}" (${first.project}) at line ${first.line}; kept the first`);
      return;
    }
    seen.set(program.id, program);
    ideas.push(program);
  });
  return { ideas, warnings };
}

/** "program 3 (issue #2029)" for warnings, from whatever the raw program holds. */
function programName(raw: unknown, index: number): string {
  const n = raw && typeof raw === "object" ? (raw as Record<string, unknown>).issue_number : undefined;
  const issue = typeof n === "number" || (typeof n === "string" && /^\d{1,12}$/.test(n)) ? ` (issue #${n})` : "";
  return `program ${index}${issue}`;
}

/**
 * The idea before validation. Fields the schema defaults (such as the stage, which the loader sets
 * from the source) are left to IdeaSchema.
 */
type IdeaInput = z.input<typeof IdeaSchema>;

function toIdea(p: ExportProgram, line: number, options: ParseOptions, warn: (w: string) => void): IdeaInput | string {
  const project = p.cncf_project.trim();
  const title = p.program_name_short?.trim() || titleFromFullName(p.program_name_full ?? "");
  if (!title) return "no program_name_short and no title in program_name_full";

  let markdown = (p.description ?? "").replace(/\r\n?/g, "\n").trim();
  if (markdown.length > MAX_DESCRIPTION) {
    warn(`description has ${markdown.length} characters; cut to ${MAX_DESCRIPTION}`);
    markdown = markdown.slice(0, MAX_DESCRIPTION);
  }

  const skills = mergeSkills([p.skills, p.technologies]);
  const mentors: Mentor[] = [];
  for (const m of p.mentors ?? []) {
    const mentor = toMentor(m);
    if (mentor) mentors.push(mentor);
    else warn("a mentor with neither a name nor a GitHub handle was left out");
  }

  const issues: string[] = [];
  if (p.upstream_issue_url?.trim()) {
    if (isHttpUrl(p.upstream_issue_url.trim())) issues.push(p.upstream_issue_url.trim());
    else warn(`upstream_issue_url is not a URL: ${JSON.stringify(p.upstream_issue_url.slice(0, 80))}`);
  }
  const links: Link[] = [];
  if (p.lfx_url && isHttpUrl(p.lfx_url.trim())) links.push({ label: "LFX", url: p.lfx_url.trim() });
  if (p.issue_url && isHttpUrl(p.issue_url.trim())) links.push({ label: "Proposal", url: p.issue_url.trim() });

  return {
    id: ideaId(project, title, options.term),
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
    ...(options.term ? { term: options.term } : {}),
    source: options.source,
    line,
  };
}

/** "CNCF - Jaeger: Some Title (2026 Term 3)" → "Some Title". String operations only, no backtracking. */
export function titleFromFullName(full: string): string {
  let rest = full.trim();
  const prefix = /^cncf\s*[-–—]\s*/i.exec(rest);
  if (prefix) rest = rest.slice(prefix[0].length);
  const colon = rest.indexOf(":");
  if (colon >= 0) rest = rest.slice(colon + 1).trim();
  if (rest.endsWith(")")) {
    const open = rest.lastIndexOf("(");
    if (open > 0 && /\bterm\b|\b20\d\d\b/i.test(rest.slice(open))) rest = rest.slice(0, open).trim();
  }
  return rest;
}

/** Plain text of the description; a leading "Description" heading (the form's label) is left out. */
function descriptionText(markdown: string): string {
  if (!markdown) return "";
  const tree = parseMarkdown(markdown);
  const first = tree.children[0];
  const children =
    first?.type === "heading" && /^description:?$/i.test(plainText(first)) ? tree.children.slice(1) : tree.children;
  return plainText({ ...tree, children });
}

/** Skills then technologies, split, without duplicates (case-insensitive; the first spelling wins). */
function mergeSkills(lists: Array<string | string[] | null | undefined>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const list of lists) {
    if (list == null) continue;
    for (const written of typeof list === "string" ? [list] : list) {
      for (const skill of splitSkills(written)) {
        const key = skill.toLowerCase().replace(/\s+/g, " ");
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(skill);
      }
    }
  }
  return out;
}

const GITHUB_LOGIN = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;
/** Short fields only (names are capped), so the scan is bounded. */
const EMAIL_LIKE = /(?<![^\s<>()[\]@,;])[^\s<>()[\]@,;]+@[^\s<>()[\]@,;]+/g;

function toMentor(m: z.infer<typeof ExportMentorSchema>): Mentor | null {
  let handle = (m.github_handle ?? "").trim().replace(/^https?:\/\/(?:www\.)?github\.com\//i, "").replace(/^@/, "").replace(/(?<!\/)\/+$/, "");
  if (!GITHUB_LOGIN.test(handle)) handle = "";
  // Never an e-mail, even one written into the name field.
  const name = (m.name ?? "").replace(EMAIL_LIKE, " ").replace(/[<>()]\s*[<>()]/g, " ").replace(/\s+/g, " ").trim();
  if (!name && !handle) return null;
  return { name: name || handle, handle: handle || null };
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

interface ProgramPosition {
  /** Line of the program's opening brace. */
  line: number;
  /** Line of its own `"issue_number"` key, if it has one. */
  issueLine: number | null;
}

/**
 * Where each element of the root object's `programs` array starts, in one pass over valid JSON
 * (call it after JSON.parse succeeded). Counts lines as it goes, so no per-program search.
 * Elements that are not objects get the line they start on, so indexes stay aligned.
 */
function locatePrograms(text: string): ProgramPosition[] {
  let out: ProgramPosition[] = [];
  const stack: number[] = []; // char codes of the open containers: 123 "{" or 91 "["
  let line = 1;
  let rootKey: string | null = null;
  let inPrograms = false; // the top of the stack (depth 2) is the programs array
  let expectElement = false;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line++;
      continue;
    }
    if (c === 32 || c === 9 || c === 13) continue;
    const atProgramsLevel = inPrograms && stack.length === 2;
    if (atProgramsLevel && c !== 44 && c !== 93 && expectElement) {
      out.push({ line, issueLine: null });
      expectElement = false;
    }
    if (c === 34) {
      const start = i + 1;
      i++;
      while (i < n && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
      // A key is a string in an object followed by ":"; only short keys are of interest.
      if (stack[stack.length - 1] === 123 && i - start <= 16) {
        let j = i + 1;
        while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9 || text.charCodeAt(j) === 10 || text.charCodeAt(j) === 13)) j++;
        if (text.charCodeAt(j) === 58) {
          const key = text.slice(start, i);
          if (stack.length === 1) rootKey = key;
          else if (inPrograms && stack.length === 3 && key === "issue_number") {
            const last = out[out.length - 1];
            if (last && last.issueLine === null) last.issueLine = line;
          }
        }
      } else if (stack.length === 1) rootKey = null;
      continue;
    }
    if (c === 123 || c === 91) {
      if (c === 91 && stack.length === 1 && stack[0] === 123 && rootKey === "programs") {
        // JSON.parse keeps the last of duplicate keys: so do we.
        out = [];
        inPrograms = true;
        expectElement = true;
      }
      stack.push(c);
      continue;
    }
    if (c === 125 || c === 93) {
      stack.pop();
      if (inPrograms && stack.length === 1) inPrograms = false;
      continue;
    }
    if (c === 44 && atProgramsLevel) expectElement = true;
  }
  return out;
}
