import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCheck } from "../../src/announce/check.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";

const HISTORY = fileURLToPath(new URL("../fixtures/history/lfx-2022-spring/", import.meta.url));

const versions = readdirSync(HISTORY).filter((f) => f.endsWith(".md")).sort().map((f) => readFileSync(HISTORY + f, "utf8"));
const spec = { label: "lfx-2022-spring", kind: "file" as const, location: "history", term: "other", role: "proposals" as const };

/** Replays texts in order through one store; returns the titles announced at each step. */
async function replay(texts: string[], store = new SqliteStore(mkdtempSync(path.join(tmpdir(), "ideas-replay-"))), source = spec): Promise<string[][]> {
  const announced: string[][] = [];
  for (const text of texts) {
    const [outcome] = await runCheck({ store, sources: [source], announceExisting: true, load: async () => text });
    announced.push(outcome!.newIdeas.map((i) => i.title));
  }
  store.close();
  return announced;
}

describe("replaying the seed's 32 versions", () => {
  it("announces each of the 42 ideas exactly once, at the version where it first appears", async () => {
    const announced = await replay(versions);
    const all = announced.flat();
    expect(all).toHaveLength(42);
    expect(new Set(all).size).toBe(42);
    // Every idea of the final version was announced.
    const last = parseIdeas(versions[versions.length - 1]!, { source: "x" }).ideas;
    expect(last).toHaveLength(42);
    // The number announced at each version is the number of ideas that version adds.
    expect(announced.map((a) => a.length)).toEqual([0, 1, 2, 1, 2, 4, 2, 5, 4, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 2, 4, 1, 0, 1, 0, 1, 1, 1, 0, 4, 0, 0]);
  });

  it("announces the same, version by version, when the source knows its term (LFX 2022 Term 1: ids hash the term)", async () => {
    const asTerm = await replay(versions, undefined, { ...spec, term: "lfx-2022-1" });
    expect(asTerm).toEqual(await replay(versions));
  });

  it("announces nothing for formatting-only versions and for renames or moves that keep the issue", async () => {
    const announced = await replay(versions);
    // 11: heading levels; 13: autolinks and whitespace; 15/16: Elekto renamed; 23: rules; 24/25: Gateway API
    // moved with a corrected title, CAPA copied then removed; 29: SIG projects became groups; 31: "Improvising" fixed; 32: template.
    for (const v of [11, 13, 15, 16, 23, 25, 29, 31, 32]) expect({ v, announced: announced[v - 1] }).toEqual({ v, announced: [] });
  });

  it("does not announce an idea again when it is removed and later comes back", async () => {
    const final = versions[versions.length - 1]!;
    const start = final.indexOf("##### Database Connectors");
    const end = final.indexOf("##### CI and Release process improvements");
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

  it("never finds the same idea new twice when two processes share one DATA_DIR", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-two-"));
    const a = new SqliteStore(dir);
    const b = new SqliteStore(dir);
    await check(a, "s", idea("One", "https://github.com/o/r/issues/1"));
    const text = idea("One", "https://github.com/o/r/issues/1") + idea("Two", "https://github.com/o/r/issues/2");
    const [x, y] = await Promise.all([check(a, "s", text), check(b, "s", text)]);
    expect([...x.newIdeas, ...y.newIdeas].map((i) => i.title)).toEqual(["Two"]);
    a.close();
    b.close();
  });
});
