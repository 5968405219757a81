import { configError, ConfigError } from "../../src/config.ts";
import { loadDotEnv } from "../config.ts";
import { discordSettings } from "./platform.ts";
import { deployCommands, inviteUrl, ROOT_COMMAND } from "./registration.ts";

/**
 * `npm run deploy:discord`: registers `/ideas` and its subcommands, to DISCORD_GUILD_ID when set
 * (instant; for development) or globally. Run it again whenever a command or option changes.
 */
async function main(): Promise<void> {
  // .env in the working directory, when there is one; the real environment wins over it.
  loadDotEnv();
  const { settings, issues } = discordSettings(process.env);
  if (issues.length > 0) throw configError(issues);
  if (!settings) {
    console.error("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example and the README's Discord section).");
    process.exit(2);
  }
  const { body } = await deployCommands(settings);
  const subcommands = (body[0]?.options ?? []).map((o) => o.name).join(", ");
  console.log(
    `Registered /${ROOT_COMMAND} (${subcommands}) ` +
      (settings.guildId ? `to server ${settings.guildId}: available now.` : "globally: every server the bot is in."),
  );
  console.log(`Invite the bot: ${inviteUrl(settings.applicationId)}`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(2);
  }
  const status = (error as { status?: number }).status;
  console.error(status === 401 ? "Discord refused the token (401): check DISCORD_TOKEN." : "Registering the commands failed:", status === 401 ? "" : error);
  process.exit(1);
});
