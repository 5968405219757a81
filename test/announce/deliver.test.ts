import { describe, expect, it } from "vitest";
import { createShellSink } from "../../adapters/shell/announce.ts";
import { Delivery, retryDelay } from "../../src/announce/deliver.ts";
import type { AnnouncementSink } from "../../src/announce/sink.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import type { ChannelRef } from "../../src/store/store.ts";
import { queued } from "./delivery-helpers.ts";
import { announceFixture, check, SHELL } from "./helpers.ts";

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

  it("stop() waits for the post in flight only: the entries leased but not tried are handed back, due at once, no attempt counted", async () => {
    const channels = ["1", "2", "3", "4", "5"].map((n) => discordChannel(`20000000000000010${n}`));
    const { dir, store } = await queued(channels);
    let release!: () => void;
    const started: number[] = [];
    // A platform that takes its time with the first post, until the test lets it go.
    const slow: AnnouncementSink = {
      platform: "discord",
      async post(entry) {
        started.push(entry.id);
        if (started.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return { messageId: `m${entry.id}` };
      },
    };
    // One channel at a time, so one post is in flight when stop() comes (with more, see the next test).
    const delivery = new Delivery({ store, sinks: [slow], batch: 5, concurrency: 1 });
    const running = delivery.deliverNow();
    while (started.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const stopped = delivery.stop();
    release();
    await stopped;
    expect(await running).toMatchObject({ sent: 1 });
    expect(started).toHaveLength(1);
    const rows = await store.outbox();
    expect(rows.map((r) => r.status)).toEqual(["sent", "pending", "pending", "pending", "pending"]);
    expect(rows.slice(1).map((r) => [r.attempts, r.leaseOwner])).toEqual(Array.from({ length: 4 }, () => [0, null]));
    // Stopped: nothing new starts.
    expect(await delivery.deliverNow()).toMatchObject({ sent: 0 });
    await store.close();
    // The next process delivers the rest at once, each once.
    const next = new SqliteStore(dir);
    expect(await new Delivery({ store: next, sinks: [slow] }).deliverNow()).toMatchObject({ sent: 4 });
    expect(new Set(started).size).toBe(5);
    await next.close();
  });

  it("posts to several channels at once, up to `concurrency`; a channel's own entries go one at a time, in order", async () => {
    const channels = ["1", "2", "3", "4", "5", "6"].map((n) => discordChannel(`20000000000000020${n}`));
    const { store } = await queued(channels);
    // A second announcement per channel (another check): each channel has two entries, in order.
    await check(store, "ideas", announceFixture("v4-renamed.md"));
    await check(store, "ideas", `${announceFixture("v3-added.md")}\n#### Another idea for Comet\n\n- Description: More.\n`);
    const perChannel = (await store.outbox()).reduce((n, r) => ({ ...n, [r.subscription.channelId]: (n[r.subscription.channelId] ?? 0) + 1 }), {} as Record<string, number>);
    expect(Object.values(perChannel).every((n) => n === 2)).toBe(true);
    let inFlight = 0;
    let most = 0;
    const busy = new Set<string>();
    const order: Array<[string, number]> = [];
    const sink: AnnouncementSink = {
      platform: "discord",
      async post(entry) {
        const channel = entry.subscription.channelId;
        expect(busy.has(channel)).toBe(false);
        busy.add(channel);
        most = Math.max(most, ++inFlight);
        await new Promise((resolve) => setTimeout(resolve, 20));
        inFlight--;
        busy.delete(channel);
        order.push([channel, entry.id]);
        return { messageId: `m${entry.id}` };
      },
    };
    expect(await new Delivery({ store, sinks: [sink], concurrency: 3 }).deliverNow()).toMatchObject({ sent: 12 });
    expect(most).toBe(3);
    for (const channel of channels) {
      const ids = order.filter(([c]) => c === channel.channelId).map(([, id]) => id);
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
    }
    await store.close();
  });
});
