import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommands, deployCommands, inviteUrl } from "../../../adapters/discord/registration.ts";
import { commands } from "../../../commands/index.ts";
import { MAX_SKILLS_LENGTH } from "../../../commands/limits.ts";
import { MAX_QUERY_LENGTH } from "../../../src/catalog/query.ts";
import { describeOptions } from "../../../src/command.ts";
import { APPLICATION_ID, FakeDiscord, GUILD_ID } from "./fake-discord.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe("buildCommands", () => {
  const [root, ...others] = buildCommands() as Json[];

  it("is one /ideas chat-input command with a subcommand per command definition", () => {
    expect(others).toEqual([]);
    expect(root.name).toBe("ideas");
    expect(root.type ?? 1).toBe(1);
    expect(root.description.length).toBeLessThanOrEqual(100);
    expect(root.options.map((o: Json) => o.name)).toEqual(["search", "recommend", "show", "terms", "projects", "skills", "subscribe", "unsubscribe", "subscriptions", "status", "help"]);
    expect(root.options.every((o: Json) => o.type === 1)).toBe(true);
  });

  it("takes descriptions, required flags, max_length and autocomplete from the definitions", () => {
    for (const sub of root.options as Json[]) {
      const definition = commands.get(sub.name)!;
      expect(sub.description).toBe(definition.description);
      const expected = describeOptions(definition);
      expect((sub.options ?? []).map((o: Json) => o.name).sort()).toEqual(expected.map((o) => o.name).sort());
      for (const info of expected) {
        const option = sub.options.find((o: Json) => o.name === info.name);
        expect(option.type).toBe(3);
        expect(option.description).toBe(info.description);
        expect(option.required).toBe(info.required);
        expect(option.max_length).toBe(info.maxLength);
        expect(Boolean(option.autocomplete)).toBe(info.autocomplete);
      }
    }
  });

  it("has the options the issue asks for", () => {
    const option = (sub: string, name: string) => root.options.find((o: Json) => o.name === sub).options?.find((o: Json) => o.name === name);
    expect(option("search", "query")).toMatchObject({ required: true, max_length: MAX_QUERY_LENGTH });
    expect(option("search", "query").autocomplete).toBeFalsy();
    expect(option("recommend", "skills")).toMatchObject({ required: true, max_length: MAX_SKILLS_LENGTH, autocomplete: true });
    expect(option("show", "id")).toMatchObject({ required: true, max_length: 100, autocomplete: true });
    for (const sub of ["projects", "skills", "help"]) expect(root.options.find((o: Json) => o.name === sub).options ?? []).toEqual([]);
  });

  it("prints an invite URL with both scopes and the permissions", () => {
    expect(inviteUrl(APPLICATION_ID)).toBe(
      `https://discord.com/oauth2/authorize?client_id=${APPLICATION_ID}&scope=bot%20applications.commands&permissions=84992`,
    );
  });
});

describe("deploying the commands", () => {
  let fake: FakeDiscord;
  beforeAll(async () => {
    fake = await FakeDiscord.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("PUTs them to one server when a guild is given, else globally, with the bot token", async () => {
    await deployCommands({ token: "secret-token", applicationId: APPLICATION_ID, guildId: GUILD_ID, apiUrl: fake.apiUrl });
    await deployCommands({ token: "secret-token", applicationId: APPLICATION_ID, apiUrl: fake.apiUrl });
    const puts = fake.requests.filter((r) => r.method === "PUT");
    expect(puts.map((r) => r.path)).toEqual([`/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`, `/applications/${APPLICATION_ID}/commands`]);
    expect(puts[0]!.headers.authorization).toBe("Bot secret-token");
    expect(puts[0]!.body).toEqual(JSON.parse(JSON.stringify(buildCommands())));
  });
});
