import { LogLevel, type Logger } from "@slack/bolt";
import type { Log, LogLevel as OurLevel } from "../../src/log.ts";

const ORDER: readonly LogLevel[] = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * Bolt's, its receivers' and the Socket Mode client's lines, written through the process's log (JSON
 * off a terminal, secrets scrubbed) instead of their own console lines. Bolt sets the level it was
 * given (`logLevel`); below it nothing is written. An Error among the arguments is logged as the error.
 *
 * Bolt's errors are written as warnings: they are about a request or a connection it refuses or
 * retries (a bad signature, a WSS URL it could not get). A failure that matters reaches the adapter
 * as an exception, which it logs as an error once (an unhandled error, a start that fails with one
 * line naming the token), so one problem is never two error lines.
 */
export function boltLogger(log: Log, initial: LogLevel = LogLevel.ERROR): Logger {
  let level = initial;
  let name = "bolt";
  const write = (at: LogLevel, ours: OurLevel) => (...msg: unknown[]) => {
    if (ORDER.indexOf(at) < ORDER.indexOf(level)) return;
    const error = msg.find((m): m is Error => m instanceof Error);
    const text = msg.map((m) => (m instanceof Error ? m.message : typeof m === "string" ? m : JSON.stringify(m))).join(" ");
    log(`${name}: ${text}`, ours, error);
  };
  return {
    debug: write(LogLevel.DEBUG, "debug"),
    info: write(LogLevel.INFO, "info"),
    warn: write(LogLevel.WARN, "warn"),
    error: write(LogLevel.ERROR, "warn"),
    setLevel: (next) => void (level = next),
    getLevel: () => level,
    setName: (next) => void (name = next),
  };
}
