import type { Root, RootContent, PhrasingContent, Paragraph, Nodes } from "mdast";
import { toString } from "mdast-util-to-string";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import { unified } from "unified";
import type { ValueLine } from "./mentors.ts";

const processor = unified().use(remarkParse).use(remarkGfm);

/** Markdown → mdast. remark never throws on text: any input is some tree. */
export function parseMarkdown(markdown: string): Root {
  return processor.parse(markdown);
}

const BLOCK_CONTAINERS = new Set(["root", "blockquote", "list", "listItem", "table", "tableRow"]);

/** Plain text of a node with whitespace folded; the blocks of a quote or list are kept apart by a space. */
export function plainText(node: Nodes | Nodes[]): string {
  const text = (n: Nodes): string =>
    BLOCK_CONTAINERS.has(n.type) && "children" in n ? (n.children as Nodes[]).map(text).join(" ") : toString(n);
  return (Array.isArray(node) ? node.map(text).join("") : text(node)).replace(/\s+/g, " ").trim();
}

/** The exact source of a node (or a run of nodes), for markdown displays. */
export function sourceOf(source: string, nodes: Nodes | Nodes[]): string {
  const list = Array.isArray(nodes) ? nodes : [nodes];
  const start = list[0]?.position?.start.offset;
  const end = list[list.length - 1]?.position?.end.offset;
  if (start === undefined || end === undefined) return plainText(list);
  return dedent(source.slice(start, end));
}

function dedent(text: string): string {
  const lines = text.split("\n");
  // A loop, not Math.min(...indents): a 150,000-line block would overflow the call's arguments.
  let cut = Infinity;
  for (const l of lines.slice(1)) {
    if (!l.trim()) continue;
    let spaces = 0;
    while (l.charCodeAt(spaces) === 32) spaces++;
    cut = Math.min(cut, spaces);
  }
  if (cut === Infinity) cut = 0;
  return [lines[0], ...lines.slice(1).map((l) => l.slice(cut))].join("\n").trim();
}

/** Links (with http(s) URLs) anywhere below a node. */
export function linksIn(node: Nodes | Nodes[]): ValueLine["links"] {
  const out: ValueLine["links"] = [];
  const visit = (n: Nodes) => {
    if (n.type === "link" && /^https?:\/\//i.test(n.url)) out.push({ text: plainText(n), url: n.url });
    if ("children" in n) for (const c of n.children as Nodes[]) visit(c);
  };
  for (const n of Array.isArray(node) ? node : [node]) visit(n);
  return out;
}

/** A paragraph split at its line breaks: fields are often written one per line without bullets. */
export interface InlineLine {
  nodes: PhrasingContent[];
  /** Source of the line, for markdown displays. */
  markdown: string;
  line: number;
  /** The line starts after a hard break (`<br>`, two trailing spaces, `\`): a new value, not a wrapped one. */
  hardBreak: boolean;
}

export function paragraphLines(paragraph: Paragraph, source: string): InlineLine[] {
  const lines: PhrasingContent[][] = [[]];
  const hard = new Set<number>();
  for (const child of paragraph.children) {
    // "Ada (@ada)<br>Bob (@bob)": an HTML line break is a hard break too.
    if (child.type === "break" || (child.type === "html" && /^<br\s*\/?>$/i.test(child.value))) {
      hard.add(lines.push([]) - 1);
    } else if (child.type === "text" && child.value.includes("\n")) {
      const parts = child.value.split("\n");
      parts.forEach((part, i) => {
        // "<br>\n": the newline after a hard break starts no further line.
        if (i > 0 && !(i === 1 && parts[0] === "" && lines[lines.length - 1]!.length === 0)) lines.push([]);
        if (part) lines[lines.length - 1]!.push({ type: "text", value: part });
      });
    } else {
      lines[lines.length - 1]!.push(child);
    }
  }
  const start = paragraph.position?.start.offset;
  const end = paragraph.position?.end.offset;
  const sourceLines = start !== undefined && end !== undefined ? source.slice(start, end).split("\n") : [];
  const firstLine = paragraph.position?.start.line ?? 1;
  const usable = sourceLines.length === lines.length;
  return lines
    .map((nodes, i) => ({
      nodes,
      markdown: usable ? sourceLines[i]!.trim() : plainText(nodes),
      line: firstLine + i,
      hardBreak: hard.has(i),
    }))
    .filter((l) => plainText(l.nodes).length > 0);
}

export type Block = RootContent;
