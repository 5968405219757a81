import type { Catalog } from "../src/catalog/catalog.ts";
import type { Choice, ChoiceLimits } from "../src/command.ts";
import { truncate } from "../src/reply.ts";

/**
 * Suggestions for options while they are typed, declared on the option itself
 * (`.meta({ autocomplete: skillChoices })`). Only Discord autocompletes today; its limits (25
 * choices, names and values of 1 to 100 characters) are the defaults, harmless elsewhere.
 */
export const MAX_CHOICES = 25;
export const MAX_CHOICE_LENGTH = 100;

const SEPARATOR = /[,;，、]/;

function limitsOf(limits: ChoiceLimits = {}): Required<ChoiceLimits> {
  return { maxChoices: limits.maxChoices ?? MAX_CHOICES, maxLength: limits.maxLength ?? MAX_CHOICE_LENGTH };
}

/**
 * Suggestions for a skills list: canonical skills for the item after the last comma, each choice
 * being the whole list so far plus that skill ("go, kub" → "go, Kubernetes"), leaving out skills
 * the list already names. A list too long for one choice gets none (the person can still send what
 * they typed).
 */
export function skillChoices(catalog: Catalog, typed: string, limits?: ChoiceLimits): Choice[] {
  const { maxChoices, maxLength } = limitsOf(limits);
  const text = typed.slice(0, 400);
  let cut = -1;
  for (let i = text.length - 1; i >= 0; i--) {
    if (SEPARATOR.test(text[i]!)) {
      cut = i;
      break;
    }
  }
  const items = text
    .slice(0, cut + 1)
    .split(SEPARATOR)
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const last = text.slice(cut + 1).trim();
  const chosen = new Set<string>();
  for (const item of items) {
    chosen.add(item.toLowerCase());
    for (const skill of catalog.vocabulary.resolve(item).skills) chosen.add(skill.toLowerCase());
  }
  const suggestions = catalog.vocabulary.suggest(last.slice(0, 64), maxChoices + chosen.size).filter((s) => !chosen.has(s.toLowerCase()));
  const choices: Choice[] = [];
  for (const skill of suggestions) {
    const value = [...items, skill].join(", ");
    if (value.length > maxLength) continue;
    choices.push({ name: value, value });
    if (choices.length >= maxChoices) break;
  }
  return choices;
}

/** Suggestions for an idea id: ideas by title (name = title, with the project when it fits; value = id). */
export function ideaChoices(catalog: Catalog, typed: string, limits?: ChoiceLimits): Choice[] {
  const { maxChoices, maxLength } = limitsOf(limits);
  const choices: Choice[] = [];
  for (const idea of catalog.suggestIdeas(typed.slice(0, 100), maxChoices)) {
    if (idea.id.length > maxLength) continue;
    const title = idea.title.replace(/\s+/g, " ").trim();
    const withProject = `${title} — ${idea.project.replace(/\s+/g, " ").trim()}`;
    const name = withProject.length <= maxLength ? withProject : truncate(title, maxLength);
    choices.push({ name: name || idea.id, value: idea.id });
  }
  return choices.slice(0, maxChoices);
}

/** Suggestions for a project filter: project names like the typed text (all of them, alphabetical, before typing). */
export function projectChoices(catalog: Catalog, typed: string, limits?: ChoiceLimits): Choice[] {
  const { maxChoices, maxLength } = limitsOf(limits);
  const text = typed.trim().slice(0, 100);
  const names = text ? catalog.suggestProjects(text, maxChoices) : catalog.projects().map((p) => p.name);
  return names
    .map((name) => truncate(name.replace(/\s+/g, " ").trim(), maxLength))
    .filter(Boolean)
    .slice(0, maxChoices)
    .map((name) => ({ name, value: name }));
}

/** Suggestions for a term: `current` and `all`, then the terms with ideas, newest first, matching the typed text. */
export function termChoices(catalog: Catalog, typed: string, limits?: ChoiceLimits): Choice[] {
  const { maxChoices, maxLength } = limitsOf(limits);
  const text = typed.trim().toLowerCase().slice(0, 40);
  const terms = catalog.terms();
  const all: Choice[] = [
    { name: `current (${terms[0]?.term.label ?? "the newest term"})`, value: "current" },
    { name: "all terms", value: "all" },
    ...terms.map((t) => ({ name: `${t.term.label} (${t.count})`, value: t.term.key })),
  ];
  return all
    .filter((c) => !text || c.value.includes(text) || c.name.toLowerCase().includes(text))
    .map((c) => ({ name: truncate(c.name, maxLength), value: c.value }))
    .slice(0, maxChoices);
}
