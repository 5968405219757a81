import type { List, ListItem, Nodes, PhrasingContent } from "mdast";
import { classifyLabel, CORE_FIELDS, isPlaceholder, withoutTrailingColon, type FieldKind } from "./labels.ts";
import { linksIn, paragraphLines, plainText, sourceOf, type Block, type InlineLine } from "./markdown.ts";
import type { ValueLine } from "./mentors.ts";

/** One labelled field of an idea and everything written under it. */
export interface Field {
  kind: FieldKind;
  label: string;
  /** The inline value and each nested item or block, as text with links. */
  lines: ValueLine[];
  /** The same, as markdown, for descriptions. */
  markdown: string[];
  /** True while nothing follows the label on its own line ("Mentor(s):" then a list). */
  awaitingValue: boolean;
  /** The heading of a sub-section that names no field ("##### Background"), folded into the idea. */
  caption?: string;
}

/** What a section's content holds: its fields, and the content that belongs to no field. */
export interface SectionFields {
  fields: Field[];
  /** Text before any field, or not attached to one: the description of prose-style ideas. */
  loose: { text: string[]; markdown: string[] };
}

/** A marker for a sub-heading folded into its parent section ("##### Expected outcome", "##### Background"). */
export interface LabelHeading {
  type: "labelHeading";
  label: string;
  kind: FieldKind;
  /** Set when the heading names no field: it is kept as a caption in the markdown. */
  caption?: string;
}

export type SectionItem = Block | LabelHeading;

interface Label {
  kind: FieldKind;
  label: string;
  value: PhrasingContent[];
  markdown: string;
}

/** Markup around a label: `**Mentor(s):**`, `__Skills__:`, an escaped `\\*\\*`. */
const LABEL_MARKUP = /[\s*_\\]/;

/**
 * A label before a colon at the start of a line (`**Mentor(s):** Ada`): the label, 1 to 60
 * characters without its markup, and how many characters label, colon and markup take. A scan, not
 * a regex: the markup on both sides of a label is the shape that backtracks.
 */
function colonLabel(head: string): { label: string; length: number } | null {
  // The first colon of the line (a newline first: no label here).
  const colon = head.search(/[:：\n]/);
  if (colon < 0 || head[colon] === "\n") return null;
  let start = 0;
  while (start < colon && LABEL_MARKUP.test(head[start]!)) start++;
  let end = colon;
  while (end > start && LABEL_MARKUP.test(head[end - 1]!)) end--;
  if (end === start || end - start > 60) return null;
  let after = colon + 1;
  while (after < head.length && (head[after] === "*" || head[after] === "_" || /\s/.test(head[after]!))) after++;
  return { label: head.slice(start, end), length: after };
}

/**
 * Labels open a line and are short: the label patterns only ever see a line's first characters, so
 * a line of 10,000 spaces costs them no more than a short one (their adjacent \s* would otherwise
 * try every split of the run).
 */
const LABEL_WINDOW = 120;
const LABEL_PHRASE = /^\s*(?:[*_]+\s*)?((?:[A-Za-z()[\]-]+\s+){0,3}[A-Za-z()[\]-]+)\s*[*_]*(?=\s|$)/;

/** Drops the first `n` characters of a line's plain text from its inline nodes. */
function dropChars(nodes: PhrasingContent[], n: number): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  let left = n;
  for (const node of nodes) {
    const text = plainTextRaw(node);
    if (left >= text.length) {
      left -= text.length;
      continue;
    }
    if (left > 0) {
      out.push({ type: "text", value: text.slice(left) });
      left = 0;
    } else {
      out.push(node);
    }
  }
  return out;
}

function plainTextRaw(node: Nodes | Nodes[]): string {
  if (Array.isArray(node)) return node.map(plainTextRaw).join("");
  if ("value" in node && typeof node.value === "string" && node.type !== "html") return node.value;
  if ("children" in node) return (node.children as Nodes[]).map(plainTextRaw).join("");
  return "";
}

function stripMarkdownLabel(markdown: string, colon: boolean, label: string): string {
  if (colon) {
    const m = /^[^:：]*[:：]\s*(?:\*\*|__)?\s*/.exec(markdown);
    return m ? markdown.slice(m[0].length).trim() : markdown;
  }
  const idx = markdown.toLowerCase().indexOf(label.toLowerCase());
  return idx >= 0 ? markdown.slice(idx + label.length).replace(/^\s*(?:\*\*|__)?\s*/, "").trim() : markdown;
}

/** Recognises "Label: value", "**Label**: value", "**Label:** value", "Label\*\*:", "Label：", and a bare label. */
export function detectLabel(line: InlineLine): Label | null {
  const nodes = line.nodes.filter((n, i) => !(i === 0 && n.type === "text" && n.value.trim() === ""));
  const text = plainTextRaw(nodes);
  const first = nodes[0];
  // A bold or emphasised first run names the label when it is one we know, colon or not.
  if (first && (first.type === "strong" || first.type === "emphasis")) {
    const strong = plainTextRaw(first).trim();
    const label = withoutTrailingColon(strong);
    const kind = classifyLabel(label);
    if (kind) {
      const rest = dropChars(nodes, plainTextRaw(first).length);
      const restText = plainTextRaw(rest);
      const colonAfter = /^\s*[:：]/.test(restText);
      const value = colonAfter ? dropChars(rest, /^\s*[:：]\s*/.exec(restText)![0].length) : rest;
      const colon = colonAfter || label !== strong;
      return { kind, label, value, markdown: stripMarkdownLabel(line.markdown, colon, label) };
    }
  }
  const head = text.slice(0, LABEL_WINDOW);
  const colon = colonLabel(head);
  if (colon) {
    const kind = classifyLabel(colon.label);
    if (kind) {
      return {
        kind,
        label: colon.label.trim(),
        value: dropChars(nodes, colon.length),
        markdown: stripMarkdownLabel(line.markdown, true, colon.label),
      };
    }
  }
  // Without a colon: "Recommended Skills Go, Rust" (core fields), or a label alone on its line.
  const phrase = LABEL_PHRASE.exec(head);
  if (phrase) {
    const words = phrase[1]!.split(/\s+/);
    for (let k = words.length; k >= 1; k--) {
      const label = words.slice(0, k).join(" ");
      const kind = classifyLabel(label);
      if (!kind) continue;
      const offset = text.indexOf(label) + label.length;
      const value = dropChars(nodes, offset);
      const valueText = plainTextRaw(value).replace(/^[\s*_]+/, "");
      const alone = valueText.trim() === "";
      if (alone || CORE_FIELDS.includes(kind) || kind === "lfx") {
        return { kind, label, value: alone ? [] : value, markdown: stripMarkdownLabel(line.markdown, false, label) };
      }
    }
  }
  return null;
}

function valueLine(nodes: Nodes | Nodes[]): ValueLine {
  return { text: plainText(nodes).replace(/^[\s*_]+/, ""), links: linksIn(nodes) };
}

/** A value that says "nothing yet" ("TODO", "TBD"). A linked one is real: "[link](https://…/project/1)". */
function isEmptyValue(line: ValueLine): boolean {
  return line.links.length === 0 && isPlaceholder(line.text);
}

/** Nested content under a field (sub-lists, further paragraphs) as value lines. */
function nestedLines(blocks: Nodes[], source: string): { lines: ValueLine[]; markdown: string[] } {
  const lines: ValueLine[] = [];
  const markdown: string[] = [];
  for (const block of blocks) {
    markdown.push(sourceOf(source, block));
    if (block.type === "list") {
      for (const item of block.children) collectItem(item, lines);
    } else {
      lines.push(valueLine(block));
    }
  }
  return { lines, markdown };
}

function collectItem(item: ListItem, out: ValueLine[], depth = 0): void {
  const [head, ...rest] = item.children;
  if (head && head.type !== "list") out.push({ ...valueLine(head), ...(depth > 0 ? { nested: true } : {}) });
  for (const child of head?.type === "list" ? item.children : rest) {
    if (child.type === "list") for (const sub of (child as List).children) collectItem(sub, out, depth + 1);
    else out.push(valueLine(child));
  }
}

/** Reads the labelled fields out of a section's content, in order. */
export function extractFields(items: SectionItem[], source: string): SectionFields {
  const fields: Field[] = [];
  const loose = { text: [] as string[], markdown: [] as string[] };
  let current: Field | null = null;

  const startField = (label: Label): Field => {
    const value = valueLine(label.value);
    const filled = value.text !== "" && !isEmptyValue(value);
    const field: Field = {
      kind: label.kind,
      label: label.label,
      lines: filled ? [value] : [],
      markdown: filled ? [label.markdown] : [],
      awaitingValue: plainText(label.value) === "",
    };
    fields.push(field);
    current = field;
    return field;
  };

  /** Content with no label of its own continues the field it follows, or is loose. */
  const attach = (text: string, markdown: string, lines: ValueLine[]) => {
    const field = current as Field | null;
    if (field && (field.awaitingValue || field.kind === "description" || field.kind === "extra")) {
      field.lines.push(...lines);
      field.markdown.push(markdown);
    } else {
      loose.text.push(text);
      loose.markdown.push(markdown);
    }
  };

  /** A paragraph's lines: each labelled line opens a field; others continue the last one. */
  const readLines = (lines: InlineLine[]): Field | null => {
    let opened: Field | null = null;
    for (const line of lines) {
      const label = detectLabel(line);
      if (label) {
        opened = startField(label);
      } else if (opened) {
        const v = valueLine(line.nodes);
        if (isEmptyValue(v)) continue;
        const last = opened.lines[opened.lines.length - 1];
        if (last && !opened.awaitingValue) {
          // A soft line break inside a value is a space ("container architecture and registry\n fundamentals");
          // after a hard break ("Ada (@ada)<br>Bob (@bob)") the line is a value of its own.
          if (line.hardBreak) {
            opened.lines.push(v);
          } else {
            last.text = `${last.text} ${v.text}`;
            last.links.push(...v.links);
          }
          opened.markdown[opened.markdown.length - 1] += `\n${line.markdown}`;
        } else {
          opened.lines.push(v);
          opened.markdown.push(line.markdown);
        }
      } else {
        attach(plainText(line.nodes), line.markdown, [valueLine(line.nodes)]);
      }
    }
    return opened;
  };

  for (const item of items) {
    if (item.type === "labelHeading") {
      const { kind, label, caption } = item;
      const markdown = caption ? [`**${caption}**`] : [];
      fields.push((current = { kind, label, lines: [], markdown, awaitingValue: true, ...(caption ? { caption } : {}) }));
      continue;
    }
    if (item.type === "paragraph") {
      readLines(paragraphLines(item, source));
    } else if (item.type === "list") {
      for (const listItem of item.children) readListItem(listItem);
    } else if (item.type === "thematicBreak" || item.type === "html" || item.type === "definition") {
      continue;
    } else {
      // Blockquotes, code, tables: content, never fields (a quoted description may have its own lists).
      attach(plainText(item), sourceOf(source, item), [valueLine(item)]);
    }
    const field = current as Field | null;
    if (field && field.lines.length > 0) field.awaitingValue = false;
  }
  return { fields, loose };

  function readListItem(listItem: ListItem): void {
    const [head, ...rest] = listItem.children;
    const opened = head?.type === "paragraph" ? readLines(paragraphLines(head, source)) : null;
    if (opened) {
      // A nested item with a label of another field ("- Mentor Name: …" under skills) is that field.
      const own: typeof rest = [];
      for (const block of rest) {
        const labelled = block.type === "list" && block.children.every((sub) => nestedFieldKind(sub) !== null && nestedFieldKind(sub) !== opened.kind);
        if (labelled) for (const sub of (block as List).children) readListItem(sub);
        else own.push(block);
      }
      current = opened;
      // Nested lists and paragraphs under "- Mentor(s):" are that field's value.
      const nested = nestedLines(own, source);
      opened.lines.push(...nested.lines.filter((l) => !isEmptyValue(l)));
      opened.markdown.push(...nested.markdown);
      if (nested.lines.length > 0) opened.awaitingValue = false;
    } else if (head?.type === "paragraph") {
      const nested = nestedLines(rest, source);
      // readLines attached the head already; what is nested under it follows it.
      if (rest.length > 0) attach(nested.lines.map((l) => l.text).join("\n"), nested.markdown.join("\n"), nested.lines);
    } else {
      const nested = nestedLines(listItem.children, source);
      attach(nested.lines.map((l) => l.text).join("\n"), `- ${nested.markdown.join("\n")}`, nested.lines);
    }
  }

  /** The core field a nested list item names with a label, if any. */
  function nestedFieldKind(item: ListItem): FieldKind | null {
    const head = item.children[0];
    if (head?.type !== "paragraph") return null;
    const first = paragraphLines(head, source)[0];
    const kind = first ? detectLabel(first)?.kind ?? null : null;
    return kind && (CORE_FIELDS.includes(kind) || kind === "lfx") ? kind : null;
  }
}

/** Whether a section's fields make it an idea: a core field with a real value, or a description with another field. */
export function looksLikeIdea({ fields }: SectionFields): boolean {
  const filled = fields.filter((f) => f.lines.length > 0);
  if (filled.some((f) => CORE_FIELDS.includes(f.kind))) return true;
  return filled.some((f) => f.kind === "description") && new Set(filled.map((f) => f.kind)).size >= 2;
}
