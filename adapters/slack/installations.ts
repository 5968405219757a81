import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Sealer } from "../../src/store/sealed.ts";
import type { Store } from "../../src/store/store.ts";
import type { Log } from "../../src/log.ts";

/**
 * Bolt's InstallationStore kept in the bot's own store (SQLite or PostgreSQL), so every replica
 * sees an installation the moment one of them completes the OAuth flow. A record is the whole
 * Installation as Bolt gives it (as @slack/oauth advises: fetch returns what store was given),
 * sealed with ENCRYPTION_KEY when it is set. Keyed by the team, or by the org for an org-wide install.
 */
export class StoreInstallations implements InstallationStore {
  constructor(
    private readonly store: Store,
    private readonly box: Sealer,
    private readonly log?: Log,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const key = installationKey(installation);
    if (!key) throw new Error("Slack's installation names neither a team nor an enterprise");
    await this.store.saveInstallation("slack", key, this.box.seal(JSON.stringify(installation)), Date.now());
    // The team's name and id, never its tokens.
    const name = installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
    this.log?.(`installed in ${name ? `${name} (${key})` : key}${this.box.sealing ? ", its token sealed" : ""}`);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const key = queryKey(query);
    const installation = key ? await this.read(key) : undefined;
    // Bolt's authorize turns this into "not installed here" for the request.
    if (!installation) throw new Error(`no installation for ${key ?? "an unnamed team"}`);
    return installation;
  }

  /**
   * The installation under `key`, opened; one sealed with the previous key (or kept plain before
   * ENCRYPTION_KEY was set) is sealed again with the current one as it is read, so a rotation
   * completes as each workspace uses the bot.
   */
  private async read(key: string): Promise<Installation | undefined> {
    const record = await this.store.loadInstallation("slack", key);
    if (!record) return undefined;
    const plain = this.box.open(record);
    if (this.box.stale(record)) {
      await this.store.saveInstallation("slack", key, this.box.seal(plain), Date.now(), record).catch((error: unknown) => this.log?.(`could not seal the installation of ${key} again`, "warn", error));
    }
    return JSON.parse(plain) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const key = queryKey(query);
    if (key) await this.store.removeWorkspace("slack", key);
  }

  /** The bot token of a workspace, for announcements; undefined when the app is not installed there. */
  async botToken(teamId: string): Promise<string | undefined> {
    return (await this.read(teamId))?.bot?.token;
  }
}

function installationKey(installation: Installation): string | undefined {
  return installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
}

function queryKey(query: InstallationQuery<boolean>): string | undefined {
  return query.isEnterpriseInstall ? query.enterpriseId : query.teamId;
}
