/** A URL, without the punctuation after it: "https://github.com/ada, Grace" stops before the comma. */
const URL_HERE = /https?:\/\/\S*[^\s,;.:!?'")\]}，、。]/y;

/**
 * Where the brackets that are closed later open. Only those group: in "Go (optional, Rust" the
 * unclosed "(" must not swallow the rest of the list.
 */
function closedOpeners(text: string): Set<number> {
  const open: number[] = [];
  const closed = new Set<number>();
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "(" || ch === "[" || ch === "{") open.push(i);
    else if ((ch === ")" || ch === "]" || ch === "}") && open.length > 0) closed.add(open.pop()!);
  }
  return closed;
}

/**
 * Splitting a written list ("Go, Kubernetes (client-go, CRDs), CLI") into items.
 * Separators inside parentheses or brackets do not split, and URLs are never cut.
 */
export function splitTopLevel(text: string, separator: RegExp): string[] {
  const sticky = new RegExp(separator.source.replace(/^\^/, ""), `${separator.flags.replace(/[gy]/g, "")}y`);
  const openers = closedOpeners(text);
  const items: string[] = [];
  let depth = 0;
  let current = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (openers.has(i)) depth++;
    else if ((ch === ")" || ch === "]" || ch === "}") && depth > 0) depth--;
    // Inside a run of spaces a separator is not tried again: the separators that start with spaces
    // start with `\s*` or `\s+`, so one that fails where the run starts fails at every later space of
    // it, and trying each space would rescan the rest of the run (quadratic in its length).
    const insideSpaces = i > 0 && /\s/.test(ch) && /\s/.test(text[i - 1]!);
    if (depth === 0 && !insideSpaces) {
      URL_HERE.lastIndex = i;
      const url = URL_HERE.exec(text);
      if (url) {
        current += url[0];
        i += url[0].length;
        continue;
      }
      // Sticky matching on the whole text, so separators may look behind (")" before a name).
      sticky.lastIndex = i;
      const sep = sticky.exec(text);
      if (sep && sep[0].length > 0) {
        items.push(current);
        current = "";
        i += sep[0].length;
        continue;
      }
    }
    current += ch;
    i++;
  }
  items.push(current);
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

/** Skills as written, one item each: commas, semicolons and full-width commas separate. */
export function splitSkills(text: string): string[] {
  return splitTopLevel(text, /^(?:[,;，、]|\s+\|\s+)/)
    .map((s) => s.replace(/^[-*•]\s+/, "").replace(/(?<![.。])[.。]+$/, "").trim())
    .filter((s) => s.length > 0 && !/^(?:todo|tbd|n\/a|none)$/i.test(s));
}
