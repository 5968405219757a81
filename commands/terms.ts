import { z } from "zod";
import { defaultTerms, describeScope } from "../src/catalog/filters.ts";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

export default defineCommand({
  name: "terms",
  description: "The mentorship terms that have ideas, newest first, with how many each",
  usage: "terms",
  requires: { catalog: true },
  options: z.object({}),
  execute(_input, { catalog }) {
    const terms = catalog.terms();
    const scope = describeScope(defaultTerms(catalog));
    return infoReply(`${terms.length} terms, ${catalog.size} ideas. Searches look at ${scope} unless you add term:<term> (term:all for every term).`, {
      title: "Terms",
      lines: terms.map((t) => `${t.term.label} (term:${t.term.key}): ${t.count} idea${t.count === 1 ? "" : "s"}` + (t.accepted > 0 && t.accepted < t.count ? `, ${t.accepted} accepted` : "")),
    });
  },
});
