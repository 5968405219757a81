import { describe, expect, it } from "vitest";
import { SourceWatcher } from "../../src/announce/watcher.ts";
import { CatalogHolder } from "../../src/catalog/holder.ts";
import { announceFixture, freshStore } from "./helpers.ts";

describe("SourceWatcher on a schedule", () => {
  it("runs on the cron expression, never two checks at once, swaps the holder's catalogue, and stops", async () => {
    const store = freshStore();
    const holder = new CatalogHolder();
    let running = 0;
    let most = 0;
    let loads = 0;
    const watcher = new SourceWatcher({
      store,
      holder,
      sources: [{ label: "a", kind: "file", location: "a", term: "other", role: "proposals" as const }],
      announceExisting: false,
      load: async () => {
        loads++;
        running++;
        most = Math.max(most, running);
        // Slower than the schedule (every second): the ticks meanwhile are skipped.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        running--;
        return announceFixture(loads === 1 ? "v1.md" : "v3-added.md");
      },
    });
    const startup = watcher.checkNow();
    expect(watcher.checkNow()).toBe(startup); // a second call joins the running check
    await startup;
    expect(holder.current.size).toBe(3);
    watcher.start("* * * * * *");
    await new Promise((resolve) => setTimeout(resolve, 4_200));
    await watcher.stop();
    const after = loads;
    expect(after).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(holder.current.size).toBe(4);
    expect(watcher.current).toBe(holder.current);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(loads).toBe(after);
    await store.close();
  });
});
