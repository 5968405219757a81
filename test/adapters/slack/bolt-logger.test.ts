import { LogLevel } from "@slack/bolt";
import { describe, expect, it } from "vitest";
import { boltLogger } from "../../../adapters/slack/bolt-logger.ts";
import type { LogLevel as OurLevel } from "../../../src/log.ts";

function recording() {
  const lines: Array<{ message: string; level?: OurLevel; error?: unknown }> = [];
  return { lines, log: (message: string, level?: OurLevel, error?: unknown) => void lines.push({ message, level, error }) };
}

describe("boltLogger", () => {
  it("writes Bolt's lines through the process's log at or above the level Bolt sets, named, errors as warnings", () => {
    const { lines, log } = recording();
    const logger = boltLogger(log);
    logger.setName("socket-mode:SocketModeClient:0");
    logger.info("connected");
    logger.warn("slow");
    const error = new Error("An API error occurred: invalid_auth");
    logger.error("Failed to retrieve a new WSS URL", error);
    // Bolt's default here is ERROR: info and warn are below it.
    expect(lines).toEqual([
      { message: "socket-mode:SocketModeClient:0: Failed to retrieve a new WSS URL An API error occurred: invalid_auth", level: "warn", error },
    ]);
    logger.setLevel(LogLevel.DEBUG);
    logger.warn("slow");
    expect(lines.at(-1)).toEqual({ message: "socket-mode:SocketModeClient:0: slow", level: "warn", error: undefined });
    expect(logger.getLevel()).toBe(LogLevel.DEBUG);
    logger.debug("payload", { type: "hello" });
    expect(lines.at(-1)).toEqual({ message: 'socket-mode:SocketModeClient:0: payload {"type":"hello"}', level: "debug", error: undefined });
  });
});
