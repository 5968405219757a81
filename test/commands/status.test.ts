import { describe, expect, it } from "vitest";
import { dispatch } from "../../commands/index.ts";
import type { CommandContext } from "../../src/command.ts";
import { renderLine, type Reply } from "../../src/reply.ts";
import { announceFixture, check } from "../announce/helpers.ts";
import type { BotStatus } from "../../src/status.ts";
import { freshStore } from "../announce/helpers.ts";
import { smallCatalog } from "../helpers.ts";
import { Catalog } from "../../src/catalog/catalog.ts";

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

/** A reply as text, a channel line as `#C2: …` (the shell's way). */
const text = (reply: Reply) =>
  reply.kind === "message" ? [reply.title, reply.text, ...(reply.lines ?? []).map((l) => renderLine(l, String, (id) => `#${id}`))].join("\n") : JSON.stringify(reply);

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

  it("against a store with one failing source and one paused channel: the failure, ideas by term, posts this week, the paused channel by name and how to resume, the last posts", async () => {
    const store = freshStore();
    const now = new Date();
    const g1 = (channelId: string) => ({ platform: "discord", workspaceId: "G1", channelId, skills: [], project: null, createdBy: "U1", now });
    const posting = (await store.subscribe(g1("C1"))).subscription;
    const paused = (await store.subscribe(g1("C2"))).subscription;
    await check(store, "a", announceFixture("v1.md"), { announceExisting: true });
    const claimed = await store.claimDue({ owner: "A", platforms: ["discord"], now: Date.now() + 1000, leaseMs: 60_000, limit: 100 });
    const posts = claimed.filter((e) => e.subscription.id === posting.id);
    for (const [i, entry] of posts.entries()) await store.markSent(entry.id, "A", `m${i}`, Date.now() - (i === 0 ? 9 : 1) * 24 * 60 * 60 * 1000);
    for (const entry of claimed.filter((e) => e.subscription.id === paused.id)) await store.release(entry.id, "A");
    await store.pauseSubscription(paused.id, "forbidden: the bot may not post there (Missing Access)");

    const reply = await dispatch("status", {}, context({ store, status: async () => report() }));
    const shown = text(reply);
    expect(shown).toMatch(/⚠ lfx-2026-3: could not fetch .*: 503/);
    expect(shown).toMatch(/^Ideas by term: Other sources: 6$/m);
    expect(shown).toContain(`Subscriptions here: 2 channels (1 paused); ${posts.length - 1} posts in the last 7 days; ${claimed.length - posts.length} announcements waiting`);
    expect(shown).toContain("#C2: paused: forbidden: the bot may not post there (Missing Access)");
    expect(reply).toMatchObject({ hints: ["resumePaused"], lines: expect.arrayContaining([{ channelId: "C2", text: expect.stringMatching(/^paused: /) }]) });
    // The last three posts, newest first, by channel, with what they carried.
    const postLines = shown.split("\n").filter((l) => l.startsWith("#C1: posted "));
    expect(postLines).toHaveLength(3);
    expect(postLines[0]).toMatch(/^#C1: posted \d{4}-\d\d-\d\d \d\d:\d\d UTC \(24 h ago\): .+ \(.+\)$/);
    await store.close();
  });

  it("names the newest terms of the catalogue and counts the rest", async () => {
    const keys = ["lfx-2024-1", "lfx-2026-3", "gsoc-2025", "lfx-2026-1", "lfx-2026-3", "gsoc-2026"];
    const ideas = smallCatalog().ideas.map((idea, i) => ({ ...idea, term: keys[i]! }));
    const shown = text(await dispatch("status", {}, context({ catalog: new Catalog(ideas), status: async () => report() })));
    expect(shown).toMatch(/^Ideas by term: LFX Mentorship 2026 Term 3: 2 · Google Summer of Code 2026: 1 · LFX Mentorship 2026 Term 1: 1 · Google Summer of Code 2025: 1 · 1 older term \(`terms` lists them\)$/m);
  });

  it("is for the people who manage announcements, in a channel, and says so where the process reports no status", async () => {
    expect(await dispatch("status", {}, context({ canManageChannel: false, status: async () => report() }))).toMatchObject({ refusal: { reason: "manageChannel" } });
    expect(await dispatch("status", {}, context({ platform: "cli", status: async () => report() }))).toMatchObject({ refusal: { reason: "store" } });
    expect(await dispatch("status", {}, context())).toMatchObject({ tone: "error", text: "The bot's status is not available here." });
  });
});
