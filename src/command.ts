import { z } from "zod";
import type { Catalog } from "./catalog/catalog.ts";
import type { Reply } from "./reply.ts";
import type { ChannelRef, Store } from "./store/store.ts";
import type { Log } from "./log.ts";
import type { StatusProvider } from "./status.ts";

/** Who asked, where: adapters fill this in; commands use it for permissions and logging. */
export interface CommandContext {
  catalog: Catalog;
  /** The adapter's platform name ("shell", a chat platform's), or "cli" for one-off scripts, which have no channel. */
  platform: string;
  userId: string;
  channelId?: string;
  /** The Discord guild or Slack team of the channel ("shell" in the shell): with channelId, where subscriptions live. */
  workspaceId?: string;
  /** Durable state, for the subscription commands; absent where announcements are not served. */
  store?: Store;
  /** 1-based page of a paged answer (from a Next/Previous button). */
  page: number;
  /** Results per page (default PAGE_SIZE): a script asks for its --limit on one page. */
  pageSize?: number;
  /**
   * Whether the person may manage this channel's subscriptions, as the platform says (Discord:
   * Manage Channels; Slack: workspace admin or owner, or listed in ANNOUNCE_ADMINS). Absent: no.
   */
  canManageChannel?: boolean;
  /**
   * Whether the bot itself can post announcements in this channel, when the platform says
   * (Discord: the app's permissions there). Absent: unknown; delivery finds out and pauses.
   */
  botCanPost?: boolean;
  /**
   * Where this person's alert (`notify`) lives: ALERT_SCOPE on Discord and in the shell (one alert
   * per person per platform), the team on Slack. Absent: alerts are not served here (the CLI).
   */
  alertScope?: string;
  /** What the bot is doing (sources, checks, platforms), for `status`; absent where no process reports it (the CLI). */
  status?: StatusProvider;
  log?: Log;
}

/**
 * What a command can require of where it runs (sapphire's preconditions), checked by `dispatch`
 * in this order before `execute`: a refusal names the one that failed, and each adapter words it.
 * - store: durable state is there (announcements are served here);
 * - alerts: the person can have an alert here (`alertScope`: a platform that can message them);
 * - channel: a channel of a server or workspace (not a DM, not the CLI);
 * - manageChannel: the person may manage that channel (`canManageChannel`);
 * - catalog: the ideas are loaded (at a first start the platforms answer before the sources are read).
 */
export const PRECONDITIONS = ["store", "alerts", "channel", "manageChannel", "catalog"] as const;
export type Precondition = (typeof PRECONDITIONS)[number];
export type Requirements = { [P in Precondition]?: true };

/** The context `execute` gets: with `store` and `channel` filled in when the command requires them. */
export type ReadyContext<R extends Requirements> = CommandContext &
  (R extends { store: true } ? { store: Store } : unknown) &
  (R extends { channel: true } ? { channel: ChannelRef } : unknown) &
  (R extends { alerts: true } ? { alert: ChannelRef } : unknown);

/** Suggestions while typing an option (Discord's autocomplete): at most `maxChoices`, each at most `maxLength` characters. */
export interface Choice {
  name: string;
  value: string;
}
export interface ChoiceLimits {
  maxChoices?: number;
  maxLength?: number;
}
export type ChoiceProvider = (catalog: Catalog, typed: string, limits?: ChoiceLimits) => Choice[];

/**
 * A platform-neutral command, like the create-discord-bot template (`data` + `execute`) one level up: each
 * adapter renders the name, description and options into its own form (Discord subcommand, Slack
 * text, shell line). Options are a zod object of strings/numbers; `.describe()` gives each its help,
 * `.max()` its length limit, `.meta({ autocomplete: provider })` its suggestions. `rest` names the
 * option that takes the rest of a typed line; `requires` what must hold before `execute` runs.
 */
export interface CommandDefinition<Options extends z.ZodObject = z.ZodObject, R extends Requirements = Requirements> {
  name: string;
  description: string;
  /** One example line for help: `search kubernetes docs`. */
  usage: string;
  options: Options;
  rest?: keyof z.infer<Options> & string;
  requires?: R;
  /**
   * For the people who manage announcements, not for every member: Discord lists it under its own
   * top-level command (`/ideas-admin`), which a server's Integrations screen can restrict; Slack and
   * the shell keep it under `/ideas`. The rights themselves are still `requires.manageChannel`.
   */
  admin?: true;
  execute(input: z.infer<Options>, context: ReadyContext<R>): Reply | Promise<Reply>;
}

/** Checks a loaded command module's shape, so a broken command file fails at start, not on use. */
export const CommandDefinitionSchema = z.object({
  name: z.string().regex(/^[a-z][a-z-]{0,31}$/, "lower-case, up to 32 characters (the limit of chat platforms' command names)"),
  description: z.string().min(1).max(100, "at most 100 characters (the limit of chat platforms' command descriptions)"),
  usage: z.string().min(1),
  options: z.instanceof(z.ZodObject),
  rest: z.string().optional(),
  requires: z.partialRecord(z.enum(PRECONDITIONS), z.literal(true)).optional(),
  admin: z.literal(true).optional(),
  execute: z.function(),
});

// `const R`: `requires: { store: true }` keeps its literal type, so `execute` sees `context.store` as set.
export function defineCommand<Options extends z.ZodObject, const R extends Requirements = Record<never, never>>(definition: CommandDefinition<Options, R>): CommandDefinition<Options, R> {
  return definition;
}

/** What a platform needs to render one option. */
export interface OptionInfo {
  name: string;
  description: string;
  required: boolean;
  type: "string" | "integer";
  minLength?: number;
  maxLength?: number;
  min?: number;
  max?: number;
  autocomplete: boolean;
}

/** An option's schema without its `.optional()`, where `.max()` and `.meta()` are read. */
function innerSchema(schema: z.ZodType): { inner: z.ZodType; optional: boolean } {
  const optional = schema.safeParse(undefined).success;
  const inner = (optional && "unwrap" in schema ? (schema as unknown as { unwrap(): z.ZodType }).unwrap() : schema) as z.ZodType;
  return { inner, optional };
}

/** The suggestions an option declares with `.meta({ autocomplete: provider })`, if any. */
export function autocompleteFor(definition: CommandDefinition, option: string): ChoiceProvider | undefined {
  const schema = definition.options.shape[option] as z.ZodType | undefined;
  if (!schema) return undefined;
  const { autocomplete } = (innerSchema(schema).inner.meta?.() ?? {}) as { autocomplete?: unknown };
  return typeof autocomplete === "function" ? (autocomplete as ChoiceProvider) : undefined;
}

/** Reads the zod option schema into plain facts (for Discord registration, help texts). */
export function describeOptions(definition: CommandDefinition): OptionInfo[] {
  return Object.entries(definition.options.shape).map(([name, raw]) => {
    const schema = raw as z.ZodType;
    const { inner, optional } = innerSchema(schema);
    const description = schema.description ?? inner.description ?? name;
    if (inner instanceof z.ZodNumber) {
      return { name, description, required: !optional, type: "integer", min: inner.minValue ?? undefined, max: inner.maxValue ?? undefined, autocomplete: false };
    }
    const str = inner as z.ZodString;
    return {
      name,
      description,
      required: !optional,
      type: "string",
      minLength: str.minLength ?? undefined,
      maxLength: str.maxLength ?? undefined,
      autocomplete: autocompleteFor(definition, name) !== undefined,
    };
  });
}
