import type { CommandDefinition } from "../src/command.ts";

/** The loaded commands by name. Filled by commands/index.ts; kept apart so `help` can read it without an import cycle. */
export const commands = new Map<string, CommandDefinition>();

/** One help line per command: usage and description. */
export function helpLines(): string[] {
  return [...commands.values()].map((c) => `${c.usage} — ${c.description}`);
}
