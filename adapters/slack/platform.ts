import { z } from "zod";
import { env, readEnv } from "../../src/config.ts";
import type { PlatformModule } from "../platform.ts";

/** Slack's environment variables (see .env.example). */
const SlackEnv = z.object({
  SLACK_BOT_TOKEN: env.string.pipe(z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional()),
  SLACK_SIGNING_SECRET: env.string,
  SLACK_APP_TOKEN: env.string.pipe(z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional()),
  SLACK_API_URL: env.url,
  /** Slack user IDs that may manage subscriptions besides workspace admins and owners. */
  ANNOUNCE_ADMINS: env.string.transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : [])),
});

export interface SlackSettings {
  botToken: string;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
  admins: string[];
}

/** Slack's settings: null without SLACK_BOT_TOKEN; issues name each variable at fault. */
export function slackSettings(values: NodeJS.ProcessEnv): { settings: SlackSettings | null; issues: string[] } {
  const read = readEnv(SlackEnv, values);
  if (!read.ok) return { settings: null, issues: read.issues };
  const { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_APP_TOKEN: appToken, SLACK_API_URL: apiUrl, ANNOUNCE_ADMINS: admins } = read.value;
  if (!botToken) return { settings: null, issues: appToken ? ["SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set"] : [] };
  if (!signingSecret) return { settings: null, issues: ["SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set"] };
  return { settings: { botToken, signingSecret, admins, ...(appToken ? { appToken } : {}), ...(apiUrl ? { apiUrl } : {}) }, issues: [] };
}

export const slack: PlatformModule = {
  name: "slack",
  configure(values) {
    const { settings, issues } = slackSettings(values);
    if (!settings) return { platform: null, issues };
    return {
      issues,
      platform: {
        name: "slack",
        summary: settings.appToken ? "slack (socket mode)" : "slack (http)",
        listensOnPort: !settings.appToken,
        async sink() {
          const { slackSink } = await import("./announce.ts");
          return slackSink({ token: settings.botToken, ...(settings.apiUrl ? { apiUrl: settings.apiUrl } : {}) });
        },
        async adapter({ holder, store, status, port, host, routes, log }) {
          const { SlackAdapter } = await import("./slack.ts");
          return new SlackAdapter({
            ...settings,
            port,
            ...(host ? { host } : {}),
            ...(routes ? { extraRoutes: routes } : {}),
            catalog: holder,
            store,
            status,
            logger: (message, level, error) => log(`slack: ${message}`, level, error),
          });
        },
      },
    };
  },
};
