/**
 * What every Store must do, whatever keeps it (src/store/store.ts): one suite, run against the
 * SQLite store (contract-sqlite.test.ts) and the PostgreSQL store (contract-postgres.test.ts).
 * What only one store has (its file or server, its migrations, rows damaged behind its back) is
 * tested beside it. The factory gives an empty store for each test, `reopen` a second instance on
 * the same database (another process, as far as the store can tell), and `cleanup` closes both and
 * removes the database.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DAY_MS, ALERT_MESSAGES_PER_DAY } from "../../src/announce/alerts.ts";
import { recordCheck } from "../../src/announce/record.ts";
import { readIdeas } from "../../src/sources/read.ts";
import { ALERT_SCOPE, type Store, type StoreTransaction } from "../../src/store/store.ts";
import { alert, announceFixture, check, entriesFor, ideasFile, SHELL, subscription } from "../announce/helpers.ts";
import { gate, recordAndEnqueue, v1Ideas, version } from "./helpers.ts";
import { fixture } from "../helpers.ts";

export interface ContractStore {
  store: Store;
  /** Another instance on the same database: a second process. */
  reopen: () => Promise<Store>;
  /** Closes every instance and removes the database. */
  cleanup: () => Promise<void>;
}

const DISCORD = { platform: "discord" as const, workspaceId: "G1", channelId: "C1" };



export function storeContract(name: string, factory: () => Promise<ContractStore>): void {
  describe(`Store contract: ${name}`, () => {
    let current: ContractStore | undefined;
    beforeEach(async () => {
      current = await factory();
    });
    afterEach(async () => {
      const done = current;
      current = undefined;
      await done?.cleanup();
    });
    const store = (): Store => current!.store;
    const reopen = (): Promise<Store> => current!.reopen();

    describe("sources and ideas", () => {
      it("keeps each source's ideas (validated) in file order, and its validators; an error or an unchanged check changes nothing else", async () => {
        const s = store();
        expect(await s.sourceState("a")).toBeUndefined();
        expect(await s.presentIdeas("a")).toEqual([]);
        await check(s, "a", announceFixture("v1.md"));
        expect((await s.presentIdeas("a")).map((i) => i.title)).toEqual(["Plugin system for the Comet CLI", "Kubernetes operator for Comet", "Faster storage compaction"]);
        expect(await s.presentIdeas("a")).toEqual(v1Ideas.map((i) => expect.objectContaining({ id: i.id, title: i.title })));
        const state = (await s.sourceState("a"))!;
        expect(state.contentHash).toMatch(/^[0-9a-f]{64}$/);
        expect(state.parsedWith).toMatch(/^sha256:/);
        expect(state).toMatchObject({ label: "a", location: "a", presentCount: 3, lastError: null });
        expect(state.recordedAt).toBe(state.checkedAt);
        await s.recordError("a", "a", "boom", new Date("2030-01-01T00:00:00Z"));
        expect(await s.sourceState("a")).toMatchObject({ lastError: "boom", presentCount: 3, checkedAt: "2030-01-01T00:00:00.000Z", recordedAt: state.recordedAt, contentHash: state.contentHash });
        await s.recordUnchanged("a", "a2", { etag: "e", lastModified: "lm", contentHash: "c" }, new Date("2030-01-02T00:00:00Z"));
        expect(await s.sourceState("a")).toMatchObject({ location: "a2", etag: "e", lastModified: "lm", contentHash: "c", lastError: null, checkedAt: "2030-01-02T00:00:00.000Z", recordedAt: state.recordedAt });
        // An error on a source never recorded makes its row, with no version.
        await s.recordError("b", "b", "down", new Date());
        expect(await s.sourceState("b")).toMatchObject({ lastError: "down", recordedAt: null, presentCount: 0, contentHash: null });
        // A new version: the ideas it dropped are no longer present, and none is new again.
        await s.subscribe(subscription(SHELL));
        const outcome = await check(s, "a", announceFixture("v3-added.md"));
        expect(outcome.newIdeas.map((i) => i.title)).toEqual(["Web dashboard for Comet jobs"]);
        expect((await s.sourceState("a"))!.presentCount).toBe((await s.presentIdeas("a")).length);
      });
    });

    describe("subscriptions", () => {
      it("one subscription per channel: subscribe again replaces its filters and lifts a pause; unsubscribe removes it and its pending entries", async () => {
        const s = store();
        const first = await s.subscribe(subscription(DISCORD, { skills: ["Go"] }));
        expect(first.created).toBe(true);
        expect(first.subscription).toMatchObject({ ...DISCORD, kind: "channel", skills: ["Go"], project: null, stage: "proposed", terms: [], createdBy: "tester", pausedReason: null });
        await s.pauseSubscription(first.subscription.id, "gone: Unknown Channel");
        expect((await s.subscriptions(DISCORD))[0]!.pausedReason).toBe("gone: Unknown Channel");
        const second = await s.subscribe(subscription(DISCORD, { skills: ["Rust"], project: "Meteor" }));
        expect(second).toMatchObject({ created: false, subscription: { id: first.subscription.id, skills: ["Rust"], project: "Meteor", pausedReason: null, createdAt: first.subscription.createdAt } });
        await check(s, "a", announceFixture("v1.md"), { announceExisting: true });
        expect(await s.outbox()).toHaveLength(1);
        expect(await s.unsubscribe(DISCORD)).toBe(true);
        expect(await s.unsubscribe(DISCORD)).toBe(false);
        expect(await s.outbox()).toEqual([]);
        expect(await s.subscriptions()).toEqual([]);
      });

      it("lists subscriptions by platform, workspace, channel and kind, oldest first; keeps stage and terms; any platform's name, no other", async () => {
        const s = store();
        const a = (await s.subscribe(subscription(DISCORD))).subscription;
        const b = (await s.subscribe({ ...subscription({ ...DISCORD, channelId: "C2" }), stage: "accepted" })).subscription;
        const c = (await s.subscribe(subscription({ platform: "slack", workspaceId: "T1", channelId: "C1" }))).subscription;
        const d = (await s.subscribe(alert("U1", ["Rust"], { terms: ["lfx", "2027"] }))).subscription;
        const m = (await s.subscribe({ platform: "matrix", workspaceId: "S", channelId: "!room", skills: [], project: null, createdBy: "u", now: new Date() })).subscription;
        expect(new Set([a.id, b.id, c.id, d.id, m.id]).size).toBe(5);
        expect((await s.subscriptions()).map((x) => x.id)).toEqual([a.id, b.id, c.id, d.id, m.id]);
        expect((await s.subscriptions({ platform: "discord" })).map((x) => x.id)).toEqual([a.id, b.id, d.id]);
        expect((await s.subscriptions({ platform: "discord", workspaceId: "G1" })).map((x) => x.id)).toEqual([a.id, b.id]);
        expect((await s.subscriptions({ channelId: "C1" })).map((x) => x.id)).toEqual([a.id, c.id]);
        expect((await s.subscriptions({ kind: "channel" })).map((x) => x.id)).toEqual([a.id, b.id, c.id, m.id]);
        expect(await s.subscriptions({ kind: "dm" })).toEqual([d]);
        expect(d).toMatchObject({ kind: "dm", workspaceId: ALERT_SCOPE, terms: ["lfx", "2027"], skills: ["Rust"] });
        expect(b.stage).toBe("accepted");
        await expect(s.subscribe({ platform: "Not A Name", workspaceId: "S", channelId: "R", skills: [], project: null, createdBy: "u", now: new Date() })).rejects.toThrow(/check constraint/i);
        // Another process sees them all.
        const other = await reopen();
        expect(await other.subscriptions()).toEqual(await s.subscriptions());
      });

      it("an alert is private: the workspace's channel listings never count or show it", async () => {
        const s = store();
        await s.subscribe(alert("A", ["Rust"], { platform: "slack", workspaceId: "T1" }));
        expect(await s.subscriptions({ platform: "slack", workspaceId: "T1", kind: "channel" })).toEqual([]);
        expect(await s.activity({ platform: "slack", workspaceId: "T1" }, 0)).toEqual([]);
        await check(s, "ideas", announceFixture("v1.md"));
        await check(s, "ideas", announceFixture("burst.md"));
        const [entry] = await entriesFor(s, "A");
        expect(entry).toBeDefined();
        await s.claimDue({ owner: "o", platforms: ["slack"], now: Date.now() + 1000, leaseMs: 60_000, limit: 10 });
        expect(await s.markSent(entry!.id, "o", "ts", Date.now())).toBe(true);
        expect(await s.recentPosts({ platform: "slack", workspaceId: "T1" }, 5)).toEqual([]);
      });
    });

    describe("outbox leases", () => {
      it("leases an entry to one owner at a time, until the lease expires; only the holder marks it", async () => {
        const a = store();
        const b = await reopen();
        await a.subscribe(subscription(SHELL));
        await check(a, "a", announceFixture("v1.md"), { announceExisting: true });
        const now = Date.now() + 1000;
        const claimed = await a.claimDue({ owner: "A", platforms: ["shell"], now, leaseMs: 60_000, limit: 10 });
        expect(claimed.map((e) => e.attempts)).toEqual([1, 1, 1]);
        expect(claimed[0]!.subscription).toMatchObject({ ...SHELL, kind: "channel" });
        expect(claimed[0]!.key).toMatch(new RegExp(`^[0-9a-f]{8}-${claimed[0]!.id.toString(36)}$`));
        expect(await b.claimDue({ owner: "B", platforms: ["shell"], now: now + 59_000, leaseMs: 60_000, limit: 10 })).toEqual([]);
        // Platforms without a sink are left alone.
        expect(await b.claimDue({ owner: "B", platforms: ["discord"], now: now + 61_000, leaseMs: 60_000, limit: 10 })).toEqual([]);
        expect(await b.claimDue({ owner: "B", platforms: [], now: now + 61_000, leaseMs: 60_000, limit: 10 })).toEqual([]);
        const taken = await b.claimDue({ owner: "B", platforms: ["shell"], now: now + 61_000, leaseMs: 60_000, limit: 10 });
        expect(taken.map((e) => e.attempts)).toEqual([2, 2, 2]);
        // The same database: the same keys, whichever process reads them.
        expect(taken.map((e) => e.key)).toEqual(claimed.map((e) => e.key));
        expect(await a.markSent(claimed[0]!.id, "A", "m1", now)).toBe(false);
        expect(await a.markRetry(claimed[1]!.id, "A", now, "x")).toBe(false);
        expect(await a.markFailed(claimed[2]!.id, "A", "x", now)).toBe(false);
        expect(await a.release(claimed[2]!.id, "A")).toBe(false);
        expect(await b.markSent(taken[0]!.id, "B", "m1", now)).toBe(true);
        expect(await b.markRetry(taken[1]!.id, "B", now + 120_000, "503")).toBe(true);
        expect(await b.markFailed(taken[2]!.id, "B", "refused", now)).toBe(true);
        // Done with: no one marks it again.
        expect(await b.markSent(taken[0]!.id, "B", "m2", now)).toBe(false);
        const rows = await a.outbox();
        expect(rows.map((r) => [r.status, r.messageId, r.leaseOwner, r.leaseUntil])).toEqual([
          ["sent", "m1", null, null],
          ["pending", null, null, null],
          ["failed", null, null, null],
        ]);
        expect(rows[0]!.sentAt).toBe(now);
        expect(rows[1]!.nextAttemptAt).toBe(now + 120_000);
        expect(rows[1]!.lastError).toBe("503");
        expect(rows[2]!.lastError).toBe("refused");
        expect(await a.outbox({ status: "pending" })).toEqual([rows[1]]);
        // Due again at its time, to anyone.
        expect(await a.claimDue({ owner: "A", platforms: ["shell"], now: now + 119_000, leaseMs: 60_000, limit: 10 })).toEqual([]);
        expect((await a.claimDue({ owner: "A", platforms: ["shell"], now: now + 120_000, leaseMs: 60_000, limit: 10 })).map((e) => [e.id, e.attempts])).toEqual([[taken[1]!.id, 3]]);
      });

      it("release hands an entry back, due at once and its attempt taken back; a paused subscription's entries wait", async () => {
        const s = store();
        const { subscription: sub } = await s.subscribe(subscription(SHELL));
        await check(s, "a", announceFixture("v1.md"), { announceExisting: true });
        const now = Date.now() + 1000;
        const [first] = await s.claimDue({ owner: "A", platforms: ["shell"], now, leaseMs: 60_000, limit: 1 });
        expect(first!.attempts).toBe(1);
        expect(await s.release(first!.id, "B")).toBe(false);
        expect(await s.release(first!.id, "A")).toBe(true);
        expect((await s.outbox())[0]).toMatchObject({ id: first!.id, attempts: 0, leaseOwner: null, leaseUntil: null, status: "pending" });
        const again = await s.claimDue({ owner: "B", platforms: ["shell"], now, leaseMs: 60_000, limit: 10 });
        expect(again.map((e) => [e.id, e.attempts])[0]).toEqual([first!.id, 1]);
        for (const e of again) await s.release(e.id, "B");
        await s.pauseSubscription(sub.id, "forbidden");
        expect(await s.claimDue({ owner: "A", platforms: ["shell"], now, leaseMs: 60_000, limit: 10 })).toEqual([]);
        // Subscribing again lifts the pause: its entries go out.
        await s.subscribe(subscription(SHELL));
        expect(await s.claimDue({ owner: "A", platforms: ["shell"], now, leaseMs: 60_000, limit: 10 })).toHaveLength(3);
      });

      it("two processes claiming at the same time never lease one entry twice", async () => {
        const a = store();
        const b = await reopen();
        for (let i = 0; i < 8; i++) await a.subscribe(subscription({ platform: "shell", workspaceId: "shell", channelId: `c${i}` }));
        await check(a, "a", announceFixture("v1.md"), { announceExisting: true });
        const total = (await a.outbox()).length;
        expect(total).toBe(24);
        const now = Date.now() + 1000;
        const claims = Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).claimDue({ owner: `o${i}`, platforms: ["shell"], now, leaseMs: 60_000, limit: 3 }));
        const results = await Promise.all(claims);
        const ids = results.flat().map((e) => e.id);
        expect(ids).toHaveLength(total);
        expect(new Set(ids).size).toBe(total);
        const rows = await b.outbox();
        expect(rows.every((r) => r.attempts === 1 && r.leaseOwner !== null)).toBe(true);
        results.forEach((claimed, i) => {
          for (const e of claimed) expect(rows.find((r) => r.id === e.id)!.leaseOwner).toBe(`o${i}`);
        });
      });
    });

    describe("the transaction", () => {
      it("commits what the work wrote and returns its result; the primitives read it back", async () => {
        const s = store();
        await s.subscribe(subscription(SHELL));
        expect(await s.transaction(async (tx) => (await recordAndEnqueue(tx, "a"), "done"))).toBe("done");
        expect((await s.sourceState("a"))?.presentCount).toBe(v1Ideas.length);
        expect(await s.outbox()).toHaveLength(1);
        const known = await s.transaction(async (tx) => ({
          state: await tx.sourceState("a"),
          subscriptions: await tx.subscriptions(),
          present: await tx.presentIds("a"),
          known: await tx.knownIdeas({ ids: [v1Ideas[0]!.id, "never-seen"], issueKeys: [`key ${v1Ideas[1]!.id}`, "no such key"] }),
        }));
        expect(known.state).toMatchObject({ label: "a", parsedWith: "p", contentHash: "h", presentCount: v1Ideas.length });
        expect(known.subscriptions).toEqual(await s.subscriptions());
        expect(known.present.sort()).toEqual(v1Ideas.map((i) => i.id).sort());
        expect(known.known.ids).toEqual(new Set([v1Ideas[0]!.id]));
        expect(known.known.ideaByIssue).toEqual(new Map([[`key ${v1Ideas[1]!.id}`, v1Ideas[1]!.id]]));
        expect(known.known.accepted).toEqual(new Set());
      });

      it("knownIdeas: an issue key identifies the smallest id that holds it; accepted ideas are known as such in any source", async () => {
        const s = store();
        const accepted = readIdeas(fixture("terms/lfx-2026-3-accepted.md"), { label: "t", term: "lfx-2026-3", role: "accepted" }).ideas;
        expect(accepted.length).toBeGreaterThan(1);
        const [x, y] = [accepted[0]!, accepted[1]!];
        const [small, large] = [x.id, y.id].sort();
        await s.transaction(async (tx) => {
          await tx.recordVersion({ ...version("t"), ideas: [{ idea: x, issueKeys: ["shared", "only-x"] }, { idea: y, issueKeys: ["shared"] }] });
        });
        const known = await s.transaction((tx) => tx.knownIdeas({ ids: [x.id, y.id, "nope"], issueKeys: ["shared", "only-x", "nope"] }));
        expect(known.ids).toEqual(new Set([x.id, y.id]));
        expect(x.stage).toBe("accepted");
        expect(known.accepted).toEqual(new Set([x, y].filter((i) => i.stage === "accepted").map((i) => i.id)));
        expect(known.ideaByIssue).toEqual(new Map([["shared", small], ["only-x", x.id]]));
        expect(large).not.toBe(small);
        // A version without them: they stay known, no longer present.
        await s.transaction((tx) => tx.recordVersion({ ...version("t"), ideas: [] }));
        const after = await s.transaction(async (tx) => ({ present: await tx.presentIds("t"), known: await tx.knownIdeas({ ids: [x.id], issueKeys: [] }) }));
        expect(after.present).toEqual([]);
        expect(after.known.ids).toEqual(new Set([x.id]));
        expect(await s.presentIdeas("t")).toEqual([]);
      });

      it("a failing work rolls back: nothing it wrote is kept, and its error comes through", async () => {
        const s = store();
        await s.subscribe(subscription(SHELL));
        const failing = s.transaction(async (tx) => {
          await recordAndEnqueue(tx, "a");
          throw new Error("boom");
        });
        await expect(failing).rejects.toThrow("boom");
        expect(await s.sourceState("a")).toBeUndefined();
        expect(await s.presentIdeas("a")).toEqual([]);
        expect(await s.outbox()).toEqual([]);
        expect(await s.knownTerms()).toEqual({ recorded: false, terms: [] });
        expect(await s.transaction((tx) => tx.knownIdeas({ ids: [], issueKeys: [`key ${v1Ideas[0]!.id}`] }))).toMatchObject({ ideaByIssue: new Map() });
        // The store goes on: the next transaction commits.
        await s.transaction((tx) => recordAndEnqueue(tx, "a"));
        expect(await s.outbox()).toHaveLength(1);
      });

      it("refuses a transaction used after it ended, and a call to the store from inside its own transaction", async () => {
        const s = store();
        let leaked: StoreTransaction | undefined;
        await s.transaction(async (tx) => {
          leaked = tx;
        });
        await expect(leaked!.recordVersion(version("a"))).rejects.toThrow(/transaction has ended/);
        await expect(leaked!.subscriptions()).rejects.toThrow(/transaction has ended/);
        await expect(leaked!.enqueue([], new Date())).rejects.toThrow(/transaction has ended/);
        await expect(
          s.transaction(async (tx) => {
            leaked = tx;
            await s.subscriptions();
          }),
        ).rejects.toThrow(/inside its own transaction/);
        await expect(leaked!.sourceState("a")).rejects.toThrow(/transaction has ended/);
        expect(await s.sourceState("a")).toBeUndefined();
      });

      it("runs two transactions one after the other, even from two processes", async () => {
        const a = store();
        const b = await reopen();
        const events: string[] = [];
        const first = gate();
        const one = a.transaction(async (tx) => {
          events.push("one starts");
          await first.opened;
          await tx.recordVersion(version("one"));
          events.push("one ends");
        });
        // Let the first one take the lock before the second asks for it.
        await new Promise((resolve) => setTimeout(resolve, 100));
        const two = b.transaction(async (tx) => {
          events.push("two starts");
          // It sees what the first one committed.
          events.push(`two sees one: ${(await tx.sourceState("one")) !== undefined}`);
          await tx.recordVersion(version("two"));
          events.push("two ends");
        });
        await new Promise((resolve) => setTimeout(resolve, 150));
        expect(events).toEqual(["one starts"]);
        first.open();
        await Promise.all([one, two]);
        expect(events).toEqual(["one starts", "one ends", "two starts", "two sees one: true", "two ends"]);
      });

      it("records one version once when two processes record it at the same time", async () => {
        const a = store();
        const b = await reopen();
        await a.subscribe(subscription(SHELL));
        await check(a, "s", announceFixture("v1.md"));
        const [x, y] = await Promise.all([check(a, "s", announceFixture("v3-added.md")), check(b, "s", announceFixture("v3-added.md"))]);
        expect([...x.newIdeas, ...y.newIdeas].map((i) => i.title)).toEqual(["Web dashboard for Comet jobs"]);
        expect(await a.outbox()).toHaveLength(1);
        expect(await b.outbox()).toHaveLength(1);
      });

      it("recentEntries counts a subscription's entries since a time and finds its newest untried one; rewriteUntried changes only an untried entry", async () => {
        const s = store();
        const one = (await s.subscribe(subscription(SHELL))).subscription;
        const two = (await s.subscribe(subscription(DISCORD))).subscription;
        const three = (await s.subscribe(subscription({ ...DISCORD, channelId: "C3" }))).subscription;
        const t0 = Date.parse("2026-12-01T00:00:00Z");
        const payload = (n: number) => ({ kind: "idea" as const, ideas: [], n }) as never;
        await s.transaction(async (tx) => {
          await tx.enqueue([{ subscriptionId: one.id, ideaIds: ["old"], payload: payload(0) }], new Date(t0 - DAY_MS - 1));
          await tx.enqueue(
            [
              { subscriptionId: one.id, ideaIds: ["a"], payload: payload(1) },
              { subscriptionId: one.id, ideaIds: ["b"], payload: payload(2), dueAt: t0 + DAY_MS },
              { subscriptionId: two.id, ideaIds: ["c"], payload: payload(3) },
            ],
            new Date(t0),
          );
        });
        const rows = await s.outbox();
        expect(rows.map((r) => [r.subscription.id, r.ideaIds, r.createdAt, r.nextAttemptAt])).toEqual([
          [one.id, ["old"], t0 - DAY_MS - 1, t0 - DAY_MS - 1],
          [one.id, ["a"], t0, t0],
          [one.id, ["b"], t0, t0 + DAY_MS],
          [two.id, ["c"], t0, t0],
        ]);
        const [, a, b, c] = rows;
        const recent = await s.transaction((tx) => tx.recentEntries([one.id, two.id, three.id], t0 - DAY_MS));
        expect([...recent.keys()].sort()).toEqual([one.id, two.id].sort());
        expect(recent.get(one.id)).toEqual({ count: 2, oldestAt: t0, untried: { id: b!.id, ideaIds: ["b"], payload: payload(2) } });
        expect(recent.get(two.id)).toEqual({ count: 1, oldestAt: t0, untried: { id: c!.id, ideaIds: ["c"], payload: payload(3) } });
        // Tried: no longer untried, and no longer rewritten.
        const [claimed] = await s.claimDue({ owner: "o", platforms: ["discord"], now: t0, leaseMs: 60_000, limit: 10 });
        expect(claimed!.id).toBe(c!.id);
        const after = await s.transaction(async (tx) => ({
          recent: await tx.recentEntries([two.id], t0 - DAY_MS),
          rewroteTried: await tx.rewriteUntried(c!.id, ["c", "d"], payload(4)),
          rewroteUntried: await tx.rewriteUntried(b!.id, ["b", "e"], payload(5)),
          rewroteGone: await tx.rewriteUntried(999_999, ["x"], payload(6)),
        }));
        expect(after).toMatchObject({ rewroteTried: false, rewroteUntried: true, rewroteGone: false });
        expect(after.recent.get(two.id)).toEqual({ count: 1, oldestAt: t0, untried: null });
        const rewritten = (await s.outbox()).find((r) => r.id === b!.id)!;
        expect(rewritten).toMatchObject({ ideaIds: ["b", "e"], payload: payload(5), nextAttemptAt: t0 + DAY_MS, attempts: 0 });
        expect((await s.outbox()).find((r) => r.id === a!.id)!.ideaIds).toEqual(["a"]);
        expect(await s.transaction((tx) => tx.recentEntries([], 0))).toEqual(new Map());
      });

      it(`personal alerts: at most ${ALERT_MESSAGES_PER_DAY} messages a day; ideas after that join the message not yet tried, or wait for the day's window`, async () => {
        const s = store();
        await s.subscribe(alert("A", ["Rust"]));
        const start = Date.parse("2026-12-01T00:00:00Z");
        const ideas: Array<{ title: string; skills: string }> = [{ title: "Go first", skills: "Go" }];
        const at = (minutes: number) => ({ now: new Date(start + minutes * 60_000) });
        await check(s, "ideas", ideasFile(ideas), at(0));
        for (let i = 1; i <= ALERT_MESSAGES_PER_DAY + 1; i++) {
          ideas.push({ title: `Rust idea ${i}`, skills: "Rust" });
          await check(s, "ideas", ideasFile(ideas), at(i * 10));
        }
        let entries = await entriesFor(s, "A");
        expect(entries).toHaveLength(ALERT_MESSAGES_PER_DAY);
        expect(entries.at(-1)!.payload.ideas.map((i) => i.title)).toEqual(["Rust idea 5", "Rust idea 6"]);
        expect(entries.at(-1)!.ideaIds).toHaveLength(2);
        const claimed = await s.claimDue({ owner: "o", platforms: ["discord"], now: start + 3_600_000, leaseMs: 60_000, limit: 10 });
        for (const entry of claimed) await s.markSent(entry.id, "o", `m${entry.id}`, start + 3_600_000);
        ideas.push({ title: "Rust idea 7", skills: "Rust" });
        await check(s, "ideas", ideasFile(ideas), at(120));
        entries = await entriesFor(s, "A");
        expect(entries).toHaveLength(ALERT_MESSAGES_PER_DAY + 1);
        expect(entries.at(-1)).toMatchObject({ status: "pending", nextAttemptAt: start + 10 * 60_000 + DAY_MS });
        expect(await s.claimDue({ owner: "o", platforms: ["discord"], now: start + 12 * 3_600_000, leaseMs: 60_000, limit: 10 })).toEqual([]);
        ideas.push({ title: "Rust idea 8", skills: "Rust" });
        await check(s, "ideas", ideasFile(ideas), at(130));
        entries = await entriesFor(s, "A");
        expect(entries).toHaveLength(ALERT_MESSAGES_PER_DAY + 1);
        expect(entries.at(-1)!.payload.ideas.map((i) => i.title)).toEqual(["Rust idea 7", "Rust idea 8"]);
      });
    });

    describe("what was posted where", () => {
      it("sums each channel subscription of one workspace (last post, posts since, waiting, refused) and lists its last posts, newest first", async () => {
        const s = store();
        const here = (channelId: string, workspaceId = "G1") => subscription({ platform: "discord", workspaceId, channelId }, {});
        const busy = (await s.subscribe(here("C1"))).subscription;
        const quiet = (await s.subscribe(here("C2"))).subscription;
        const elsewhere = (await s.subscribe(here("C9", "OTHER"))).subscription;
        await check(s, "a", announceFixture("v1.md"), { announceExisting: true });
        const now = Date.now() + 1000;
        const day = 24 * 60 * 60 * 1000;
        const claimed = await s.claimDue({ owner: "A", platforms: ["discord"], now, leaseMs: 60_000, limit: 100 });
        const of = (id: number) => claimed.filter((e) => e.subscription.id === id);
        const [old, recent, refused] = of(busy.id);
        await s.markSent(old!.id, "A", "m-old", now - 10 * day);
        await s.markSent(recent!.id, "A", "m-new", now - 60 * 60 * 1000);
        await s.markFailed(refused!.id, "A", "refused", now);
        await s.markSent(of(elsewhere.id)[0]!.id, "A", "m-other", now);
        for (const entry of of(quiet.id)) await s.release(entry.id, "A");
        const waitingHere = of(busy.id).length - 3;
        for (const entry of of(busy.id).slice(3)) await s.release(entry.id, "A");

        expect(await s.activity({ platform: "discord", workspaceId: "G1" }, now - 7 * day)).toEqual([
          { subscriptionId: busy.id, lastSentAt: now - 60 * 60 * 1000, sentSince: 1, pending: waitingHere, failed: 1 },
          { subscriptionId: quiet.id, lastSentAt: null, sentSince: 0, pending: of(quiet.id).length, failed: 0 },
        ]);
        const posts = await s.recentPosts({ platform: "discord", workspaceId: "G1" }, 5);
        expect(posts.map((p) => [p.channel, p.sentAt, p.ideaIds])).toEqual([
          [{ platform: "discord", workspaceId: "G1", channelId: "C1" }, now - 60 * 60 * 1000, recent!.ideaIds],
          [{ platform: "discord", workspaceId: "G1", channelId: "C1" }, now - 10 * day, old!.ideaIds],
        ]);
        expect(posts[0]!.payload).toEqual(recent!.payload);
        expect(await s.recentPosts({ platform: "discord", workspaceId: "G1" }, 1)).toHaveLength(1);
        expect(await s.recentPosts({ platform: "discord", workspaceId: "G1" }, 0)).toEqual([]);
        expect(await s.activity({ platform: "slack", workspaceId: "G1" }, 0)).toEqual([]);
      });
    });

    describe("the parse cache and the terms it knows", () => {
      const ideas = readIdeas(fixture("terms/lfx-2026-3-accepted.md"), { label: "t", term: "lfx-2026-3", role: "accepted" }).ideas;

      it("gives back what was cached, exactly; a miss is undefined; writing again replaces it", async () => {
        const s = store();
        expect(await s.cachedIdeas("k")).toBeUndefined();
        await s.cacheIdeas("k", ideas);
        expect(await s.cachedIdeas("k")).toEqual(ideas);
        // Key order too: the cache serves what a parse would.
        expect(JSON.stringify(await s.cachedIdeas("k"))).toBe(JSON.stringify(ideas));
        await s.cacheIdeas("k", ideas.slice(0, 1));
        expect(await s.cachedIdeas("k")).toEqual(ideas.slice(0, 1));
        // Another process shares it.
        expect(await (await reopen()).cachedIdeas("k")).toEqual(ideas.slice(0, 1));
      });

      it("drops entries unused for a month when it writes another", async () => {
        const s = store();
        vi.useFakeTimers({ toFake: ["Date"] });
        try {
          vi.setSystemTime(Date.now() - 40 * DAY_MS);
          await s.cacheIdeas("old", ideas);
          await s.cacheIdeas("used", ideas);
          vi.setSystemTime(Date.now() + 20 * DAY_MS);
          // Used since: kept.
          expect(await s.cachedIdeas("used")).toEqual(ideas);
        } finally {
          vi.useRealTimers();
        }
        await s.cacheIdeas("new", ideas);
        expect(await s.cachedIdeas("old")).toBeUndefined();
        expect(await s.cachedIdeas("used")).toEqual(ideas);
        expect(await s.cachedIdeas("new")).toEqual(ideas);
      });

      it("knows whether any source was recorded, and the terms of the ideas it saw", async () => {
        const s = store();
        expect(await s.knownTerms()).toEqual({ recorded: false, terms: [] });
        await s.recordError("x", "x", "down", new Date());
        expect(await s.knownTerms()).toEqual({ recorded: false, terms: [] });
        await recordCheck(s, { source: "t", location: "t", ideas, validators: { etag: null, lastModified: null, contentHash: "h" }, parsedWith: "p", now: new Date(), announceExisting: false });
        expect(await s.knownTerms()).toEqual({ recorded: true, terms: ["lfx-2026-3"] });
        await check(s, "a", announceFixture("v1.md"));
        const known = await s.knownTerms();
        expect(known.recorded).toBe(true);
        expect(known.terms.sort()).toEqual(["lfx-2026-3", "other"]);
      });
    });

    describe("installations (Slack's Add to Slack)", () => {
      it("an installation reads back as saved, from another process too, and is replaced when installed again", async () => {
        const s = store();
        expect(await s.loadInstallation("slack", "T1")).toBeUndefined();
        await s.saveInstallation("slack", "T1", "sealed-1", 1_000);
        expect(await s.loadInstallation("slack", "T1")).toBe("sealed-1");
        // Per platform: the same key elsewhere is another installation.
        expect(await s.loadInstallation("discord", "T1")).toBeUndefined();
        await s.saveInstallation("slack", "T1", "sealed-2", 2_000);
        expect(await (await reopen()).loadInstallation("slack", "T1")).toBe("sealed-2");
        // Replacing a given record (sealing it again): only while it is still that record.
        await s.saveInstallation("slack", "T1", "resealed-1", 3_000, "sealed-1");
        expect(await s.loadInstallation("slack", "T1")).toBe("sealed-2");
        await s.saveInstallation("slack", "T1", "resealed-2", 3_000, "sealed-2");
        expect(await s.loadInstallation("slack", "T1")).toBe("resealed-2");
        await s.saveInstallation("slack", "T9", "new", 3_000, "anything");
        expect(await s.loadInstallation("slack", "T9")).toBeUndefined();
      });

      it("removing a workspace removes its installation and all its subscriptions (alerts and waiting entries too), and nothing of another workspace or platform", async () => {
        const s = store();
        const slack = (workspaceId: string, channelId: string) => ({ platform: "slack", workspaceId, channelId });
        await s.saveInstallation("slack", "T1", "one", 1);
        await s.saveInstallation("slack", "T2", "two", 1);
        await s.subscribe(subscription(slack("T1", "C1")));
        await s.subscribe(subscription(slack("T1", "C2")));
        await s.subscribe(alert("U1", ["go"], { platform: "slack", workspaceId: "T1" }));
        await s.subscribe(subscription(slack("T2", "C1")));
        // A Discord guild whose id happens to be the same string is not that workspace.
        await s.subscribe(subscription({ platform: "discord", workspaceId: "T1", channelId: "C1" }));
        await s.transaction((tx) => recordAndEnqueue(tx, "a"));
        expect(await s.outbox({ status: "pending" })).toHaveLength(5);

        expect(await s.removeWorkspace("slack", "T1")).toEqual({ installation: true, subscriptions: 3 });
        expect(await s.loadInstallation("slack", "T1")).toBeUndefined();
        expect(await s.loadInstallation("slack", "T2")).toBe("two");
        const left = await s.subscriptions();
        expect(left.map((x) => `${x.platform}/${x.workspaceId}/${x.channelId}`).sort()).toEqual(["discord/T1/C1", "slack/T2/C1"]);
        // Nothing more is posted to the workspace that left.
        const pending = await s.outbox({ status: "pending" });
        expect(pending.map((e) => e.subscription.workspaceId).sort()).toEqual(["T1", "T2"]);
        expect(pending.find((e) => e.subscription.workspaceId === "T1")?.subscription.platform).toBe("discord");
        // Told twice (app_uninstalled, then tokens_revoked): the second finds nothing.
        expect(await s.removeWorkspace("slack", "T1")).toEqual({ installation: false, subscriptions: 0 });
      });
    });

    describe("paged answers", () => {
      it("a lease is held by one owner at a time: free or expired it is taken, held it is renewed by its owner only", async () => {
        const a = store();
        const b = await reopen();
        const t = 1_000_000;
        expect(await a.holdLease("source-check", "A", t, 60_000)).toBe(true);
        expect(await b.holdLease("source-check", "B", t + 1_000, 60_000)).toBe(false);
        // Renewed by its owner: B still waits past the first expiry.
        expect(await a.holdLease("source-check", "A", t + 50_000, 60_000)).toBe(true);
        expect(await b.holdLease("source-check", "B", t + 61_000, 60_000)).toBe(false);
        // A is gone: once its lease expires, B takes it, and A no longer holds it.
        expect(await b.holdLease("source-check", "B", t + 110_000, 60_000)).toBe(true);
        expect(await a.holdLease("source-check", "A", t + 111_000, 60_000)).toBe(false);
        // Another lease's name is another lease.
        expect(await a.holdLease("other-job", "A", t + 111_000, 60_000)).toBe(true);
      });

      it("two processes asking for a free lease at once: exactly one gets it", async () => {
        const others = await Promise.all([reopen(), reopen(), reopen()]);
        const results = await Promise.all([store(), ...others].map((s, i) => s.holdLease("race", `owner-${i}`, 5_000, 60_000)));
        expect(results.filter(Boolean)).toHaveLength(1);
      });

      it("a saved answer reads back as saved, from another process too; unknown is undefined; old ones are dropped as new ones are saved", async () => {
        const s = store();
        const answer = { continuation: { command: "search", input: { query: "rust", page: 2, nested: { a: [1, "b", null] } } }, ownerId: "ada", createdAt: Date.now() };
        await s.saveAnswer("tok1", answer);
        expect(await s.loadAnswer("tok1")).toEqual(answer);
        expect(await s.loadAnswer("nope")).toBeUndefined();
        const other = await reopen();
        expect(await other.loadAnswer("tok1")).toEqual(answer);
        // Saved again under the same token: replaced.
        await s.saveAnswer("tok1", { ...answer, ownerId: "bob" });
        expect(await other.loadAnswer("tok1")).toEqual({ ...answer, ownerId: "bob" });
        await s.saveAnswer("old", { ...answer, createdAt: Date.now() - 3 * DAY_MS });
        expect(await s.loadAnswer("old")).toBeDefined();
        for (let i = 0; i < 100; i++) await s.saveAnswer(`t${i}`, answer);
        expect(await s.loadAnswer("old")).toBeUndefined();
        expect(await s.loadAnswer("t99")).toEqual(answer);
      });
    });
  });
}
