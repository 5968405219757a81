/** `npm run deploy:discord` as a person runs it: a spawned process against a fake Discord. */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteUrl } from "../../../adapters/discord/registration.ts";
import { REPO_ROOT } from "../../helpers.ts";
import { APPLICATION_ID, FakeDiscord, GUILD_ID } from "./fake-discord.ts";

describe("npm run deploy:discord", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  function deployScript(env: Record<string, string>, args: string[] = []): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("DISCORD_")));
    const child = spawn(process.execPath, ["--import", "tsx", "adapters/discord/deploy.ts", ...args], { cwd: REPO_ROOT, env: { ...clean, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    return new Promise((resolve) => child.on("close", (code) => resolve({ code, stdout, stderr })));
  }

  it("npm run deploy:discord registers to DISCORD_GUILD_ID and prints the invite URL", async () => {
    const before = fake.requests.length;
    const result = await deployScript({ DISCORD_TOKEN: "script-token", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_GUILD_ID: GUILD_ID, DISCORD_API_URL: fake.apiUrl });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Registered /ideas (search, recommend, show, terms, projects, skills, notify, help, subscribe, unsubscribe, subscriptions, status) to server ${GUILD_ID}`);
    expect(result.stdout).toContain(`Registered /ideas-admin (subscribe, unsubscribe, subscriptions, status) to server ${GUILD_ID}`);
    expect(result.stdout).toContain(`npm run deploy:discord -- --clear-guild ${GUILD_ID}`);
    expect(result.stdout).toContain(inviteUrl(APPLICATION_ID));
    const put = fake.requests.slice(before).find((r) => r.method === "PUT");
    expect(put?.path).toBe(`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`);
  });

  it("--clear-guild removes the server's copy after going global, and leaves the global commands", async () => {
    const env = { DISCORD_TOKEN: "script-token", DISCORD_APPLICATION_ID: APPLICATION_ID, DISCORD_API_URL: fake.apiUrl };
    expect((await deployScript({ ...env, DISCORD_GUILD_ID: GUILD_ID })).code).toBe(0);
    expect((await deployScript(env)).code).toBe(0);
    const guildRoute = `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`;
    expect(fake.registered.get(guildRoute)?.map((c) => c.name)).toEqual(["ideas", "ideas-admin"]);
    const cleared = await deployScript(env, ["--clear-guild", GUILD_ID]);
    expect(cleared.stderr).toBe("");
    expect(cleared.code).toBe(0);
    expect(cleared.stdout).toContain(`Removed the commands registered to server ${GUILD_ID}`);
    expect(fake.registered.get(guildRoute)).toEqual([]);
    expect(fake.registered.get(`/applications/${APPLICATION_ID}/commands`)?.map((c) => c.name)).toEqual(["ideas", "ideas-admin"]);
    // DISCORD_GUILD_ID names the server when no ID is given, with a reminder to unset it.
    const fromEnv = await deployScript({ ...env, DISCORD_GUILD_ID: GUILD_ID }, ["--clear-guild"]);
    expect(fromEnv.code).toBe(0);
    expect(fromEnv.stdout).toContain("Unset DISCORD_GUILD_ID");
    // No server to clear, or not a server ID: exit 2, saying how.
    const unnamed = await deployScript(env, ["--clear-guild"]);
    expect(unnamed.code).toBe(2);
    expect(unnamed.stderr).toContain("--clear-guild <server ID>");
    const bogus = await deployScript(env, ["--clear-guild", "general"]);
    expect(bogus.code).toBe(2);
    expect(bogus.stderr).toContain('"general" is not a server ID');
  });

  it("the deploy script says what is missing without a token", async () => {
    const result = await deployScript({});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("DISCORD_TOKEN");
  });
});
