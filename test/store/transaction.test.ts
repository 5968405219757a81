import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { DATABASE_FILE, SqliteStore } from "../../src/store/sqlite-store.ts";
import type { SourceVersion, StoreTransaction } from "../../src/store/store.ts";
import { announceFixture, SHELL, subscription, tempDir } from "../announce/helpers.ts";

const ideas = parseIdeas(announceFixture("v1.md"), { source: "fixture" }).ideas;

const version = (source: string): SourceVersion => ({
  source,
  location: source,
  validators: { etag: null, lastModified: null, contentHash: "h" },
  parsedWith: "p",
  now: new Date(),
  ideas: ideas.map((idea) => ({ idea, issueKeys: [`key ${idea.id}`] })),
});

/** Records a version and announces its first idea to every subscription. */
async function recordAndEnqueue(tx: StoreTransaction, source: string): Promise<void> {
  await tx.recordVersion(version(source));
  const entries = (await tx.subscriptions()).map((s) => ({ subscriptionId: s.id, ideaIds: [ideas[0]!.id], payload: { kind: "idea" as const, ideas: [] } }));
  await tx.enqueue(entries, new Date());
}

/** A promise and the function that resolves it. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe("SqliteStore.transaction", () => {
  it("commits what the work wrote and returns its result; the primitives read it back", async () => {
    const store = new SqliteStore(tempDir());
    await store.subscribe(subscription(SHELL));
    expect(await store.transaction(async (tx) => (await recordAndEnqueue(tx, "a"), "done"))).toBe("done");
    expect((await store.sourceState("a"))?.presentCount).toBe(ideas.length);
    expect(await store.outbox()).toHaveLength(1);
    const known = await store.transaction(async (tx) => ({
      present: await tx.presentIds("a"),
      known: await tx.knownIdeas({ ids: [ideas[0]!.id, "never-seen"], issueKeys: [`key ${ideas[1]!.id}`, "no such key"] }),
    }));
    expect(known.present.sort()).toEqual(ideas.map((i) => i.id).sort());
    expect(known.known.ids).toEqual(new Set([ideas[0]!.id]));
    expect(known.known.ideaByIssue).toEqual(new Map([[`key ${ideas[1]!.id}`, ideas[1]!.id]]));
    await store.close();
  });

  it("a failing work rolls back: nothing it wrote is kept, and its error comes through", async () => {
    const store = new SqliteStore(tempDir());
    await store.subscribe(subscription(SHELL));
    const failing = store.transaction(async (tx) => {
      await recordAndEnqueue(tx, "a");
      throw new Error("boom");
    });
    await expect(failing).rejects.toThrow("boom");
    expect(await store.sourceState("a")).toBeUndefined();
    expect(await store.presentIdeas("a")).toEqual([]);
    expect(await store.outbox()).toEqual([]);
    expect(store.db.prepare("SELECT count(*) AS n FROM idea_issues").get()).toEqual({ n: 0 });
    // The store goes on: the next transaction commits.
    await store.transaction((tx) => recordAndEnqueue(tx, "a"));
    expect(await store.outbox()).toHaveLength(1);
    await store.close();
  });

  it("runs two transactions of one process one after the other, even on two connections to one file", async () => {
    const dir = tempDir();
    const a = new SqliteStore(dir);
    const b = new SqliteStore(dir);
    const events: string[] = [];
    const first = gate();
    const one = a.transaction(async (tx) => {
      events.push("one starts");
      await first.opened;
      await tx.recordVersion(version("one"));
      events.push("one ends");
    });
    const two = b.transaction(async (tx) => {
      events.push("two starts");
      await tx.recordVersion(version("two"));
      events.push("two ends");
    });
    // Let everything that can run do so: the second transaction must still be waiting.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(["one starts"]);
    first.open();
    await Promise.all([one, two]);
    expect(events).toEqual(["one starts", "one ends", "two starts", "two ends"]);
    await a.close();
    await b.close();
  });

  it("another caller's statement waits for the open transaction, so the transaction's rollback does not take it along", async () => {
    const store = new SqliteStore(tempDir());
    const release = gate();
    const failing = store.transaction(async (tx) => {
      await tx.recordVersion(version("a"));
      await release.opened;
      throw new Error("boom");
    });
    let subscribed = false;
    const subscribing = store.subscribe(subscription(SHELL)).then(() => (subscribed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(subscribed).toBe(false);
    release.open();
    await expect(failing).rejects.toThrow("boom");
    await subscribing;
    expect(await store.subscriptions()).toHaveLength(1);
    expect(await store.sourceState("a")).toBeUndefined();
    await store.close();
  });

  it("refuses a call to the store from inside its own transaction rather than wait forever, and a transaction used after it ended", async () => {
    const store = new SqliteStore(tempDir());
    let leaked: StoreTransaction | undefined;
    await expect(
      store.transaction(async (tx) => {
        leaked = tx;
        await store.subscriptions();
      }),
    ).rejects.toThrow(/inside its own transaction/);
    await expect(leaked!.recordVersion(version("a"))).rejects.toThrow(/transaction has ended/);
    expect(await store.sourceState("a")).toBeUndefined();
    await store.close();
  });

  it("takes the write lock before the work reads anything: while another connection holds it, the work does not start", async () => {
    const dir = tempDir();
    const store = new SqliteStore(dir);
    store.db.pragma("busy_timeout = 50");
    const other = new Database(path.join(dir, DATABASE_FILE));
    other.exec("BEGIN IMMEDIATE");
    let ran = false;
    await expect(store.transaction(async () => void (ran = true))).rejects.toThrow(/database is locked/);
    expect(ran).toBe(false);
    other.exec("ROLLBACK");
    other.close();
    await store.transaction(async () => void (ran = true));
    expect(ran).toBe(true);
    await store.close();
  });
});
