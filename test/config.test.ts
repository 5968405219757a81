import { describe, expect, it } from "vitest";
import { ConfigError, describeConfig, loadConfig } from "../src/config.ts";

describe("loadConfig", () => {
  it("needs nothing: the bundled catalogue, the shell, ./.data", () => {
    const config = loadConfig({});
    expect(config.IDEAS_SOURCES.length).toBeGreaterThan(50);
    expect(config.IDEAS_SOURCES).toContainEqual(expect.objectContaining({ label: "lfx-2026-3-export", term: "lfx-2026-3", role: "export" }));
    expect(config.IDEAS_SOURCES).toContainEqual(expect.objectContaining({ label: "lfx-2022-1-proposals", term: "lfx-2022-1", role: "proposals" }));
    expect(config.DEFAULT_TERM).toBeUndefined();
    expect(config.DATA_DIR).toBe("./.data");
    expect(config.PORT).toBe(3000);
    expect(config.ANNOUNCE_CRON).toBe("*/15 * * * *");
    expect(config.ANNOUNCE_EXISTING).toBe(false);
  });

  it("reads labelled file and URL sources", () => {
    const config = loadConfig({ IDEAS_SOURCES: "t3=https://example.org/ideas.md, ./x/README.md" });
    expect(config.IDEAS_SOURCES).toEqual([
      { label: "t3", kind: "http", location: "https://example.org/ideas.md", term: "other", role: "proposals" },
      { label: "README", kind: "file", location: "./x/README.md", term: "other", role: "accepted" },
    ]);
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DISCORD_API_URL: "not a url" }, "DISCORD_API_URL"],
    [{ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN"],
    [{ IDEAS_SOURCES: "ftp://host/file.md" }, "IDEAS_SOURCES"],
    [{ IDEAS_SOURCES: "a=one.md,a=two.md" }, "IDEAS_SOURCES"],
    [{ ANNOUNCE_EXISTING: "maybe" }, "ANNOUNCE_EXISTING"],
    [{ ANNOUNCE_CRON: "every quarter hour" }, "ANNOUNCE_CRON"],
    [{ DISCORD_TOKEN: "secret-token-value" }, "DISCORD_APPLICATION_ID"],
    [{ SLACK_BOT_TOKEN: "xoxb-secret-value" }, "SLACK_SIGNING_SECRET"],
  ])("names the variable at fault: %j", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${variable}:`));
  });

  it("never puts a secret's value in an error or a summary", () => {
    const secret = "xoxp-super-secret-123";
    let message = "";
    try {
      loadConfig({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: "shh-signing" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("SLACK_BOT_TOKEN");
    expect(message).not.toContain(secret);
    const summary = describeConfig(loadConfig({ SLACK_BOT_TOKEN: "xoxb-abc-secret", SLACK_SIGNING_SECRET: "shh-signing", DISCORD_TOKEN: "d-secret", DISCORD_APPLICATION_ID: "123456789012345678" }));
    expect(summary).not.toMatch(/secret|shh/);
    expect(summary).toContain("discord");
  });
});
