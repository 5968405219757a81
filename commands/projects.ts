import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

export default defineCommand({
  name: "projects",
  description: "The projects that have ideas, with how many each",
  usage: "projects",
  requires: { catalog: true },
  options: z.object({}),
  execute(_input, { catalog }) {
    const projects = catalog.projects();
    return infoReply(`${projects.length} projects, ${catalog.size} ideas. Narrow a search with project:<name>.`, {
      title: "Projects",
      lines: projects.map((p) => `${p.name} (${p.count})`),
    });
  },
});
