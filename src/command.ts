import { z } from "zod";
import type { Catalog } from "./catalog/catalog.ts";
import type { Reply } from "./reply.ts";
import type { Store } from "./store/store.ts";

/** Who asked, where: adapters fill this in; commands use it for permissions and logging. */
export interface CommandContext {
  catalog: Catalog;
  platform: "discord" | "slack" | "shell" | "cli";
  userId: string;
  channelId?: string;
  /** The Discord guild or Slack team of the channel ("shell" in the shell): with channelId, where subscriptions live. */
  workspaceId?: string;
  /** Durable state, for the subscription commands; absent where announcements are not served. */
  store?: Store;
  /** 1-based page of a paged answer (from a Next/Previous button). */
  page: number;
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
  log?: (message: string, error?: unknown) => void;
}

/**
 * A platform-neutral command, like discord.js's template (`data` + `execute`) one level up: each
 * adapter renders the name, description and options into its own form (Discord subcommand, Slack
 * text, shell line). Options are a zod object of strings/numbers; `.describe()` gives each its help,
 * `.max()` its length limit. `rest` names the option that takes the rest of a typed line.
 */
export interface CommandDefinition<Options extends z.ZodObject = z.ZodObject> {
  name: string;
  description: string;
  /** One example line for help: `search kubernetes docs`. */
  usage: string;
  options: Options;
  rest?: keyof z.infer<Options> & string;
  execute(input: z.infer<Options>, context: CommandContext): Reply | Promise<Reply>;
}

/** Checks a loaded command module's shape, so a broken command file fails at start, not on use. */
export const CommandDefinitionSchema = z.object({
  name: z.string().regex(/^[a-z][a-z-]{0,31}$/, "lower-case, up to 32 characters (Discord's rule)"),
  description: z.string().min(1).max(100, "Discord allows 100 characters"),
  usage: z.string().min(1),
  options: z.instanceof(z.ZodObject),
  rest: z.string().optional(),
  execute: z.function(),
});

export function defineCommand<Options extends z.ZodObject>(definition: CommandDefinition<Options>): CommandDefinition<Options> {
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

/** Reads the zod option schema into plain facts (for Discord registration, help texts). */
export function describeOptions(definition: CommandDefinition): OptionInfo[] {
  return Object.entries(definition.options.shape).map(([name, raw]) => {
    const schema = raw as z.ZodType;
    const optional = schema.safeParse(undefined).success;
    const inner = (optional && "unwrap" in schema ? (schema as unknown as { unwrap(): z.ZodType }).unwrap() : schema) as z.ZodType;
    const meta = (inner.meta?.() ?? {}) as { autocomplete?: boolean };
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
      autocomplete: meta.autocomplete === true,
    };
  });
}
