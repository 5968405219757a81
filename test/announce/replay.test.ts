/**
 * The real history of an ideas file (test/fixtures/history/lfx-2022-spring: 32 versions of
 * programs/lfx-mentorship/2022/01-Spring/project_ideas.md, in commit order), replayed through one
 * store with subscriptions, the outbox and delivery, as the scheduler would see it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCheck } from "../../src/announce/check.ts";
import { Delivery } from "../../src/announce/deliver.ts";
import type { AnnouncementSink } from "../../src/announce/sink.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import type { OutboxEntry, Platform } from "../../src/store/store.ts";
import { freshStore, subscription } from "./helpers.ts";

const HISTORY = fileURLToPath(new URL("../fixtures/history/lfx-2022-spring/", import.meta.url));

const files = readdirSync(HISTORY).filter((f) => /^\d{2}-[0-9a-f]+\.md$/.test(f)).sort();
const texts = files.map((f) => readFileSync(HISTORY + f, "utf8"));

/** Ideas in versions 01..32. */
const COUNTS = [0, 1, 3, 4, 6, 10, 12, 17, 21, 22, 22, 23, 23, 24, 24, 24, 25, 26, 27, 29, 33, 34, 34, 36, 35, 36, 37, 38, 38, 42, 42, 42];
/** Ideas each version adds (read from the diffs): 0 where it only reformats, renames or moves. */
const ADDED = [0, 1, 2, 1, 2, 4, 2, 5, 4, 1, 0, 1, 0, 1, 0, 0, 1, 1, 1, 2, 4, 1, 0, 1, 0, 1, 1, 1, 0, 4, 0, 0];
const FORMATTING_ONLY = [11, 13, 23, 32];
/** Versions that rename or move ideas, keeping their upstream issue (15/16 Elekto, 24/25 Gateway API and CAPA, 29 SIG groups, 31 CAPV). */
const IDENTITY_CHANGES = [15, 16, 25, 29, 31];

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

describe("replaying lfx-2022-spring's 32 versions through store, outbox and delivery", () => {
  it("announces each idea exactly once, at the version where it first appears, to every matching subscription", async () => {
    expect(files).toHaveLength(32);
    expect(texts.map((t) => parseIdeas(t, { source: "x" }).ideas.length)).toEqual(COUNTS);

    const store = freshStore();
    await store.subscribe(subscription({ platform: "shell", workspaceId: "shell", channelId: "shell" }));
    // A filtered channel: Kubernetes ideas only ("k8s" as a person would type it is stored canonical).
    await store.subscribe(subscription({ platform: "discord", workspaceId: "G", channelId: "k8s" }, { skills: ["Kubernetes"] }));
    const posted: Array<{ platform: Platform; entry: OutboxEntry }> = [];
    const delivery = new Delivery({ store, sinks: [recorder("shell", posted), recorder("discord", posted)] });

    // The steps: every version, plus one where an idea is taken out (after v21) and put back (v22).
    const steps = texts.map((text, i) => ({ name: `v${i + 1}`, text }));
    steps.splice(21, 0, { name: "v21 without Database Connectors", text: withoutSection(texts[20]!, "Database Connectors") });

    const perStep = new Map<string, string[]>();
    for (const step of steps) {
      const before = posted.length;
      const [outcome] = await runCheck({ store, sources: [{ label: "lfx-2022-spring", kind: "file", location: "history", term: "other", role: "proposals" as const }], announceExisting: false, load: async () => step.text });
      expect(outcome!.status, step.name).toBe("changed");
      await delivery.deliverNow();
      const shellTitles = posted.slice(before).filter((p) => p.platform === "shell").flatMap((p) => p.entry.payload.ideas.map((i) => i.title));
      perStep.set(step.name, shellTitles);
    }

    const announced = (n: number) => perStep.get(`v${n}`)!;
    expect(Array.from({ length: 32 }, (_, i) => announced(i + 1).length)).toEqual(ADDED);
    expect(perStep.get("v21 without Database Connectors")).toEqual([]);
    expect(announced(22)).toEqual(["Run a community Thanos demo instance"]);
    for (const n of [...FORMATTING_ONLY, ...IDENTITY_CHANGES]) expect(announced(n), `v${n}`).toEqual([]);
    expect(announced(14)).toEqual(["Elekto and Kubernetes SIG-ContribEx Elections Security Improvements"]);
    // v24 renames the Gateway API idea and copies CAPA under "Kubernetes": only the genuinely new idea is announced.
    expect(announced(24)).toEqual(["Improvements to Kubernetes maintainers-related automation (SIG Contributor Experience)"]);
    expect(announced(30).sort()).toEqual(["Conformance Program", "Definition of MeshMark", "Service mesh playground", "Workflow engine"]);

    // Exactly once each: 42 announcements, 42 different ideas, one entry per idea per channel.
    const shellIds = posted.filter((p) => p.platform === "shell").flatMap((p) => p.entry.ideaIds);
    expect(shellIds).toHaveLength(42);
    expect(new Set(shellIds).size).toBe(42);
    // The filtered channel got the Kubernetes ideas, each once, and nothing else.
    const k8s = posted.filter((p) => p.platform === "discord");
    expect(k8s.length).toBeGreaterThan(5);
    expect(new Set(k8s.flatMap((p) => p.entry.ideaIds)).size).toBe(k8s.length);
    for (const { entry } of k8s) expect(entry.payload.ideas[0]!.skills.join(" ")).toMatch(/kubernetes|k8s/i);
    expect((await store.outbox({ status: "pending" }))).toEqual([]);
    await store.close();
  });

  it("a second replay of the same history into the same store announces nothing", async () => {
    const store = freshStore();
    await store.subscribe(subscription({ platform: "shell", workspaceId: "shell", channelId: "shell" }));
    const source = [{ label: "lfx-2022-spring", kind: "file" as const, location: "history", term: "other", role: "proposals" as const }];
    for (const text of texts) await runCheck({ store, sources: source, announceExisting: true, load: async () => text });
    const queued = (await store.outbox()).length;
    expect(queued).toBe(42);
    // Back to the first version and forward again (a revert, then the history re-applied).
    for (const text of texts) await runCheck({ store, sources: source, announceExisting: true, load: async () => text });
    expect(await store.outbox()).toHaveLength(queued);
    await store.close();
  });
});
