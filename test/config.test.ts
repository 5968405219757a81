import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

/** The core's variables; each platform's are tested with the platforms, in test/adapters/config.test.ts. */
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
    [{ IDEAS_SOURCES: "ftp://host/file.md" }, "IDEAS_SOURCES"],
    [{ IDEAS_SOURCES: "a=one.md,a=two.md" }, "IDEAS_SOURCES"],
    [{ ANNOUNCE_EXISTING: "maybe" }, "ANNOUNCE_EXISTING"],
    [{ ANNOUNCE_CRON: "every quarter hour" }, "ANNOUNCE_CRON"],
    [{ HOST: "bad host" }, "HOST"],
    [{ HOST: "http://example.org" }, "HOST"],
    [{ HOST: "999.1.1.1" }, "HOST"],
    [{ HOST: "[::1]" }, "HOST"],
  ])("names the variable at fault: %j", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`\\b${variable}:`));
  });

  it("HOST: unset by default (every interface), else a hostname or an IP address", () => {
    expect(loadConfig({}).HOST).toBeUndefined();
    expect(loadConfig({ HOST: "" }).HOST).toBeUndefined();
    for (const host of ["0.0.0.0", "127.0.0.1", "::", "::1", "localhost", "bot.example.org"]) expect(loadConfig({ HOST: host }).HOST).toBe(host);
    expect(loadConfig({ HOST: " 127.0.0.1 " }).HOST).toBe("127.0.0.1");
  });
});
