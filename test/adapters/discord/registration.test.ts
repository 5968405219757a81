import { ApplicationIntegrationType, InteractionContextType, PermissionFlagsBits } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommands, clearGuildCommands, deployCommands, globalCommandNames, inviteUrl } from "../../../adapters/discord/registration.ts";
import { commands } from "../../../commands/index.ts";
import { MAX_SKILLS_LENGTH } from "../../../commands/limits.ts";
import { MAX_QUERY_LENGTH } from "../../../src/catalog/query.ts";
import { describeOptions } from "../../../src/command.ts";
import { APPLICATION_ID, FakeDiscord, GUILD_ID } from "./fake-discord.ts";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

describe("buildCommands", () => {
  const [root, admin, ...others] = buildCommands() as Json[];
  const definitions = [...commands.values()];
  const adminNames = definitions.filter((d) => d.admin).map((d) => d.name);

  it("is /ideas for everyone and /ideas-admin for the admin commands, chat-input commands with a subcommand per definition", () => {
    expect(others).toEqual([]);
    expect(root.name).toBe("ideas");
    expect(admin.name).toBe("ideas-admin");
    for (const command of [root, admin]) {
      expect(command.type ?? 1).toBe(1);
      expect(command.description.length).toBeLessThanOrEqual(100);
      expect(command.options.every((o: Json) => o.type === 1)).toBe(true);
    }
    expect(adminNames).toEqual(["subscribe", "unsubscribe", "subscriptions", "status"]);
    expect(admin.options.map((o: Json) => o.name)).toEqual(adminNames);
    // The old names stay under /ideas for a release, after the members' commands.
    expect(root.options.map((o: Json) => o.name)).toEqual(["search", "recommend", "show", "terms", "projects", "skills", "notify", "help", ...adminNames]);
  });

  it("lets a server govern /ideas-admin in its own settings: Manage Channels by default, servers only, installed to servers", () => {
    expect(admin.default_member_permissions).toBe(PermissionFlagsBits.ManageChannels.toString());
    expect(admin.contexts).toEqual([InteractionContextType.Guild]);
    expect(admin.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
    // /ideas is for every member, in servers and the bot's DMs.
    expect(root.default_member_permissions ?? null).toBeNull();
    expect(root.contexts).toEqual([InteractionContextType.Guild, InteractionContextType.BotDM]);
    expect(root.integration_types).toEqual([ApplicationIntegrationType.GuildInstall]);
  });

  it("marks the old subcommands as moved, and drops them when the release is over", () => {
    for (const name of adminNames) {
      const legacy = root.options.find((o: Json) => o.name === name);
      expect(legacy.description).toMatch(new RegExp(`^\\(Moved to /ideas-admin ${name}\\) `));
      expect(legacy.description.length).toBeLessThanOrEqual(100);
    }
    const [next] = buildCommands(commands.values(), { legacy: false }) as Json[];
    expect(next.options.map((o: Json) => o.name)).toEqual(["search", "recommend", "show", "terms", "projects", "skills", "notify", "help"]);
  });

  it("takes descriptions, required flags, max_length and autocomplete from the definitions", () => {
    const subs = [...(root.options as Json[]).filter((o: Json) => !adminNames.includes(o.name)), ...(admin.options as Json[])];
    expect(subs).toHaveLength(definitions.length);
    for (const sub of subs) {
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

  it("clears one server's copy with an empty PUT, leaving the global commands", async () => {
    const options = { token: "secret-token", applicationId: APPLICATION_ID, apiUrl: fake.apiUrl };
    await deployCommands({ ...options, guildId: GUILD_ID });
    await deployCommands(options);
    expect(await globalCommandNames(options)).toEqual(["ideas", "ideas-admin"]);
    const guildRoute = `/applications/${APPLICATION_ID}/guilds/${GUILD_ID}/commands`;
    expect(fake.registered.get(guildRoute)).toHaveLength(2);
    await clearGuildCommands({ ...options, guildId: GUILD_ID });
    expect(fake.registered.get(guildRoute)).toEqual([]);
    expect(fake.registered.get(`/applications/${APPLICATION_ID}/commands`)).toHaveLength(2);
  });
});
