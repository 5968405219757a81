import { z } from "zod";
import { defineCommand, type CommandDefinition } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

/** One help line per command, usage and description: everyone's commands first, then the admin ones. */
export function helpLines(commands: Iterable<CommandDefinition>): string[] {
  const all = [...commands];
  return [...all.filter((c) => !c.admin), ...all.filter((c) => c.admin)].map((c) => `${c.usage} — ${c.description}`);
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
      // Where the admin commands are and who may use them is each platform's to say.
      return infoReply("I help you find an open-source mentorship project idea.", { title: "ideas-bot", lines: helpLines(commands()), hints: ["adminCommands"] });
    },
  });
}
