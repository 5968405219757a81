import { AsyncLocalStorage } from "node:async_hooks";

/**
 * One queue per database file in this process: every operation of every connection to the file
 * runs after the one before it has settled, so no statement runs inside another caller's open
 * transaction (SQLite's transaction belongs to the connection, not to the caller). Per file, not
 * per connection: better-sqlite3 waits for a lock by blocking the thread, so a second connection
 * in this process waiting for our open transaction would block the event loop that has to finish
 * it. Other processes are kept out by SQLite's own lock (BEGIN IMMEDIATE).
 */
const tails = new Map<string, Promise<void>>();

/** The file whose transaction the current async context is running, while it runs. */
const inTransaction = new AsyncLocalStorage<{ file: string; open: boolean }>();

/** Runs `operation` once every earlier operation on `file` in this process has settled. */
export function queued<T>(file: string, operation: () => T | Promise<T>): Promise<T> {
  const inside = inTransaction.getStore();
  if (inside?.open && inside.file === file) {
    // It would wait for the transaction it runs in: forever.
    return Promise.reject(new Error("the store was called inside its own transaction: use the transaction's methods (tx), not the store's"));
  }
  const result = (tails.get(file) ?? Promise.resolve()).then(operation);
  const tail = result.then(
    () => {},
    () => {},
  );
  tails.set(file, tail);
  // Forget an idle file, so the map does not grow with every database opened.
  void tail.then(() => {
    if (tails.get(file) === tail) tails.delete(file);
  });
  return result;
}

/** Runs `work` marked as `file`'s transaction, so that a call to the store from inside it fails instead of hanging. */
export async function asTransaction<T>(file: string, work: () => Promise<T>): Promise<T> {
  const marker = { file, open: true };
  try {
    return await inTransaction.run(marker, work);
  } finally {
    // Work it started and did not wait for may call the store later, as any other caller.
    marker.open = false;
  }
}
