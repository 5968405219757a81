import { describe, expect, it } from "vitest";
import { dispatch } from "../../commands/index.ts";
import type { CommandContext } from "../../src/command.ts";
import type { Reply } from "../../src/reply.ts";
import type { BotStatus } from "../../src/status.ts";
import { freshStore } from "../announce/helpers.ts";
import { smallCatalog } from "../helpers.ts";

const NOW = Date.now();
const iso = (minutesFromNow: number) => new Date(NOW + minutesFromNow * 60_000).toISOString();

function report(overrides: Partial<BotStatus> = {}): BotStatus {
  return {
    version: "1.2.3",
    startedAt: iso(-120),
    catalogue: { ideas: 1331, loaded: true },
    platforms: [{ name: "discord", connected: true }],
    sources: [
      { label: "seed", checkedAt: iso(-3), recordedAt: iso(-60), ideas: 42, error: null },
      { label: "lfx-2026-3", checkedAt: iso(-3), recordedAt: iso(-60), ideas: 57, error: "could not fetch https://***@example.org/x.md: 503" },
    ],
    nextCheck: iso(12),
    ...overrides,
  };
}

function context(overrides: Partial<CommandContext> = {}): CommandContext {
  return { catalog: smallCatalog(), platform: "discord", userId: "U1", page: 1, workspaceId: "G1", channelId: "C1", store: freshStore(), canManageChannel: true, ...overrides };
}

const text = (reply: Reply) => (reply.kind === "message" ? [reply.title, reply.text, ...(reply.lines ?? [])].join("\n") : JSON.stringify(reply));

describe("status", () => {
  it("shows the version, ideas, next check, each source's last check and error, and the platforms", async () => {
    const reply = await dispatch("status", {}, context({ status: async () => report() }));
    expect(reply).toMatchObject({ kind: "message", tone: "info", title: "ideas-bot 1.2.3" });
    const shown = text(reply);
    expect(shown).toContain("Serving 1,331 ideas from 2 sources");
    expect(shown).toMatch(/Next check \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 12 min\)/);
    expect(shown).toContain("1 source failed at the last check; each keeps the ideas it had.");
    expect(shown).toMatch(/⚠ lfx-2026-3: could not fetch https:\/\/\*\*\*@example\.org\/x\.md: 503 \(checked .* \(3 min ago\); keeping 57 ideas\)/);
    expect(shown).toMatch(/✓ seed: 42 ideas, checked .* \(3 min ago\)/);
    expect(shown).toContain("Platforms: discord (connected)");
    expect(shown).toContain("Subscriptions here: none");
  });

  it("counts the fine sources of a whole catalogue instead of listing sixty, and lists every failure first", async () => {
    const sources = Array.from({ length: 60 }, (_, i) => ({ label: `s${i}`, checkedAt: iso(-i), recordedAt: iso(-60), ideas: 10, error: i % 20 === 5 ? `down ${i}` : null }));
    const shown = text(await dispatch("status", {}, context({ status: async () => report({ sources }) })));
    const lines = shown.split("\n");
    expect(lines.filter((l) => l.startsWith("⚠"))).toEqual([expect.stringMatching(/^⚠ s5: down 5/), expect.stringMatching(/^⚠ s25: down 25/), expect.stringMatching(/^⚠ s45: down 45/)]);
    expect(lines.filter((l) => l.startsWith("✓"))).toEqual([expect.stringMatching(/^✓ 57 sources fine, last checked .* \(just now\)$/)]);
  });

  it("says the ideas are loading and the first check runs, on a first start", async () => {
    const shown = text(await dispatch("status", {}, context({ status: async () => report({ catalogue: { ideas: 0, loaded: false }, nextCheck: null, sources: [{ label: "seed", checkedAt: null, recordedAt: null, ideas: 0, error: null }] }) })));
    expect(shown).toContain("Loading the ideas (first start)");
    expect(shown).toContain("The first check is running.");
    expect(shown).toContain("✓ seed: 0 ideas, checked never");
  });

  it("counts this workspace's subscriptions only, with the paused ones", async () => {
    const store = freshStore();
    const now = new Date();
    await store.subscribe({ platform: "discord", workspaceId: "G1", channelId: "C1", skills: [], project: null, createdBy: "U1", now });
    const paused = await store.subscribe({ platform: "discord", workspaceId: "G1", channelId: "C2", skills: [], project: null, createdBy: "U1", now });
    await store.pauseSubscription(paused.subscription.id, "gone");
    await store.subscribe({ platform: "discord", workspaceId: "OTHER", channelId: "C9", skills: [], project: null, createdBy: "U9", now });
    const shown = text(await dispatch("status", {}, context({ store, status: async () => report() })));
    expect(shown).toContain("Subscriptions here: 2 channels (1 paused)");
  });

  it("is for the people who manage announcements, in a channel, and says so where the process reports no status", async () => {
    expect(await dispatch("status", {}, context({ canManageChannel: false, status: async () => report() }))).toMatchObject({ refusal: { reason: "manageChannel" } });
    expect(await dispatch("status", {}, context({ platform: "cli", status: async () => report() }))).toMatchObject({ refusal: { reason: "store" } });
    expect(await dispatch("status", {}, context())).toMatchObject({ tone: "error", text: "The bot's status is not available here." });
  });
});
