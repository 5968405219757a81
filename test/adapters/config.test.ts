import { describe, expect, it } from "vitest";
import { describeAppConfig, loadAppConfig } from "../../adapters/config.ts";
import { ConfigError } from "../../src/config.ts";

describe("loadAppConfig: the core's variables and every platform's, in one validation", () => {
  it("needs nothing: no platform, so the shell alone", () => {
    const { config, platforms } = loadAppConfig({});
    expect(platforms).toEqual([]);
    expect(config.DATA_DIR).toBe("./.data");
  });

  it("configures each platform from its own variables", () => {
    const { platforms } = loadAppConfig({ DISCORD_TOKEN: "d", DISCORD_APPLICATION_ID: "123456789012345678", SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s", SLACK_APP_TOKEN: "xapp-1" });
    expect(platforms.map((p) => [p.name, p.summary])).toEqual([
      ["discord", "discord"],
      ["slack", "slack (socket mode)"],
    ]);
  });

  it.each([
    [{ DISCORD_API_URL: "not a url" }, "DISCORD_API_URL"],
    [{ DISCORD_TOKEN: "secret-token-value" }, "DISCORD_APPLICATION_ID"],
    [{ DISCORD_TOKEN: "t", DISCORD_APPLICATION_ID: "abc" }, "DISCORD_APPLICATION_ID"],
    [{ SLACK_BOT_TOKEN: "xoxp-user-token", SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN"],
    [{ SLACK_BOT_TOKEN: "xoxb-secret-value" }, "SLACK_SIGNING_SECRET"],
    [{ SLACK_APP_TOKEN: "xapp-1" }, "SLACK_BOT_TOKEN"],
    [{ PORT: "eighty" }, "PORT"],
  ])("names the variable at fault: %j", (env, variable) => {
    expect(() => loadAppConfig(env)).toThrow(ConfigError);
    expect(() => loadAppConfig(env)).toThrow(new RegExp(`\\b${variable}:`));
  });

  it("names every variable at fault at once, the core's and the platforms'", () => {
    expect(() => loadAppConfig({ PORT: "eighty", DISCORD_API_URL: "nope", SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(/PORT:[\s\S]*DISCORD_API_URL:[\s\S]*SLACK_SIGNING_SECRET:/);
  });

  it("never puts a secret's value in an error or a summary", () => {
    const secret = "xoxp-super-secret-123";
    let message = "";
    try {
      loadAppConfig({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: "shh-signing" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("SLACK_BOT_TOKEN");
    expect(message).not.toContain(secret);
    const summary = describeAppConfig(loadAppConfig({ SLACK_BOT_TOKEN: "xoxb-abc-secret", SLACK_SIGNING_SECRET: "shh-signing", DISCORD_TOKEN: "d-secret", DISCORD_APPLICATION_ID: "123456789012345678" }));
    expect(summary).not.toMatch(/secret|shh/);
    expect(summary).toContain("platforms: discord, slack (http)");
  });

  it("a configured platform builds its announcement sink without starting its adapter (no gateway, no receiver)", async () => {
    const { platforms } = loadAppConfig({ DISCORD_TOKEN: "d", DISCORD_APPLICATION_ID: "123456789012345678" });
    const sink = await platforms[0]!.sink();
    expect(sink.platform).toBe("discord");
  });
});
