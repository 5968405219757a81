import { redactUrl } from "./sources/redact.ts";
import cron from "node-cron";
import { z } from "zod";
import { parseSourceList, type SourceSpec } from "./sources/spec.ts";

/** The default sources: every file of the bundled catalogue (data/catalogue.json), so the bot runs with no setup. */
export const BUNDLED_SOURCES = "bundled";

/** What DEFAULT_TERM may say: the words a `term:` filter takes. */
const TERM_WORD = /^(?:current|latest|newest|all|any|other|\d{4}|lfx|gsoc|sod|(?:lfx|gsoc|sod)-\d{4}(?:-[1-4])?)$/i;

/** Field types for environment variables, shared by the core and each platform's own variables. */
export const env = {
  /** A string; empty or unset is undefined. */
  string: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** An http(s) URL, or undefined. */
  url: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.string().url("must be an http(s) URL").optional()),
  boolean: z
    .enum(["true", "false", "1", "0", "yes", "no", ""], { message: "must be true or false" })
    .optional()
    .transform((v) => v === "true" || v === "1" || v === "yes"),
};

const EnvSchema = z.object({
  IDEAS_SOURCES: env.string.transform((value, ctx): SourceSpec[] => {
    try {
      return parseSourceList(value ?? BUNDLED_SOURCES);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  }),
  DEFAULT_TERM: env.string.pipe(
    z.string().regex(TERM_WORD, "must be a term: current, all, a year (2026), a program (lfx, gsoc, sod) or a key (lfx-2026-3)").optional(),
  ),
  DATA_DIR: env.string.transform((v) => v ?? "./.data"),
  /**
   * A PostgreSQL database for the state instead of DATA_DIR's SQLite file: for several replicas
   * of the bot on one database. Unset: SQLite.
   */
  DATABASE_URL: env.string.pipe(
    z
      .string()
      .regex(/^postgres(?:ql)?:\/\/\S+$/, "must be a PostgreSQL URL: postgres://user:password@host:5432/database")
      .refine((v) => URL.canParse(v), "must be a PostgreSQL URL: postgres://user:password@host:5432/database")
      .optional(),
  ),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"], { message: "must be debug, info, warn or error" }).optional().default("info"),
  /** auto: readable lines on a terminal, JSON lines otherwise (a service's collector). */
  LOG_FORMAT: z.enum(["auto", "json", "pretty"], { message: "must be auto, json or pretty" }).optional().default("auto"),
  SHELL_ADAPTER: z.enum(["auto", "on", "off"], { message: "must be auto, on or off" }).optional().default("auto"),

  /**
   * The interface that port listens on: a hostname or an IP address (0.0.0.0 for every IPv4
   * interface, 127.0.0.1 behind a reverse proxy on the same machine). Unset: Node's default, every
   * interface (IPv6 and IPv4).
   */
  HOST: env.string.pipe(
    z
      .union([z.ipv4(), z.ipv6(), z.hostname()], { message: "must be a hostname or an IP address, e.g. 0.0.0.0 or 127.0.0.1" })
      .refine((v) => !/^[\d.]+$/.test(v) || z.ipv4().safeParse(v).success, "must be a hostname or an IP address, e.g. 0.0.0.0 or 127.0.0.1")
      .optional(),
  ),
  /** The HTTP port: a platform that receives webhooks (Slack in HTTP mode) listens here. */
  PORT: z.coerce.number({ message: "must be a port number" }).int().min(0).max(65535).optional().default(3000),

  ANNOUNCE_CRON: env.string
    .transform((v) => v ?? "*/15 * * * *")
    .refine((v) => cron.validate(v), "must be a cron expression, e.g. */15 * * * * (every 15 minutes)"),
  ANNOUNCE_EXISTING: env.boolean,

  /** For `github:` sources: 5,000 API requests an hour instead of 60 (a token with no scopes is enough for public repositories). */
  GITHUB_TOKEN: env.string,
  /** The GitHub API base, for GitHub Enterprise (https://HOST/api/v3) and tests. */
  GITHUB_API_URL: env.url,
});

export type Config = z.infer<typeof EnvSchema>;

/** Thrown when the environment is wrong; the message names every variable at fault. */
export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

/**
 * Validates `values` against `schema`: the value, or one `NAME: message` line per variable at
 * fault. Values are never echoed, so a secret cannot leak into a log.
 */
export function readEnv<S extends z.ZodObject>(schema: S, values: NodeJS.ProcessEnv): { ok: true; value: z.infer<S> } | { ok: false; issues: string[] } {
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, issues: result.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`) };
}

/** One ConfigError naming every variable at fault. */
export function configError(issues: string[]): ConfigError {
  return new ConfigError(`invalid configuration:\n${issues.map((issue) => `  ${issue}`).join("\n")}`);
}

/** The core's configuration, or the issues with it (for a caller that gathers every platform's too). */
export function readConfig(values: NodeJS.ProcessEnv): ReturnType<typeof readEnv<typeof EnvSchema>> {
  return readEnv(EnvSchema, values);
}

/**
 * Reads and validates the core's configuration: sources, terms, state, schedule. Each platform
 * reads its own variables (adapters/<platform>/platform.ts; adapters/config.ts reads them all).
 */
export function loadConfig(values: NodeJS.ProcessEnv = process.env): Config {
  const result = readConfig(values);
  if (!result.ok) throw configError(result.issues);
  return result.value;
}

/** A summary fit for logs (no secrets). */
export function describeConfig(config: Config): string {
  const sources = config.IDEAS_SOURCES.length > 6 ? `${config.IDEAS_SOURCES.length} files` : config.IDEAS_SOURCES.map((s) => s.label).join(", ");
  const data = config.DATABASE_URL ? `PostgreSQL ${redactUrl(config.DATABASE_URL)}` : config.DATA_DIR;
  return `sources: ${sources}; default term: ${config.DEFAULT_TERM ?? "current"}; data: ${data}`;
}
