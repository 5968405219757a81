import { z } from "zod";
import { defineCommand, type CommandDefinition } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

/** One help line per command: usage and description. */
export function helpLines(commands: Iterable<CommandDefinition>): string[] {
  return [...commands].map((c) => `${c.usage} — ${c.description}`);
}

/**
 * `help`, made for a list of commands that includes it: commands/index.ts passes its own list, so
 * help lists exactly the commands that are loaded, and this module imports none of them (no cycle).
 */
export function helpCommand(commands: () => Iterable<CommandDefinition>) {
  return defineCommand({
    name: "help",
    description: "What ideas-bot can do",
    usage: "help",
    options: z.object({}),
    execute() {
      return infoReply("I help you find an open-source mentorship project idea.", { title: "ideas-bot", lines: helpLines(commands()) });
    },
  });
}
