import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

export default defineCommand({
  name: "skills",
  description: "The skills ideas ask for, most wanted first",
  usage: "skills",
  requires: { catalog: true },
  options: z.object({}),
  execute(_input, { catalog }) {
    const skills = catalog.vocabulary.list().filter((s) => s.count > 0);
    return infoReply(`${skills.length} skills. Try \`recommend ${skills.slice(0, 2).map((s) => s.skill.toLowerCase()).join(", ")}\`.`, {
      title: "Skills",
      lines: skills.map((s) => `${s.skill} (${s.count})`),
    });
  },
});
