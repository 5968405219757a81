import { z } from "zod";
import { env, readEnv } from "../../src/config.ts";
import type { PlatformModule } from "../platform.ts";

const snowflake = env.string.pipe(z.string().regex(/^\d{15,25}$/, "must be a Discord snowflake (digits)").optional());

/** How many gateway shards this process runs: "auto" (the count GET /gateway/bot recommends) or a fixed count, shards 0..N-1. */
export type ShardCount = "auto" | number;

/** SHARD_COUNT: unset or `auto`, or a whole number from 1. */
const shardCount = env.string.transform((value, ctx): ShardCount => {
  if (value === undefined || value === "auto") return "auto";
  const count = /^\d+$/.test(value) ? Number(value) : NaN;
  if (Number.isSafeInteger(count) && count >= 1) return count;
  ctx.addIssue({ code: "custom", message: "must be auto or a whole number of shards, 1 or more" });
  return z.NEVER;
});

/**
 * SHARD_IDS: the shards this process runs, of SHARD_COUNT: `0,1` or `0-3,8` (replicas that split
 * the gateway between them). Unset: all of them.
 */
const shardIds = env.string.transform((value, ctx): number[] | undefined => {
  if (value === undefined) return undefined;
  const ids = new Set<number>();
  for (const part of value.split(",").map((p) => p.trim())) {
    const range = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(part);
    const [from, to] = range ? [Number(range[1]), Number(range[2] ?? range[1])] : [NaN, NaN];
    if (!(from <= to)) {
      ctx.addIssue({ code: "custom", message: "must list shard ids, e.g. 0,1 or 0-3,8" });
      return z.NEVER;
    }
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
});

/** Discord's environment variables (see .env.example). */
const DiscordEnv = z.object({
  DISCORD_TOKEN: env.string,
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: env.url,
  SHARD_COUNT: shardCount,
  SHARD_IDS: shardIds,
});

export interface DiscordSettings {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
  shardCount: ShardCount;
  /** The shards this process runs (SHARD_IDS); unset: every shard of shardCount. */
  shardIds?: number[];
}

/** Discord's settings: null without DISCORD_TOKEN; issues name each variable at fault. */
export function discordSettings(values: NodeJS.ProcessEnv): { settings: DiscordSettings | null; issues: string[] } {
  const read = readEnv(DiscordEnv, values);
  if (!read.ok) return { settings: null, issues: read.issues };
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: apiUrl, SHARD_COUNT: shardCount, SHARD_IDS: shardIds } = read.value;
  if (!token) return { settings: null, issues: [] };
  if (!applicationId) return { settings: null, issues: ["DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set"] };
  if (shardIds && shardCount === "auto") return { settings: null, issues: ["SHARD_IDS: needs SHARD_COUNT set to the total number of shards (replicas must agree on it)"] };
  if (shardIds && shardCount !== "auto" && shardIds.some((id) => id >= shardCount)) return { settings: null, issues: [`SHARD_IDS: every id must be below SHARD_COUNT (${shardCount}): shards are numbered 0 to ${shardCount - 1}`] };
  return { settings: { token, applicationId, ...(guildId ? { guildId } : {}), ...(apiUrl ? { apiUrl } : {}), shardCount, ...(shardIds ? { shardIds } : {}) }, issues: [] };
}

export const discord: PlatformModule = {
  name: "discord",
  configure(values) {
    const { settings, issues } = discordSettings(values);
    if (!settings) return { platform: null, issues };
    return {
      issues,
      platform: {
        name: "discord",
        summary: settings.guildId ? `discord (commands in server ${settings.guildId})` : "discord",
        async sink() {
          const { discordSink } = await import("./announce.ts");
          return discordSink({ token: settings.token, ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}) });
        },
        async adapter({ holder, store, status, log, claim }) {
          const { DiscordAdapter } = await import("./discord.ts");
          return new DiscordAdapter({ ...settings, catalog: holder, store, status, ...(claim ? { claim } : {}), logger: (message, level, error) => log(`discord: ${message}`, level, error) });
        },
      },
    };
  },
};
