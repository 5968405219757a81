import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLog, logFormat, secretValues, type LoggerOptions } from "../../adapters/log.ts";

/** A log writing into memory; `lines()` is what it wrote so far. */
function capture(options: Omit<LoggerOptions, "destination">) {
  const stream = new PassThrough();
  let text = "";
  stream.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const log = createLog({ ...options, destination: stream });
  return { log, lines: () => text.split("\n").filter(Boolean) };
}

const TOKEN = "MTIzNDU2Nzg5.discord-bot-token.abcdefghijkl";

describe("createLog (pino)", () => {
  it("writes JSON lines with time, level and message off a terminal, and honours LOG_LEVEL", () => {
    const { log, lines } = capture({ level: "warn", format: "json" });
    log("checked 3 sources", "info");
    log("source a: timed out; keeping what it had", "warn");
    log("delivery failed", "error", new Error("boom"));
    const written = lines().map((l) => JSON.parse(l) as { level: number; time: number; msg: string; err?: { message: string; stack: string } });
    expect(written.map((w) => [w.level, w.msg])).toEqual([
      [40, "source a: timed out; keeping what it had"],
      [50, "delivery failed"],
    ]);
    expect(typeof written[0]!.time).toBe("number");
    expect(written[1]!.err).toMatchObject({ message: "boom", stack: expect.stringContaining("Error: boom") });
  });

  it("hides a Slack token by its shape, in messages and errors, though no variable names it (a workspace's installation)", () => {
    const { log, lines } = capture({ level: "info", format: "json" });
    log("posted with xoxb-1234-5678-AbCdEf", "info");
    log("call failed", "error", new Error("token xoxp-9-9-zz and xapp-1-A1-2-ff refused"));
    const text = lines().join("\n");
    expect(text).not.toMatch(/AbCdEf|zz|A1-2-ff/);
    expect(text).toContain("xoxb-[redacted]");
    expect(text).toContain("xapp-[redacted]");
  });

  it("logs at info when no level is given, so a plain (message) => void caller keeps working", () => {
    const { log, lines } = capture({ level: "info", format: "json" });
    log("started");
    log("details", "debug");
    expect(lines().map((l) => (JSON.parse(l) as { level: number }).level)).toEqual([30]);
  });

  it("writes readable lines in the pretty format (a terminal)", () => {
    const { log, lines } = capture({ level: "info", format: "pretty" });
    log("stopping (SIGTERM)", "info");
    expect(lines()).toHaveLength(1);
    expect(lines()[0]).toMatch(/INFO.*stopping \(SIGTERM\)/);
    expect(() => JSON.parse(lines()[0]!)).toThrow();
  });

  it("never writes a URL's credentials or a secret's value, in the message or in an error's message and stack", () => {
    const { log, lines } = capture({ level: "debug", format: "json", secrets: [TOKEN] });
    log("source x: GET https://bot:hunter2pass@example.org/ideas.md?token=s3cr3t-value&page=2 failed", "warn");
    const error = new Error(`401 for Bot ${TOKEN} at https://u:p4ssw0rd-here@h.example/x`);
    log(`login failed with ${TOKEN}`, "error", error);
    const text = lines().join("\n");
    for (const secret of ["hunter2pass", "s3cr3t-value", TOKEN, "p4ssw0rd-here"]) expect(text).not.toContain(secret);
    expect(text).toContain("https://***@example.org/ideas.md?token=***&page=2");
    expect(text).toContain("[redacted]");
  });

  it("censors the credential-carrying fields of a library's error object", () => {
    const { log, lines } = capture({ level: "info", format: "json" });
    const error = Object.assign(new Error("request failed"), { requestBody: { token: "abc" }, headers: { authorization: "Bot xyz-secret" } });
    log("could not post", "error", error);
    const line = lines()[0]!;
    expect(line).not.toContain("xyz-secret");
    expect(line).not.toContain('"token":"abc"');
  });
});

describe("secretValues", () => {
  it("takes the values of secret-looking variables long enough to hide, and nothing else", () => {
    const values = secretValues({ DISCORD_TOKEN: TOKEN, SLACK_SIGNING_SECRET: "0123456789abcdef", LOG_LEVEL: "debug", GITHUB_TOKEN: "short", DATA_DIR: "/var/lib/ideas-bot" });
    expect(values.sort()).toEqual(["0123456789abcdef", TOKEN].sort());
  });
});

describe("logFormat", () => {
  it("is pretty on a terminal and JSON otherwise, unless LOG_FORMAT says", () => {
    expect(logFormat("auto", { isTTY: true })).toBe("pretty");
    expect(logFormat("auto", { isTTY: false })).toBe("json");
    expect(logFormat("json", { isTTY: true })).toBe("json");
    expect(logFormat("pretty", {})).toBe("pretty");
  });
});
