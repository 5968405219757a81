import { describe, expect, it } from "vitest";
import { payloadFor } from "../../src/announce/message.ts";
import { classifySnapshot, identifyingIssues, matchesFilter, planAnnouncements, newlyAccepted, type KnownIdeas } from "../../src/announce/plan.ts";
import { resolveSkills } from "../../commands/subscription-helpers.ts";
import { issueKey } from "../../src/ideas/id.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import type { Idea } from "../../src/ideas/schema.ts";
import type { Subscription } from "../../src/store/store.ts";
import { announceFixture, catalogOf } from "./helpers.ts";

const ideasOf = (name: string): Idea[] => parseIdeas(announceFixture(name), { source: "fixture" }).ideas;
const byTitle = (ideas: Idea[], title: string) => ideas.find((i) => i.title === title)!;

/** What a store knows after recording these ideas. */
function knownFrom(ideas: Idea[]): KnownIdeas {
  const ids = new Set(ideas.map((i) => i.id));
  const issues = new Map<string, string>();
  for (const [id, keys] of identifyingIssues(ideas)) for (const key of keys) if (!issues.has(key)) issues.set(key, id);
  const accepted = new Set(ideas.filter((i) => i.stage === "accepted").map((i) => i.id));
  return { hasId: (id) => ids.has(id), idForIssue: (key) => issues.get(key) ?? null, wasAccepted: (id) => accepted.has(id) };
}

const sub = (id: number, filter: Partial<Pick<Subscription, "skills" | "project" | "pausedReason" | "stage" | "kind" | "terms">> = {}): Subscription => ({
  id,
  platform: "shell",
  workspaceId: "shell",
  channelId: `c${id}`,
  kind: filter.kind ?? "channel",
  terms: filter.terms ?? [],
  skills: filter.skills ?? [],
  project: filter.project ?? null,
  stage: filter.stage ?? "proposed",
  createdBy: "t",
  createdAt: "",
  pausedReason: filter.pausedReason ?? null,
});

describe("identifyingIssues", () => {
  it("an issue used by one idea identifies it; one shared by distinct ideas identifies none; copies of one idea share theirs", () => {
    const v4 = ideasOf("v4-renamed.md");
    const ids = identifyingIssues(v4);
    expect(ids.get(byTitle(v4, "Web dashboard for Comet jobs").id)).toEqual([issueKey("https://github.com/comet/comet/issues/12")]);
    expect(ids.get(byTitle(v4, "Faster storage compaction").id)).toEqual([]);
    expect(ids.get(byTitle(v4, "Second idea under Meteor's tracking issue").id)).toEqual([]);
    const copy = { ...byTitle(v4, "Web dashboard for Comet jobs"), id: "comet-cloud-000000", project: "Comet Cloud" };
    expect(identifyingIssues([...v4, copy]).get(copy.id)).toEqual([issueKey("https://github.com/comet/comet/issues/12")]);
  });
});

describe("classifySnapshot", () => {
  it("seen by id, matched by a unique issue, new otherwise", () => {
    const before = ideasOf("v3-added.md");
    const after = ideasOf("v4-renamed.md");
    const verdicts = classifySnapshot(after, knownFrom(before)).map((c) => [c.idea.title, c.verdict.kind]);
    expect(verdicts).toEqual([
      ["Plugin system for the Comet command line", "matched"],
      ["Web dashboard for Comet jobs", "seen"],
      ["Kubernetes operator for Comet", "matched"],
      ["Faster storage compaction", "seen"],
      ["Second idea under Meteor's tracking issue", "new"],
    ]);
  });

  it("a new idea written twice in one version (same title under two projects) is new once", () => {
    const idea = ideasOf("v3-added.md")[2]!;
    const copy = { ...idea, id: "comet-cloud-111111", project: "Comet Cloud" };
    const verdicts = classifySnapshot([idea, copy, idea], knownFrom([])).map((c) => c.verdict);
    expect(verdicts).toEqual([{ kind: "new" }, { kind: "copy", of: idea.id }]);
  });
});

describe("subscription filters", () => {
  const ideas = ideasOf("burst.md");
  const catalog = catalogOf(announceFixture("burst.md"));

  it("skills are read as recommend reads them: k8s is Kubernetes, golang is Go", () => {
    expect(resolveSkills(catalog, "k8s")).toEqual(["Kubernetes"]);
    expect(resolveSkills(catalog, "golang, RUST")).toEqual(["Go", "Rust"]);
    expect(() => resolveSkills(catalog, "kubernets, cobol9")).toThrow(/I don't know .*"cobol9"/);
    const k8s = ideas.filter((i) => matchesFilter({ skills: resolveSkills(catalog, "k8s"), project: null }, i)).map((i) => i.title);
    expect(k8s).toEqual(["Kubernetes operator for Comet", "Nova Helm chart"]);
  });

  it("a project matches the beginnings of words of the project or group name, any case", () => {
    const titles = (project: string) => ideas.filter((i) => matchesFilter({ skills: [], project }, i)).map((i) => i.project);
    expect(new Set(titles("comet"))).toEqual(new Set(["Comet"]));
    expect(new Set(titles("COM"))).toEqual(new Set(["Comet"]));
    // "met" begins Meteor, not a word of Comet.
    expect(new Set(titles("met"))).toEqual(new Set(["Meteor"]));
    expect(ideas.filter((i) => matchesFilter({ skills: ["Rust"], project: "Nova" }, i)).map((i) => i.title)).toEqual(["Rust bindings for Nova", "WebAssembly plugins"]);
  });

  it("more than five new ideas for one channel become one digest; five or fewer are one entry each; a paused subscription's wait for it", () => {
    const fresh = ideas.filter((i) => i.project === "Nova");
    expect(fresh).toHaveLength(7);
    const planned = planAnnouncements([sub(1), sub(2, { skills: ["Rust"] }), sub(3, { pausedReason: "gone" })], { fresh, accepted: [] });
    expect(planned.map((p) => [p.subscription.id, p.ideas.length])).toEqual([
      [1, 7],
      [2, 1],
      [2, 1],
      [3, 7],
    ]);
    expect(payloadFor(planned[0]!.ideas).kind).toBe("digest");
    expect(payloadFor(planned[1]!.ideas).kind).toBe("idea");
    expect(payloadFor(fresh.slice(0, 5)).kind).toBe("idea");
  });

  it("gives a proposed-stage subscription every new idea, an accepted-stage one the ideas first seen accepted", () => {
    const [a, b, c] = ideas.filter((i) => i.project === "Nova");
    const proposal = { ...a!, stage: "proposed" as const };
    const approvedNow = { ...b!, stage: "accepted" as const };
    const acceptedNew = { ...c!, stage: "accepted" as const };
    const planned = planAnnouncements([sub(1), sub(2, { stage: "accepted" })], { fresh: [proposal, acceptedNew], accepted: [approvedNow, acceptedNew] });
    expect(planned.map((p) => [p.subscription.id, p.ideas.map((i) => i.title)])).toEqual([
      [1, [proposal.title]],
      [1, [acceptedNew.title]],
      [2, [approvedNow.title]],
      [2, [acceptedNew.title]],
    ]);
  });
});

describe("newlyAccepted", () => {
  it("is an accepted idea not accepted before, under its id or the one its issue identifies", () => {
    const [a, b] = ideasOf("burst.md").filter((i) => i.project === "Nova");
    const known = { wasAccepted: (id: string) => id === a!.id || id === "old-123456" };
    const classified = [
      { idea: { ...a!, stage: "accepted" as const }, verdict: { kind: "seen" as const }, issues: [] },
      { idea: { ...b!, stage: "accepted" as const }, verdict: { kind: "seen" as const }, issues: [] },
      { idea: { ...b!, id: "renamed-abcdef", stage: "accepted" as const }, verdict: { kind: "matched" as const, knownId: "old-123456", issue: "x" }, issues: [] },
      { idea: { ...a!, id: "other-fedcba", stage: "proposed" as const }, verdict: { kind: "new" as const }, issues: [] },
    ];
    expect(newlyAccepted(classified, known).map((i) => i.id)).toEqual([b!.id]);
  });
});
