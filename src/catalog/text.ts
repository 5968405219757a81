import { stemmer } from "stemmer";

/** Words too common in ideas files to tell ideas apart. */
const STOPWORDS = new Set(
  "a an and are as at be but by can for from has have how i in into is it its of on or our so such that the their them then there these this to was we will with would you your project projects idea ideas".split(" "),
);

/** Folds case and accents and keeps symbols that name languages (C++, C#, .NET, Node.js) as words. */
export function foldText(text: string): string {
  // Fast paths: most text is ASCII and has no language symbols to keep.
  // eslint-disable-next-line no-control-regex -- the ASCII range, from NUL
  let folded = /^[\x00-\x7f]*$/.test(text) ? text.toLowerCase() : text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  if (/[+#]|\.(?:net|js)\b/.test(folded)) {
    folded = folded
      .replace(/c\+\+/g, " cplusplus ")
      .replace(/c#/g, " csharp ")
      .replace(/\.net\b/g, " dotnet ")
      .replace(/\b(node|next|react|vue|d3)\.js\b/g, "$1js");
  }
  return folded;
}

const WORD_SEPARATORS = /[^\p{L}\p{N}]+/u;
const ASCII_SEPARATORS = /[^a-z0-9]+/;

/** Splits folded text into raw words. */
export function tokenize(text: string): string[] {
  const folded = foldText(text);
  // The Unicode-aware split is ten times slower; most text is ASCII.
  // eslint-disable-next-line no-control-regex -- the ASCII range, from NUL
  return folded.split(/^[\x00-\x7f]*$/.test(folded) ? ASCII_SEPARATORS : WORD_SEPARATORS).filter((t) => t.length > 0);
}

/**
 * A word as the index keeps it: stop words dropped; the word and its English stem ("testing" →
 * "testing", "test"), so a stem matches its family and a typo is measured against the whole word.
 */
export function processTerm(term: string): string[] {
  let forms = memo.get(term);
  if (forms === undefined) {
    const t = term.toLowerCase();
    const stem = t.length > 3 ? stemmer(t) : t;
    forms = STOPWORDS.has(t) || t.length > 40 ? [] : stem === t ? [t] : [t, stem];
    // Vocabularies are small: remembering every word makes indexing 10,000 ideas cheap.
    if (memo.size < 200_000) memo.set(term, forms);
  }
  return forms;
}

const memo = new Map<string, string[]>();

/** A text as the index keeps it: every word's forms, in order. */
export function analyze(text: string): string[] {
  const out: string[] = [];
  for (const word of tokenize(text)) for (const form of processTerm(word)) out.push(form);
  return out;
}

/**
 * Adjacent word pairs of a text, as stems ("service discovery" → "servic discoveri"), stop words
 * skipped: phrase evidence, so that both words side by side count more than each on its own.
 */
export function wordPairs(text: string): string[] {
  const out: string[] = [];
  let previous: string | undefined;
  for (const word of tokenize(text)) {
    const forms = processTerm(word);
    if (forms.length === 0) continue;
    const stem = forms[forms.length - 1]!;
    if (previous !== undefined) out.push(`${previous} ${stem}`);
    previous = stem;
  }
  return out;
}
