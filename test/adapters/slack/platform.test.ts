import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { describeAppConfig, loadAppConfig } from "../../../adapters/config.ts";
import { SLACK_SCOPES, slackSettings } from "../../../adapters/slack/platform.ts";
import { REDIRECT_PATH } from "../../../adapters/slack/slack.ts";
import { REPO_ROOT } from "../../helpers.ts";
import { ConfigError } from "../../../src/config.ts";

/** One app for many workspaces: the variables of "Add to Slack", as an admin would set them. */
const DISTRIBUTED = { SLACK_CLIENT_ID: "1111.2222", SLACK_CLIENT_SECRET: "client-secret-value", SLACK_STATE_SECRET: "state-secret-0123456789", SLACK_SIGNING_SECRET: "signing-secret" };
const KEY = "an-encryption-key-of-32-characters!!";

describe("Slack's settings: one workspace's token, or Add to Slack", () => {
  it("SLACK_CLIENT_ID and its secrets configure Add to Slack, with no bot token; the summary says so and shows no secret", () => {
    const { settings, issues } = slackSettings({ ...DISTRIBUTED, ENCRYPTION_KEY: KEY });
    expect(issues).toEqual([]);
    expect(settings?.auth).toEqual({ kind: "oauth", clientId: "1111.2222", clientSecret: "client-secret-value", stateSecret: "state-secret-0123456789", encryptionKey: KEY });
    const summary = describeAppConfig(loadAppConfig({ ...DISTRIBUTED, ENCRYPTION_KEY: KEY }));
    expect(summary).toContain("slack (http, Add to Slack at /slack/install, tokens sealed)");
    expect(summary).not.toMatch(/secret-value|state-secret|encryption-key/);
  });

  it("a bot token alone keeps working as one workspace's app", () => {
    expect(slackSettings({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).settings?.auth).toEqual({ kind: "token", botToken: "xoxb-1" });
  });

  it.each([
    [{ ...DISTRIBUTED, SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_BOT_TOKEN", /leave it unset with SLACK_CLIENT_ID/],
    [{ ...DISTRIBUTED, SLACK_APP_TOKEN: "xapp-1" }, "SLACK_APP_TOKEN", /needs HTTP mode/],
    [{ ...DISTRIBUTED, SLACK_STATE_SECRET: "" }, "SLACK_STATE_SECRET", /required when SLACK_CLIENT_ID is set/],
    [{ ...DISTRIBUTED, SLACK_CLIENT_SECRET: "" }, "SLACK_CLIENT_SECRET", /required when SLACK_CLIENT_ID is set/],
    [{ ...DISTRIBUTED, SLACK_STATE_SECRET: "short" }, "SLACK_STATE_SECRET", /at least 16 characters/],
    [{ ...DISTRIBUTED, SLACK_CLIENT_ID: "A0123" }, "SLACK_CLIENT_ID", /Client ID/],
    [{ ...DISTRIBUTED, ENCRYPTION_KEY: "too-short-a-key" }, "ENCRYPTION_KEY", /at least 32 characters/],
    [{ ...DISTRIBUTED, ENCRYPTION_KEY_PREVIOUS: "an-old-key-of-32-characters-or-more!" }, "ENCRYPTION_KEY_PREVIOUS", /needs ENCRYPTION_KEY, the new key/],
  ])("names the variable at fault, never its value: %j", (env, variable, why) => {
    let message = "";
    try {
      loadAppConfig(env);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toMatch(new RegExp(`\\b${variable}: `));
    expect(message).toMatch(why);
    expect(message).not.toMatch(/client-secret-value|too-short-a-key|state-secret-0123456789/);
  });
});

describe("slack-app-manifest.yml", () => {
  it("asks for exactly the scopes an installation requests, sends installers back to /slack/oauth_redirect, and subscribes to the uninstall events", () => {
    const manifest = readFileSync(join(REPO_ROOT, "slack-app-manifest.yml"), "utf8");
    expect([...listUnder(manifest, "bot")].sort()).toEqual([...SLACK_SCOPES].sort());
    expect(listUnder(manifest, "redirect_urls")).toEqual([`https://YOUR-HOST${REDIRECT_PATH}`]);
    expect(listUnder(manifest, "bot_events").sort()).toEqual(["app_uninstalled", "tokens_revoked"]);
    expect(manifest).toMatch(/event_subscriptions:\n\s+request_url: https:\/\/YOUR-HOST\/slack\/events\n/);
  });
});

/** The `- item` lines under the line `key:` of a YAML file (comments between them skipped): enough for the manifest's lists. */
function listUnder(yaml: string, key: string): string[] {
  const lines = yaml.split("\n");
  const items: string[] = [];
  for (const line of lines.slice(lines.findIndex((l) => l.trim() === `${key}:`) + 1)) {
    if (line.trim().startsWith("#")) continue;
    const item = /^\s*- (\S+)$/.exec(line);
    if (!item) break;
    items.push(item[1]!);
  }
  return items;
}
