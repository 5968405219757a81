/**
 * The Discord adapter's start when Discord refuses or cannot be reached: a real discord.js client
 * against the fake Discord, a closed port, a host that does not resolve and a server that never
 * answers. Each failure an admin can fix is one AdapterStartError line naming the variable, never
 * the token's value (test/adapters/start-failures.test.ts checks what `npm start` prints of it).
 */
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { AdapterStartError } from "../../../adapters/adapter.ts";
import { DiscordAdapter, type DiscordAdapterOptions } from "../../../adapters/discord/discord.ts";
import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { closedPort } from "../../helpers.ts";
import { APPLICATION_ID, FakeDiscord } from "./fake-discord.ts";

const TOKEN = "MTEx.wrong-token.start-failure-test";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function adapter(apiUrl: string, options: Partial<DiscordAdapterOptions> = {}): DiscordAdapter {
  const discord = new DiscordAdapter({ token: TOKEN, applicationId: APPLICATION_ID, apiUrl, catalog: new CatalogHolder(), logger: () => {}, ...options });
  cleanups.push(() => discord.stop());
  return discord;
}

/** What start() rejected with; fails the test when it resolves. */
async function startFailure(discord: DiscordAdapter): Promise<Error> {
  const error = await discord.start().then(
    () => expect.fail("start() resolved"),
    (e: unknown) => e as Error,
  );
  expect(error).toBeInstanceOf(AdapterStartError);
  expect(error.message).not.toContain(TOKEN);
  return error;
}

/** A TCP server that accepts connections and never says a word: an HTTP request to it waits for ever. */
async function silentServer(): Promise<number> {
  const sockets = new Set<Socket>();
  const server: Server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return (server.address() as AddressInfo).port;
}

describe("Discord adapter start, refused or unreachable", () => {
  it("names DISCORD_TOKEN when Discord answers 401, and never opens the gateway", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    fake.token = "the-right-token";
    const error = await startFailure(adapter(fake.apiUrl));
    expect(error.message).toBe("DISCORD_TOKEN was refused by Discord (401 Unauthorized): check the bot token in the Developer Portal > Bot (reset it if it leaked)");
    expect(fake.identifies).toBe(0);
  });

  it("names DISCORD_API_URL when nothing listens there (ECONNREFUSED), at once", async () => {
    const port = await closedPort();
    const started = Date.now();
    const error = await startFailure(adapter(`http://127.0.0.1:${port}/api`));
    expect(error.message).toBe(`cannot reach Discord's API at http://127.0.0.1:${port}/api (ECONNREFUSED): check DISCORD_API_URL and the network`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("hides credentials in DISCORD_API_URL", async () => {
    const port = await closedPort();
    const error = await startFailure(adapter(`http://proxy-user:proxy-password@127.0.0.1:${port}/api?key=proxy-key`));
    expect(error.message).toBe(`cannot reach Discord's API at http://***@127.0.0.1:${port}/api?key=*** (ECONNREFUSED): check DISCORD_API_URL and the network`);
  });

  it("names DISCORD_API_URL when its host does not resolve", async () => {
    // .invalid never resolves (RFC 6761); a resolver offline says EAI_AGAIN instead of ENOTFOUND.
    const error = await startFailure(adapter("http://discord-api.invalid/api"));
    expect(error.message).toMatch(/^cannot reach Discord's API at http:\/\/discord-api\.invalid\/api \((?:ENOTFOUND|EAI_AGAIN)\): check DISCORD_API_URL and the network$/);
  });

  it("gives up after loginTimeoutMs when the API never answers, instead of discord.js's 4 tries of 15 s", async () => {
    const port = await silentServer();
    const started = Date.now();
    const error = await startFailure(adapter(`http://127.0.0.1:${port}/api`, { loginTimeoutMs: 500 }));
    expect(error.message).toBe(`cannot reach Discord's API at http://127.0.0.1:${port}/api (no answer within 0.5 s): check DISCORD_API_URL and the network`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("only warns when the API answers and the gateway is slow to say HELLO: discord.js keeps trying, and start waits for it", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    fake.helloDelayMs = 1_500;
    const logs: Array<{ message: string; level?: string }> = [];
    const discord = adapter(fake.apiUrl, { loginTimeoutMs: 500, logger: (message, level) => logs.push({ message, level }) });
    await discord.start();
    expect(discord.connected()).toBe(true);
    expect(logs[0]).toEqual({ message: `no READY from Discord's gateway at ws://127.0.0.1:${fake.port}/ within 0.5 s: still trying; check the network (a proxy or firewall may block WebSockets)`, level: "warn" });
  });
});
