/**
 * Parsing off the event loop, within a budget: a file remark would chew on for minutes fails its
 * source alone, the thread that parsed it is ended, and the bot keeps answering meanwhile.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { runCheck } from "../../src/announce/check.ts";
import { closeParsePool, parseOffThread } from "../../src/sources/parse-pool.ts";
import { readIdeas } from "../../src/sources/read.ts";
import type { SourceSpec } from "../../src/sources/spec.ts";
import { freshStore, SHELL, subscription } from "../announce/helpers.ts";
import { bundledPath, fixture } from "../helpers.ts";

afterAll(() => closeParsePool());

/** A megabyte of `*a`: remark's emphasis matching takes minutes over it. */
const HOSTILE = "*a".repeat(500_000);

describe("parsing in a worker thread", { timeout: 60_000 }, () => {
  it("gives the same ideas as parsing in place", async () => {
    const text = readFileSync(bundledPath("lfx-mentorship/2026/03-Sep-Nov/README.md"), "utf8");
    const spec = { label: "t", term: "lfx-2026-3", role: "accepted" as const };
    expect(await parseOffThread(text, spec)).toEqual(readIdeas(text, spec));
  });

  it("a file over its time budget is refused, the event loop kept turning meanwhile, and the pool parses on", async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 10);
    const started = Date.now();
    await expect(parseOffThread(HOSTILE, { label: "h", term: "other", role: "proposals" }, { timeMs: 1_000, memoryMb: 256 })).rejects.toThrow(
      "took longer than 1000 ms to parse; skipped",
    );
    clearInterval(timer);
    // About one tick per 10 ms of the budget: the parse never held the event loop.
    expect(ticks).toBeGreaterThan((Date.now() - started) / 10 / 4);
    const next = await parseOffThread(fixture("terms/gsoc-2026.md"), { label: "g", term: "gsoc-2026", role: "proposals" });
    expect(next.ideas).toHaveLength(2);
  });

  it("in a check, a file over budget fails its source alone; the others are checked", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    const sources: SourceSpec[] = [
      { label: "hostile", kind: "file", location: "hostile", term: "gsoc-2026", role: "proposals" },
      { label: "fine", kind: "file", location: "fine", term: "gsoc-2026", role: "proposals" },
    ];
    const texts: Record<string, string> = { hostile: `# Ideas\n\n${HOSTILE}`, fine: fixture("terms/gsoc-2026.md") };
    const outcomes = await runCheck({ store, sources, announceExisting: false, load: async (spec) => texts[spec.label]!, parseBudget: { timeMs: 1_000, memoryMb: 256 } });
    expect(outcomes[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/could not be parsed: took longer than 1000 ms/) });
    expect(outcomes[1]).toMatchObject({ status: "changed" });
    expect(outcomes[1]!.ideas).toHaveLength(2);
    expect((await store.sourceState("hostile"))?.lastError).toMatch(/took longer than 1000 ms/);
    // The next check of the same bytes does not spend a worker and its budget again.
    const again = await runCheck({ store, sources: [sources[0]!], announceExisting: false, load: async () => texts.hostile!, parseBudget: { timeMs: 1_000, memoryMb: 256 } });
    expect(again[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/took longer than 1000 ms.*not parsed again/) });
    // Changed bytes are parsed afresh.
    const changed = await runCheck({ store, sources: [sources[0]!], announceExisting: false, load: async () => fixture("terms/gsoc-2026.md"), parseBudget: { timeMs: 1_000, memoryMb: 256 } });
    expect(changed[0]).toMatchObject({ status: "changed" });
    await store.close();
  });
});
