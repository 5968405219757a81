import Fuse from "fuse.js";
import { CommandDefinitionSchema, type CommandContext, type CommandDefinition } from "../src/command.ts";
import { isUserError } from "../src/errors.ts";
import { errorReply, refusalReply, type Reply } from "../src/reply.ts";
import { helpCommand, helpLines } from "./help.ts";
import { alertRef, checkRequirements } from "./preconditions.ts";
import notify from "./notify.ts";
import projects from "./projects.ts";
import recommend from "./recommend.ts";
import search from "./search.ts";
import show from "./show.ts";
import skills from "./skills.ts";
import status from "./status.ts";
import subscribe from "./subscribe.ts";
import subscriptions from "./subscriptions.ts";
import terms from "./terms.ts";
import unsubscribe from "./unsubscribe.ts";

/**
 * Every command, in the order help and Discord list them. Built here, explicitly: nothing is
 * registered as a side effect of an import. `help` reads this same map when it runs.
 */
export const commands = new Map<string, CommandDefinition>();
const help = helpCommand(() => commands.values());
for (const definition of [search, recommend, show, terms, projects, skills, notify, subscribe, unsubscribe, subscriptions, status, help] as unknown as CommandDefinition[]) {
  // A malformed definition stops the bot at start, not at use.
  CommandDefinitionSchema.parse(definition);
  commands.set(definition.name, definition);
}

export const SOMETHING_WENT_WRONG = "Something went wrong on my side. It has been logged; please try again in a moment.";

/**
 * The command bus: checks the command's preconditions (a refusal carries its reason, for the
 * adapter to word), validates input against its options, runs it, and turns failures into
 * replies. A UserError is told to the person as it is; anything else is logged and answered with
 * a generic message, so no stack trace or internal detail reaches a channel.
 */
export async function dispatch(name: string, input: Record<string, unknown>, context: CommandContext): Promise<Reply> {
  const command = commands.get(name);
  if (!command) return unknownCommand(name);
  // Preconditions first: someone who may not run a command here need not hear about their input.
  const checked = checkRequirements(command.requires, context);
  if (!checked.ok) return refusalReply(checked.reason);
  const parsed = command.options.safeParse(input);
  if (!parsed.success) {
    return errorReply(parsed.error.issues.map((i) => i.message).join(" "));
  }
  try {
    const reply = await command.execute(parsed.data, checked.context);
    return name === "notify" ? reply : await withAlertNotice(reply, context);
  } catch (error) {
    if (isUserError(error)) return errorReply(error.message);
    (context.log ?? ((message: string) => console.error(message, error)))(`command ${name} failed`, "error", error);
    return errorReply(SOMETHING_WENT_WRONG);
  }
}

/**
 * A person whose alert is paused (the bot could not message them) is told so with whatever command
 * they run next, and how to resume, until they do (`notify` again) or stop it (`notify off`).
 */
async function withAlertNotice(reply: Reply, context: CommandContext): Promise<Reply> {
  if (!context.store || !context.alertScope || context.platform === "cli") return reply;
  const [alert] = await context.store.subscriptions({ ...alertRef(context.platform, context.alertScope, context.userId), kind: "dm" });
  if (!alert?.pausedReason) return reply;
  const notice = `Your alert is paused: I could not message you (${alert.pausedReason}).`;
  if (reply.kind === "cards") return { ...reply, note: reply.note ? `${reply.note} ${notice}` : notice };
  if (reply.kind === "message") return { ...reply, lines: [...(reply.lines ?? []), notice], hints: [...(reply.hints ?? []), "alertPaused"] };
  return reply;
}

/** Help, with "did you mean" when a word is close to a command. */
export function unknownCommand(word: string): Reply {
  const close = new Fuse([...commands.keys()], { threshold: 0.5 }).search(word.slice(0, 32), { limit: 1 })[0]?.item;
  const lines = helpLines(commands.values());
  return {
    kind: "message",
    tone: "error",
    title: "Unknown command",
    text: `I don't know "${word.slice(0, 32)}".` + (close ? ` Did you mean \`${close}\`?` : "") + " Here is what I can do:",
    lines,
  };
}

export interface ParsedCommandLine {
  name: string;
  input: Record<string, string>;
}

/**
 * A typed line (`/ideas search kubernetes docs`, `recommend go, k8s`, `help`) → command and input.
 * The leading `/ideas` is optional; a bare line means help. The rest of the line goes to the
 * command's `rest` option, untouched, so quotes and filters reach the command as typed.
 */
export function parseCommandLine(line: string): ParsedCommandLine {
  const text = line.trim().replace(/^\/?ideas\b\s*/i, "");
  const match = /^(\S+)(?!\S)\s*(?!\s)([\s\S]*)$/.exec(text);
  if (!match) return { name: "help", input: {} };
  const name = match[1]!.toLowerCase();
  const rest = match[2]!.trim();
  const command = commands.get(name);
  if (!command) return { name, input: {} };
  return { name, input: command.rest ? { [command.rest]: rest } : {} };
}
