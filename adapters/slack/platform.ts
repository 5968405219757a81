import { z } from "zod";
import { env, readEnv } from "../../src/config.ts";
import { MIN_KEY_LENGTH } from "../../src/store/sealed.ts";
import type { PlatformModule } from "../platform.ts";

/** The bot scopes an installation asks for: slack-app-manifest.yml's, which says why each one. */
export const SLACK_SCOPES = ["commands", "chat:write", "chat:write.public", "users:read", "channels:history", "groups:history", "im:write", "im:history"];

/** Slack's environment variables (see .env.example). */
const SlackEnv = z.object({
  SLACK_BOT_TOKEN: env.string.pipe(z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional()),
  SLACK_SIGNING_SECRET: env.string,
  SLACK_APP_TOKEN: env.string.pipe(z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional()),
  SLACK_API_URL: env.url,
  /** Slack user IDs that may manage subscriptions besides workspace admins and owners. */
  ANNOUNCE_ADMINS: env.string.transform((v) => (v ? v.split(",").map((s) => s.trim()).filter(Boolean) : [])),
  // Distribution ("Add to Slack"): the app's credentials from Basic Information.
  SLACK_CLIENT_ID: env.string.pipe(z.string().regex(/^\d+\.\d+$/, "must be the app's Client ID (digits.digits, from Basic Information)").optional()),
  SLACK_CLIENT_SECRET: env.string,
  /** Signs the OAuth state (a cookie and the `state` parameter), so a redirect can't be forged. */
  SLACK_STATE_SECRET: env.string.pipe(z.string().min(16, "must be at least 16 characters (e.g. openssl rand -hex 16)").optional()),
  /** Seals each workspace's tokens in the store (src/store/sealed.ts). */
  ENCRYPTION_KEY: env.string.pipe(z.string().min(MIN_KEY_LENGTH, `must be at least ${MIN_KEY_LENGTH} characters (e.g. openssl rand -base64 32)`).optional()),
  /** Rotating ENCRYPTION_KEY: the old key, still read; each record is sealed again with the new one as it is used. */
  ENCRYPTION_KEY_PREVIOUS: env.string,
});

/**
 * How the bot gets its tokens: one workspace's bot token (SLACK_BOT_TOKEN), or every workspace's
 * own, from the installations made through "Add to Slack" (SLACK_CLIENT_ID and its secrets).
 */
export type SlackAuth =
  | { kind: "token"; botToken: string }
  | { kind: "oauth"; clientId: string; clientSecret: string; stateSecret: string; encryptionKey?: string; previousEncryptionKey?: string };

export interface SlackSettings {
  auth: SlackAuth;
  signingSecret: string;
  appToken?: string;
  apiUrl?: string;
  admins: string[];
}

/** Slack's settings: null without SLACK_BOT_TOKEN or SLACK_CLIENT_ID; issues name each variable at fault. */
export function slackSettings(values: NodeJS.ProcessEnv): { settings: SlackSettings | null; issues: string[] } {
  const read = readEnv(SlackEnv, values);
  if (!read.ok) return { settings: null, issues: read.issues };
  const v = read.value;
  const common = { admins: v.ANNOUNCE_ADMINS, ...(v.SLACK_APP_TOKEN ? { appToken: v.SLACK_APP_TOKEN } : {}), ...(v.SLACK_API_URL ? { apiUrl: v.SLACK_API_URL } : {}) };
  if (v.SLACK_CLIENT_ID) {
    const issues = [
      ...(v.SLACK_BOT_TOKEN ? ["SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID: each workspace's token comes from its installation"] : []),
      ...(v.SLACK_APP_TOKEN ? ["SLACK_APP_TOKEN: leave it unset with SLACK_CLIENT_ID: Add to Slack needs HTTP mode (a public /slack/oauth_redirect)"] : []),
      ...(["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_SIGNING_SECRET"] as const).filter((name) => !v[name]).map((name) => `${name}: required when SLACK_CLIENT_ID is set`),
      ...(v.ENCRYPTION_KEY_PREVIOUS && !v.ENCRYPTION_KEY ? ["ENCRYPTION_KEY_PREVIOUS: needs ENCRYPTION_KEY, the new key (rotating: the new one there, the old one here)"] : []),
    ];
    if (issues.length) return { settings: null, issues };
    const keys = { ...(v.ENCRYPTION_KEY ? { encryptionKey: v.ENCRYPTION_KEY } : {}), ...(v.ENCRYPTION_KEY_PREVIOUS ? { previousEncryptionKey: v.ENCRYPTION_KEY_PREVIOUS } : {}) };
    const auth: SlackAuth = { kind: "oauth", clientId: v.SLACK_CLIENT_ID, clientSecret: v.SLACK_CLIENT_SECRET!, stateSecret: v.SLACK_STATE_SECRET!, ...keys };
    return { settings: { auth, signingSecret: v.SLACK_SIGNING_SECRET!, ...common }, issues: [] };
  }
  if (!v.SLACK_BOT_TOKEN) return { settings: null, issues: v.SLACK_APP_TOKEN ? ["SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN is set"] : [] };
  if (!v.SLACK_SIGNING_SECRET) return { settings: null, issues: ["SLACK_SIGNING_SECRET: required when SLACK_BOT_TOKEN is set"] };
  return { settings: { auth: { kind: "token", botToken: v.SLACK_BOT_TOKEN }, signingSecret: v.SLACK_SIGNING_SECRET, ...common }, issues: [] };
}

function summary(settings: SlackSettings): string {
  if (settings.auth.kind === "oauth") return `slack (http, Add to Slack at /slack/install${settings.auth.encryptionKey ? ", tokens sealed" : ""})`;
  return settings.appToken ? "slack (socket mode)" : "slack (http)";
}

export const slack: PlatformModule = {
  name: "slack",
  configure(values) {
    const { settings, issues } = slackSettings(values);
    if (!settings) return { platform: null, issues };
    const apiUrl = settings.apiUrl ? { apiUrl: settings.apiUrl } : {};
    return {
      issues,
      platform: {
        name: "slack",
        summary: summary(settings),
        listensOnPort: !settings.appToken,
        async sink({ store }) {
          const { slackSink, workspaceSink } = await import("./announce.ts");
          if (settings.auth.kind === "token") return slackSink({ token: settings.auth.botToken, ...apiUrl });
          const { StoreInstallations } = await import("./installations.ts");
          const { sealer } = await import("../../src/store/sealed.ts");
          const installations = new StoreInstallations(store, sealer(settings.auth.encryptionKey, settings.auth.previousEncryptionKey));
          return workspaceSink((teamId) => installations.botToken(teamId), apiUrl);
        },
        async adapter({ holder, store, status, port, host, routes, log }) {
          const { SlackAdapter } = await import("./slack.ts");
          const { auth, ...rest } = settings;
          return new SlackAdapter({
            ...rest,
            ...(auth.kind === "token" ? { botToken: auth.botToken } : { oauth: auth }),
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
