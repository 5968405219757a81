import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { DATABASE_FILE, SqliteStore } from "../../src/store/sqlite-store.ts";
import type { StoreTransaction } from "../../src/store/store.ts";
import { SHELL, subscription, tempDir } from "../announce/helpers.ts";
import { gate, version } from "./helpers.ts";


// Commit, rollback, refusals and two processes recording at once are in the store contract
// (test/store/contract.ts); here, how SQLite's write lock and connections behave.
describe("SqliteStore.transaction", () => {
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
