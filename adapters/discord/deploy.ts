import { parseArgs } from "node:util";
import { configError, ConfigError } from "../../src/config.ts";
import { loadDotEnv } from "../config.ts";
import { discordSettings } from "./platform.ts";
import { ADMIN_COMMAND, clearGuildCommands, deployCommands, inviteUrl, ROOT_COMMAND } from "./registration.ts";

const USAGE = `npm run deploy:discord                         register /${ROOT_COMMAND} and /${ADMIN_COMMAND}: to DISCORD_GUILD_ID when set, else globally
npm run deploy:discord -- --clear-guild [ID]   remove the commands registered to one server (ID or DISCORD_GUILD_ID); global ones stay`;

/**
 * `npm run deploy:discord`: registers `/ideas` and `/ideas-admin` with their subcommands, to
 * DISCORD_GUILD_ID when set (instant; for development) or globally. Run it again whenever a command
 * or option changes. `--clear-guild` removes a development server's copy once the commands are
 * global, so that server does not list each command twice.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ options: { "clear-guild": { type: "boolean" }, help: { type: "boolean", short: "h" } }, allowPositionals: true });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // .env in the working directory, when there is one; the real environment wins over it.
  loadDotEnv();
  const { settings, issues } = discordSettings(process.env);
  if (issues.length > 0) throw configError(issues);
  if (!settings) {
    console.error("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example and the README's Discord section).");
    process.exit(2);
  }
  if (values["clear-guild"]) {
    const guildId = positionals[0] ?? settings.guildId;
    if (!guildId || !/^\d{17,20}$/.test(guildId)) {
      console.error(`Name the server: npm run deploy:discord -- --clear-guild <server ID> (or set DISCORD_GUILD_ID).${guildId ? ` "${guildId.slice(0, 40)}" is not a server ID.` : ""}`);
      process.exit(2);
    }
    await clearGuildCommands({ ...settings, guildId });
    console.log(`Removed the commands registered to server ${guildId}; the global /${ROOT_COMMAND} and /${ADMIN_COMMAND} stay (if registered).`);
    if (settings.guildId === guildId) console.log("Unset DISCORD_GUILD_ID too, or the next start registers them to that server again.");
    return;
  }
  if (positionals.length > 0) {
    console.error(`Unexpected argument "${positionals[0]!.slice(0, 40)}".\n${USAGE}`);
    process.exit(2);
  }
  const { body } = await deployCommands(settings);
  for (const command of body) {
    console.log(`Registered /${command.name} (${(command.options ?? []).map((o) => o.name).join(", ")}) ` + (settings.guildId ? `to server ${settings.guildId}: available now.` : "globally: every server the bot is in."));
  }
  if (settings.guildId) console.log(`When you go global, unset DISCORD_GUILD_ID, run this again, then: npm run deploy:discord -- --clear-guild ${settings.guildId}`);
  console.log(`Invite the bot: ${inviteUrl(settings.applicationId)}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const status = (error as { status?: number }).status;
  console.error(status === 401 ? "Discord refused the token (401): check DISCORD_TOKEN." : "Registering the commands failed:", status === 401 ? "" : error);
  process.exit(1);
});
