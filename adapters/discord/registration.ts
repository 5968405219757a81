import {
  PermissionFlagsBits,
  REST,
  Routes,
  SlashCommandBuilder,
  type RESTOptions,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { commands } from "../../commands/index.ts";
import { describeOptions, type CommandDefinition } from "../../src/command.ts";
import { truncate } from "../../src/reply.ts";

/** The one chat-input command; every platform-neutral command is a subcommand of it. */
export const ROOT_COMMAND = "ideas";
export const ROOT_DESCRIPTION = "Find open-source mentorship project ideas (LFX Mentorship, GSoC)";

/** Discord's limits for command descriptions and string option lengths. */
const DESCRIPTION_MAX = 100;
const STRING_LENGTH_MAX = 6000;

/**
 * What the bot needs in a channel to post announcements (answers go through the interaction
 * webhook and need nothing): View Channel, Send Messages, Embed Links.
 */
export const POST_PERMISSIONS = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.EmbedLinks;

/** What the invite asks for: those, and Read Message History, with which a retry after a crash finds an announcement already posted. */
export const INVITE_PERMISSIONS = POST_PERMISSIONS | PermissionFlagsBits.ReadMessageHistory;

/** The URL that adds the bot to a server, with its slash commands. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${encodeURIComponent(applicationId)}&scope=bot%20applications.commands&permissions=${INVITE_PERMISSIONS}`;
}

/**
 * `/ideas <subcommand>` from the command definitions: names, descriptions, required flags, length
 * limits (from the zod schemas, via describeOptions) and autocomplete (an option that declares a
 * provider). Required options come first, as Discord demands.
 */
export function buildCommands(definitions: Iterable<CommandDefinition> = commands.values()): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const root = new SlashCommandBuilder().setName(ROOT_COMMAND).setDescription(ROOT_DESCRIPTION);
  for (const definition of definitions) {
    root.addSubcommand((sub) => {
      sub.setName(definition.name).setDescription(truncate(definition.description, DESCRIPTION_MAX));
      const options = describeOptions(definition).sort((a, b) => Number(b.required) - Number(a.required));
      for (const option of options) {
        const description = truncate(option.description, DESCRIPTION_MAX);
        if (option.type === "integer") {
          sub.addIntegerOption((o) => {
            o.setName(option.name).setDescription(description).setRequired(option.required);
            if (option.min !== undefined) o.setMinValue(option.min);
            if (option.max !== undefined) o.setMaxValue(option.max);
            return o;
          });
        } else {
          sub.addStringOption((o) => {
            o.setName(option.name).setDescription(description).setRequired(option.required).setAutocomplete(option.autocomplete);
            if (option.minLength !== undefined && option.minLength > 0) o.setMinLength(Math.min(option.minLength, STRING_LENGTH_MAX));
            if (option.maxLength !== undefined) o.setMaxLength(Math.min(Math.max(option.maxLength, 1), STRING_LENGTH_MAX));
            return o;
          });
        }
      }
      return sub;
    });
  }
  return [root.toJSON()];
}

export interface DeployOptions {
  token: string;
  applicationId: string;
  /** Register to this server only (instantly); otherwise globally. */
  guildId?: string;
  /** The REST API base (`https://discord.com/api` by default). */
  apiUrl?: string;
  /** An existing REST client (the running bot's); otherwise one is made from token and apiUrl. */
  rest?: REST;
}

/** Registers (overwrites) the bot's commands with one PUT: for one server when guildId is given, else globally. */
export async function deployCommands(options: DeployOptions): Promise<{ route: string; body: RESTPostAPIChatInputApplicationCommandsJSONBody[] }> {
  const restOptions: Partial<RESTOptions> = options.apiUrl ? { api: options.apiUrl } : {};
  const rest = options.rest ?? new REST(restOptions).setToken(options.token);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const body = buildCommands();
  await rest.put(route, { body });
  return { route, body };
}
