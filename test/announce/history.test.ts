import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCheck } from "../../src/announce/check.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { historyTexts, LAST } from "../fixtures/history/lfx-2022-spring.expected.ts";

const spec = { label: "lfx-2022-spring", kind: "file" as const, location: "history", term: "other", role: "proposals" as const };

/** Checks texts in order through one store; returns the titles announced at each step. */
async function replay(texts: string[]): Promise<string[][]> {
  const store = new SqliteStore(mkdtempSync(path.join(tmpdir(), "ideas-replay-")));
  const announced: string[][] = [];
  for (const text of texts) {
    const [outcome] = await runCheck({ store, sources: [spec], announceExisting: true, load: async () => text });
    announced.push(outcome!.newIdeas.map((i) => i.title));
  }
  store.close();
  return announced;
}

// The replay of all 32 versions is test/announce/replay.test.ts (npm run test:e2e).
describe("the seed's final version", () => {
  it("does not announce an idea again when it is removed and later comes back", async () => {
    const final = historyTexts()[LAST - 1]!;
    const start = final.indexOf("##### Database Connectors");
    const end = final.indexOf("##### CI and Release process improvements");
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const without = final.slice(0, start) + final.slice(end);
    const announced = await replay([final, without, final]);
    expect(announced[0]).toHaveLength(42);
    expect(announced[1]).toEqual([]);
    expect(announced[2]).toEqual([]);
  });
});

describe("runCheck", () => {
  const idea = (title: string, issue: string, project = "Orbit", level = "####") => `### ${project}\n\n${level} ${title}\n\n- Mentor(s): Ada (@ada)\n- Upstream Issue: ${issue}\n`;
  const check = (store: SqliteStore, label: string, text: string, announceExisting = false) =>
    runCheck({ store, sources: [{ label, kind: "file", location: label, term: "other", role: "proposals" as const }], announceExisting, load: async () => text }).then((o) => o[0]!);
  const fresh = () => new SqliteStore(mkdtempSync(path.join(tmpdir(), "ideas-check-")));

  it("records a source's first check silently unless told to announce existing ideas", async () => {
    const store = fresh();
    expect((await check(store, "a", idea("One", "https://github.com/o/r/issues/1"))).newIdeas).toEqual([]);
    const next = await check(store, "a", idea("One", "https://github.com/o/r/issues/1") + idea("Two", "https://github.com/o/r/issues/2"));
    expect(next.newIdeas.map((i) => i.title)).toEqual(["Two"]);
    const other = fresh();
    expect((await check(other, "a", idea("One", "https://github.com/o/r/issues/1"), true)).newIdeas.map((i) => i.title)).toEqual(["One"]);
  });

  it("does not announce an idea that moved to a second source (an ideas file to a README)", async () => {
    const store = fresh();
    await check(store, "ideas", idea("One", "https://github.com/o/r/issues/1"), true);
    const readme = await check(store, "readme", `## Accepted\n\n${idea("One", "https://github.com/o/r/issues/1", "Orbit", "####")}\n${idea("Two", "https://github.com/o/r/issues/2")}`, true);
    expect(readme.newIdeas.map((i) => i.title)).toEqual(["Two"]);
  });

  it("keeps distinct ideas that share a tracking issue distinct", async () => {
    const store = fresh();
    await check(store, "a", idea("One", "https://github.com/o/r/issues/9"));
    const next = await check(store, "a", idea("One", "https://github.com/o/r/issues/9") + idea("Another idea entirely", "https://github.com/o/r/issues/9"));
    expect(next.newIdeas.map((i) => i.title)).toEqual(["Another idea entirely"]);
  });

  it("changes nothing for a failed load, an empty body or a file with no ideas, and skips unchanged content", async () => {
    const store = fresh();
    const good = idea("One", "https://github.com/o/r/issues/1");
    await check(store, "a", good);
    const failed = await runCheck({ store, sources: [{ label: "a", kind: "file", location: "a", term: "other", role: "proposals" as const }], announceExisting: false, load: async () => { throw new Error("boom"); } });
    expect(failed[0]).toMatchObject({ status: "failed", error: "unexpected error: boom" });
    expect((await check(store, "a", "")).status).toBe("failed");
    expect((await check(store, "a", "# Maintenance\n\nThis page moved.")).status).toBe("failed");
    expect((await store.sourceState("a"))?.lastError).toBe("no ideas found where there were some");
    expect((await check(store, "a", good)).status).toBe("unchanged");
    // Still one idea present: the failures did not remove it, so it is not new when it shows again.
    expect((await store.sourceState("a"))?.presentCount).toBe(1);
  });
});
