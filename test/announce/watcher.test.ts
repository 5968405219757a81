import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SourceWatcher } from "../../src/announce/watcher.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";

const idea = (title: string) => `### Orbit\n\n#### ${title}\n\n- Mentor(s): Ada (@ada)\n`;

describe("SourceWatcher", () => {
  it("swaps in a new catalogue after each check, keeps a failing source's last ideas, and reports new ones", async () => {
    const store = new SqliteStore(mkdtempSync(path.join(tmpdir(), "ideas-watch-")));
    let text = idea("One");
    let down = false;
    const found: string[][] = [];
    const watcher = new SourceWatcher({
      store,
      sources: [{ label: "a", kind: "file", location: "a", term: "other", role: "proposals" as const }],
      announceExisting: false,
      load: async () => {
        if (down) throw new Error("connection refused");
        return text;
      },
      onNewIdeas: (ideas) => void found.push(ideas.map((i) => i.title)),
    });
    await watcher.checkNow();
    const first = watcher.holder.current;
    expect(first.ideas.map((i) => i.title)).toEqual(["One"]);
    text += idea("Two");
    await watcher.checkNow();
    expect(watcher.holder.current).not.toBe(first);
    expect(watcher.holder.current.ideas.map((i) => i.title)).toEqual(["One", "Two"]);
    expect(found).toEqual([["Two"]]);
    down = true;
    await watcher.checkNow();
    expect(watcher.holder.current.ideas.map((i) => i.title)).toEqual(["One", "Two"]);
    // The catalogue handed out earlier is untouched: a query in flight sees one consistent list.
    expect(first.ideas.map((i) => i.title)).toEqual(["One"]);
    await watcher.stop();
    store.close();
  });

  it("restores the last run's catalogue from the store without reading a source, so answers need not wait for a slow one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-restore-"));
    const sources = [
      { label: "a", kind: "file" as const, location: "a", term: "other", role: "proposals" as const },
      { label: "b", kind: "file" as const, location: "b", term: "other", role: "proposals" as const },
    ];
    const first = new SqliteStore(dir);
    const seed = new SourceWatcher({ store: first, sources, announceExisting: false, load: async (spec) => idea(spec.label === "a" ? "One" : "Two") });
    await seed.checkNow();
    await first.close();

    // The next run: the sources never answer while it restores.
    const store = new SqliteStore(dir);
    let reads = 0;
    const watcher = new SourceWatcher({ store, sources, announceExisting: false, load: () => (reads++, new Promise<string>(() => {})) });
    expect(watcher.holder.current.loading).toBe(true);
    expect(await watcher.restore()).toBe(2);
    expect(reads).toBe(0);
    expect(watcher.holder.current.loading).toBe(false);
    expect(watcher.holder.current.ideas.map((i) => i.title).sort()).toEqual(["One", "Two"]);
    await store.close();
  });

  it("restores nothing on a first start: the holder stays loading until the first check", async () => {
    const store = new SqliteStore(mkdtempSync(path.join(tmpdir(), "ideas-restore-")));
    const watcher = new SourceWatcher({ store, sources: [{ label: "a", kind: "file", location: "a", term: "other", role: "proposals" as const }], announceExisting: false, load: async () => idea("One") });
    expect(await watcher.restore()).toBe(0);
    expect(watcher.holder.current.loading).toBe(true);
    await watcher.checkNow();
    expect(watcher.holder.current.loading).toBe(false);
    expect(watcher.holder.current.size).toBe(1);
    await watcher.stop();
    await store.close();
  });

  it("serves what another process recorded (ideas announce --once, a second replica) by its next check, announcing nothing twice", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-two-"));
    let text = idea("One");
    const sources = [{ label: "a", kind: "file" as const, location: "a", term: "other", role: "proposals" as const }];
    const options = { sources, announceExisting: false, load: async () => text };
    const storeA = new SqliteStore(dir);
    const bot = new SourceWatcher({ ...options, store: storeA });
    await bot.checkNow();
    expect(bot.holder.current.ideas.map((i) => i.title)).toEqual(["One"]);

    // Another process checks first and records the new version (and announces its idea).
    text += idea("Two");
    const storeB = new SqliteStore(dir);
    const other = new SourceWatcher({ ...options, store: storeB });
    expect((await other.checkNow()).map((i) => i.title)).toEqual(["Two"]);
    await storeB.close();

    // The bot's next check reads the same bytes (unchanged for it) and serves the stored version.
    expect(await bot.checkNow()).toEqual([]);
    expect(bot.holder.current.ideas.map((i) => i.title)).toEqual(["One", "Two"]);
    // Nothing changed since: the catalogue is not rebuilt.
    const built = bot.holder.current;
    await bot.checkNow();
    expect(bot.holder.current).toBe(built);
    await bot.stop();
    await storeA.close();
  });

  it("with a leader: one replica per tick reads the sources, the others serve what it recorded; a dead leader is replaced at the next tick", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-leader-"));
    const sources = [{ label: "a", kind: "file" as const, location: "a", term: "other", role: "proposals" as const }];
    let text = idea("One");
    const reads = { A: 0, B: 0 };
    const stores: SqliteStore[] = [];
    const replica = (name: "A" | "B") => {
      const store = new SqliteStore(dir);
      stores.push(store);
      return new SourceWatcher({ store, sources, announceExisting: false, leader: { owner: name }, load: async () => (reads[name]++, text) });
    };
    const a = replica("A");
    const b = replica("B");
    await a.scheduledCheck();
    await b.scheduledCheck();
    expect(reads).toEqual({ A: 1, B: 0 });
    // B read nothing, and serves what A recorded.
    expect(b.holder.current.ideas.map((i) => i.title)).toEqual(["One"]);
    text += idea("Two");
    await a.scheduledCheck();
    await b.scheduledCheck();
    expect(reads).toEqual({ A: 2, B: 0 });
    expect(b.holder.current.ideas.map((i) => i.title)).toEqual(["One", "Two"]);
    // A dies holding the lease: once it expires (before the next tick), B takes over.
    stores[0]!.db.prepare("UPDATE leases SET until = 0").run();
    await b.scheduledCheck();
    expect(reads).toEqual({ A: 2, B: 1 });
    await a.stop();
    await b.stop();
    for (const store of stores) await store.close();
  });
});

