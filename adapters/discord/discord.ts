import {
  Client,
  DiscordjsErrorCodes,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Options,
  PermissionFlagsBits,
  Status,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ClientOptions,
  type Interaction,
  type RESTOptions,
  type StringSelectMenuInteraction,
} from "discord.js";
import { dispatch } from "../../commands/index.ts";
import type { CatalogHolder } from "../../src/catalog/holder.ts";
import { describeOptions } from "../../src/command.ts";
import { AnswerStore, PagedAnswers } from "../../src/paging.ts";
import { refusalReply, type Reply } from "../../src/reply.ts";
import { ALERT_SCOPE, type Store } from "../../src/store/store.ts";
import { networkErrorCode } from "../../src/errors.ts";
import { redactUrl } from "../../src/sources/redact.ts";
import { AdapterStartError, type Adapter } from "../adapter.ts";
import { choicesFor } from "./autocomplete.ts";
import { decodeCustomId } from "./custom-id.ts";
import { ADMIN_COMMAND, deployCommands, globalCommandNames, inviteUrl, POST_PERMISSIONS, ROOT_COMMAND } from "./registration.ts";
import { misplacedReply, movedNote, resolveCommand } from "./routing.ts";
import { NO_MENTIONS, notice, renderReply, sharedBy, type DiscordMessage, type RenderOptions } from "./render.ts";
import type { Log } from "../../src/log.ts";
import type { ShardCount } from "./platform.ts";
import type { StatusProvider } from "../../src/status.ts";

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  /** Development: the server to register commands to at start (instant, unlike global commands). */
  guildId?: string;
  /** The REST API base, e.g. `http://127.0.0.1:1234/api` (default: Discord's). The gateway comes from its GET /gateway/bot. */
  apiUrl?: string;
  /** The current catalogue (a function, so a reload is seen at once). */
  /** The catalogue to answer from, read once per interaction (the watcher swaps in new ones). */
  catalog: Pick<CatalogHolder, "current">;
  logger?: Log;
  /**
   * Answer at once when the command is done within this many milliseconds; otherwise defer
   * (Discord allows 3 s for the first response) and edit the answer in. 0 always defers.
   */
  deferAfterMs?: number;
  /** Register the commands at start. Default: when guildId is set (development). */
  registerOnStart?: boolean;
  /** Paged answers behind button tokens (one per adapter unless given). */
  answers?: AnswerStore;
  /** Where subscriptions live; without it the subscription commands say announcements are unavailable. */
  store?: Store;
  /** What the bot is doing, for `status` (adapters/main.ts reports it). */
  status?: StatusProvider;
  /** How long login may take before start gives up on the API, or warns about the gateway (default LOGIN_TIMEOUT_MS). */
  loginTimeoutMs?: number;
  /**
   * Replicas: every replica's gateway session receives each interaction; only the one whose claim
   * of the interaction's id succeeds answers it (PlatformDeps.claim). Absent: answer everything.
   */
  claim?: (interactionId: string) => Promise<boolean>;
  /** Gateway shards, all in this process (SHARD_COUNT; default "auto": as many as GET /gateway/bot recommends). */
  shardCount?: ShardCount;
  /** The shards this process runs, of shardCount (SHARD_IDS); unset: all of them. */
  shardIds?: number[];
}

/**
 * discord.js's Client reads process.env.SHARD_COUNT (meant for a ShardingManager's children)
 * whenever shardCount is left at its default of 1, and throws on our "auto" (NaN). With shards
 * "auto" it ignores shardCount and sets the recommended count at login, so any other number keeps
 * it from looking; this one says it is no real count.
 */
const IGNORED_WITH_AUTO = Number.MAX_SAFE_INTEGER;

/** The discord.js Client options for a shard count: "auto", or shards 0..N-1 of N in this process (or `ids` of them only). */
export function shardOptions(count: ShardCount, ids?: number[]): Pick<ClientOptions, "shards" | "shardCount"> {
  if (count === "auto") return { shards: "auto", shardCount: IGNORED_WITH_AUTO };
  return { shards: ids ?? Array.from({ length: count }, (_, id) => id), shardCount: count };
}

/**
 * How long login may take (GET /gateway/bot, then the gateway's READY: a second or two when all is
 * well) before start gives up on an API that never answers, rather than wait for discord.js's 4
 * tries of 15 s each.
 */
export const LOGIN_TIMEOUT_MS = 30_000;

/** `1500` → "1.5 s". */
const seconds = (ms: number) => `${ms / 1000} s`;

const EPHEMERAL = MessageFlags.Ephemeral;

export const UNKNOWN_BUTTON = "This button is from an older version of the bot. Please run the command again.";
export const APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again in a moment.";

type Done<T> = { value: T } | null;

/** Resolves with the work's value if it is done within `ms`, else null (the work keeps running). */
async function within<T>(work: Promise<T>, ms: number): Promise<Done<T>> {
  if (ms <= 0) return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
  try {
    return await Promise.race([work.then((value) => ({ value })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The Discord adapter: `/ideas search|recommend|…|help` for everyone and `/ideas-admin
 * subscribe|unsubscribe|subscriptions|status` for the people who manage announcements (see
 * registration.ts), as slash commands with subcommands, answered with embeds. Answers are ephemeral until the asker shares them; their
 * buttons work for the asker only. Nothing it sends can ping anyone.
 */
export class DiscordAdapter implements Adapter {
  readonly name = "discord";
  readonly client: Client;
  private readonly answers: PagedAnswers;
  private readonly log: Log;
  private readonly deferAfterMs: number;

  constructor(private readonly options: DiscordAdapterOptions) {
    this.log = options.logger ?? ((message, _level, error) => (error === undefined ? console.error(`[discord] ${message}`) : console.error(`[discord] ${message}`, error)));
    // With a store, answers are kept there too: a button works after a restart and on any replica.
    const backed = options.store ? new AnswerStore({ backing: options.store, onError: (error) => this.log("could not save a paged answer", "warn", error) }) : undefined;
    this.answers = new PagedAnswers(dispatch, options.answers ?? backed);
    this.deferAfterMs = options.deferAfterMs ?? 1500;
    const rest: Partial<RESTOptions> = options.apiUrl ? { api: options.apiUrl } : {};
    this.client = new Client({
      intents: [GatewayIntentBits.Guilds],
      ...shardOptions(options.shardCount ?? "auto", options.shardIds),
      rest,
      allowedMentions: NO_MENTIONS,
      // The bot reads no messages: keep none in memory.
      makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    });
    this.client.on(Events.InteractionCreate, (interaction) => void this.handle(interaction));
    this.client.on(Events.Error, (error) => this.log("client error", "error", error));
    this.client.on(Events.ShardError, (error, shard) => this.log(`gateway error on shard ${shard}`, "error", error));
    this.client.on(Events.Warn, (message) => this.log(`warning: ${message}`, "warn"));
  }

  async start(): Promise<void> {
    const ready = new Promise<void>((resolve) => this.client.once(Events.ClientReady, () => resolve()));
    await this.login();
    await ready;
    this.log(`connected as ${this.client.user?.tag ?? "?"}${this.shardNote()}; invite: ${inviteUrl(this.options.applicationId)}`);
    if (this.options.registerOnStart ?? Boolean(this.options.guildId)) {
      try {
        const { route } = await deployCommands({ ...this.options, rest: this.client.rest });
        this.log(`registered /${ROOT_COMMAND} and /${ADMIN_COMMAND} (${route})`);
        if (this.options.guildId) await this.warnIfAlsoGlobal(this.options.guildId);
      } catch (error) {
        this.log("could not register the commands (run `npm run deploy:discord`)", "error", error);
      }
    }
  }

  /** " on 4 shards" when there is more than one, so the log says what SHARD_COUNT came to. */
  private shardNote(): string {
    const shards = this.client.ws.shards.size;
    return shards > 1 ? ` on ${shards} shards` : "";
  }

  /**
   * Commands registered both globally and to the development server show twice there: say how to
   * remove the server's copy. Only a warning; a failure to look is logged at debug.
   */
  private async warnIfAlsoGlobal(guildId: string): Promise<void> {
    try {
      const global = await globalCommandNames({ ...this.options, rest: this.client.rest });
      if (global.length === 0) return;
      this.log(
        `/${ROOT_COMMAND} is registered both globally and to server ${guildId} (DISCORD_GUILD_ID), so members there see each command twice: ` +
          `unset DISCORD_GUILD_ID and run \`npm run deploy:discord -- --clear-guild ${guildId}\``,
        "warn",
      );
    } catch (error) {
      this.log("could not list the global commands", "debug", error);
    }
  }

  async stop(): Promise<void> {
    await this.client.destroy();
  }

  /**
   * Logs in. What an admin can fix (a refused token, an API that cannot be reached or never
   * answers) becomes an AdapterStartError: one line for `npm start`. A gateway that is slow to say
   * READY is only warned about: discord.js keeps trying it (through a Discord outage, say), and
   * destroying the client while its gateway connects leaves it reconnecting anyway (discord.js 14.28).
   */
  private async login(): Promise<void> {
    const login = this.client.login(this.options.token).then(
      () => undefined,
      (error: unknown) => {
        throw this.loginFailure(error) ?? error;
      },
    );
    // Once abandoned below, its late failure is no news.
    login.catch(() => {});
    const timeoutMs = this.options.loginTimeoutMs ?? LOGIN_TIMEOUT_MS;
    if (await within(login, timeoutMs)) return;
    // Known once GET /gateway/bot has answered.
    const gateway = this.client.ws.gateway;
    if (gateway) {
      this.log(`no READY from Discord's gateway at ${redactUrl(gateway)} within ${seconds(timeoutMs)}: still trying; check the network (a proxy or firewall may block WebSockets)`, "warn");
      return login;
    }
    await this.client.destroy();
    throw new AdapterStartError(`cannot reach Discord's API at ${this.apiLocation()} (no answer within ${seconds(timeoutMs)}): ${this.networkAdvice()}`);
  }

  /** Where the REST API is, fit for a log line (DISCORD_API_URL may carry credentials). */
  private apiLocation(): string {
    return redactUrl(this.options.apiUrl ?? this.client.rest.options.api);
  }

  /** What to check about the network: DISCORD_API_URL too when it is set. */
  private networkAdvice(): string {
    return this.options.apiUrl ? "check DISCORD_API_URL and the network" : "check the network (DNS, a proxy or firewall)";
  }

  /** A login failure an admin can fix, as one line; null for anything else. */
  private loginFailure(error: unknown): AdapterStartError | null {
    // discord.js turns the 401 of GET /gateway/bot into TokenInvalid; a 401 from elsewhere stays a DiscordAPIError.
    const { code, status } = (error ?? {}) as { code?: unknown; status?: unknown };
    if (code === DiscordjsErrorCodes.TokenInvalid || status === 401) {
      return new AdapterStartError("DISCORD_TOKEN was refused by Discord (401 Unauthorized): check the bot token in the Developer Portal > Bot (reset it if it leaked)");
    }
    const network = networkErrorCode(error);
    if (network) return new AdapterStartError(`cannot reach Discord's API at ${this.apiLocation()} (${network}): ${this.networkAdvice()}`);
    return null;
  }

  /** The client is ready: logged in, its gateway connection up (not while it reconnects). */
  connected(): boolean {
    return this.client.isReady() && this.client.ws.shards.every((shard) => shard.status === Status.Ready);
  }

  /** Every interaction, never throwing: a failure is logged and answered kindly. */
  async handle(interaction: Interaction): Promise<void> {
    if (!(await this.claimed(interaction))) return;
    try {
      if (interaction.isAutocomplete()) await this.autocomplete(interaction);
      else if (interaction.isChatInputCommand()) await this.command(interaction);
      else if (interaction.isButton() || interaction.isStringSelectMenu()) await this.component(interaction);
    } catch (error) {
      this.log(`interaction ${interaction.id} failed`, "error", error);
      await this.apologise(interaction).catch((e: unknown) => this.log(`could not answer interaction ${interaction.id}`, "warn", e));
    }
  }

  /** Whether this replica answers the interaction: another replica that claimed it does instead. */
  private async claimed(interaction: Interaction): Promise<boolean> {
    if (!this.options.claim) return true;
    try {
      return await this.options.claim(interaction.id);
    } catch (error) {
      // Better two answers (the second refused by Discord) than none.
      this.log(`could not claim interaction ${interaction.id}; answering it here`, "warn", error);
      return true;
    }
  }

  private async apologise(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) {
      if (!interaction.responded) await interaction.respond([]);
      return;
    }
    if (!interaction.isRepliable()) return;
    const message = { ...notice(APOLOGY, "error"), allowedMentions: NO_MENTIONS };
    if (interaction.deferred && !interaction.replied) await interaction.editReply(message);
    else if (interaction.replied) await interaction.followUp({ ...message, flags: EPHEMERAL });
    else await interaction.reply({ ...message, flags: EPHEMERAL });
  }

  private context(interaction: Interaction, page: number) {
    return {
      catalog: this.options.catalog.current,
      platform: "discord" as const,
      userId: interaction.user.id,
      ...(interaction.channelId ? { channelId: interaction.channelId } : {}),
      // Subscriptions belong to a server's channel; in a DM there is no guild, and so none. The
      // bot's own permissions in the channel come with every interaction.
      ...(interaction.guildId ? { workspaceId: interaction.guildId, botCanPost: interaction.appPermissions?.has(POST_PERMISSIONS) ?? true } : {}),
      ...(this.options.store ? { store: this.options.store } : {}),
      ...(this.options.status ? { status: this.options.status } : {}),
      // One alert per person on Discord, whichever server or DM they set it from.
      alertScope: ALERT_SCOPE,
      page,
      // As resolved by Discord for this channel (role and channel overwrites included).
      canManageChannel: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) ?? false,
      log: this.log,
    };
  }

  /**
   * Renders a reply; a paged answer gets a token (new, or the one its buttons carry). A new token
   * is saved before the answer is sent, so its buttons work at once on any replica.
   */
  private async render(reply: Reply, interaction: Interaction, extra: Omit<RenderOptions, "ownerId"> = {}): Promise<DiscordMessage> {
    const options: RenderOptions = { ownerId: interaction.user.id, ...extra };
    if (reply.kind === "cards" && !options.token && !options.publicCopy) {
      options.token = this.answers.start(reply.continuation, interaction.user.id);
      await this.answers.saved(options.token);
    }
    return renderReply(reply, options);
  }

  private async autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const focused = interaction.options.getFocused(true);
    const sub = interaction.options.getSubcommand(false);
    // Synchronous, from the in-memory catalogue: answered at once.
    const choices = choicesFor(interaction.commandName, sub, focused.name, this.options.catalog.current, String(focused.value ?? ""));
    await interaction.respond(choices);
  }

  private async command(interaction: ChatInputCommandInteraction): Promise<void> {
    const { name, definition, legacy, misplaced } = resolveCommand(interaction.commandName, interaction.options.getSubcommand(false));
    const input: Record<string, unknown> = {};
    if (definition) {
      for (const option of describeOptions(definition)) {
        const value = interaction.options.get(option.name)?.value;
        if (value !== undefined && value !== null) input[option.name] = value;
        else if (option.required && option.type === "string") input[option.name] = "";
      }
    }
    // An unknown subcommand (a stale registration) gets help with "did you mean".
    const work = misplaced ? Promise.resolve(misplacedReply(name)) : dispatch(name, input, this.context(interaction, 1)).then((reply) => (legacy ? movedNote(reply, name) : reply));
    const early = await within(work, this.deferAfterMs);
    if (early) {
      await interaction.reply({ ...(await this.render(early.value, interaction)), flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
      return;
    }
    await interaction.deferReply({ flags: EPHEMERAL });
    const reply = await work;
    await interaction.editReply({ ...(await this.render(reply, interaction)), allowedMentions: NO_MENTIONS });
  }

  /** A refusal, an expiry or an error, to the presser only; the message pressed is left as it is. */
  private async tell(interaction: ButtonInteraction | StringSelectMenuInteraction, said: string | Reply): Promise<void> {
    const message = typeof said === "string" ? notice(said) : renderReply(said, { ownerId: interaction.user.id });
    await interaction.reply({ ...message, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
  }

  private async component(interaction: ButtonInteraction | StringSelectMenuInteraction): Promise<void> {
    const action = decodeCustomId(interaction.customId);
    if (!action) return this.tell(interaction, UNKNOWN_BUTTON);
    const user = interaction.user.id;
    switch (action.kind) {
      case "page":
      case "share": {
        // Checked before any work: a refusal is told privately, it never replaces the answer.
        const opened = await this.answers.open(action.token, user);
        if (!opened.ok) return this.tell(interaction, opened.refusal);
        const work = this.answers.page(opened, action.page, this.context(interaction, action.page));
        if (action.kind === "page") return this.update(interaction, work, { token: action.token });
        return this.share(interaction, work, { token: action.token });
      }
      case "share-idea": {
        if (action.owner !== user) return this.tell(interaction, refusalReply("notAnswerOwner"));
        return this.share(interaction, dispatch("show", { id: action.id }, this.context(interaction, 1)), {});
      }
      case "details": {
        if (action.owner !== null && action.owner !== user) return this.tell(interaction, refusalReply("notAnswerOwner"));
        const id = interaction.isStringSelectMenu() ? interaction.values[0] : undefined;
        if (!id) return this.tell(interaction, UNKNOWN_BUTTON);
        const work = dispatch("show", { id }, this.context(interaction, 1));
        const early = await within(work, this.deferAfterMs);
        if (early) {
          await interaction.reply({ ...(await this.render(early.value, interaction)), flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
          return;
        }
        await interaction.deferReply({ flags: EPHEMERAL });
        await interaction.editReply({ ...(await this.render(await work, interaction)), allowedMentions: NO_MENTIONS });
        return;
      }
    }
  }

  /** Paging: the same message shows another page (type 7), or is deferred (type 6) and edited. */
  private async update(interaction: ButtonInteraction | StringSelectMenuInteraction, work: Promise<Reply>, extra: Omit<RenderOptions, "ownerId">): Promise<void> {
    const early = await within(work, this.deferAfterMs);
    if (early) {
      await interaction.update({ ...(await this.render(early.value, interaction, extra)), allowedMentions: NO_MENTIONS });
      return;
    }
    await interaction.deferUpdate();
    await interaction.editReply({ ...(await this.render(await work, interaction, extra)), allowedMentions: NO_MENTIONS });
  }

  /**
   * Share: the asker's ephemeral answer marks itself shared (type 7), then the answer is posted in
   * the channel as a public follow-up, saying who shared it. The public copy has no paging or share
   * buttons; its Details menu answers whoever uses it, privately.
   */
  private async share(interaction: ButtonInteraction | StringSelectMenuInteraction, work: Promise<Reply>, extra: Omit<RenderOptions, "ownerId">): Promise<void> {
    const early = await within(work, this.deferAfterMs);
    if (!early) await interaction.deferUpdate();
    const reply = early ? early.value : await work;
    if (reply.kind === "message") {
      // The answer changed under the button (an idea gone after a reload): say so privately.
      const message = { ...(await this.render(reply, interaction)), allowedMentions: NO_MENTIONS };
      if (interaction.deferred) await interaction.followUp({ ...message, flags: EPHEMERAL });
      else await interaction.reply({ ...message, flags: EPHEMERAL });
      return;
    }
    const marked = { ...(await this.render(reply, interaction, { ...extra, shared: true })), allowedMentions: NO_MENTIONS };
    if (interaction.deferred) await interaction.editReply(marked);
    else await interaction.update(marked);
    const name = interaction.inCachedGuild() ? interaction.member.displayName : (interaction.member && "nick" in interaction.member && interaction.member.nick) || interaction.user.displayName;
    await interaction.followUp({ ...(await this.render(reply, interaction, { publicCopy: true })), content: sharedBy(name), allowedMentions: NO_MENTIONS });
  }
}
