/**
 * Announcing across terms: a term's ideas moving from its proposals into its README or its export
 * announce nothing; a new term's first list is announced, as one digest per channel; an old term's
 * file added by hand, or the first run of the bot, announces nothing; the same idea proposed again
 * in a later term is new there. Fixtures: test/fixtures/terms/ and the bundled 2026 Term 3 files.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runCheck } from "../../src/announce/check.ts";
import { readIdeas } from "../../src/sources/read.ts";
import type { SourceSpec } from "../../src/sources/spec.ts";
import type { Store } from "../../src/store/store.ts";
import { bundledPath, fixture } from "../helpers.ts";
import { freshStore, SHELL, subscription } from "./helpers.ts";

function source(label: string, term: string, role: SourceSpec["role"], text: string): { spec: SourceSpec; text: string } {
  return { spec: { label, kind: "file", location: label, term, role }, text };
}

async function checkAll(store: Store, sources: Array<{ spec: SourceSpec; text: string }>) {
  const texts = new Map(sources.map((s) => [s.spec.label, s.text]));
  return runCheck({ store, sources: sources.map((s) => s.spec), announceExisting: false, load: async (spec) => texts.get(spec.label)! });
}

const proposals2025 = source("lfx-2025-3-proposals", "lfx-2025-3", "proposals", fixture("terms/lfx-2025-3-proposals.md"));
const accepted2025 = source("lfx-2025-3-accepted", "lfx-2025-3", "accepted", fixture("terms/lfx-2025-3-accepted.md"));
const accepted2026 = source("lfx-2026-3-accepted", "lfx-2026-3", "accepted", fixture("terms/lfx-2026-3-accepted.md"));
const gsoc2026 = source("gsoc-2026", "gsoc-2026", "proposals", fixture("terms/gsoc-2026.md"));

describe("announcing across terms", () => {
  it("the bot's first run records every term silently", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    const outcomes = await checkAll(store, [gsoc2026, proposals2025, accepted2026]);
    expect(outcomes.flatMap((o) => o.newIdeas)).toEqual([]);
    expect(await store.outbox()).toEqual([]);
    await store.close();
  });

  it("a term's ideas moving from its proposals into its accepted list announce nothing", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    await checkAll(store, [proposals2025]);
    const outcomes = await checkAll(store, [proposals2025, accepted2025]);
    // The retitled dashboard keeps its upstream issue: the same idea, not a new one.
    expect(outcomes.flatMap((o) => o.newIdeas)).toEqual([]);
    expect(await store.outbox()).toEqual([]);
    await store.close();
  });

  it("a new term's first list is announced as one digest per channel; the same idea of an older term is new there", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    await store.subscribe(subscription({ platform: "slack", workspaceId: "T1", channelId: "C1" }));
    await checkAll(store, [proposals2025]);
    const outcomes = await checkAll(store, [proposals2025, accepted2026]);
    const fresh = outcomes.flatMap((o) => o.newIdeas);
    // "Faster builds with remote caching" was a 2025 idea: proposed again in 2026, it is 2026's news.
    expect(fresh.map((i) => `${i.title} [${i.term}]`)).toEqual(["Faster builds with remote caching [lfx-2026-3]", "Comet scheduler in Go [lfx-2026-3]"]);
    const entries = await store.outbox();
    expect(entries).toHaveLength(2);
    for (const entry of entries) expect(entry.ideaIds).toHaveLength(2);
    await store.close();
  });

  it("an old term's file added by hand is recorded silently", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    await checkAll(store, [accepted2026]);
    const outcomes = await checkAll(store, [accepted2026, gsoc2026, proposals2025]);
    expect(outcomes.flatMap((o) => o.newIdeas)).toEqual([]);
    expect(await store.outbox()).toEqual([]);
    await store.close();
  });

  it("a store from before terms (ideas of no known term) takes the whole catalogue quietly", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    await checkAll(store, [source("lfx-2022-spring-project_ideas", "other", "proposals", fixture("terms/lfx-2025-3-proposals.md"))]);
    const outcomes = await checkAll(store, [proposals2025, accepted2026, gsoc2026]);
    expect(outcomes.flatMap((o) => o.newIdeas)).toEqual([]);
    expect(await store.outbox()).toEqual([]);
    await store.close();
  });

  it("a later version of a known source still announces its new ideas one by one", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    await checkAll(store, [accepted2026]);
    const grown = source(accepted2026.spec.label, "lfx-2026-3", "accepted", `${accepted2026.text}\n#### Comet metrics exporter\n\n- Description: Export Comet metrics.\n- Recommended Skills: Go, Prometheus\n- Mentor(s): Dee Turing (@dee)\n- Upstream Issue: https://github.com/comet/comet/issues/8\n`);
    const outcomes = await checkAll(store, [grown]);
    expect(outcomes[0]!.newIdeas.map((i) => i.title)).toEqual(["Comet metrics exporter"]);
    expect((await store.outbox()).map((e) => e.ideaIds.length)).toEqual([1]);
    await store.close();
  });

  it("2026 Term 3: the export, the generated README and the proposals stub are one list; the README after the export announces nothing", async () => {
    const dir = "lfx-mentorship/2026/03-Sep-Nov";
    const exportFile = source("lfx-2026-3-export", "lfx-2026-3", "export", readFileSync(bundledPath(`${dir}/lfx-export.json`), "utf8"));
    const readme = source("lfx-2026-3-accepted", "lfx-2026-3", "accepted", readFileSync(bundledPath(`${dir}/README.md`), "utf8"));
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    await checkAll(store, [proposals2025]);
    // The export arrives first (the term is new): its 59 programs, one digest.
    const first = await checkAll(store, [proposals2025, exportFile]);
    expect(first[1]!.newIdeas).toHaveLength(59);
    expect((await store.outbox()).map((e) => e.ideaIds.length)).toEqual([59]);
    // Then the README generated from it: nothing new.
    const second = await checkAll(store, [proposals2025, exportFile, readme]);
    expect(second[2]!.status).toBe("changed");
    expect(second.flatMap((o) => o.newIdeas)).toEqual([]);
    expect(await store.outbox()).toHaveLength(1);
    await store.close();
  });
});

describe("one bad source never stops the others", () => {
  it("a parser failure fails that source alone, keeps what it had, and the other sources are checked", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    await checkAll(store, [proposals2025, accepted2026]);
    const grown = source(accepted2026.spec.label, "lfx-2026-3", "accepted", `${accepted2026.text}\n#### Comet metrics exporter\n\n- Recommended Skills: Go\n- Mentor(s): Dee Turing (@dee)\n`);
    const outcomes = await runCheck({
      store,
      sources: [proposals2025.spec, grown.spec],
      announceExisting: false,
      load: async (spec) => (spec.label === grown.spec.label ? grown.text : `${proposals2025.text}\n<!-- changed -->\n`),
      parse: (text, spec) => {
        if (spec.label === proposals2025.spec.label) throw new RangeError("Maximum call stack size exceeded");
        return readIdeas(text, spec);
      },
    });
    expect(outcomes[0]).toMatchObject({ status: "failed", error: "could not be parsed: Maximum call stack size exceeded" });
    expect(outcomes[0]!.ideas.map((i) => i.title)).toContain("Rust storage engine for Nebula");
    expect(outcomes[1]).toMatchObject({ status: "changed" });
    expect(outcomes[1]!.newIdeas.map((i) => i.title)).toEqual(["Comet metrics exporter"]);
    await store.close();
  });
});

describe("a source's first version is its silent baseline only when it is an ideas file", () => {
  it("a maintenance page first does not count: the real file that follows is recorded silently, not flooded", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    const label = "lfx-2026-3-accepted";
    const maintenance = await checkAll(store, [source(label, "lfx-2026-3", "accepted", "# Down for maintenance\n\nBack soon.\n")]);
    expect(maintenance[0]).toMatchObject({ status: "failed", error: expect.stringMatching(/not taken as the first version/) });
    const real = await checkAll(store, [source(label, "lfx-2026-3", "accepted", accepted2026.text)]);
    expect(real[0]).toMatchObject({ status: "changed", newIdeas: [] });
    expect(await store.outbox()).toEqual([]);
    await store.close();
  });

  it("a term's template with no ideas yet does count: its first ideas are announced as they arrive", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    const label = "lfx-2027-1-proposals";
    const template = "## Template\n\n```\n### CNCF Project Name\n\n#### Mentorship project Title\n\n- Description:\n- Mentor(s):\n```\n\n---\n\n## Proposed Project ideas\n";
    expect((await checkAll(store, [source(label, "lfx-2027-1", "proposals", template)]))[0]).toMatchObject({ status: "changed", newIdeas: [] });
    const first = await checkAll(store, [source(label, "lfx-2027-1", "proposals", `${template}\n${accepted2026.text}`)]);
    expect(first[0]!.newIdeas.map((i) => i.title)).toEqual(["Faster builds with remote caching", "Comet scheduler in Go"]);
    await store.close();
  });
});
