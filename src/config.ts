import cron from "node-cron";
import { z } from "zod";
import { parseSourceList, type SourceSpec } from "./sources/spec.ts";

/** The default sources: every file of the bundled catalogue (data/catalogue.json), so the bot runs with no setup. */
export const BUNDLED_SOURCES = "bundled";

/** What DEFAULT_TERM may say: the words a `term:` filter takes. */
const TERM_WORD = /^(?:current|latest|newest|all|any|other|\d{4}|lfx|gsoc|sod|(?:lfx|gsoc|sod)-\d{4}(?:-[1-4])?)$/i;

const optionalString = z
  .string()
  .trim()
  .optional()
  .transform((v) => (v ? v : undefined));

const optionalUrl = optionalString.pipe(z.string().url("must be an http(s) URL").optional());

const boolean = z
  .enum(["true", "false", "1", "0", "yes", "no", ""], { message: "must be true or false" })
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "yes");

const EnvSchema = z.object({
  IDEAS_SOURCES: optionalString.transform((value, ctx): SourceSpec[] => {
    try {
      return parseSourceList(value ?? BUNDLED_SOURCES);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  DEFAULT_TERM: optionalString.pipe(
    z.string().regex(TERM_WORD, "must be a term: current, all, a year (2026), a program (lfx, gsoc, sod) or a key (lfx-2026-3)").optional(),
  ),
  DATA_DIR: optionalString.transform((v) => v ?? "./.data"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).optional().default("info"),
  SHELL_ADAPTER: z.enum(["auto", "on", "off"], { message: "must be auto, on or off" }).optional().default("auto"),

  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString.pipe(z.string().regex(/^\d{15,25}$/, "must be a Discord snowflake (digits)").optional()),
  DISCORD_GUILD_ID: optionalString.pipe(z.string().regex(/^\d{15,25}$/, "must be a Discord snowflake (digits)").optional()),
  DISCORD_API_URL: optionalUrl,

  SLACK_BOT_TOKEN: optionalString.pipe(z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional()),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString.pipe(z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional()),
  SLACK_API_URL: optionalUrl,
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).optional().default(3000),

  ANNOUNCE_CRON: optionalString
    .transform((v) => v ?? "*/15 * * * *")
    .refine((v) => cron.validate(v), "must be a cron expression, e.g. */15 * * * * (every 15 minutes)"),
  ANNOUNCE_EXISTING: boolean,
  ANNOUNCE_ADMINS: optionalString.transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : [])),
});

export type Config = z.infer<typeof EnvSchema>;

/** Thrown when the environment is wrong; the message names every variable at fault. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/** Reads and validates the configuration. Values are never echoed, so a secret cannot leak into a log. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  const config = result.data;
  if (config.DISCORD_TOKEN && !config.DISCORD_APPLICATION_ID) {
    throw new ConfigError("invalid configuration:\n  DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set");
  }
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError("invalid configuration:\n  SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set");
  }
  if (config.SLACK_APP_TOKEN && !config.SLACK_BOT_TOKEN) {
    throw new ConfigError("invalid configuration:\n  SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set");
  }
  return config;
}

/** Which adapters to start; a summary fit for logs (no secrets). */
export function describeConfig(config: Config): string {
  const platforms = [config.DISCORD_TOKEN ? "discord" : null, config.SLACK_BOT_TOKEN ? (config.SLACK_APP_TOKEN ? "slack (socket mode)" : `slack (http :${config.PORT})`) : null].filter(Boolean);
  const sources = config.IDEAS_SOURCES.length > 6 ? `${config.IDEAS_SOURCES.length} files` : config.IDEAS_SOURCES.map((s) => s.label).join(", ");
  return `sources: ${sources}; default term: ${config.DEFAULT_TERM ?? "current"}; platforms: ${platforms.join(", ") || "none"}; data: ${config.DATA_DIR}`;
}
