import type { Heading, Table } from "mdast";
import { canonicalizeSkills } from "./skills.ts";
import { extractFields, looksLikeIdea, type Field, type SectionFields, type SectionItem } from "./fields.ts";
import { ideaId } from "./id.ts";
import { classifyLabel, CORE_FIELDS, isPlaceholderTitle, isScaffoldingHeading } from "./labels.ts";
import { parseMarkdown, plainText, linksIn, type Block } from "./markdown.ts";
import { parseMentors } from "./mentors.ts";
import { IdeaSchema, type Idea, type Link } from "./schema.ts";
import { splitSkills } from "./split.ts";
import { ideasFromTable } from "./table.ts";

export interface ParseOptions {
  /** The source's label, stored in each idea. */
  source: string;
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
  for (const block of blocks) {
    if (block.type === "heading") {
      if (skipBelow !== null && block.depth > skipBelow) continue;
      skipBelow = null;
      const title = plainText(block);
      while (stack.length > 1 && stack[stack.length - 1]!.depth >= block.depth) stack.pop();
      const parent = stack[stack.length - 1]!;
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
        for (const m of line.text.matchAll(/\b([\w.-]+)\/([\w.-]+)#(\d+)\b/g)) urls.push(`https://github.com/${m[1]}/${m[2]}/issues/${m[3]}`);
      }
    }
  }
  return [...new Set(urls)];
}

function toIdea(section: Section, project: string, group: string | null, source: string): Idea {
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
    id: ideaId(project, section.title),
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
    source,
    line: section.heading.position?.start.line ?? 1,
  };
}

/**
 * Reads an ideas file. Which heading is a project, a group or an idea is decided from the structure:
 * an idea is a heading with idea fields under it (and no idea below it); its project is the heading
 * at the file's project depth above it, and anything in between is a group. Never throws on text.
 */
export function parseIdeas(markdown: string, options: ParseOptions): ParseResult {
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
  const ideaSections = all.filter((s) => s.isIdea);
  for (const section of ideaSections) {
    const sub = subsectionItems(section);
    if (sub.length > 0) section.fields = extractFields([...section.items, ...sub], markdown);
  }
  const depth = projectDepth(ideaSections);

  const ideas: Idea[] = [];
  for (const section of ideaSections) {
    const projectSection = projectOf(section, depth);
    const between: string[] = [];
    for (let s = section.parent; s && s.depth > (projectSection?.depth ?? 0) && !s.isIdea; s = s.parent) between.unshift(s.title);
    const project = projectSection?.title || section.parent?.title || "";
    if (!project) {
      warnings.push(`line ${section.heading.position?.start.line}: idea "${section.title}" has no project heading above it; skipped`);
      continue;
    }
    ideas.push(toIdea(section, project, between.length > 0 ? between.join(" / ") : null, options.source));
  }
  for (const { table, owner } of tables) {
    ideas.push(...ideasFromTable(table, owner?.title ?? null, options.source, markdown));
  }
  return { ideas: validated(dedupe(ideas, warnings), warnings), warnings };
}

function dedupe(ideas: Idea[], warnings: string[]): Idea[] {
  const seen = new Map<string, Idea>();
  for (const idea of ideas) {
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
  return ideas.filter((idea) => {
    const result = IdeaSchema.safeParse(idea);
    if (!result.success) warnings.push(`line ${idea.line}: "${idea.title}" is not a valid idea (${result.error.issues[0]?.message}); skipped`);
    return result.success;
  });
}
