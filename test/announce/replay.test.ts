/**
 * The real history of an ideas file (test/fixtures/history/lfx-2022-spring: 32 versions of
 * programs/lfx-mentorship/2022/01-Spring/project_ideas.md, in commit order), replayed once through
 * one store with subscriptions, the outbox and delivery, as the scheduler would see it. Every test
 * below reads what that one replay recorded; the expected values come from
 * test/fixtures/history/lfx-2022-spring.expected.ts (read from the diffs, and checked against the
 * parser by test/ideas/history.test.ts).
 *
 * The replay walks the history once, checking each version in two stores side by side: the main one
 * (the source's term unknown, `other`) and one where the source knows its term (LFX 2022 Term 1: ids
 * hash the term), which must announce the same. Then the main store is taken back to the first
 * version and the history re-applied, which must queue nothing.
 *
 * An e2e test (npm run test:e2e): about 100 checks through the parse worker and SQLite.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runCheck } from "../../src/announce/check.ts";
import { Delivery } from "../../src/announce/deliver.ts";
import type { AnnouncementSink } from "../../src/announce/sink.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import type { SourceSpec } from "../../src/sources/spec.ts";
import type { OutboxEntry, Platform, Store } from "../../src/store/store.ts";
import { ADDED, addedTitles, COUNTS, FORMATTING_ONLY, HISTORY_FILES, historyTexts, IDENTITY_CHANGES, LAST } from "../fixtures/history/lfx-2022-spring.expected.ts";
import { freshStore, subscription } from "./helpers.ts";

const texts = historyTexts();
const SOURCE = { label: "lfx-2022-spring", kind: "file", location: "history", term: "other", role: "proposals" } as const satisfies SourceSpec;
const TAKEN_OUT = "Database Connectors";
const BETWEEN = `v21 without ${TAKEN_OUT}`;

/** The text without one idea's section (its heading down to the next heading of the same level or above). */
function withoutSection(text: string, title: string): string {
  const lines = text.split("\n");
  const start = lines.findIndex((l) => /^#{1,6}\s/.test(l) && l.includes(title));
  if (start < 0) throw new Error(`no heading "${title}"`);
  const level = /^(#+)/.exec(lines[start]!)![1]!.length;
  let end = start + 1;
  while (end < lines.length && !(/^(#+)\s/.test(lines[end]!) && /^(#+)/.exec(lines[end]!)![1]!.length <= level)) end++;
  return [...lines.slice(0, start), ...lines.slice(end)].join("\n");
}

/** A sink that records what it was asked to post. */
function recorder(platform: Platform, into: Array<{ platform: Platform; entry: OutboxEntry }>): AnnouncementSink {
  return {
    platform,
    async post(entry) {
      into.push({ platform, entry });
      return { messageId: `${platform}-${into.length}` };
    },
  };
}

interface Step {
  name: string;
  status: string;
  /** Titles runCheck found new. */
  found: string[];
  /** Titles delivered to the unfiltered shell channel. */
  delivered: string[];
  /** Titles runCheck found new in the store whose source knows its term. */
  foundWithTerm: string[];
}

interface Replay {
  steps: Map<string, Step>;
  posted: Array<{ platform: Platform; entry: OutboxEntry }>;
  pendingAfter: number;
  queuedAfter: number;
  /** Outbox entries after the history was re-applied from its first version. */
  queuedAfterReapply: number;
  foundOnReapply: string[];
}

async function replayOnce(): Promise<Replay> {
  const store = freshStore();
  const withTerm = freshStore();
  try {
    await store.subscribe(subscription({ platform: "shell", workspaceId: "shell", channelId: "shell" }));
    // A filtered channel: Kubernetes ideas only ("k8s" as a person would type it is stored canonical).
    await store.subscribe(subscription({ platform: "discord", workspaceId: "G", channelId: "k8s" }, { skills: ["Kubernetes"] }));
    await withTerm.subscribe(subscription({ platform: "shell", workspaceId: "shell", channelId: "shell" }));
    const posted: Array<{ platform: Platform; entry: OutboxEntry }> = [];
    const delivery = new Delivery({ store, sinks: [recorder("shell", posted), recorder("discord", posted)] });
    const check = (into: Store, text: string, source: SourceSpec = SOURCE) => runCheck({ store: into, sources: [source], announceExisting: false, load: async () => text }).then((o) => o[0]!);

    // The steps: every version, plus one where an idea is taken out (after v21) and put back (v22).
    const steps = texts.map((text, i) => ({ name: `v${i + 1}`, text }));
    steps.splice(21, 0, { name: BETWEEN, text: withoutSection(texts[20]!, TAKEN_OUT) });

    const recorded = new Map<string, Step>();
    for (const step of steps) {
      const before = posted.length;
      const [outcome, termOutcome] = await Promise.all([check(store, step.text), check(withTerm, step.text, { ...SOURCE, term: "lfx-2022-1" })]);
      await delivery.deliverNow();
      recorded.set(step.name, {
        name: step.name,
        status: outcome.status,
        found: outcome.newIdeas.map((i) => i.title),
        delivered: posted.slice(before).filter((p) => p.platform === "shell").flatMap((p) => p.entry.payload.ideas.map((i) => i.title)),
        foundWithTerm: termOutcome.newIdeas.map((i) => i.title),
      });
    }
    const pendingAfter = (await store.outbox({ status: "pending" })).length;
    const queuedAfter = (await store.outbox()).length;

    // Back to the first version and forward again (a revert, then the history re-applied), announcing existing ideas if any were new.
    const foundOnReapply: string[] = [];
    for (const text of texts) {
      const [outcome] = await runCheck({ store, sources: [SOURCE], announceExisting: true, load: async () => text });
      foundOnReapply.push(...outcome!.newIdeas.map((i) => i.title));
    }
    const queuedAfterReapply = (await store.outbox()).length;
    return { steps: recorded, posted, pendingAfter, queuedAfter, queuedAfterReapply, foundOnReapply };
  } finally {
    await store.close();
    await withTerm.close();
  }
}

describe("replaying lfx-2022-spring's 32 versions through store, outbox and delivery", () => {
  let replay: Replay;
  // A fixed amount of work (66 checks, then 32): the timeout only guards against a hang.
  beforeAll(async () => {
    replay = await replayOnce();
  }, 180_000);
  const step = (name: string) => {
    const s = replay.steps.get(name);
    if (!s) throw new Error(`no step ${name}`);
    return s;
  };
  const announced = (n: number) => step(`v${n}`).delivered;

  it("has the 32 committed versions, with the ideas each version holds", () => {
    expect(HISTORY_FILES).toHaveLength(LAST);
    expect(texts.map((t) => parseIdeas(t, { source: "x" }).ideas.length)).toEqual(COUNTS);
  });

  it("every check of the history saw a change", () => {
    expect([...replay.steps.values()].filter((s) => s.status !== "changed").map((s) => `${s.name}: ${s.status}`)).toEqual([]);
    expect(replay.steps.size).toBe(LAST + 1);
  });

  it("announces each idea exactly once, at the version where it first appears", () => {
    expect(Array.from({ length: LAST }, (_, i) => announced(i + 1).length)).toEqual(ADDED);
    for (let n = 1; n <= LAST; n++) expect(announced(n).sort(), `v${n}`).toEqual(addedTitles(n).sort());
    // Exactly once each: 42 announcements, 42 different ideas, one entry per idea per channel.
    const shellIds = replay.posted.filter((p) => p.platform === "shell").flatMap((p) => p.entry.ideaIds);
    expect(shellIds).toHaveLength(42);
    expect(new Set(shellIds).size).toBe(42);
    // Every idea of the final version was announced.
    expect(parseIdeas(texts[LAST - 1]!, { source: "x" }).ideas).toHaveLength(42);
  });

  it("delivers what each check found new, and no more", () => {
    for (const s of replay.steps.values()) expect([...s.delivered].sort(), s.name).toEqual([...s.found].sort());
  });

  it("announces nothing for formatting-only versions and for renames or moves that keep the issue", () => {
    // 11: heading levels; 13: autolinks and whitespace; 15/16: Elekto renamed; 23: rules; 25: CAPA's
    // old copy removed; 29: SIG projects became groups; 31: "Improvising" fixed; 32: template.
    expect([...FORMATTING_ONLY, ...IDENTITY_CHANGES].sort((a, b) => a - b)).toEqual([11, 13, 15, 16, 23, 25, 29, 31, 32]);
    for (const n of [...FORMATTING_ONLY, ...IDENTITY_CHANGES]) expect({ v: n, announced: announced(n) }).toEqual({ v: n, announced: [] });
  });

  it("announces these titles at the versions that rename and add at once, or add several", () => {
    expect(announced(14)).toEqual(["Elekto and Kubernetes SIG-ContribEx Elections Security Improvements"]);
    // v24 renames the Gateway API idea and copies CAPA under "Kubernetes": only the genuinely new idea is announced.
    expect(announced(24)).toEqual(["Improvements to Kubernetes maintainers-related automation (SIG Contributor Experience)"]);
    expect(announced(30).sort()).toEqual(["Conformance Program", "Definition of MeshMark", "Service mesh playground", "Workflow engine"]);
  });

  it("does not announce an idea again when it is taken out (after v21) and comes back (v22)", () => {
    expect(step(BETWEEN)).toMatchObject({ status: "changed", found: [], delivered: [] });
    expect(announced(22)).toEqual(["Run a community Thanos demo instance"]);
  });

  it("the filtered channel got the Kubernetes ideas, each once, and nothing else; nothing is left pending", () => {
    const k8s = replay.posted.filter((p) => p.platform === "discord");
    expect(k8s.length).toBeGreaterThan(5);
    expect(new Set(k8s.flatMap((p) => p.entry.ideaIds)).size).toBe(k8s.length);
    for (const { entry } of k8s) expect(entry.payload.ideas[0]!.skills.join(" ")).toMatch(/kubernetes|k8s/i);
    expect(replay.pendingAfter).toBe(0);
  });

  it("announces the same, version by version, when the source knows its term (LFX 2022 Term 1: ids hash the term)", () => {
    for (const s of replay.steps.values()) expect(s.foundWithTerm, s.name).toEqual(s.found);
  });

  it("a second replay of the same history into the same store announces nothing", () => {
    // 42 shell entries and the filtered channel's, all queued by the first pass.
    expect(replay.queuedAfter).toBe(42 + replay.posted.filter((p) => p.platform === "discord").length);
    expect(replay.foundOnReapply).toEqual([]);
    expect(replay.queuedAfterReapply).toBe(replay.queuedAfter);
  });
});
