import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { commands, dispatch } from "../../commands/index.ts";
import { defineCommand, type CommandContext, type CommandDefinition } from "../../src/command.ts";
import { infoReply } from "../../src/reply.ts";
import type { Store } from "../../src/store/store.ts";
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
    for (const name of ["search", "recommend", "show", "help"]) expect(commands.get(name)!.requires).toBeUndefined();
  });
});
