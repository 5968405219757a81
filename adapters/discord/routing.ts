import { commands } from "../../commands/index.ts";
import type { CommandDefinition } from "../../src/command.ts";
import { infoReply, type Reply } from "../../src/reply.ts";
import { ADMIN_COMMAND, LEGACY_ADMIN_SUBCOMMANDS, ROOT_COMMAND } from "./registration.ts";

export interface ResolvedCommand {
  /** The command to dispatch: unknown names get help with "did you mean". */
  name: string;
  definition: CommandDefinition | undefined;
  /** An admin command typed under `/ideas`, its name before `/ideas-admin`: it answers with a pointer. */
  legacy: boolean;
  /** A members' command typed under `/ideas-admin` (a stale registration): answered with where it is. */
  misplaced?: true;
}

/**
 * Which command definition a chat-input interaction names: `/ideas <sub>` (bare: help) for the
 * members' commands, `/ideas-admin <sub>` for the admin ones. An admin command under `/ideas` still
 * answers for a release (LEGACY_ADMIN_SUBCOMMANDS) and is marked legacy; a members' command under
 * `/ideas-admin`, or a stale registration, is an unknown name.
 */
export function resolveCommand(commandName: string, subcommand: string | null): ResolvedCommand {
  if (commandName === ROOT_COMMAND) {
    const name = subcommand ?? "help";
    const definition = commands.get(name);
    if (definition?.admin && !LEGACY_ADMIN_SUBCOMMANDS) return { name: `${ADMIN_COMMAND} ${name}`, definition: undefined, legacy: false };
    return { name, definition, legacy: definition?.admin === true };
  }
  if (commandName === ADMIN_COMMAND && subcommand) {
    const definition = commands.get(subcommand);
    if (definition?.admin) return { name: subcommand, definition, legacy: false };
    if (definition) return { name: subcommand, definition: undefined, legacy: false, misplaced: true };
    return { name: subcommand, definition: undefined, legacy: false };
  }
  return { name: commandName, definition: undefined, legacy: false };
}

/** The answer to a members' command under `/ideas-admin`. */
export function misplacedReply(name: string): Reply {
  return infoReply(`\`/${ADMIN_COMMAND}\` has the announcement commands only: use \`/${ROOT_COMMAND} ${name}\`.`);
}

/** The pointer a legacy `/ideas <admin command>` adds to its answer. */
export function movedText(name: string): string {
  return (
    `\`/${ROOT_COMMAND} ${name}\` has moved to \`/${ADMIN_COMMAND} ${name}\`, which your server can open or close to roles and members ` +
    "in Server Settings > Integrations. The old name goes in the next release."
  );
}

/** A legacy command's answer, with the pointer as its last line. */
export function movedNote(reply: Reply, name: string): Reply {
  if (reply.kind !== "message") return reply;
  return { ...reply, lines: [...(reply.lines ?? []), movedText(name)] };
}
