import { afterEach, describe, expect, it, vi } from "vitest";
import { SourceWatcher } from "../../src/announce/watcher.ts";
import { CatalogHolder } from "../../src/catalog/holder.ts";
import { readIdeas } from "../../src/sources/read.ts";
import { announceFixture, freshStore } from "./helpers.ts";

/**
 * node-cron 4 schedules with setTimeout and reads the clock with `new Date()`, both of which
 * vi.useFakeTimers() replaces: the schedule is driven by advancing fake time, with no real sleep.
 * The parse runs in this thread (`parse`), so that no worker (with timers of its own) is involved.
 */
describe("SourceWatcher on a schedule", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs on the cron expression, never two checks at once, swaps the holder's catalogue, and stops", async () => {
    // A whole second, so the first tick of "* * * * * *" is exactly one second away.
    vi.useFakeTimers({ now: new Date("2025-01-01T00:00:00.000Z") });
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
      parse: (text, spec) => readIdeas(text, spec),
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
    await vi.advanceTimersByTimeAsync(1_500);
    await startup;
    expect(loads).toBe(1);
    expect(holder.current.size).toBe(3);

    watcher.start("* * * * * *");
    // 4.2 s of schedule from 1.5 s: ticks at 2, 3, 4 and 5 s. The check started at 2 s runs until
    // 3.5 s, so the tick at 3 s is skipped; the one at 4 s starts another (until 5.5 s), and 5 s is skipped.
    await vi.advanceTimersByTimeAsync(4_200);
    expect(loads).toBe(3);
    const stopped = watcher.stop();
    // stop() waits for the check in progress: let its load finish.
    await vi.advanceTimersByTimeAsync(1_500);
    await stopped;
    const after = loads;
    expect(after).toBeGreaterThanOrEqual(2);
    expect(most).toBe(1);
    expect(holder.current.size).toBe(4);
    expect(watcher.holder.current).toBe(holder.current);
    // Stopped: minutes of schedule later, no more checks.
    await vi.advanceTimersByTimeAsync(120_000);
    expect(loads).toBe(after);
    expect(vi.getTimerCount()).toBe(0);
    await store.close();
  });

  it("writes node-cron's own warnings (a missed tick) to the bot's log, not as coloured text on stderr", async () => {
    vi.useFakeTimers({ now: new Date("2025-01-01T00:00:00.000Z") });
    const store = freshStore();
    const lines: Array<{ message: string; level: string | undefined }> = [];
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const watcher = new SourceWatcher({
      store,
      holder: new CatalogHolder(),
      sources: [],
      announceExisting: false,
      log: (message, level) => lines.push({ message, level }),
    });
    watcher.start("* * * * * *");
    // The process "blocked" for ten seconds: the clock jumps, and the next timer finds its tick long past.
    vi.setSystemTime(new Date("2025-01-01T00:00:10.000Z"));
    await vi.advanceTimersByTimeAsync(1_100);
    await watcher.stop();
    const missed = lines.filter((l) => l.message.startsWith("schedule: missed execution"));
    expect(missed.length).toBeGreaterThan(0);
    expect(missed[0]?.level).toBe("warn");
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    await store.close();
  });
});
