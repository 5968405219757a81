import type { Table } from "mdast";
import { ideaId } from "./id.ts";
import { classifyLabel, isPlaceholderTitle } from "./labels.ts";
import { linksIn, plainText } from "./markdown.ts";
import { parseMentors } from "./mentors.ts";
import type { ParseOptions } from "./parse.ts";
import type { Idea } from "./schema.ts";
import { canonicalizeSkills } from "./skills.ts";
import { splitSkills } from "./split.ts";

type Column = "project" | "title" | "description" | "skills" | "mentors" | "issues" | "lfx";

function columnOf(header: string): Column | null {
  const h = header.trim().toLowerCase();
  if (/^(?:cncf )?(?:project|projects|organi[sz]ation|org)(?: name)?$/.test(h)) return "project";
  if (/^(?:title|idea|project idea|project title|idea title|name|mentorship project|mentorship)$/.test(h)) return "title";
  // "Community Bridge Project" (LFX 2019–2020), "Accepted Project Proposal" (Season of Docs 2023).
  if (/^(?:(?:community ?bridge|lfx|lfx mentorship|gsoc|gsod|accepted|selected|mentorship) )?(?:project|project proposal|proposal)s?$/.test(h) && !/^projects?$/.test(h)) return "title";
  const kind = classifyLabel(header);
  return kind && kind !== "extra" ? kind : null;
}

/** Ideas from a table with a title column (`| Project | Title | Mentors |`); other tables give none. */
export function ideasFromTable(table: Table, headingProject: string | null, options: ParseOptions, _markdown: string): Idea[] {
  const [head, ...rows] = table.children;
  if (!head) return [];
  const columns = head.children.map((cell) => columnOf(plainText(cell)));
  const titleAt = columns.indexOf("title");
  const projectAt = columns.indexOf("project");
  if (titleAt < 0 || (projectAt < 0 && !headingProject) || columns.filter(Boolean).length < 2) return [];
  const ideas: Idea[] = [];
  for (const row of rows) {
    const cell = (c: Column) => {
      const i = columns.indexOf(c);
      return i >= 0 ? row.children[i] : undefined;
    };
    const title = cell("title") ? plainText(cell("title")!) : "";
    const project = projectAt >= 0 ? plainText(row.children[projectAt] ?? { type: "text", value: "" }) : headingProject!;
    if (!title || !project || isPlaceholderTitle(title)) continue;
    const skills = cell("skills") ? splitSkills(plainText(cell("skills")!)) : [];
    const mentorsCell = cell("mentors");
    const urls = (c: Column) => (cell(c) ? linksIn(cell(c)!).map((l) => l.url) : []);
    const titleLinks = linksIn(cell("title")!).map((l) => l.url);
    const issues = [...urls("issues"), ...titleLinks.filter((u) => /\/(?:issues|pull)\/\d+/.test(u))];
    ideas.push({
      id: ideaId(project, title, options.term),
      project,
      group: null,
      title,
      description: cell("description") ? plainText(cell("description")!) : "",
      descriptionMarkdown: cell("description") ? plainText(cell("description")!) : "",
      skills,
      canonicalSkills: canonicalizeSkills(skills),
      mentors: mentorsCell
        ? parseMentors(plainText(mentorsCell).split(/<br\s*\/?>/i).map((text) => ({ text, links: linksIn(mentorsCell) })))
        : [],
      issues: [...new Set(issues)],
      links: [
        ...urls("lfx").map((url) => ({ label: "LFX", url })),
        ...titleLinks.filter((u) => !issues.includes(u)).map((url) => ({ label: "Title", url })),
      ],
      extra: [],
      term: options.term ?? "other",
      // The file alone does not know whether it lists proposals or accepted ideas: src/sources/read.ts stamps the stage.
      stage: "proposed",
      source: options.source,
      line: row.position?.start.line ?? 1,
    });
  }
  return ideas;
}
