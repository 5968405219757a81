import { describe, expect, it } from "vitest";
import { ALERT_IDEAS_MAX, alertPayload, alertWantsTerm, rankForAlert } from "../../src/announce/alerts.ts";
import { announcedIdea, headline, plainAnnouncement } from "../../src/announce/message.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { ALERT_SCOPE } from "../../src/store/store.ts";
import { alert, announceFixture, check, entriesFor, freshStore, ideasFile } from "./helpers.ts";


// The limit of messages a day is in the store contract (test/store/contract.ts), run on both stores.
describe("personal alerts: what a check brings each person", () => {
  it("one message per person per check, with only the ideas that ask for one of their skills, ranked, each saying why", async () => {
    const store = freshStore();
    await store.subscribe(alert("A", ["Rust"]));
    await store.subscribe(alert("B", ["Python"]));
    await store.subscribe(alert("C", ["Haskell"]));
    await check(store, "ideas", announceFixture("v1.md"));
    await check(store, "ideas", announceFixture("burst.md"));

    const [a] = await entriesFor(store, "A");
    expect(await entriesFor(store, "A")).toHaveLength(1);
    expect(a!.subscription).toMatchObject({ kind: "dm", channelId: "A", workspaceId: ALERT_SCOPE });
    expect(a!.payload).toMatchObject({ kind: "digest", alert: { skills: ["Rust"] } });
    expect(a!.payload.ideas.map((i) => i.title).sort()).toEqual(["Rust bindings for Nova", "WebAssembly plugins"]);
    for (const idea of a!.payload.ideas) expect(idea.matched).toEqual(["Rust"]);
    // The one that asks only for Rust fits better than the one that also asks for WebAssembly.
    expect(a!.payload.ideas.map((i) => [i.title, i.missing])).toEqual([
      ["Rust bindings for Nova", []],
      ["WebAssembly plugins", ["WebAssembly"]],
    ]);
    expect(headline(a!.payload)).toBe("2 new ideas for your skills (Rust)");

    const b = await entriesFor(store, "B");
    expect(b.map((e) => [e.payload.kind, e.payload.ideas.map((i) => i.title)])).toEqual([["idea", ["Python SDK for Nova"]]]);
    expect(headline(b[0]!.payload)).toBe("New idea for your skills: Python SDK for Nova (Nova)");
    expect(await entriesFor(store, "C")).toEqual([]);
    await store.close();
  });

  it("keeps to an alert's project, stage and terms", async () => {
    const store = freshStore();
    await store.subscribe(alert("P", ["Rust"], { project: "meteor" }));
    await store.subscribe(alert("T", ["Rust"], { terms: ["lfx"] }));
    await store.subscribe(alert("S", ["Rust"], { stage: "accepted" }));
    await check(store, "ideas", announceFixture("v1.md"));
    await check(store, "ideas", announceFixture("burst.md"));
    // burst.md's new Rust ideas are Nova's, of no known term, proposals.
    for (const user of ["P", "T", "S"]) expect(await entriesFor(store, user)).toEqual([]);
    await store.close();
  });

  it("reads an alert's term: values against the idea's own term, so a value may name a term to come", () => {
    expect(alertWantsTerm([], "other")).toBe(true);
    expect(alertWantsTerm(["lfx"], "lfx-2027-1")).toBe(true);
    expect(alertWantsTerm(["2027"], "lfx-2027-1")).toBe(true);
    expect(alertWantsTerm(["gsoc-2027"], "gsoc-2027")).toBe(true);
    expect(alertWantsTerm(["gsoc"], "lfx-2026-3")).toBe(false);
    expect(alertWantsTerm(["2026", "gsoc"], "lfx-2027-1")).toBe(false);
  });

  it("never lists an idea that asks for none of the person's skills, and lists ten at most, counting the rest", () => {
    const ideas = parseIdeas(ideasFile([...Array.from({ length: 14 }, (_, i) => ({ title: `Rust idea ${i + 1}`, skills: "Rust" })), { title: "A Go idea", skills: "Go" }]), { source: "t" }).ideas;
    const ranked = rankForAlert({ skills: ["Rust"] }, ideas);
    expect(ranked).toHaveLength(14);
    expect(ranked.some((i) => i.title === "A Go idea")).toBe(false);
    const payload = alertPayload({ skills: ["Rust"] }, ranked);
    expect(payload.ideas).toHaveLength(ALERT_IDEAS_MAX);
    expect(payload.alert).toEqual({ skills: ["Rust"], more: 4 });
    expect(headline(payload)).toBe("14 new ideas for your skills (Rust)");
    const text = plainAnnouncement(payload);
    expect(text).toContain("You have: Rust");
    expect(text).toContain("… and 4 more: recommend Rust");
    expect(text).toContain("notify off");
    // An idea alone: one card.
    expect(alertPayload({ skills: ["Rust"] }, [announcedIdea(ideas[0]!)]).kind).toBe("idea");
  });

  it("is private: the workspace's channel listings never count or show an alert", async () => {
    const store = freshStore();
    await store.subscribe(alert("A", ["Rust"], { platform: "slack", workspaceId: "T1" }));
    expect(await store.subscriptions({ platform: "slack", workspaceId: "T1", kind: "channel" })).toEqual([]);
    expect(await store.activity({ platform: "slack", workspaceId: "T1" }, 0)).toEqual([]);
    await check(store, "ideas", announceFixture("v1.md"));
    await check(store, "ideas", announceFixture("burst.md"));
    const [entry] = await entriesFor(store, "A");
    await store.claimDue({ owner: "o", platforms: ["slack"], now: Date.now() + 1000, leaseMs: 60_000, limit: 10 });
    await store.markSent(entry!.id, "o", "ts", Date.now());
    expect(await store.recentPosts({ platform: "slack", workspaceId: "T1" }, 5)).toEqual([]);
    await store.close();
  });
});
