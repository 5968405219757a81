import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv } from "node:util";
import { describe, expect, it } from "vitest";
import { describeAppConfig, loadAppConfig, loadDotEnv } from "../../adapters/config.ts";
import { ConfigError } from "../../src/config.ts";
import { REPO_ROOT } from "../helpers.ts";
import { freshStore } from "../announce/helpers.ts";

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
    const store = freshStore();
    const sink = await platforms[0]!.sink({ store });
    await store.close();
    expect(sink.platform).toBe("discord");
  });
});

/** A .env file with `text` in a fresh directory. */
function dotEnv(text: string | Buffer): string {
  const path = join(mkdtempSync(join(tmpdir(), "ideas-dotenv-")), ".env");
  writeFileSync(path, text);
  return path;
}

/** What loadDotEnv throws, as text (or "" when it does not). */
function failure(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  return "";
}

describe("loadDotEnv: .env in the working directory", () => {
  it("is optional: no file sets nothing", () => {
    const env = {};
    expect(loadDotEnv(join(mkdtempSync(join(tmpdir(), "ideas-dotenv-")), ".env"), env)).toEqual([]);
    expect(env).toEqual({});
  });

  it("sets the variables the environment does not have; a real variable wins, even an empty one", () => {
    const path = dotEnv("# state\nDATA_DIR=/from/file\nPORT=4000\nexport LOG_LEVEL=debug\nHOST=\nSLACK_SIGNING_SECRET='quoted # not a comment'\n");
    const env: NodeJS.ProcessEnv = { PORT: "5000", HOST: "127.0.0.1", LOG_LEVEL: "" };
    expect(loadDotEnv(path, env)).toEqual(["DATA_DIR", "SLACK_SIGNING_SECRET"]);
    expect(env).toEqual({ DATA_DIR: "/from/file", PORT: "5000", HOST: "127.0.0.1", LOG_LEVEL: "", SLACK_SIGNING_SECRET: "quoted # not a comment" });
  });

  it("has the precedence of Node's own process.loadEnvFile, which keeps a variable already set", () => {
    const name = `IDEAS_DOTENV_TEST_${process.pid}`;
    const path = dotEnv(`${name}_SET=from-file\n${name}_NEW=from-file\n`);
    process.env[`${name}_SET`] = "real";
    try {
      process.loadEnvFile(path);
      const node = { set: process.env[`${name}_SET`], added: process.env[`${name}_NEW`] };
      const ours: NodeJS.ProcessEnv = { [`${name}_SET`]: "real" };
      loadDotEnv(path, ours);
      expect(node).toEqual({ set: "real", added: "from-file" });
      expect({ set: ours[`${name}_SET`], added: ours[`${name}_NEW`] }).toEqual(node);
    } finally {
      delete process.env[`${name}_SET`];
      delete process.env[`${name}_NEW`];
    }
  });

  it("reads a quoted value over several lines, CRLF line ends and a byte-order mark", () => {
    const env: NodeJS.ProcessEnv = {};
    loadDotEnv(dotEnv('\uFEFFA="one\ntwo"\r\nB=2\r\n'), env);
    expect(env).toEqual({ A: "one\ntwo", B: "2" });
  });

  it.each([
    ["a line without =", "DATA_DIR=./x\n\nxoxb-pasted-secret\nPORT=1\n", /: line 3 is not NAME=value or a # comment/],
    ["a line with an empty name", "=xoxb-pasted-secret\n", /: line 1 is not NAME=value/],
    ["a name with a space", "SLACK BOT TOKEN=xoxb-pasted-secret\n", /: line 1 is not NAME=value/],
    ["bytes that are not UTF-8", Buffer.from([0x41, 0x3d, 0xff, 0xfe, 0x0a]), /: the environment file is not UTF-8 text/],
  ])("refuses %s in one line naming the file, never the value", (_, text, expected) => {
    const path = dotEnv(text);
    const env = {};
    const message = failure(() => loadDotEnv(path, env));
    expect(message).toMatch(expected);
    expect(message.startsWith(`${path}: `)).toBe(true);
    expect(message).not.toContain("\n");
    expect(message).not.toMatch(/secret/);
    expect(env).toEqual({});
  });

  it("refuses a .env that cannot be read (a directory)", () => {
    const dir = mkdtempSync(join(tmpdir(), "ideas-dotenv-"));
    mkdirSync(join(dir, ".env"));
    expect(failure(() => loadDotEnv(join(dir, ".env"), {}))).toBe(`${join(dir, ".env")}: cannot read the environment file (it is a directory)`);
  });
});

describe(".env.example", () => {
  const text = readFileSync(join(REPO_ROOT, ".env.example"), "utf8");
  const lines = text.split("\n");
  /** Its settings, commented out or not: `# NAME=value` is an example of NAME. */
  const settings = lines.map((line) => /^(?:# ?)?([A-Z][A-Z0-9_]*=.*)$/.exec(line)?.[1]).filter((line) => line !== undefined);
  const parsed = settings.map((line) => parseEnv(line));

  it("is a Docker --env-file and a systemd EnvironmentFile: comments, blanks and NAME=value lines only, unquoted", () => {
    expect(lines.filter((line) => !(line === "" || line.startsWith("#") || /^[A-Z][A-Z0-9_]*=/.test(line)))).toEqual([]);
    expect(parseEnv(text)).toEqual(Object.assign({}, ...parsed.filter((_, i) => !lines.includes(`# ${settings[i]}`))));
    for (const [i, values] of parsed.entries()) {
      const [name, value] = settings[i]!.split(/=(.*)/s);
      // util.parseEnv reads each line as Docker and systemd do: the whole text after =, no comment, no quotes.
      expect(values).toEqual({ [name!]: value });
      expect(value).not.toContain("#");
      expect(value).not.toMatch(/^["'`]/);
    }
  });

  it("names only variables the app reads, and every one of them", () => {
    const read = new Set<string>();
    const probe = new Proxy({} as NodeJS.ProcessEnv, {
      get(_, name) {
        if (typeof name === "string") read.add(name);
        return undefined;
      },
    });
    loadAppConfig(probe);
    const named = parsed.flatMap((values) => Object.keys(values));
    expect(named.filter((name) => !read.has(name))).toEqual([]);
    expect([...read].filter((name) => !named.includes(name))).toEqual([]);
    expect(new Set(named).size).toBe(named.length);
  });
});
