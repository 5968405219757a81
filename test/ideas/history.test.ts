/**
 * Real-data history test: the 32 successive versions of
 * programs/lfx-mentorship/2022/01-Spring/project_ideas.md in test/fixtures/history/lfx-2022-spring
 * (CC BY 4.0, see data/ATTRIBUTION.md), each parsed, against the expectations read from the diffs
 * by hand (test/fixtures/history/lfx-2022-spring.expected.ts, which the announcement replay in
 * test/announce/replay.test.ts reads too).
 */
import { describe, it, expect } from "vitest";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { IdeaSchema, type Idea } from "../../src/ideas/schema.ts";
import { active, ADDED, addedTitles, CAPA, COUNTS, ENTRIES, FORMATTING_ONLY, HISTORY_FILES, historyTexts, LAST, type Entry } from "../fixtures/history/lfx-2022-spring.expected.ts";

/** Versions v where some id of v-1 is missing from v (every other version is a superset of the previous). */
const SUPERSET_BREAKS = [15, 16, 24, 25, 29, 31];

const SEP = " \u241f ";
const entryKey = (e: Entry) => `${e.project ?? "?"}${SEP}${e.title}`;
const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();

interface Version {
  n: number;
  file: string;
  ideas: Idea[];
}

let versionsCache: Version[] | undefined;
function versions(): Version[] {
  versionsCache ??= historyTexts().map((text, i) => ({
    n: i + 1,
    file: HISTORY_FILES[i]!,
    ideas: parseIdeas(text, { source: "lfx-2022-spring" }).ideas,
  }));
  return versionsCache;
}
const version = (n: number) => versions()[n - 1]!;

/** Keys of a version's ideas, "?" in place of the project for ideas whose project is unchecked. */
function keysOf(v: Version): string[] {
  const unchecked = new Set(ENTRIES.filter((e) => e.project === null && active(e, v.n)).map((e) => e.title));
  return v.ideas.map((i) => `${unchecked.has(i.title) ? "?" : i.project}${SEP}${i.title}`);
}
const describeIdea = (i: Idea) => `${i.project}${SEP}${i.title}`;

describe("real history: lfx-2022-spring project_ideas.md, 32 versions", () => {
  it("has 32 versions", () => {
    expect(versions().map((v) => v.file)).toHaveLength(32);
  });

  it("has the expected number of ideas in each version", () => {
    expect(versions().map((v) => v.ideas.length)).toEqual(COUNTS);
  });

  it("the ENTRIES table agrees with COUNTS", () => {
    // A self-check of the expectations, independent of the parser.
    for (let v = 1; v <= LAST; v++) expect(ENTRIES.filter((e) => active(e, v)).length, `v${v}`).toBe(COUNTS[v - 1]);
  });

  it("every idea of every version passes IdeaSchema; ids are unique within a version", () => {
    for (const v of versions()) {
      for (const idea of v.ideas) {
        const r = IdeaSchema.safeParse(idea);
        expect(r.success, `v${v.n} ${idea.title}: ${r.success ? "" : JSON.stringify(r.error.issues)}`).toBe(true);
      }
      const ids = v.ideas.map((i) => i.id);
      expect(new Set(ids).size, `v${v.n}`).toBe(ids.length);
    }
  });

  it("each version holds exactly the expected (project, title) pairs", () => {
    for (const v of versions()) {
      const expected = ENTRIES.filter((e) => active(e, v.n)).map(entryKey).sort();
      expect(keysOf(v).sort(), `v${v.n} (${v.file})`).toEqual(expected);
    }
  });

  it("groups: null everywhere except the two Kubernetes SIG groups from version 29", () => {
    for (const v of versions()) {
      for (const e of ENTRIES.filter((x) => x.project !== null && active(x, v.n))) {
        const idea = v.ideas.find((i) => i.project === e.project && i.title === e.title);
        expect(idea, `v${v.n} ${entryKey(e)}`).toBeDefined();
        expect(idea!.group, `v${v.n} ${entryKey(e)}`).toBe(e.group ?? null);
      }
    }
  });

  it("the Sample idea and the template are never ideas", () => {
    for (const v of versions()) {
      for (const idea of v.ideas) {
        expect(idea.title).not.toBe("Refactor the APIs for better readability and less maintenance overhead");
        expect(idea.project).not.toMatch(/sample|template|CNCF Project Name/i);
        expect(idea.title).not.toBe("Title");
      }
    }
  });

  it("an idea with the same (project, title) after normalisation keeps the same id in every version", () => {
    const idByKey = new Map<string, string>();
    let compared = 0;
    for (const v of versions()) {
      for (const idea of v.ideas) {
        const key = `${norm(idea.project)}${SEP}${norm(idea.title)}`;
        const seen = idByKey.get(key);
        if (seen === undefined) idByKey.set(key, idea.id);
        else {
          expect(idea.id, `v${v.n} ${describeIdea(idea)}`).toBe(seen);
          compared++;
        }
      }
    }
    // Every version but the first holds ideas seen before: the comparison above ran, many times.
    expect(compared).toBeGreaterThan(500);
  });

  it("each entry keeps one id across all the versions it spans (heading levels, moves, whitespace)", () => {
    for (const e of ENTRIES.filter((x) => x.project !== null)) {
      const ids = new Set<string>();
      for (let n = e.from; n <= (e.to ?? LAST); n++) {
        const idea = version(n).ideas.find((i) => i.project === e.project && i.title === e.title);
        expect(idea, `v${n} ${entryKey(e)}`).toBeDefined();
        ids.add(idea!.id);
      }
      expect([...ids], entryKey(e)).toHaveLength(1);
    }
  });

  it("distinct ids over the whole history: one per entry", () => {
    const all = new Set(versions().flatMap((v) => v.ideas.map((i) => i.id)));
    expect(all.size).toBe(ENTRIES.length);
  });

  it("ideas appear and disappear exactly at the expected versions", () => {
    for (let n = 2; n <= LAST; n++) {
      const prev = version(n - 1);
      const cur = version(n);
      const prevIds = new Set(prev.ideas.map((i) => i.id));
      const curIds = new Set(cur.ideas.map((i) => i.id));
      const unchecked = (v: Version) =>
        new Set(ENTRIES.filter((e) => e.project === null && active(e, v.n)).map((e) => e.title));
      const label = (i: Idea, v: Version) => `${unchecked(v).has(i.title) ? "?" : i.project}${SEP}${i.title}`;
      const gone = prev.ideas.filter((i) => !curIds.has(i.id)).map((i) => label(i, prev)).sort();
      const came = cur.ideas.filter((i) => !prevIds.has(i.id)).map((i) => label(i, cur)).sort();
      expect(gone, `gone at v${n}`).toEqual(ENTRIES.filter((e) => e.to === n - 1).map(entryKey).sort());
      expect(came, `new at v${n}`).toEqual(ENTRIES.filter((e) => e.from === n).map(entryKey).sort());
    }
  });

  it("every version's ids are a superset of the previous version's, except at 15, 16, 24, 25, 29, 31", () => {
    for (let n = 2; n <= LAST; n++) {
      const prevIds = version(n - 1).ideas.map((i) => i.id);
      const curIds = new Set(version(n).ideas.map((i) => i.id));
      const superset = prevIds.every((id) => curIds.has(id));
      expect(superset, `v${n - 1} -> v${n}`).toBe(!SUPERSET_BREAKS.includes(n));
    }
  });

  it("formatting-only versions change nothing: same ids, same mentors, skills and issues", () => {
    for (const n of FORMATTING_ONLY) {
      const prev = version(n - 1);
      const cur = version(n);
      expect(cur.ideas.map((i) => i.id).sort(), `v${n}`).toEqual(prev.ideas.map((i) => i.id).sort());
      for (const idea of cur.ideas) {
        const before = prev.ideas.find((i) => i.id === idea.id)!;
        expect(idea.mentors, `v${n} ${idea.title}`).toEqual(before.mentors);
        expect(idea.skills, `v${n} ${idea.title}`).toEqual(before.skills);
        expect(idea.issues, `v${n} ${idea.title}`).toEqual(before.issues);
      }
    }
  });

  it("no idea disappears and comes back", () => {
    const present = new Map<string, number[]>();
    for (const v of versions()) for (const i of v.ideas) present.set(i.id, [...(present.get(i.id) ?? []), v.n]);
    for (const [id, ns] of present) {
      expect(ns[ns.length - 1]! - ns[0]! + 1, `${id} present in ${ns.join(",")}`).toBe(ns.length);
    }
  });

  it("every idea that loses its id keeps an upstream issue URL present in the next version", () => {
    for (let n = 2; n <= LAST; n++) {
      const cur = version(n);
      const curIds = new Set(cur.ideas.map((i) => i.id));
      const curIssues = new Set(cur.ideas.flatMap((i) => i.issues));
      for (const idea of version(n - 1).ideas.filter((i) => !curIds.has(i.id))) {
        expect(idea.issues.length, `v${n - 1} ${describeIdea(idea)} has an issue`).toBeGreaterThan(0);
        expect(
          idea.issues.some((u) => curIssues.has(u)),
          `v${n - 1} -> v${n}: ${describeIdea(idea)} (${idea.issues.join(", ")})`,
        ).toBe(true);
      }
    }
  });

  it("ENTRIES marks as `carries` exactly the new (project, title) pairs whose upstream issue an earlier version had", () => {
    // What an announcer that also matches on issue URLs finds new: ADDED (test/announce/replay.test.ts) is read from this.
    const seenIds = new Set<string>();
    const seenIssues = new Set<string>();
    for (const v of versions()) {
      const fresh = v.ideas.filter((i) => !seenIds.has(i.id) && !i.issues.some((u) => seenIssues.has(u)));
      expect(fresh.map((i) => i.title).sort(), `v${v.n}`).toEqual(addedTitles(v.n).sort());
      for (const i of v.ideas) {
        seenIds.add(i.id);
        for (const u of i.issues) seenIssues.add(u);
      }
    }
    expect(ADDED.reduce((a, b) => a + b, 0)).toBe(42);
  });

  it("the identity changes carry these issue URLs", () => {
    const issuesOf = (n: number, title: string) => version(n).ideas.find((i) => i.title === title)?.issues;
    const elekto = ["https://github.com/elekto-io/elekto/issues/51"];
    expect(issuesOf(14, "Elekto and Kubernetes SIG-ContribEx Elections Security Improvements")).toEqual(elekto);
    expect(issuesOf(15, "Security Improvements")).toEqual(elekto);
    expect(issuesOf(16, "Elections Security Improvements")).toEqual(elekto);
    const gateway = ["https://github.com/kubernetes-sigs/gateway-api/issues/1003"];
    expect(issuesOf(10, "Docuemntation assessment")).toEqual(gateway); // bare URL
    expect(issuesOf(23, "Docuemntation assessment")).toEqual(gateway); // <autolink>
    expect(issuesOf(24, "Documentation assessment (SIG-Network Gateway API)")).toEqual(gateway);
    const capv = ["https://github.com/kubernetes-sigs/cluster-api-provider-vsphere/issues/1392"];
    expect(issuesOf(30, "Improvising unit test coverage(CAPV)")).toEqual(capv);
    expect(issuesOf(31, "Improving unit test coverage(CAPV)")).toEqual(capv);
    const capa = ["https://github.com/kubernetes-sigs/cluster-api-provider-aws/issues/1982"];
    for (const i of version(24).ideas.filter((x) => x.title === CAPA)) expect(i.issues).toEqual(capa);
    expect(version(24).ideas.filter((x) => x.title === CAPA)).toHaveLength(2);
  });

  it("the first idea reads the same in all 31 versions that hold it (bare URL, then <autolink>)", () => {
    for (let n = 2; n <= LAST; n++) {
      const idea = version(n).ideas.find(
        (i) => i.title === "Develop new feature and add integration tests for LitmusCTL",
      );
      expect(idea, `v${n}`).toBeDefined();
      expect(idea!.project).toBe("LitmusChaos");
      expect(idea!.mentors).toEqual([
        { name: "Raj Babu Das", handle: "rajdas98" },
        { name: "Sarthak Jain", handle: "SarthakJain26" },
        { name: "Saranya Jena", handle: "Saranya-jena" },
      ]);
      expect(idea!.skills).toEqual(["Golang", "Kubernetes", "CLI"]);
      expect(idea!.issues).toEqual(["https://github.com/litmuschaos/litmus/issues/3440"]);
    }
  });

  it("an idea written at the project level after a project's own ideas belongs to that project", () => {
    // v11-v28: "#### OpenTelemetry exporter for Kyverno" follows "#### Kyverno" and its h5 ideas.
    for (let n = 11; n <= 28; n++) {
      const idea = version(n).ideas.find((i) => i.title === "OpenTelemetry exporter for Kyverno");
      expect(idea?.project, `v${n}`).toBe("Kyverno");
      expect(idea?.issues, `v${n}`).toEqual(["https://github.com/kyverno/kyverno/issues/3120"]);
    }
    // v27-v28: "#### Management of Terraform state" follows "#### KubeVela" and its h5 ideas.
    for (const n of [27, 28]) {
      const idea = version(n).ideas.find((i) => i.title === "Management of Terraform state");
      expect(idea?.project, `v${n}`).toBe("KubeVela");
      expect(idea?.mentors, `v${n}`).toEqual([{ name: "ZhengXi Zhou", handle: "zzxwill" }]);
    }
  });

  it("the stray unclosed fence at the end of versions 26-28 hides nothing", () => {
    for (const n of [26, 27, 28]) {
      const titles = version(n).ideas.map((i) => i.title);
      expect(titles, `v${n}`).toContain("Help drive OpenTelemetry PHP to Beta");
      expect(titles, `v${n}`).toContain("Run a community Thanos demo instance");
    }
    expect(version(28).ideas.map((i) => i.title)).toContain("Add support for new protocols in protocol tracer");
  });
});
