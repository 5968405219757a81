import type { ResolvedSkill } from "../src/catalog/skills.ts";
import { UserError } from "../src/errors.ts";

/** `"pyhton" (did you mean "Python"?), "k9s"`: skills the vocabulary does not know, each with its suggestions. */
export function describeUnknownSkills(unknown: ResolvedSkill[]): string {
  return unknown.map((u) => `"${u.input}"` + (u.suggestions.length ? ` (did you mean ${u.suggestions.map((s) => `"${s}"`).join(" or ")}?)` : "")).join(", ");
}

/** The one refusal for a skills list nothing could be made of (recommend, subscribe). */
export function unknownSkillsError(unknown: ResolvedSkill[]): UserError {
  return new UserError("unknown_skills", `I don't know ${describeUnknownSkills(unknown) || "those skills"}. Try \`skills\` to see the skills ideas ask for.`);
}
