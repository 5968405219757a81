import { z } from "zod";
import { parseSearchQuery } from "../src/catalog/query.ts";
import { recommendInScope } from "../src/catalog/recommend.ts";
import { defineCommand } from "../src/command.ts";
import { infoReply, pageOf, resultsNeeded, toCard } from "../src/reply.ts";
import { skillChoices } from "./autocomplete.ts";
import { skillsList } from "./limits.ts";
import { alsoIn, scopeNote, TERM_OPTION, withTerm } from "./scope.ts";
import { describeUnknownSkills, unknownSkillsError } from "./unknown-skills.ts";

export default defineCommand({
  name: "recommend",
  description: "Ideas that fit your skills, with what matches and what you would learn",
  usage: "recommend go, kubernetes term:all",
  requires: { catalog: true },
  rest: "skills",
  options: z.object({
    skills: skillsList()
      .describe("Your skills, separated by commas, e.g. go, k8s, react (filters like term:all work too)")
      .meta({ autocomplete: skillChoices }),
    term: TERM_OPTION,
  }),
  execute({ skills, term }, { catalog, page, pageSize }) {
    const parsed = parseSearchQuery(withTerm(skills, term));
    if (!parsed.ok) throw parsed.error;
    const list = parsed.value.text;
    if (!list.trim()) {
      return infoReply("Tell me your skills, separated by commas, for example `recommend go, kubernetes`.", { title: "Recommend ideas" });
    }
    const resolved = catalog.vocabulary.resolveList(list);
    const known = resolved.filter((r) => r.skills.length > 0);
    const { items, total, scope } = recommendInScope(catalog, resolved, parsed.value, resultsNeeded(page, pageSize));
    // A skill no list names ("neo4j") is still looked for in the ideas' texts; say which were found that way.
    const unknown = resolved.filter((r) => r.skills.length === 0);
    const asWords = unknown.filter((u) => items.some((r) => r.matched.includes(u.input.trim())));
    const unrecognised = unknown.filter((u) => !asWords.includes(u));
    const unknownNote = describeUnknownSkills(unrecognised);
    if (total === 0 && known.length === 0) throw unknownSkillsError(unrecognised);
    const skillNames = [...new Set([...known.flatMap((r) => r.skills), ...asWords.map((u) => u.input.trim())])];
    if (total === 0) {
      return infoReply(`No idea asks for ${skillNames.join(", ")} yet.` + (unknownNote ? ` I didn't recognise ${unknownNote}.` : ""));
    }
    const shown = pageOf(items, total, page, pageSize);
    const notes = [
      asWords.length ? `No skills list names ${asWords.map((u) => `"${u.input.trim()}"`).join(", ")}: found in the ideas' descriptions.` : "",
      unknownNote ? `Not recognised: ${unknownNote}.` : "",
      scopeNote(scope) ?? "",
    ].filter(Boolean);
    return {
      kind: "cards",
      heading: `${total} idea${total === 1 ? "" : "s"} for ${skillNames.join(", ")}`,
      cards: shown.items.map((r) => toCard(r.idea, { matched: r.matched, missing: r.missing, score: r.score, ...alsoIn(catalog, r.idea) })),
      page: shown.page,
      pageCount: shown.pageCount,
      total,
      ...(notes.length ? { note: notes.join(" ") } : {}),
      continuation: { command: "recommend", input: { skills, ...(term ? { term } : {}) } },
    };
  },
});
