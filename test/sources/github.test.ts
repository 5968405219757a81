import { afterEach, describe, expect, it } from "vitest";
import { GithubFollower, gitBlobSha, parseGithubLocation, PROPOSALS_LABEL } from "../../src/sources/github.ts";
import { manifestSources } from "../../src/sources/manifest.ts";
import { parseSourceSpec } from "../../src/sources/spec.ts";
import type { Validators } from "../../src/sources/fetch.ts";
import { closedPort } from "../helpers.ts";
import { FakeGitHub } from "./fake-github.ts";

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const REPO = { owner: "cncf", repo: "mentoring" };
const follower = (apiUrl: string, extra: Partial<ConstructorParameters<typeof GithubFollower>[1]> = {}) => new GithubFollower(REPO, { apiUrl, retries: 0, ...extra });

/** Reads every source a discovery found, as a check does, keeping each one's validators. */
async function readAll(github: GithubFollower, specs: Awaited<ReturnType<GithubFollower["discover"]>>, previous: Map<string, Validators>) {
  const changed: string[] = [];
  for (const spec of specs) {
    const outcome = await github.read(spec, previous.get(spec.label) ?? null);
    previous.set(spec.label, outcome.validators);
    if (outcome.changed) changed.push(spec.label);
  }
  return changed;
}

describe("github: sources", () => {
  it("are written github:OWNER/REPO[@BRANCH] in IDEAS_SOURCES", () => {
    expect(parseSourceSpec("github:cncf/mentoring")).toMatchObject({ kind: "github", label: "github-cncf-mentoring", location: "github:cncf/mentoring" });
    expect(parseSourceSpec("up=github:cncf/mentoring@main")).toMatchObject({ kind: "github", label: "up" });
    expect(parseGithubLocation("github:cncf/mentoring@feature/x")).toEqual({ owner: "cncf", repo: "mentoring", branch: "feature/x" });
    expect(() => parseSourceSpec("github:cncf")).toThrow(/github:OWNER\/REPO/);
  });
});

describe("GithubFollower against a fake GitHub", () => {
  it("finds the bundled catalogue's files in one tree request, labelled as the bundled manifest labels them, plus the proposals", async () => {
    fake = await FakeGitHub.start();
    const specs = await follower(fake.url).discover();
    const bundled = manifestSources();
    const files = specs.filter((s) => s.label !== PROPOSALS_LABEL);
    expect(files.map((s) => [s.label, s.term, s.role]).sort()).toEqual(bundled.map((s) => [s.label, s.term, s.role]).sort());
    expect(specs.find((s) => s.label === PROPOSALS_LABEL)).toMatchObject({ kind: "github", role: "issues" });
    // The repository (for its default branch) and its tree: nothing per folder.
    expect(fake.requests.map((r) => r.path)).toEqual(["/repos/cncf/mentoring", "/repos/cncf/mentoring/git/trees/main"]);
  });

  it("reads a file upstream only when its blob is not the bundled copy, and an unchanged repository costs two free requests", async () => {
    fake = await FakeGitHub.start();
    const github = follower(fake.url);
    const previous = new Map<string, Validators>();
    const first = await readAll(github, await github.discover(), previous);
    expect(first).toHaveLength(58);
    // Every file upstream is the bundled one (same blob sha): read from disk, no contents request.
    expect(fake.countRequests({ path: /\/contents\// })).toBe(0);

    fake.resetLog();
    expect(await readAll(github, await github.discover(), previous)).toEqual([]);
    expect(fake.requests.map((r) => [r.path, r.status])).toEqual([
      ["/repos/cncf/mentoring/git/trees/main", 304],
      ["/repos/cncf/mentoring/issues", 304],
    ]);

    // One file changes upstream: one contents request, for it alone.
    const path = "programs/summerofcode/2026.md";
    fake.writeFile(path, fake.readFile(path)!.toString("utf8") + "\n### Orbit\n\n#### A new idea\n\n- Mentor(s): Ada (@ada)\n");
    fake.resetLog();
    expect(await readAll(github, await github.discover(), previous)).toEqual(["gsoc-2026-proposals"]);
    expect(fake.requests.filter((r) => r.path.includes("/contents/")).map((r) => r.path)).toEqual([`/repos/cncf/mentoring/contents/${path}`]);
    expect(previous.get("gsoc-2026-proposals")!.etag).toBe(gitBlobSha(fake.readFile(path)!));
  });

  it("lists the proposal issues, open and closed, as one JSON text, and a 304 when nothing changed", async () => {
    fake = await FakeGitHub.start();
    const github = follower(fake.url);
    const proposals = (await github.discover()).find((s) => s.label === PROPOSALS_LABEL)!;
    const one = fake.openIssue({ title: "[CNCF LFX Proposal] Jaeger Query layer", body: "### CNCF Project\n\nJaeger", labels: ["lfx mentorship", "Proposal", "Needs Validation"] });
    fake.openIssue({ title: "A bug", body: "not a proposal", labels: ["bug"] });
    const first = await github.read(proposals, null);
    expect(first.changed).toBe(true);
    const issues = JSON.parse((first as { text: string }).text) as Array<{ number: number }>;
    expect(issues.map((i) => i.number)).toEqual([one]);
    expect((await github.read(proposals, first.validators)).changed).toBe(false);
    fake.closeIssue(one, { reason: "not_planned" });
    expect((await github.read(proposals, first.validators)).changed).toBe(true);
  });

  it("waits out a rate limit by its reset header and loses nothing", async () => {
    fake = await FakeGitHub.start();
    const github = follower(fake.url);
    await github.discover();
    fake.setRateLimit({ remaining: 0, resetInMs: 1_000 });
    const lines: string[] = [];
    const waiting = new GithubFollower(REPO, { apiUrl: fake.url, retries: 0, log: (m) => void lines.push(m) });
    const specs = await waiting.discover();
    expect(specs.length).toBe(58);
    expect(lines.some((l) => /rate limit .*waiting \d+ s for the reset/.test(l))).toBe(true);
  });

  it("does not wait longer than allowed: the check fails with a reason, and the next one tries again", async () => {
    fake = await FakeGitHub.start();
    fake.setRateLimit({ remaining: 0, resetInMs: 3_600_000 });
    await expect(follower(fake.url, { maxRateLimitWaitMs: 1_000 }).discover()).rejects.toThrow(/403 rate limited.*set GITHUB_TOKEN/);
  });

  it("warns once when the quota runs low, and says how to get more", async () => {
    fake = await FakeGitHub.start();
    fake.setRateLimit({ remaining: 4 });
    const lines: string[] = [];
    const github = new GithubFollower(REPO, { apiUrl: fake.url, retries: 0, log: (m) => void lines.push(m) });
    await github.discover();
    expect(lines.filter((l) => l.startsWith("GitHub API quota low"))).toEqual([expect.stringMatching(/^GitHub API quota low: \d of 60 requests left until \d\d:\d\d UTC; set GITHUB_TOKEN/)]);
  });

  it("sends GITHUB_TOKEN, and says so when it is refused (never its value)", async () => {
    fake = await FakeGitHub.start({ token: "ghp_right-token-value" });
    await follower(fake.url, { token: "ghp_right-token-value" }).discover();
    expect(fake.requests[0]!.authorization).toBe("token ghp_right-token-value");
    const refused = await follower(fake.url, { token: "ghp_wrong-token-value" }).discover().catch((e: Error) => e.message);
    expect(refused).toMatch(/401 \(GITHUB_TOKEN was refused: check it\)/);
    expect(refused).not.toContain("ghp_wrong");
  });

  it("with GitHub unreachable: a file never recorded is read from its bundled copy, one recorded keeps what it had", async () => {
    const port = await closedPort();
    const github = follower(`http://127.0.0.1:${port}`);
    await expect(github.discover()).rejects.toThrow(/unreachable \(ECONNREFUSED\): check GITHUB_API_URL/);
    const offline = github.offlineSources();
    expect(offline.map((s) => s.label).sort()).toEqual([...manifestSources().map((s) => s.label), PROPOSALS_LABEL].sort());
    const spec = offline.find((s) => s.label === "gsoc-2026-proposals")!;
    const fresh = await github.read(spec, null);
    expect(fresh.changed).toBe(true);
    await expect(github.read(spec, fresh.validators)).rejects.toThrow(/could not be read; keeping the last version/);
  });
});
