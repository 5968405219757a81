import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";
import { helpLines } from "./registry.ts";

export default defineCommand({
  name: "help",
  description: "What ideas-bot can do",
  usage: "help",
  options: z.object({}),
  execute() {
    // Read from the registry at call time, so help lists exactly the commands that are loaded.
    return infoReply("I help you find an open-source mentorship project idea.", { title: "ideas-bot", lines: helpLines() });
  },
});
