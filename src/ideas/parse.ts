import type { Heading, Nodes, Table } from "mdast";
import { canonicalizeSkills } from "./skills.ts";
import { detectLabel, extractFields, looksLikeIdea, type Field, type SectionFields, type SectionItem } from "./fields.ts";
import { ideaId, resolveIdCollisions } from "./id.ts";
import { classifyLabel, CORE_FIELDS, headingKey, isPlaceholderTitle, isSampleHeading, isScaffoldingHeading, type FieldKind } from "./labels.ts";
import { parseMarkdown, paragraphLines, plainText, linksIn, type Block } from "./markdown.ts";
import { parseMentors } from "./mentors.ts";
import { projectNamed } from "./projects.ts";
import { IdeaSchema, type Idea, type Link } from "./schema.ts";
import { splitSkills } from "./split.ts";
import { ideasFromTable } from "./table.ts";

export interface ParseOptions {
  /** The source's label, stored in each idea. */
  source: string;
  /** The source's term (src/ideas/terms.ts), hashed into ids and stored in each idea; default `other`. */
  term?: string;
}

export interface ParseResult {
  ideas: Idea[];
  /** Things a maintainer of the file may want to fix; never fatal. */
  warnings: string[];
}

interface Section {
  depth: number;
  title: string;
  heading: Heading;
  items: SectionItem[];
  parent: Section | null;
  children: Section[];
  fields?: SectionFields;
  isIdea?: boolean;
  /** The idea's line when it does not start at its heading (a prose proposal's title line). */
  line?: number;
}

/** Headings that are really sub-sections of an idea ("Expected outcome", "Description", "Mentors"). */
function fieldHeading(title: string) {
  const kind = classifyLabel(title.replace(/[:：]\s*$/, ""));
  return kind ? { kind, label: title.replace(/[:：]\s*$/, "") } : null;
}

/** Builds the heading tree; scaffolding subtrees (Template, Sample, table of contents) are dropped. */
function buildSections(blocks: Block[]): { roots: Section[]; tables: Array<{ table: Table; owner: Section | null }> } {
  const root: Section = { depth: 0, title: "", heading: null as unknown as Heading, items: [], parent: null, children: [] };
  const tables: Array<{ table: Table; owner: Section | null }> = [];
  const stack: Section[] = [root];
  let skipBelow: number | null = null;
  // Under a "Sample"/"Example" heading, only its first entry is the sample: the first sub-heading and
  // its subtree, or a code block or list given before any sub-heading. What follows is real (mentors
  // often append their ideas right below the template's sample, with no section heading of their own).
  let sample: { depth: number; given: boolean } | null = null;
  for (const block of blocks) {
    if (block.type === "heading") {
      if (skipBelow !== null && block.depth > skipBelow) continue;
      skipBelow = null;
      const title = plainText(block);
      if (sample && block.depth > sample.depth && !sample.given) {
        // The sample's own heading ("### Prometheus (sample)", "#### Sample idea"): skip its subtree.
        sample = null;
        skipBelow = block.depth;
        continue;
      }
      sample = null;
      while (stack.length > 1 && stack[stack.length - 1]!.depth >= block.depth) stack.pop();
      const parent = stack[stack.length - 1]!;
      if (isSampleHeading(title)) {
        sample = { depth: block.depth, given: false };
        continue;
      }
      if (isScaffoldingHeading(title)) {
        skipBelow = block.depth;
        continue;
      }
      const asField = parent !== root ? fieldHeading(title) : null;
      if (asField) {
        // Folded into the parent, and stays off the stack so its content follows the label.
        parent.items.push({ type: "labelHeading", ...asField });
        continue;
      }
      const section: Section = { depth: block.depth, title, heading: block, items: [], parent, children: [] };
      parent.children.push(section);
      stack.push(section);
      continue;
    }
    if (skipBelow !== null) continue;
    if (sample) {
      // Text under the Sample heading is skipped; a code block, list or table there is the sample itself.
      if (block.type === "code" || block.type === "list" || block.type === "table" || block.type === "blockquote") sample.given = true;
      continue;
    }
    const owner = stack[stack.length - 1]!;
    if (block.type === "table") tables.push({ table: block, owner: owner === root ? null : owner });
    owner.items.push(block);
  }
  return { roots: root.children, tables };
}

function* walk(sections: Section[]): Generator<Section> {
  for (const s of sections) {
    yield s;
    yield* walk(s.children);
  }
}

function hasIdeaBelow(section: Section): boolean {
  return section.children.some((c) => c.isIdea || hasIdeaBelow(c));
}

/**
 * The project heading of an idea: the nearest heading above it at the project depth. An idea
 * written at the project level ("### in-toto" then "### Add GUAC support", or after a project's
 * own ideas) belongs to the nearest heading before it that is not an idea; an idea nested under
 * a misplaced idea shares that idea's project.
 */
function projectOf(section: Section, depth: number): Section | null {
  if (section.depth <= depth) {
    const sibling = projectSiblingBefore(section);
    if (sibling) return sibling;
  }
  let p = section.parent;
  while (p && p.depth > depth && !p.isIdea) p = p.parent;
  return p?.isIdea ? projectOf(p, depth) : p;
}

/** The nearest heading before an idea, at its own level, that is not an idea: its project. */
function projectSiblingBefore(section: Section): Section | null {
  const siblings = section.parent?.children ?? [];
  for (let i = siblings.indexOf(section) - 1; i >= 0; i--) {
    if (!siblings[i]!.isIdea) return siblings[i]!;
  }
  return null;
}

const GROUP_TITLE = /^(?:sig|wg|tag)\b|\b(?:working group|special interest group|sub-?project)\b/i;

/**
 * The depth at which projects sit: the depth with the most headings holding ideas directly. Headings
 * are counted, not ideas, so one project with many ideas in an unnamed group ("#### Storage") does
 * not outvote the projects around it.
 */
function projectDepth(ideas: Section[]): number {
  const parents = new Set<Section>();
  for (const idea of ideas) {
    // SIG, working-group and sub-project headings are groups (maybe nested): the project is above them.
    let parent = idea.parent;
    while (parent && GROUP_TITLE.test(parent.title) && parent.parent?.title) parent = parent.parent;
    if (parent) parents.add(parent);
  }
  const counts = new Map<number, number>();
  for (const { depth } of parents) counts.set(depth, (counts.get(depth) ?? 0) + 1);
  let best = 0;
  let bestCount = -1;
  for (const [depth, count] of counts) if (count > bestCount || (count === bestCount && depth < best)) [best, bestCount] = [depth, count];
  return best;
}

/**
 * Headings under an idea that are neither ideas nor hold one ("##### Background", "###### Phase 1")
 * are part of the idea: their content, in order, as captioned description.
 */
function subsectionItems(section: Section): SectionItem[] {
  const items: SectionItem[] = [];
  for (const child of section.children) {
    if (child.isIdea || hasIdeaBelow(child)) continue;
    items.push({ type: "labelHeading", kind: "description", label: child.title, caption: child.title }, ...child.items, ...subsectionItems(child));
  }
  return items;
}

function fieldsOf(fields: Field[], kind: Field["kind"]): Field[] {
  return fields.filter((f) => f.kind === kind);
}

function skillsOf(fields: Field[]): string[] {
  const skills: string[] = [];
  for (const field of fieldsOf(fields, "skills")) {
    for (const line of field.lines) {
      // A remark nested under a skill ("Familiarity with X may also help, but is not required.") is one item.
      const sentence = line.nested === true;
      skills.push(...(sentence ? [line.text.replace(/^[-*•]\s+/, "").trim()].filter(Boolean) : splitSkills(line.text)));
    }
  }
  return [...new Set(skills)];
}

function urlsOf(fields: Field[], shorthand = false): string[] {
  const urls: string[] = [];
  for (const field of fields) {
    for (const line of field.lines) {
      for (const link of line.links) urls.push(link.url);
      for (const m of line.text.matchAll(/https?:\/\/[^\s<>()]+[^\s<>().,;]/g)) urls.push(m[0]);
      // GitHub's shorthand "kubearmor/KubeArmor#992", where no URL is given.
      if (shorthand && line.links.length === 0 && !/https?:/.test(line.text)) {
        // Starts only where a run of name characters starts, so a long "a.a.a…" is one try, not one per character.
        for (const m of line.text.matchAll(/(?<![\w.-])([\w.-]+)\/([\w.-]+)#(\d+)\b/g)) urls.push(`https://github.com/${m[1]}/${m[2]}/issues/${m[3]}`);
      }
    }
  }
  return [...new Set(urls)];
}

function toIdea(section: Section, project: string, group: string | null, options: ParseOptions): Idea {
  const { fields, loose } = section.fields!;
  const labelled = fieldsOf(fields, "description").filter((f) => !f.caption);
  const subsections = fieldsOf(fields, "description").filter((f) => f.caption && f.lines.length > 0);
  const descText = labelled.flatMap((f) => f.lines.map((l) => l.text));
  // Prose-style ideas: with no Description field, the unlabelled text is the description.
  const text = [...(descText.length > 0 ? descText : loose.text), ...subsections.flatMap((f) => f.lines.map((l) => l.text))];
  const markdown = [...(descText.length > 0 ? labelled.flatMap((f) => f.markdown) : loose.markdown), ...subsections.flatMap((f) => f.markdown)];
  const links: Link[] = [];
  for (const url of urlsOf(fieldsOf(fields, "lfx"))) links.push({ label: "LFX", url });
  let issues = urlsOf(fieldsOf(fields, "issues"), true);
  for (const { url } of linksIn(section.heading)) {
    // "#### [Title](…/issues/12)": the heading links the upstream issue when no field names one.
    if (issues.length === 0 && /\/(?:issues|pull)\/\d+/.test(url)) issues = [url];
    else links.push({ label: "Heading", url });
  }
  const skills = skillsOf(fields);
  return {
    id: ideaId(project, section.title, options.term),
    project,
    group,
    title: section.title,
    description: text.join("\n").trim(),
    descriptionMarkdown: markdown.join("\n\n").trim(),
    skills,
    canonicalSkills: canonicalizeSkills(skills),
    mentors: parseMentors(fieldsOf(fields, "mentors").flatMap((f) => f.lines)),
    issues,
    links: links.filter((l, i) => links.findIndex((o) => o.url === l.url) === i),
    extra: fieldsOf(fields, "extra")
      .map((f) => ({ label: f.label, text: f.lines.map((l) => l.text).join("\n") }))
      .filter((e) => e.text.length > 0),
    term: options.term ?? "other",
    // The file alone does not know whether it lists proposals or accepted ideas: src/sources/read.ts stamps the stage.
    stage: "proposed",
    source: options.source,
    line: section.line ?? section.heading.position?.start.line ?? 1,
  };
}

/**
 * Reads an ideas file. Which heading is a project, a group or an idea is decided from the structure:
 * an idea is a heading with idea fields under it (and no idea below it); its project is the heading
 * at the file's project depth above it, and anything in between is a group. Never throws on text.
 */
export function parseIdeas(markdown: string, options: ParseOptions): ParseResult {
  try {
    return parseStructure(markdown, options);
  } catch (error) {
    // Text from the internet can still outrun a library (thousands of nested blockquotes exhaust
    // remark's recursion): the file gives no ideas and says why, and nothing else stops.
    return { ideas: [], warnings: [`the file could not be read as ideas: ${(error as Error).message}`] };
  }
}

function parseStructure(markdown: string, options: ParseOptions): ParseResult {
  const warnings: string[] = [];
  const tree = parseMarkdown(markdown.replace(/^\uFEFF/, ""));
  const { roots, tables } = buildSections(tree.children);
  const all = [...walk(roots)];
  for (const section of all) section.fields = extractFields(section.items, markdown);
  // Deepest first, so a project that has fields of its own and ideas below is not an idea.
  for (const section of [...all].reverse()) {
    const own = section.fields!;
    // A project with a description of its own and ideas below is a project; one with mentors or skills is a misplaced idea.
    const projectLike = hasIdeaBelow(section) && !own.fields.some((f) => f.lines.length > 0 && CORE_FIELDS.includes(f.kind));
    section.isIdea = looksLikeIdea(own) && !projectLike && !isPlaceholderTitle(section.title);
  }
  const ideaSections = all.filter((s) => s.isIdea).flatMap((s) => splitRepeated(s, markdown));
  for (const section of ideaSections) {
    const sub = subsectionItems(section);
    if (sub.length > 0) section.fields = extractFields([...section.items, ...sub], markdown);
  }
  const depth = projectDepth(ideaSections);

  const ideas: Idea[] = [];
  for (const { table, owner } of tables) {
    ideas.push(...ideasFromTable(table, owner?.title ?? null, options, markdown));
  }
  // A file with no labelled fields and no table may still list ideas as prose under a "project ideas" heading.
  if (ideaSections.length === 0 && ideas.length === 0) ideas.push(...proseIdeas(all, markdown, options, warnings));
  for (const section of ideaSections) {
    const projectSection = projectOf(section, depth);
    const between: string[] = [];
    for (let s = section.parent; s && s.depth > (projectSection?.depth ?? 0) && !s.isIdea; s = s.parent) between.unshift(s.title);
    const project = projectSection?.title || section.parent?.title || "";
    if (!project) {
      warnings.push(`line ${section.heading.position?.start.line}: idea "${section.title}" has no project heading above it; skipped`);
      continue;
    }
    ideas.push(toIdea(section, project, between.length > 0 ? between.join(" / ") : null, options));
  }
  return { ideas: validated(dedupe(ideas, warnings), warnings), warnings };
}

/** What a unit of an idea's content starts with: the field its first line names, or null for plain text. */
function unitKind(block: Block, markdown: string): FieldKind | null | "other" {
  const head = block.type === "list" ? block.children[0]?.children[0] : block;
  if (head?.type !== "paragraph") return "other";
  const first = paragraphLines(head, markdown)[0];
  return first ? (detectLabel(first)?.kind ?? null) : "other";
}

/** Whether a second "Description:" after core fields starts a new idea under the same heading (see `splitRepeated`). */
const DESCRIPTION_STARTS_RUN = false;

/**
 * One heading holding several ideas as repeated runs of bullets, as in GSoC 2017: "* <what to do>",
 * "* Required skills: …", "* Likely mentors: …", then again "* <what to do>", … under
 * "#### gRPC C Core:". The heading's idea is the first run (so its id does not change); each further
 * run is an idea of the same project and group, titled by the first sentence of its text, whose
 * `line` is the line of that text (not a heading). A run starts, once the current run has mentors,
 * at plain text followed right away by core fields of two kinds, mentors among them.
 *
 * Decision: a second "Description:" block under one heading (the lost "mutating webhooks" heading in
 * lfx-mentorship/2022/01-Spring/README.md) is NOT split: it has no text that reads as a title, and
 * the corpus tests pin it as one idea. `DESCRIPTION_STARTS_RUN` flips that.
 */
function splitRepeated(section: Section, markdown: string): Section[] {
  if (hasIdeaBelow(section)) return [section];
  // Lists are taken item by item: a run may start in the middle of one.
  const units: Array<{ block: SectionItem; kind: FieldKind | null | "other" }> = [];
  for (const item of section.items) {
    if (item.type === "list") for (const li of item.children) units.push({ block: { ...item, children: [li], position: li.position }, kind: null });
    else units.push({ block: item, kind: null });
  }
  for (const u of units) u.kind = u.block.type === "labelHeading" ? u.block.kind : unitKind(u.block, markdown);
  const isCore = (k: FieldKind | null | "other"): k is FieldKind => k !== null && k !== "other" && CORE_FIELDS.includes(k);
  const starts: number[] = [];
  let seen = new Set<FieldKind>();
  for (let i = 0; i < units.length; i++) {
    const kind = units[i]!.kind;
    let start = false;
    if (seen.size > 0 && units[i]!.block.type !== "labelHeading") {
      if (kind === "description") start = DESCRIPTION_STARTS_RUN;
      else if (kind === null && seen.has("mentors") && isCore(units[i + 1]?.kind ?? null)) {
        const next = new Set<FieldKind>();
        for (let j = i + 1; j < units.length && isCore(units[j]!.kind); j++) next.add(units[j]!.kind as FieldKind);
        start = next.size >= 2 && next.has("mentors");
      }
    }
    if (start) {
      starts.push(i);
      seen = new Set();
    }
    if (isCore(kind)) seen.add(kind);
  }
  if (starts.length === 0) return [section];
  const runs = [0, ...starts].map((from, n) => units.slice(from, n < starts.length ? starts[n] : units.length).map((u) => u.block));
  const children = section.children;
  const sections = runs.map((items, n): Section => {
    const fields = extractFields(items, markdown);
    if (n === 0) return Object.assign(section, { items, fields, children: [] });
    const desc = fields.fields.find((f) => f.kind === "description" && f.lines.length > 0)?.lines[0]?.text ?? fields.loose.text[0] ?? "";
    const first = items[0] as Block;
    return { ...section, items, fields, children: [], title: sentenceTitle(desc) || `${section.title} (${n + 1})`, line: first.position?.start.line };
  });
  // Sub-headings below the heading's content follow its last run.
  sections[sections.length - 1]!.children = children;
  return sections;
}

/** A title from a description: its first sentence, up to a " - " gloss, at most about 100 characters. */
function sentenceTitle(text: string): string {
  let t = text.trim();
  const end = /[.!?](?:\s|$)/.exec(t);
  if (end) t = t.slice(0, end.index);
  const dash = t.indexOf(" - ");
  if (dash > 0 && t.slice(0, dash).includes(" ")) t = t.slice(0, dash);
  if (t.length > 100) t = `${t.slice(0, t.lastIndexOf(" ", 100)).replace(/(?<![\s,;:(])[\s,;:(]+$/, "")}…`;
  return t.replace(/(?<![\s:：])[\s:：]+$/, "");
}

/** "## 2020 project ideas", "## Project Proposal", "### Proposed projects": a heading that holds ideas as prose. */
const PROSE_CONTAINER = /^(?:(?:19|20)\d\d )?(?:(?:cncf|gsod|gsoc|season of docs|lfx) )?(?:project ideas?|ideas|project proposals?|proposals?|proposed projects?|proposed project ideas)$/;

/** A line that reads as a title, not a sentence: short, one line, no closing punctuation. */
function titleLine(block: SectionItem): string | null {
  if (block.type !== "paragraph") return null;
  const text = plainText(block);
  const lines = (block.position?.end.line ?? 0) - (block.position?.start.line ?? 0);
  return lines === 0 && text.length > 0 && text.length <= 100 && !/[.:!?]$/.test(text) ? text : null;
}

/**
 * Ideas written as prose, for files where no heading has idea fields and no table lists ideas
 * (Season of Docs 2020–2021). Only what is under a "project ideas"/"project proposal" heading counts:
 *  - when that heading's own content is a single title line ("## Project Proposal" then "Reorganize
 *    Contour’s documentation"), it is one idea with that title and every sub-heading folded in;
 *  - otherwise each heading right below it is an idea ("### Provide a robust collection of example
 *    Falco rules"): its prose is the description, its sub-headings ("#### Project goals",
 *    "#### What you'll learn") fold into it.
 * The project is the CNCF project the idea names (see `projectNamed`); an idea naming none is skipped
 * with a warning. Prose ideas have no mentors, skills or issues: nothing labels them.
 */
function proseIdeas(all: Section[], markdown: string, options: ParseOptions, warnings: string[]): Idea[] {
  const ideas: Idea[] = [];
  for (const container of all) {
    if (!PROSE_CONTAINER.test(headingKey(container.title)) || container.children.length === 0) continue;
    const own = container.items.filter((i) => i.type !== "html" && i.type !== "thematicBreak" && i.type !== "definition");
    const title = own.length === 1 ? titleLine(own[0]!) : null;
    const candidates: Section[] = title
      ? [{ ...container, title, items: [], line: (own[0] as Block).position?.start.line }]
      : container.children.filter((c) => !isPlaceholderTitle(c.title));
    for (const section of candidates) {
      const items = [...section.items, ...subsectionItems(section)];
      section.fields = extractFields(items, markdown);
      const blocks = items.filter((i): i is Block => i.type !== "labelHeading");
      const text = plainText(blocks as Nodes[]);
      if (!text) continue;
      const project = projectNamed(section.title, text, linksIn(blocks as Nodes[]));
      const line = section.line ?? section.heading.position?.start.line;
      if (!project) {
        warnings.push(`line ${line}: idea "${section.title}" names no project; skipped`);
        continue;
      }
      ideas.push(toIdea(section, project, null, options));
    }
  }
  return ideas;
}

function dedupe(ideas: Idea[], warnings: string[]): Idea[] {
  // Different ideas with one id keep both (the later in the file gets a longer id); a repeat of an idea keeps its id and is dropped.
  const inFileOrder = [...ideas].sort((a, b) => a.line - b.line);
  const resolved = new Map(resolveIdCollisions(inFileOrder, (w) => warnings.push(w)).map((idea, i) => [inFileOrder[i]!, idea]));
  const seen = new Map<string, Idea>();
  for (const idea of ideas.map((i) => resolved.get(i)!)) {
    const first = seen.get(idea.id);
    if (first) {
      warnings.push(`line ${idea.line}: "${idea.title}" (${idea.project}) repeats the idea at line ${first.line}; kept the first`);
      continue;
    }
    seen.set(idea.id, idea);
  }
  return [...seen.values()].sort((a, b) => a.line - b.line);
}

/** The schema is the boundary: an idea that fails it is reported, never passed on. */
function validated(ideas: Idea[], warnings: string[]): Idea[] {
  return ideas.flatMap((idea) => {
    const result = IdeaSchema.safeParse(withoutPlaceholderUrls(idea, warnings));
    if (!result.success) warnings.push(`line ${idea.line}: "${idea.title}" is not a valid idea (${result.error.issues[0]?.message}); skipped`);
    return result.success ? [result.data] : [];
  });
}

const URL_SCHEMA = IdeaSchema.shape.issues.element;

/** A placeholder URL (`https://[issue-link]`, `https://…|TBD`) is dropped from the idea, not the idea. */
function withoutPlaceholderUrls(idea: Idea, warnings: string[]): Idea {
  const valid = (url: string) => {
    const ok = URL_SCHEMA.safeParse(url).success;
    if (!ok) warnings.push(`line ${idea.line}: "${idea.title}": "${url.slice(0, 80)}" is not a URL; dropped`);
    return ok;
  };
  return { ...idea, issues: idea.issues.filter(valid), links: idea.links.filter((l) => valid(l.url)) };
}
