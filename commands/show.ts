import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { UserError } from "../src/errors.ts";
import { toCard } from "../src/reply.ts";
import { ideaChoices } from "./autocomplete.ts";
import { ideaId } from "./limits.ts";
import { alsoIn } from "./scope.ts";

export default defineCommand({
  name: "show",
  description: "One idea in full: description, skills, mentors and links",
  usage: "show kubearmor-1a2b3c",
  requires: { catalog: true },
  rest: "id",
  options: z.object({
    id: ideaId().describe("The idea's id (start typing its title)").meta({ autocomplete: ideaChoices }),
  }),
  execute({ id }, { catalog }) {
    const wanted = id.trim();
    if (!wanted) throw new UserError("missing_id", "Which idea? Give its id, e.g. `show kubearmor-1a2b3c`; `search` shows ids.");
    const idea = catalog.get(wanted);
    if (!idea) {
      const close = catalog.suggestIdeas(wanted, 3);
      throw new UserError(
        "unknown_idea",
        `There is no idea with the id "${wanted}".` + (close.length ? ` Did you mean ${close.map((i) => `${i.title} (${i.id})`).join(", or ")}?` : ""),
      );
    }
    return { kind: "idea", idea, card: toCard(idea, alsoIn(catalog, idea)) };
  },
});
