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

/** Discord's environment variables (see .env.example). */
const DiscordEnv = z.object({
  DISCORD_TOKEN: env.string,
  DISCORD_APPLICATION_ID: snowflake,
  DISCORD_GUILD_ID: snowflake,
  DISCORD_API_URL: env.url,
  SHARD_COUNT: shardCount,
});

export interface DiscordSettings {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
  shardCount: ShardCount;
}

/** Discord's settings: null without DISCORD_TOKEN; issues name each variable at fault. */
export function discordSettings(values: NodeJS.ProcessEnv): { settings: DiscordSettings | null; issues: string[] } {
  const read = readEnv(DiscordEnv, values);
  if (!read.ok) return { settings: null, issues: read.issues };
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: apiUrl, SHARD_COUNT: shardCount } = read.value;
  if (!token) return { settings: null, issues: [] };
  if (!applicationId) return { settings: null, issues: ["DISCORD_APPLICATION_ID: required when DISCORD_TOKEN is set"] };
  return { settings: { token, applicationId, ...(guildId ? { guildId } : {}), ...(apiUrl ? { apiUrl } : {}), shardCount }, issues: [] };
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
