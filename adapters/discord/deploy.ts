import { ConfigError, loadConfig } from "../../src/config.ts";
import { deployCommands, inviteUrl, ROOT_COMMAND } from "./registration.ts";

/**
 * `npm run deploy:discord`: registers `/ideas` and its subcommands, to DISCORD_GUILD_ID when set
 * (instant; for development) or globally. Run it again whenever a command or option changes.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    console.error("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (see .env.example and the README's Discord section).");
    process.exit(2);
  }
  const { body } = await deployCommands({
    token: config.DISCORD_TOKEN,
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DISCORD_GUILD_ID,
    apiUrl: config.DISCORD_API_URL,
  });
  const subcommands = (body[0]?.options ?? []).map((o) => o.name).join(", ");
  console.log(
    `Registered /${ROOT_COMMAND} (${subcommands}) ` +
      (config.DISCORD_GUILD_ID ? `to server ${config.DISCORD_GUILD_ID}: available now.` : "globally: every server the bot is in."),
  );
  console.log(`Invite the bot: ${inviteUrl(config.DISCORD_APPLICATION_ID)}`);
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
