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

  it("DATABASE_URL: unset by default (SQLite in DATA_DIR), else a PostgreSQL URL; a wrong one is named, its password never shown", () => {
    expect(loadConfig({}).DATABASE_URL).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: "" }).DATABASE_URL).toBeUndefined();
    for (const url of ["postgres://ideas:pw@db:5432/ideas", "postgresql://ideas@127.0.0.1/ideas?sslmode=require"]) expect(loadConfig({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    for (const bad of ["mysql://u:topsecret1@h/db", "postgres://", "ideas.sqlite"]) {
      let error: unknown;
      try {
        loadConfig({ DATABASE_URL: bad });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toContain("DATABASE_URL: must be a PostgreSQL URL");
      expect((error as Error).message).not.toContain("topsecret1");
    }
  });

  it("HOST: unset by default (every interface), else a hostname or an IP address", () => {
    expect(loadConfig({}).HOST).toBeUndefined();
    expect(loadConfig({ HOST: "" }).HOST).toBeUndefined();
    for (const host of ["0.0.0.0", "127.0.0.1", "::", "::1", "localhost", "bot.example.org"]) expect(loadConfig({ HOST: host }).HOST).toBe(host);
    expect(loadConfig({ HOST: " 127.0.0.1 " }).HOST).toBe("127.0.0.1");
  });
});
