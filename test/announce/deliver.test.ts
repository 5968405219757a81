import { describe, expect, it } from "vitest";
import { createShellSink } from "../../adapters/shell/announce.ts";
import { Delivery, retryDelay } from "../../src/announce/deliver.ts";
import type { ChannelRef } from "../../src/store/store.ts";
import { queued } from "./delivery-helpers.ts";
import { SHELL } from "./helpers.ts";

/** Delivery's own rules, whatever the platform; each platform's sink is tested in test/adapters/<platform>/announce.test.ts. */

const discordChannel = (id: string): ChannelRef => ({ platform: "discord", workspaceId: "111111111111111111", channelId: id });

describe("delivery rules", () => {
  it("entries for a platform without a sink stay pending", async () => {
    const { store } = await queued([discordChannel("200000000000000099"), SHELL]);
    const out: string[] = [];
    const sink = createShellSink({ write: (s: string) => out.push(s) > 0 });
    const logs: string[] = [];
    expect((await new Delivery({ store, sinks: [sink], log: (m) => logs.push(m) }).deliverNow()).sent).toBe(1);
    // One line per announcement delivered, naming the channel and the idea.
    expect(logs).toEqual([expect.stringMatching(/^announcement \d+ to shell channel shell delivered \(comet-[0-9a-f]+ "Web dashboard for Comet jobs"\)$/)]);
    expect(out.join("")).toContain("New project idea: Web dashboard for Comet jobs (Comet)");
    expect((await store.outbox()).map((r) => [r.subscription.platform, r.status])).toEqual([
      ["discord", "pending"],
      ["shell", "sent"],
    ]);
    await store.close();
  });


  it("backoff doubles from the base, is capped, and honours Retry-After", () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 10].map((n) => retryDelay(n, undefined, 30_000, 3_600_000, mid))).toEqual([30_000, 60_000, 120_000, 3_600_000]);
    expect(retryDelay(1, 90_000, 30_000, 3_600_000, mid)).toBe(90_000);
  });
});
