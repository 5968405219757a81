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
});
