import pino, { type DestinationStream } from "pino";
import pretty from "pino-pretty";
import type { Log, LogLevel } from "../src/log.ts";
import { isSecretName, redactUrls } from "../src/sources/redact.ts";

/**
 * The process's log, with pino: JSON lines (time, level, msg) for a service's collector, or pino-pretty's
 * readable lines on a terminal; LOG_LEVEL decides what is written. Everything goes to stderr, so the
 * shell's answers on stdout stay clean.
 *
 * Nothing written may hold a secret: every message and error (message and stack) goes through
 * `scrub`, which hides URL credentials (redactUrls: `user:pass@`, `?token=`) and the value of every
 * secret environment variable (DISCORD_TOKEN, SLACK_SIGNING_SECRET…), wherever a library may have
 * quoted it. pino's `redact` also censors the fields of an error object that carry a request's
 * credentials.
 */
export type LogFormat = "json" | "pretty";

export interface LoggerOptions {
  level: LogLevel;
  format: LogFormat;
  /** Values never to print (see secretValues). */
  secrets?: readonly string[];
  /** Where lines go; default stderr, written synchronously so the last line before an exit is kept. */
  destination?: NodeJS.WritableStream;
}

/** Shorter values are not hidden: a 3-letter "secret" would garble every line that contains it. */
const MIN_SECRET_LENGTH = 8;

/** The values of the environment's secret variables (names with TOKEN, SECRET, KEY, PASSWORD…). */
export function secretValues(env: NodeJS.ProcessEnv = process.env): string[] {
  return Object.entries(env)
    .filter(([name, value]) => value !== undefined && isSecretName(name) && value.trim().length >= MIN_SECRET_LENGTH)
    .map(([, value]) => value!.trim());
}

/** JSON unless LOG_FORMAT says otherwise or stderr is a terminal. */
export function logFormat(setting: "auto" | LogFormat, stream: { isTTY?: boolean } = process.stderr): LogFormat {
  if (setting !== "auto") return setting;
  return stream.isTTY ? "pretty" : "json";
}

/**
 * Slack tokens by their shape (xoxb-, xoxp-, xoxe-…, xapp-): a workspace's token from its
 * installation is no environment variable, yet must never be written either.
 */
const SLACK_TOKEN = /\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g;

/** `text` fit to be written: URL credentials, secret values and Slack tokens hidden. */
export function scrubber(secrets: readonly string[]): (text: string) => string {
  const values = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  return (text) => {
    let out = redactUrls(text).replace(SLACK_TOKEN, "$1-[redacted]");
    for (const secret of values) if (out.includes(secret)) out = out.split(secret).join("[redacted]");
    return out;
  };
}

export function createLog(options: LoggerOptions): Log {
  const scrub = scrubber(options.secrets ?? []);
  const stream: DestinationStream =
    options.format === "pretty"
      ? pretty({ destination: options.destination ?? 2, sync: true, colorize: options.destination === undefined && Boolean(process.stderr.isTTY), translateTime: "SYS:HH:MM:ss", ignore: "pid,hostname" })
      : options.destination
        ? (options.destination as DestinationStream)
        : pino.destination({ dest: 2, sync: true });
  const logger = pino(
    {
      level: options.level,
      base: undefined,
      // Fields of library errors that can carry credentials: a request's headers and body.
      redact: { paths: ["err.headers.authorization", "err.request.headers.authorization", "err.requestBody", "err.config.headers"], censor: "[redacted]" },
      serializers: {
        err: (error: unknown) => {
          const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
          for (const key of ["message", "stack"]) if (typeof serialized[key] === "string") serialized[key] = scrub(serialized[key]);
          return serialized;
        },
      },
    },
    stream,
  );
  return (message, level = "info", error) => {
    const line = scrub(message);
    if (error === undefined) logger[level](line);
    else logger[level]({ err: error instanceof Error ? error : new Error(String(error)) }, line);
  };
}
