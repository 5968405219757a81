import { z } from "zod";
import { MAX_QUERY_LENGTH, parseSearchQuery } from "../src/catalog/query.ts";
import { searchIdeas } from "../src/catalog/search.ts";
import { tokenize } from "../src/catalog/text.ts";
import { defineCommand } from "../src/command.ts";
import { infoReply, pageOf, resultsNeeded, toCard } from "../src/reply.ts";

export default defineCommand({
  name: "search",
  description: "Find project ideas by words (typos are fine); filter with project:, skill:, source:",
  usage: 'search kubernetes docs project:"chaos mesh" skill:go',
  rest: "query",
  options: z.object({
    query: z
      .string()
      .max(MAX_QUERY_LENGTH, `Please keep a search under ${MAX_QUERY_LENGTH} characters.`)
      .describe("Words to look for, e.g. kubernetes docs, or filters like skill:go"),
  }),
  execute({ query }, { catalog, page }) {
    if (!query.trim()) {
      return infoReply("Tell me what to look for, for example `search kubernetes docs` or `search skill:rust`.", {
        title: "Search ideas",
        lines: ["Words match titles, projects, skills, mentors and descriptions; typos are forgiven.", "Filters: project:<name>, skill:<skill>, source:<label>."],
      });
    }
    const parsed = parseSearchQuery(query);
    if (!parsed.ok) throw parsed.error;
    const { value } = parsed;
    const hasFilters = Object.values(value.filters).some((f) => f.length > 0);
    if (tokenize(value.text).length === 0 && !hasFilters) {
      return infoReply(`I couldn't find any words to search for in "${query.trim()}". Try letters or numbers, e.g. \`search observability\`.`);
    }
    const { hits, total } = searchIdeas(catalog, value, resultsNeeded(page));
    if (total === 0) {
      const close = catalog.suggestIdeas(value.text, 3).map((i) => i.title);
      return infoReply(`No ideas match "${query.trim()}".`, close.length ? { lines: close.map((t) => `Did you mean: ${t}`) } : {});
    }
    const shown = pageOf(hits, total, page);
    return {
      kind: "cards",
      heading: `${total} idea${total === 1 ? "" : "s"} for "${query.trim()}"`,
      cards: shown.items.map((h) => toCard(h.idea, { score: Math.round(h.score * 100) / 100 })),
      page: shown.page,
      pageCount: shown.pageCount,
      total,
      continuation: { command: "search", input: { query } },
    };
  },
});
