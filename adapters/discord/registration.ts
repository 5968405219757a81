import {
  ApplicationIntegrationType,
  InteractionContextType,
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

/** The members' command: every command that is not for admins is a subcommand of it. */
export const ROOT_COMMAND = "ideas";
export const ROOT_DESCRIPTION = "Find open-source mentorship project ideas (LFX Mentorship, GSoC)";

/**
 * The managers' command: the definitions marked `admin` (subscriptions, status). A top-level command
 * of its own because Discord's permission screen (Server Settings > Integrations) governs top-level
 * commands only: a server decides there who may use it, starting from Manage Channels.
 */
export const ADMIN_COMMAND = "ideas-admin";
export const ADMIN_DESCRIPTION = "Announcements of new ideas in this server's channels, and the bot's status";

/**
 * The admin commands also answer under `/ideas` for one release (0.2), with a pointer to
 * `/ideas-admin`, for the members and docs that still type the old names. Remove in 0.3.
 */
export const LEGACY_ADMIN_SUBCOMMANDS = true;

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

/**
 * Who may use `/ideas-admin` until a server says otherwise in its Integrations screen. The bot checks
 * the same right itself (`requires.manageChannel`): a server may open the command to more people, and
 * subscribing still needs Manage Channels in the channel.
 */
export const ADMIN_DEFAULT_PERMISSIONS = PermissionFlagsBits.ManageChannels;

/** The URL that adds the bot to a server, with its slash commands. */
export function inviteUrl(applicationId: string): string {
  return `https://discord.com/oauth2/authorize?client_id=${encodeURIComponent(applicationId)}&scope=bot%20applications.commands&permissions=${INVITE_PERMISSIONS}`;
}

/** Where a command definition answers on Discord: `/ideas-admin <name>` for admin commands, else `/ideas <name>`. */
export function discordCommandLine(definition: Pick<CommandDefinition, "name" | "admin">): string {
  return `/${definition.admin ? ADMIN_COMMAND : ROOT_COMMAND} ${definition.name}`;
}

/** The description of an admin command kept under `/ideas` for a release. */
export function legacyDescription(definition: CommandDefinition): string {
  return truncate(`(Moved to /${ADMIN_COMMAND} ${definition.name}) ${definition.description}`, DESCRIPTION_MAX);
}

/**
 * `/ideas <subcommand>` and `/ideas-admin <subcommand>` from the command definitions: names,
 * descriptions, required flags, length limits (from the zod schemas, via describeOptions) and
 * autocomplete (an option that declares a provider). Required options come first, as Discord
 * demands. `/ideas` works in servers and in the bot's DMs; `/ideas-admin` in servers only, for
 * Manage Channels by default.
 */
export function buildCommands(definitions: Iterable<CommandDefinition> = commands.values(), options: { legacy?: boolean } = {}): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const all = [...definitions];
  const legacy = options.legacy ?? LEGACY_ADMIN_SUBCOMMANDS;
  const root = new SlashCommandBuilder()
    .setName(ROOT_COMMAND)
    .setDescription(ROOT_DESCRIPTION)
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall);
  for (const definition of all.filter((d) => !d.admin)) addSubcommand(root, definition, definition.description);
  if (legacy) for (const definition of all.filter((d) => d.admin)) addSubcommand(root, definition, legacyDescription(definition));
  const admin = new SlashCommandBuilder()
    .setName(ADMIN_COMMAND)
    .setDescription(ADMIN_DESCRIPTION)
    .setContexts(InteractionContextType.Guild)
    .setIntegrationTypes(ApplicationIntegrationType.GuildInstall)
    .setDefaultMemberPermissions(ADMIN_DEFAULT_PERMISSIONS);
  for (const definition of all.filter((d) => d.admin)) addSubcommand(admin, definition, definition.description);
  return [root.toJSON(), admin.toJSON()];
}

function addSubcommand(root: SlashCommandBuilder, definition: CommandDefinition, description: string): void {
  root.addSubcommand((sub) => {
    sub.setName(definition.name).setDescription(truncate(description, DESCRIPTION_MAX));
    const options = describeOptions(definition).sort((a, b) => Number(b.required) - Number(a.required));
    for (const option of options) {
      const text = truncate(option.description, DESCRIPTION_MAX);
      if (option.type === "integer") {
        sub.addIntegerOption((o) => {
          o.setName(option.name).setDescription(text).setRequired(option.required);
          if (option.min !== undefined) o.setMinValue(option.min);
          if (option.max !== undefined) o.setMaxValue(option.max);
          return o;
        });
      } else {
        sub.addStringOption((o) => {
          o.setName(option.name).setDescription(text).setRequired(option.required).setAutocomplete(option.autocomplete);
          if (option.minLength !== undefined && option.minLength > 0) o.setMinLength(Math.min(option.minLength, STRING_LENGTH_MAX));
          if (option.maxLength !== undefined) o.setMaxLength(Math.min(Math.max(option.maxLength, 1), STRING_LENGTH_MAX));
          return o;
        });
      }
    }
    return sub;
  });
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
  const rest = restFor(options);
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const body = buildCommands();
  await rest.put(route, { body });
  return { route, body };
}

function restFor(options: Omit<DeployOptions, "guildId">): REST {
  const restOptions: Partial<RESTOptions> = options.apiUrl ? { api: options.apiUrl } : {};
  return options.rest ?? new REST(restOptions).setToken(options.token);
}

/**
 * Removes the bot's commands registered to one server (by DISCORD_GUILD_ID while developing), so a
 * server that also gets the global ones lists each command once. Global commands are left alone.
 */
export async function clearGuildCommands(options: Omit<DeployOptions, "guildId"> & { guildId: string }): Promise<{ route: string }> {
  const route = Routes.applicationGuildCommands(options.applicationId, options.guildId);
  await restFor(options).put(route, { body: [] });
  return { route };
}

/** The names of the bot's global commands (empty when it only ever registered to a server). */
export async function globalCommandNames(options: Omit<DeployOptions, "guildId">): Promise<string[]> {
  const registered = (await restFor(options).get(Routes.applicationCommands(options.applicationId))) as Array<{ name: string }>;
  return registered.map((c) => c.name);
}
