/**
 * A term's life upstream, followed through a fake GitHub (IDEAS_SOURCES=github:cncf/mentoring): the
 * bundled snapshot as the repository, proposals opened as issues, edited, closed, approved,
 * exported, then a new term folder. Each step is one check; what it announces is counted, and a
 * restart (a new watcher on the same DATA_DIR) at every step repeats nothing.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SourceWatcher } from "../../src/announce/watcher.ts";
import { parseSourceList } from "../../src/sources/spec.ts";
import { readIdeas, type SourceIdentity } from "../../src/sources/read.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { FakeGitHub } from "../sources/fake-github.ts";

const EXPORT = "programs/lfx-mentorship/2026/03-Sep-Nov/lfx-export.json";
const NEW_TERM = "programs/lfx-mentorship/2027/01-Mar-May/README.md";
const LABELS = ["lfx mentorship", "Proposal", "Needs Validation"];

/** An issue body as GitHub renders the proposal form. */
function proposalBody(project: string, name: string, upstream: string, description = "Build the thing."): string {
  const field = (label: string, value: string) => `### ${label}\n\n${value}`;
  return [
    field("CNCF Project", project),
    field("Term", "2026 Term 3 (Sep-Nov)"),
    field("Program Name", name),
    field("Program Description", description),
    field("Technologies", "Go, Kubernetes"),
    field("Skills same as Technologies?", "- [X] Yes, the required skills are the same as the technologies listed above."),
    field("Required/Desirable Skills", "_No response_"),
    field("Mentors", "Ada Lovelace | @ada | ada@example.org | ada-lfid"),
    field("Upstream Issue URL", upstream),
  ].join("\n\n");
}

describe("following github:cncf/mentoring through a term", () => {
  let fake: FakeGitHub;
  const dataDir = mkdtempSync(path.join(tmpdir(), "ideas-github-"));
  const sources = parseSourceList("github:cncf/mentoring");

  beforeAll(async () => {
    fake = await FakeGitHub.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  /** Every line the watchers logged. */
  const logged: string[] = [];

  /** How many announced titles each channel had after the last step: #all subscribes to every new idea, #approved to ideas once accepted. */
  const counted = { all: 0, approved: 0 };

  /** One check by a fresh process (a restart at every step): the titles it announced, what each channel got from it, the catalogue it serves. */
  async function step(): Promise<{ announced: string[]; titles: (t: string) => string[]; links: (t: string) => string[]; requests: number; channels: { all: string[]; approved: string[] } }> {
    const store = new SqliteStore(dataDir);
    const watcher = new SourceWatcher({ store, sources, announceExisting: false, github: { apiUrl: fake.url, retries: 0 }, log: (m) => void logged.push(m) });
    fake.resetLog();
    try {
      const found = await watcher.checkNow();
      const catalog = watcher.holder.current;
      // The outbox keeps every entry, oldest first: what a channel got from this step is past what it had.
      const channels = { all: [] as string[], approved: [] as string[] };
      for (const channel of ["all", "approved"] as const) {
        const rows = (await store.outbox()).filter((r) => r.subscription.channelId === channel);
        const titles = rows.flatMap((r) => r.payload.ideas.map((i) => i.title));
        channels[channel] = titles.slice(counted[channel]);
        counted[channel] = titles.length;
      }
      return { announced: found.map((i) => i.title), titles: (t) => catalog.ideas.filter((i) => i.title === t).map((i) => `${i.term} ${i.stage}`),
        links: (t) => catalog.ideas.filter((i) => i.title === t).flatMap((i) => [...i.issues, ...i.links.map((l) => l.url)]), requests: fake.requests.length, channels };
    } finally {
      await watcher.stop();
      await store.close();
    }
  }

  it("announces each new idea once, when first seen, whatever form it takes next", { timeout: 120_000 }, async () => {
    // Two channels: one for every new idea (the default stage), one for ideas once accepted.
    const setup = new SqliteStore(dataDir);
    for (const [channel, stage] of [["all", "proposed"], ["approved", "accepted"]] as const) {
      await setup.subscribe({ platform: "shell", workspaceId: "w", channelId: channel, skills: [], project: null, stage, createdBy: "admin", now: new Date() });
    }
    await setup.close();

    // First check: the whole repository is the silent baseline (read from the bundled copy: same blobs).
    const first = await step();
    expect(first.announced).toEqual([]);
    expect(fake.countRequests({ path: /\/contents\// })).toBe(0);

    // Unchanged: nothing announced, two requests (the tree and the issues, both 304) and the repository's default branch.
    const quiet = await step();
    expect(quiet.announced).toEqual([]);
    expect(quiet.requests).toBeLessThanOrEqual(3);

    // A proposal is opened: announced, as proposed, in its term.
    const tail = fake.openIssue({ title: "[CNCF LFX Proposal] Jaeger Trace tail sampling", body: proposalBody("Jaeger", "Trace tail sampling", "https://github.com/jaegertracing/jaeger/issues/9001"), labels: LABELS });
    const opened = await step();
    expect(opened.announced).toEqual(["Trace tail sampling"]);
    expect(opened.titles("Trace tail sampling")).toEqual(["lfx-2026-3 proposed"]);
    expect(opened.channels).toEqual({ all: ["Trace tail sampling"], approved: [] });

    // Edited: nothing new.
    fake.editIssue(tail, { body: proposalBody("Jaeger", "Trace tail sampling", "https://github.com/jaegertracing/jaeger/issues/9001", "Build the thing, better.") });
    expect((await step()).announced).toEqual([]);

    // A second proposal, withdrawn before the next check: never announced, not in the catalogue.
    const gone = fake.openIssue({ title: "[CNCF LFX Proposal] Envoy Something", body: proposalBody("Envoy", "Something withdrawn", "https://github.com/envoyproxy/envoy/issues/1"), labels: LABELS });
    fake.closeIssue(gone, { reason: "not_planned" });
    const withdrawn = await step();
    expect(withdrawn.announced).toEqual([]);
    expect(withdrawn.titles("Something withdrawn")).toEqual([]);

    // A proposal whose body is not the form: skipped with a line naming it; the others are read.
    const broken = fake.openIssue({ title: "[CNCF LFX Proposal] ???", body: "I deleted the form, sorry", labels: LABELS });
    const skipped = await step();
    expect(skipped.announced).toEqual([]);
    expect(logged.filter((l) => l.includes(`#${broken}`))).toEqual([expect.stringMatching(new RegExp(`^source lfx-proposals: .*issue #${broken} skipped`))]);
    expect(skipped.titles("Trace tail sampling")).toEqual(["lfx-2026-3 proposed"]);

    // Approved: the same idea, now accepted; nothing announced.
    fake.addLabels(tail, ["CNCF Approved"]);
    const approved = await step();
    expect(approved.announced).toEqual([]);
    expect(approved.titles("Trace tail sampling")).toEqual(["lfx-2026-3 accepted"]);
    // ... and the channel that waits for accepted ideas gets it now, once.
    expect(approved.channels).toEqual({ all: [], approved: ["Trace tail sampling"] });

    // Exported (same issue number and upstream issue): nothing announced.
    const exported = JSON.parse(fake.readFile(EXPORT)!.toString("utf8")) as { programs: object[] };
    exported.programs.push({
      issue_number: tail,
      issue_url: `https://github.com/cncf/mentoring/issues/${tail}`,
      cncf_project: "Jaeger",
      program_name_short: "Trace tail sampling",
      description: "Build the thing, better.",
      technologies: "Go, Kubernetes",
      mentors: [{ name: "Ada Lovelace", github_handle: "ada" }],
      upstream_issue_url: "https://github.com/jaegertracing/jaeger/issues/9001",
    });
    fake.writeFile(EXPORT, JSON.stringify(exported, null, 2));
    const afterExport = await step();
    expect(afterExport.announced).toEqual([]);
    expect(afterExport.channels).toEqual({ all: [], approved: [] });

    // The generated README gains its entry (under the project's heading): the same idea again, nothing announced.
    const README = "programs/lfx-mentorship/2026/03-Sep-Nov/README.md";
    const entry = [
      "#### Trace tail sampling",
      "",
      "CNCF - Jaeger: Trace tail sampling (2026 Term 3)",
      "",
      "- Description: Build the thing, better.",
      "- Technologies: Go, Kubernetes",
      "- Mentor(s):",
      "  - Ada Lovelace (@ada)",
      "- Upstream Issue: https://github.com/jaegertracing/jaeger/issues/9001",
      "",
      "",
    ].join("\n");
    const readme = fake.readFile(README)!.toString("utf8");
    fake.writeFile(README, readme.replace("### Jaeger\n\n", `### Jaeger\n\n${entry}`));
    const listed = await step();
    expect(listed.announced).toEqual([]);
    expect(listed.channels).toEqual({ all: [], approved: [] });
    expect(listed.titles("Trace tail sampling")).toEqual(["lfx-2026-3 accepted"]);
    // One card: the furthest stage, and the links of each form it took (the upstream issue, the proposal issue).
    expect(listed.links("Trace tail sampling")).toEqual(expect.arrayContaining(["https://github.com/jaegertracing/jaeger/issues/9001", `https://github.com/cncf/mentoring/issues/${tail}`]));

    // A new term's folder, with ideas that never were issues: announced (as a new term's list).
    fake.writeFile(NEW_TERM, "# LFX Mentorship 2027 Term 1\n\n### Orbit\n\n#### Orbit dashboards\n\n- Description: Dashboards.\n- Mentor(s): Ada (@ada)\n\n#### Orbit alerts\n\n- Description: Alerts.\n- Mentor(s): Ada (@ada)\n");
    const term = await step();
    expect(term.announced.sort()).toEqual(["Orbit alerts", "Orbit dashboards"]);
    expect(term.titles("Orbit alerts")).toEqual(["lfx-2027-1 accepted"]);
    // Accepted from the start (a README): both channels, as one digest each (a new term's list).
    expect(term.channels.all.sort()).toEqual(["Orbit alerts", "Orbit dashboards"]);
    expect(term.channels.approved.sort()).toEqual(["Orbit alerts", "Orbit dashboards"]);

    // And once more, nothing.
    const last = await step();
    expect(last.announced).toEqual([]);
    expect(last.channels).toEqual({ all: [], approved: [] });
  });

  it("with GitHub unreachable at a first start: serves the bundled copy, and says upstream is unreachable in its status", async () => {
    const store = new SqliteStore(mkdtempSync(path.join(tmpdir(), "ideas-offline-")));
    const server = await FakeGitHub.start();
    const closedUrl = server.url;
    await server.close();
    // A stand-in parser: what is read is the question here, not how (the catalogue's parse is tested elsewhere).
    const read: string[] = [];
    const parse = (_text: string, spec: { label: string }) => (read.push(spec.label), { ideas: [], warnings: [] });
    const watcher = new SourceWatcher({ store, sources, announceExisting: false, github: { apiUrl: closedUrl, retries: 0 }, parse, log: () => {} });
    try {
      await watcher.checkNow();
      expect(watcher.upstream()).toEqual([{ label: "github-cncf-mentoring", checkedAt: expect.any(String), error: expect.stringMatching(/unreachable \(ECONNREFUSED\): check GITHUB_API_URL and the network/) }]);
      // Every bundled file was read (from its copy); the proposals could not be.
      expect(read).toHaveLength(57);
      expect(watcher.currentSources().map((s) => s.label)).toContain("lfx-proposals");
      expect((await store.sourceState("lfx-proposals"))?.lastError).toMatch(/could not list the proposals/);
    } finally {
      await watcher.stop();
      await store.close();
    }
  });

  it("two replicas: the one that does not lead reads no file, yet serves a new term's file the leader found", async () => {
    const server = await FakeGitHub.start();
    const dir = mkdtempSync(path.join(tmpdir(), "ideas-replicas-"));
    // Only the new term's small file is parsed for real: the bundled files' ideas are not the question.
    const parse = (text: string, spec: SourceIdentity) => (spec.term === "lfx-2027-1" ? readIdeas(text, spec) : { ideas: [], warnings: [] });
    const replica = (owner: string) => {
      const store = new SqliteStore(dir);
      return { store, watcher: new SourceWatcher({ store, sources, announceExisting: false, github: { apiUrl: server.url, retries: 0 }, parse, leader: { owner }, log: () => {} }) };
    };
    const a = replica("A");
    const b = replica("B");
    try {
      await a.watcher.scheduledCheck();
      server.writeFile(NEW_TERM, "# LFX Mentorship 2027 Term 1\n\n### Orbit\n\n#### Orbit dashboards\n\n- Description: Dashboards.\n- Mentor(s): Ada (@ada)\n");
      await a.watcher.scheduledCheck();
      expect(a.watcher.holder.current.ideas.map((i) => i.title)).toEqual(["Orbit dashboards"]);
      server.resetLog();
      await b.watcher.scheduledCheck();
      expect(b.watcher.holder.current.ideas.map((i) => `${i.title} ${i.term}`)).toEqual(["Orbit dashboards lfx-2027-1"]);
      expect(server.countRequests({ path: /\/contents\// })).toBe(0);
      expect(server.countRequests({ path: /\/git\/trees\// })).toBe(1);
    } finally {
      for (const { watcher, store } of [a, b]) {
        await watcher.stop();
        await store.close();
      }
      await server.close();
    }
  });
});
