import { readdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCheck } from "../../src/announce/check.ts";
import { loadSourceText } from "../../src/sources/load.ts";
import { parseSourceSpec } from "../../src/sources/spec.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { announceFixture, tempDir } from "../announce/helpers.ts";

// Distinctive, so a hit in the logs or the database file can only be a leak.
const USER = "alice-uSr9";
const PASSWORD = "pw-Zq81xKv";
const TOKEN = "tok-7Hh3LmQ";
const SECRETS = [USER, PASSWORD, TOKEN];

const IDEAS = announceFixture("v1.md");
const ETAG = '"v1-etag"';

/** What the loopback source answers now, and what it received. */
let mode: "500" | "v1" = "500";
const received: Array<{ url: string; authorization?: string; conditional: boolean }> = [];
let server: Server;
let port = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    received.push({ url: req.url ?? "", authorization: req.headers.authorization, conditional: Boolean(req.headers["if-none-match"]) });
    if (mode === "500") return res.writeHead(500).end("oops");
    if (req.headers["if-none-match"] === ETAG) return res.writeHead(304, { etag: ETAG }).end();
    return res.writeHead(200, { "content-type": "text/markdown", etag: ETAG }).end(IDEAS);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** Everything printed on the console while `run` runs, besides what it returns. */
async function capturingConsole<T>(run: () => Promise<T>): Promise<{ result: T; printed: string[] }> {
  const printed: string[] = [];
  for (const method of ["log", "error", "warn", "info", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
  }
  const result = await run();
  return { result, printed };
}

function expectNoSecret(where: string, text: string): void {
  for (const secret of SECRETS) expect(text, `${where} holds ${secret}`).not.toContain(secret);
}

/** Every file of the store's directory (the database, its -wal and -shm), byte for byte. */
function expectNoSecretIn(dir: string): void {
  for (const file of readdirSync(dir)) {
    const bytes = readFileSync(path.join(dir, file));
    for (const secret of SECRETS) expect(bytes.includes(Buffer.from(secret, "utf8")), `${file} holds ${secret}`).toBe(false);
  }
}

/** The server got the credentials: userinfo as Basic auth, the token in the query. */
function expectCredentialsSent(request: (typeof received)[number] | undefined): void {
  expect(request?.url).toContain(`token=${TOKEN}`);
  expect(Buffer.from(request!.authorization!.replace(/^Basic /, ""), "base64").toString("utf8")).toBe(`${USER}:${PASSWORD}`);
}

describe("credentials in a source URL", () => {
  const location = () => `http://${USER}:${PASSWORD}@127.0.0.1:${port}/ideas.md?token=${TOKEN}&ref=main`;
  const redacted = () => `http://***@127.0.0.1:${port}/ideas.md?token=***&ref=main`;

  it("reach the server, and never the logs, the errors, the store or the database file", async () => {
    const dir = tempDir("ideas-credentials-");
    const store = new SqliteStore(dir);
    const spec = parseSourceSpec(`t3=${location()}`);
    const logs: string[] = [];
    const check = () => runCheck({ store, sources: [spec], announceExisting: false, log: (m) => logs.push(m), fetchOptions: { retries: 1, minRetryDelayMs: 5, maxRetryDelayMs: 10 } });

    mode = "500";
    const failed = await capturingConsole(check);
    expect(failed.result[0]).toMatchObject({ status: "failed", error: `${redacted()} answered HTTP 500` });
    expect(logs.some((l) => l.includes("retrying"))).toBe(true);
    expectCredentialsSent(received.at(-1));
    const afterFailure = await store.sourceState("t3");
    expect(afterFailure).toMatchObject({ location: redacted(), lastError: `${redacted()} answered HTTP 500` });

    mode = "v1";
    const changed = await capturingConsole(check);
    expect(changed.result[0]).toMatchObject({ status: "changed" });
    expect(changed.result[0]!.ideas).toHaveLength(3);
    expectCredentialsSent(received.at(-1));

    // The stored (redacted) location still matches the source's: the ETag is sent, 304 is unchanged.
    const unchanged = await capturingConsole(check);
    expect(unchanged.result[0]).toMatchObject({ status: "unchanged" });
    expect(received.at(-1)).toMatchObject({ conditional: true });
    expectCredentialsSent(received.at(-1));

    const state = await store.sourceState("t3");
    expect(state).toMatchObject({ location: redacted(), etag: ETAG, lastError: null });
    const everything = [...logs, ...failed.printed, ...changed.printed, ...unchanged.printed, JSON.stringify([failed.result, changed.result, unchanged.result]), JSON.stringify([afterFailure, state])];
    expect(logs.length).toBeGreaterThan(0);
    expectNoSecret("logs, outcomes and source state", everything.join("\n"));

    // The raw bytes, while the write-ahead log holds the recent writes and after closing folds it in.
    expect(readdirSync(dir)).toContain("ideas-bot.sqlite-wal");
    expectNoSecretIn(dir);
    await store.close();
    expect(readdirSync(dir)).toContain("ideas-bot.sqlite");
    expectNoSecretIn(dir);
  });

  it("reach the server from a one-off read (the CLI's), and never its error messages", async () => {
    const spec = parseSourceSpec(location());
    mode = "500";
    const error = await loadSourceText(spec).catch((e: unknown) => e as Error);
    expect((error as Error).message).toBe(`${redacted()} answered HTTP 500`);
    expectCredentialsSent(received.at(-1));
    mode = "v1";
    expect(await loadSourceText(spec)).toBe(IDEAS);
    expectCredentialsSent(received.at(-1));
  });

  it("an unreachable host's error names the location without them", async () => {
    // A port nothing listens on: the server above, closed.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const spec = parseSourceSpec(`http://${USER}:${PASSWORD}@127.0.0.1:${deadPort}/ideas.md?token=${TOKEN}`);
    const error = (await loadSourceText(spec).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/^could not fetch http:\/\/\*\*\*@127\.0\.0\.1:\d+\/ideas\.md\?token=\*\*\*: /);
    expectNoSecret("error", `${error.message}\n${error.stack}`);
  });
});
