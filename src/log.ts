/**
 * How the core reports what it does: a line at a level. The core never picks a logging library;
 * `npm start` and the CLI pass a pino logger's (adapters/log.ts), tests pass a function that keeps
 * the lines. A plain `(message) => void` is a Log too: it sees every line, whatever its level.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** One line of the log: `error` carries an exception (logged with its stack, redacted). */
export type Log = (message: string, level?: LogLevel, error?: unknown) => void;

/** The log of a caller that gave none. */
export const quiet: Log = () => {};
