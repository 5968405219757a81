import type { Config } from "../../config.ts";
import type { AnnouncementSink } from "../sink.ts";
import { createDiscordRest, createDiscordSink } from "./discord.ts";
import { createSlackApi, createSlackSink } from "./slack.ts";

/**
 * The sinks of the platforms configured by tokens: Discord with DISCORD_TOKEN, Slack with
 * SLACK_BOT_TOKEN. Both use small fetch clients rather than the adapters' discord.js/Bolt clients,
 * so `announce --once` delivers the same way without starting a gateway or a receiver.
 */
export function platformSinks(config: Pick<Config, "DISCORD_TOKEN" | "DISCORD_API_URL" | "SLACK_BOT_TOKEN" | "SLACK_API_URL">): AnnouncementSink[] {
  const sinks: AnnouncementSink[] = [];
  if (config.DISCORD_TOKEN) sinks.push(createDiscordSink(createDiscordRest({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL })));
  if (config.SLACK_BOT_TOKEN) sinks.push(createSlackSink(createSlackApi({ token: config.SLACK_BOT_TOKEN, apiUrl: config.SLACK_API_URL })));
  return sinks;
}
