import { z } from "zod";
import { hasFilters, parseSearchQuery } from "../src/catalog/query.ts";
import { searchIdeas } from "../src/catalog/search.ts";
import { tokenize } from "../src/catalog/text.ts";
import { defineCommand } from "../src/command.ts";
import { infoReply, pageOf, resultsNeeded, toCard } from "../src/reply.ts";
import { queryText } from "./limits.ts";
import { alsoIn, scopeNote, TERM_OPTION, withTerm } from "./scope.ts";

export default defineCommand({
  name: "search",
  description: "Find project ideas by words (typos are fine); filter with project:, skill:, term:",
  usage: 'search kubernetes docs project:"chaos mesh" skill:go -term:gsoc',
  requires: { catalog: true },
  rest: "query",
  options: z.object({
    query: queryText().describe("Words to look for, e.g. kubernetes docs, or filters like skill:go term:all"),
    term: TERM_OPTION,
  }),
  execute({ query: words, term }, { catalog, page, pageSize }) {
    const query = withTerm(words, term);
    if (!query.trim()) {
      return infoReply("Tell me what to look for, for example `search kubernetes docs` or `search skill:rust`.", {
        title: "Search ideas",
        lines: [
          "Words match titles, projects, skills, mentors and descriptions; typos are forgiven.",
          "Filters: project:<name>, skill:<skill>, term:<term>, source:<label>, stage:proposed|accepted; a leading - excludes (-skill:go).",
          "Searches look at the current term; term:all searches every term, term:2025 or term:gsoc some of them.",
        ],
      });
    }
    const parsed = parseSearchQuery(query);
    if (!parsed.ok) throw parsed.error;
    const { value } = parsed;
    if (tokenize(value.text).length === 0 && !hasFilters(value)) {
      return infoReply(`I couldn't find any words to search for in "${query.trim()}". Try letters or numbers, e.g. \`search observability\`.`);
    }
    const { hits, total, scope } = searchIdeas(catalog, value, resultsNeeded(page, pageSize));
    if (total === 0) {
      const close = catalog.suggestIdeas(value.text, 3).map((i) => i.title);
      return infoReply(`No ideas match "${query.trim()}".`, close.length ? { lines: close.map((t) => `Did you mean: ${t}`) } : {});
    }
    const shown = pageOf(hits, total, page, pageSize);
    const note = scopeNote(scope);
    return {
      kind: "cards",
      heading: `${total} idea${total === 1 ? "" : "s"} for "${query.trim()}"`,
      cards: shown.items.map((h) => toCard(h.idea, { score: h.score, ...alsoIn(catalog, h.idea) })),
      page: shown.page,
      pageCount: shown.pageCount,
      total,
      ...(note ? { note } : {}),
      continuation: { command: "search", input: { query: words, ...(term ? { term } : {}) } },
    };
  },
});
