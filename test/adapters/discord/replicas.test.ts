import { afterEach, describe, expect, it } from "vitest";
import { DiscordAdapter } from "../../../adapters/discord/discord.ts";
import { CatalogHolder } from "../../../src/catalog/holder.ts";
import { SqliteStore } from "../../../src/store/sqlite-store.ts";
import { tempDir } from "../../announce/helpers.ts";
import { smallCatalog } from "../../helpers.ts";
import { APPLICATION_ID, FakeDiscord, slashCommand } from "./fake-discord.ts";

/**
 * Replicas on Discord: each replica's gateway session receives every interaction (the fake sends
 * each dispatch to every socket of an unsharded bot, as Discord does to every session). With a
 * claim per interaction in the shared store, exactly one replica answers; without, both try.
 */

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function replicas(fake: FakeDiscord, claiming: boolean): Promise<string[]> {
  const dir = tempDir();
  const logs: string[] = [];
  for (const owner of ["replica-a", "replica-b"]) {
    const store = new SqliteStore(dir);
    const adapter = new DiscordAdapter({
      token: "replica-token",
      applicationId: APPLICATION_ID,
      apiUrl: fake.apiUrl,
      catalog: new CatalogHolder(smallCatalog()),
      store,
      shardCount: 1,
      logger: (message) => logs.push(`${owner}: ${message}`),
      ...(claiming ? { claim: (id: string) => store.holdLease(`interaction:${id}`, owner, Date.now(), 60_000) } : {}),
    });
    cleanups.push(() => store.close(), () => adapter.stop());
    await adapter.start();
  }
  return logs;
}

const callbacks = (fake: FakeDiscord, id: string) => fake.requests.filter((r) => r.method === "POST" && r.path.startsWith(`/interactions/${id}/`)).length;

describe("Discord with replicas: one answer per interaction", () => {
  it("two replicas each receive the interaction; the one that claims it answers, once", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    await replicas(fake, true);
    for (let i = 0; i < 3; i++) {
      const interaction = fake.push(slashCommand("help"));
      await fake.waitForRequest((r) => r.method === "POST" && r.path.startsWith(`/interactions/${interaction.id}/`));
      // Time for the other replica's answer, were it to make one.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(callbacks(fake, interaction.id)).toBe(1);
    }
    expect(fake.dispatched.filter((d) => d.t === "INTERACTION_CREATE").every((d) => d.shards.length === 2)).toBe(true);
  });

  it("without the claim both would answer (what the claim prevents)", async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    await replicas(fake, false);
    const interaction = fake.push(slashCommand("help"));
    await fake.waitForRequest((r) => r.method === "POST" && r.path.startsWith(`/interactions/${interaction.id}/`));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(callbacks(fake, interaction.id)).toBe(2);
  });
});
