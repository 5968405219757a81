import { stemmer } from "stemmer";

/** Words too common in ideas files to tell ideas apart. */
const STOPWORDS = new Set(
  "a an and are as at be but by can for from has have how i in into is it its of on or our so such that the their them then there these this to was we will with would you your project projects idea ideas".split(" "),
);

/** Folds case and accents and keeps symbols that name languages (C++, C#, .NET, Node.js) as words. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/c\+\+/g, " cplusplus ")
    .replace(/c#/g, " csharp ")
    .replace(/\.net\b/g, " dotnet ")
    .replace(/\b(node|next|react|vue|d3)\.js\b/g, "$1js");
}

/** Splits folded text into raw words. */
export function tokenize(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}]+/u).filter((t) => t.length > 0);
}

/**
 * A word as the index keeps it: stop words dropped; the word and its English stem ("testing" →
 * "testing", "test"), so a stem matches its family and a typo is measured against the whole word.
 */
export function processTerm(term: string): string | string[] | null {
  const t = term.toLowerCase();
  if (STOPWORDS.has(t) || t.length > 40) return null;
  if (t.length <= 3) return t;
  const stem = stemmer(t);
  return stem === t ? t : [t, stem];
}
