import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commands, dispatch } from "../../commands/index.ts";
import { defineCommand, type CommandContext, type CommandDefinition } from "../../src/command.ts";
import { infoReply } from "../../src/reply.ts";
import type { Store } from "../../src/store/store.ts";
import { Catalog } from "../../src/catalog/catalog.ts";
import { CatalogHolder } from "../../src/catalog/holder.ts";
import { smallCatalog } from "../helpers.ts";

const store = {} as Store;
const context = (overrides: Partial<CommandContext> = {}): CommandContext => ({
  catalog: smallCatalog(),
  platform: "discord",
  userId: "u1",
  page: 1,
  workspaceId: "G1",
  channelId: "C1",
  store,
  canManageChannel: true,
  ...overrides,
});

/** A command that requires everything and records whether it ran, and with what. */
function probe() {
  const execute = vi.fn((_input: unknown, ready: CommandContext & { channel: unknown }) => infoReply(`ran in ${JSON.stringify(ready.channel)}`));
  const definition = defineCommand({
    name: "probe",
    description: "x",
    usage: "probe",
    requires: { store: true, channel: true, manageChannel: true },
    options: z.object({ word: z.string().max(3, "Too long.") }),
    execute,
  });
  return { definition: definition as unknown as CommandDefinition, execute };
}

describe("declared preconditions", () => {
  it("are checked by dispatch before execute runs, and before the input is validated", async () => {
    const { definition, execute } = probe();
    commands.set("probe", definition);
    try {
      for (const [overrides, reason] of [
        [{ store: undefined }, "store"],
        [{ platform: "cli" as const }, "store"],
        [{ channelId: undefined }, "channel"],
        [{ workspaceId: undefined }, "channel"],
        [{ canManageChannel: false }, "manageChannel"],
        [{ canManageChannel: undefined }, "manageChannel"],
      ] as const) {
        expect(await dispatch("probe", { word: "far too long" }, context(overrides))).toMatchObject({ kind: "message", tone: "error", refusal: { reason } });
      }
      expect(execute).not.toHaveBeenCalled();
      // All hold: execute gets the channel it required, typed as present.
      expect(await dispatch("probe", { word: "ok" }, context())).toMatchObject({ text: 'ran in {"platform":"discord","workspaceId":"G1","channelId":"C1"}' });
      expect(execute).toHaveBeenCalledTimes(1);
    } finally {
      commands.delete("probe");
    }
  });

  it("are declared by the subscription commands: managing needs the right, listing does not", () => {
    expect(commands.get("subscribe")!.requires).toEqual({ store: true, channel: true, manageChannel: true });
    expect(commands.get("unsubscribe")!.requires).toEqual({ store: true, channel: true, manageChannel: true });
    expect(commands.get("subscriptions")!.requires).toEqual({ store: true, channel: true });
    expect(commands.get("help")!.requires).toBeUndefined();
  });

  it("say 'still loading' while the holder has no catalogue yet, kindly, and answer once it has one", async () => {
    const holder = new CatalogHolder();
    const loading = await dispatch("search", { query: "kubernetes" }, context({ catalog: holder.current }));
    expect(loading).toMatchObject({ kind: "message", tone: "info", refusal: { reason: "catalog" } });
    expect((loading as { text: string }).text).toMatch(/still loading/);
    // The first catalogue arrives (even an empty one: the sources were read and had nothing).
    holder.replace(new Catalog([]));
    expect(await dispatch("search", { query: "kubernetes" }, context({ catalog: holder.current }))).not.toMatchObject({ refusal: expect.anything() });
    holder.replace(smallCatalog());
    expect(await dispatch("search", { query: "kubernetes" }, context({ catalog: holder.current }))).toMatchObject({ kind: "cards" });
  });

  it("are declared by every command that answers from the ideas: they wait for the first catalogue", () => {
    for (const name of ["search", "recommend", "show", "terms", "projects", "skills"]) expect(commands.get(name)!.requires).toEqual({ catalog: true });
  });
});
