import vocabularyFile from "./skills-vocabulary.json" with { type: "json" };
import { normalizeKey } from "./id.ts";
import { splitTopLevel } from "./split.ts";

/** Alias (normalised) → canonical skill. Built once from the JSON vocabulary. */
const ALIASES = new Map<string, string>();
for (const [canonical, aliases] of Object.entries(vocabularyFile.skills)) {
  ALIASES.set(skillKey(canonical), canonical);
  for (const alias of aliases) ALIASES.set(skillKey(alias), canonical);
}
/** Aliases (normalised) that name one kind of their skill ("pytorch" of Machine Learning), not the skill itself. */
const NARROWER = new Set<string>(Object.values(vocabularyFile.narrower).flatMap((aliases) => aliases.map(skillKey)));

/** Whether a typed skill names one kind of its canonical skill (a tool, a product) rather than the skill. */
export function isNarrowerAlias(written: string): boolean {
  return NARROWER.has(skillKey(written));
}
const MAX_ALIAS_WORDS = Math.max(...[...ALIASES.keys()].map((k) => k.split(" ").length));

export const CANONICAL_SKILLS: readonly string[] = Object.keys(vocabularyFile.skills);

/** Folds a written skill for lookup: "C++" and "C#" keep their symbols, everything else is words. */
export function skillKey(text: string): string {
  return normalizeKey(
    text
      .toLowerCase()
      .replace(/c\+\+/g, " cplusplus ")
      .replace(/c#/g, " csharp ")
      .replace(/\.net\b/g, " dotnet ")
      .replace(/\b(node|next|react|vue|d3)\.js\b/g, "$1js")
      .replace(/\bci\s*\/\s*cd\b/g, "ci cd")
      .replace(/\bui\s*\/\s*ux\b/g, "ui ux"),
  );
}

/** Words around a skill that say how much of it is wanted, not what it is. */
const QUALIFIERS =
  /\b(?:required|requirement|preferred|optional|nice to have|helpful|a plus|bonus|but not necessary|not necessary|not required|but not required|basic|basics|good|strong|solid|some|deep|advanced|intermediate|beginner|understanding|knowledge|familiarity|familiar|experience|experienced|proficiency|proficient|ability|interest|interested|skills?|programming|language|languages|development|developer|with|of|in|the|a|an|and|or|but|would|could|should|is|are|be|may|also|to|for|on|plus)\b/g;

/** "Python/Flask", "Go and/or C++ (helpful)" → its parts. */
function splitCompound(written: string): string[] {
  return splitTopLevel(written.replace(/[()]/g, ","), /^(?:\s*[,/&;]\s*|\s+(?:and\/or|and|or)\s+)/);
}

/** One written skill → the canonical skills it names (several for "Python/Flask", none for noise). */
export function canonicalizeSkill(written: string): string[] {
  const whole = ALIASES.get(skillKey(written));
  if (whole) return [whole];
  const found: string[] = [];
  const parts = splitCompound(written);
  for (const part of parts.length > 0 ? parts : [written]) {
    const exact = ALIASES.get(skillKey(part));
    if (exact) {
      found.push(exact);
      continue;
    }
    // Scan the words for known skills, longest alias first ("kubernetes e2e testing" → Kubernetes, Testing).
    const words = skillKey(part).split(" ").filter(Boolean);
    for (let i = 0; i < words.length; ) {
      let matched = 0;
      for (let n = Math.min(MAX_ALIAS_WORDS, words.length - i); n >= 1; n--) {
        const hit = ALIASES.get(words.slice(i, i + n).join(" "));
        if (hit) {
          found.push(hit);
          matched = n;
          break;
        }
      }
      i += matched || 1;
    }
  }
  return [...new Set(found)];
}

/**
 * An idea's skills in canonical form. A written skill the vocabulary does not know is kept, cleaned,
 * when it is short ("OpenVINO", "Godog"), so it can still be matched by name.
 */
export function canonicalizeSkills(written: string[]): string[] {
  const out: string[] = [];
  for (const skill of written) {
    const known = canonicalizeSkill(skill);
    out.push(...known);
    // Parts the vocabulary does not know are kept when short: "Python/Flask" gives Python and Flask.
    const parts = known.length > 0 ? splitCompound(skill) : [skill];
    for (const part of parts) {
      if (canonicalizeSkill(part).length > 0) continue;
      const cleaned = part
        .replace(/\((?<!\([^()]*\()[^)]*\)/g, " ")
        .replace(QUALIFIERS, " ")
        .replace(/[.,;:!?]+/g, " ")
        .replace(/\s+/g, " ")
        .trim();
      if (cleaned && cleaned.split(" ").length <= 3 && /\p{L}{2}/u.test(cleaned)) out.push(cleaned);
    }
  }
  return [...new Set(out)];
}
