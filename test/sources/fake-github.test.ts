import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { CNCF_MENTORING_DIR, EMPTY_TREE, FakeGitHub } from "./fake-github.ts";

const GitHub = Octokit.plugin(throttling, retry);
type Client = InstanceType<typeof GitHub>;
const silent = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
const repo = { owner: "cncf", repo: "mentoring" };

/** A real Octokit with the throttling and retry plugins, pointed at the fake. */
function client(
  fake: FakeGitHub,
  options: {
    auth?: string;
    onRateLimit?: (retryAfter: number, options: object, octokit: unknown, retryCount: number) => boolean;
    onSecondaryRateLimit?: (retryAfter: number, options: object, octokit: unknown, retryCount: number) => boolean;
    /** ms per second of Retry-After: 1000 is real time. */
    throttleBase?: number;
  } = {},
): Client {
  return new GitHub({
    baseUrl: fake.url,
    ...(options.auth !== undefined ? { auth: options.auth } : {}),
    log: silent,
    throttle: {
      onRateLimit: options.onRateLimit ?? (() => false),
      onSecondaryRateLimit: options.onSecondaryRateLimit ?? (() => false),
      retryAfterBaseValue: options.throttleBase ?? 1000,
    },
    retry: { retryAfterBaseValue: 10 },
  });
}

/** `git hash-object` by hand: sha1 of `blob <size>\0<bytes>`. */
const blobSha = (bytes: Buffer) => createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
/** A git tree object by hand: sha1 of `tree <size>\0` then `<mode> <name>\0<20-byte sha>` per entry. */
const treeSha = (entries: Array<[mode: string, name: string, sha: string]>) => {
  const body = Buffer.concat(entries.map(([mode, name, sha]) => Buffer.concat([Buffer.from(`${mode} ${name}\0`), Buffer.from(sha, "hex")])));
  return createHash("sha1").update(`tree ${body.length}\0`).update(body).digest("hex");
};

async function status(promise: Promise<unknown>): Promise<{ status: number; headers: Record<string, string>; data: unknown }> {
  try {
    const response = (await promise) as { status: number; headers: Record<string, string>; data: unknown };
    return response;
  } catch (error) {
    const e = error as { status?: number; response?: { headers: Record<string, string>; data: unknown } };
    if (typeof e.status !== "number") throw error;
    return { status: e.status, headers: e.response?.headers ?? {}, data: e.response?.data };
  }
}

const temps: string[] = [];
function tempRepo(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "fake-github-"));
  temps.push(dir);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

let fake: FakeGitHub;
let octokit: Client;
const started: FakeGitHub[] = [];
async function start(...args: Parameters<typeof FakeGitHub.start>): Promise<FakeGitHub> {
  const f = await FakeGitHub.start(...args);
  started.push(f);
  return f;
}

beforeAll(async () => {
  fake = await start();
  octokit = client(fake, { auth: "secret" });
});
afterEach(() => {
  vi.restoreAllMocks();
});
afterAll(async () => {
  await Promise.all(started.map((f) => f.close()));
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe("git trees", () => {
  it("lists the whole snapshot recursively with real git blob shas", async () => {
    const { data, headers } = await octokit.rest.git.getTree({ ...repo, tree_sha: "main", recursive: "1" });
    expect(data.truncated).toBe(false);
    expect(data.sha).toBe(fake.treeSha);
    expect(headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const readme = data.tree.find((e) => e.path === "programs/summerofcode/README.md");
    const bytes = readFileSync(path.join(CNCF_MENTORING_DIR, "programs/summerofcode/README.md"));
    expect(readme).toMatchObject({ mode: "100644", type: "blob", sha: blobSha(bytes), size: bytes.length });
    expect(data.tree.find((e) => e.path === "programs")).toMatchObject({ mode: "040000", type: "tree" });
    const blobs = data.tree.filter((e) => e.type === "blob").map((e) => e.path);
    expect(blobs.sort()).toEqual(fake.listFiles());
    // The tree sha as a ref gives the same listing; without recursive only the top level.
    const again = await octokit.rest.git.getTree({ ...repo, tree_sha: data.sha, recursive: "1" });
    expect(again.data.tree).toEqual(data.tree);
    const top = await octokit.rest.git.getTree({ ...repo, tree_sha: "main" });
    expect(top.data.tree.every((e) => !e.path!.includes("/"))).toBe(true);
  });

  it("computes tree shas as git does, in git's entry order", async () => {
    const empty = await start({ dir: tempRepo({}) });
    expect((await client(empty).rest.git.getTree({ ...repo, tree_sha: "main", recursive: "1" })).data).toMatchObject({ sha: EMPTY_TREE, tree: [] });

    const small = await start({ owner: "o", repo: "r", branch: "trunk", dir: tempRepo({ "a.txt": "A\n", "a/x": "X\n", "a0.txt": "0\n" }) });
    const { data } = await client(small).rest.git.getTree({ owner: "o", repo: "r", tree_sha: "trunk", recursive: "1" });
    const sub = treeSha([["100644", "x", blobSha(Buffer.from("X\n"))]]);
    // git sorts a tree's name as if it ended with "/": "a.txt" < "a/" < "a0.txt".
    const root = treeSha([
      ["100644", "a.txt", blobSha(Buffer.from("A\n"))],
      ["40000", "a", sub],
      ["100644", "a0.txt", blobSha(Buffer.from("0\n"))],
    ]);
    expect(data.sha).toBe(root);
    expect(data.tree.map((e) => [e.path, e.type, e.sha])).toEqual([
      ["a.txt", "blob", blobSha(Buffer.from("A\n"))],
      ["a", "tree", sub],
      ["a/x", "blob", blobSha(Buffer.from("X\n"))],
      ["a0.txt", "blob", blobSha(Buffer.from("0\n"))],
    ]);
  });

  it("gives the tree shas `git write-tree` gives in Pro Git's \"Git Objects\" walkthrough", async () => {
    const v1 = await start({ dir: tempRepo({ "test.txt": "version 1\n" }) });
    const v2 = await start({ dir: tempRepo({ "test.txt": "version 2\n", "new.txt": "new file\n" }) });
    const v3 = await start({ dir: tempRepo({ "test.txt": "version 2\n", "new.txt": "new file\n", "bak/test.txt": "version 1\n" }) });
    expect(blobSha(Buffer.from("version 1\n"))).toBe("83baae61804e65cc73a7201a7252750c76066a30");
    expect([v1.treeSha, v2.treeSha, v3.treeSha]).toEqual(["d8329fc1cc938780ffdd9f94e0d364e0ea74f579", "0155eb4229851634a0f03eb265b69f5a2d56f341", "3c4e9cd789d88d8d89c1073707c3585e41b0e614"]);
  });

  it("changes the tree sha with any file, keeps old trees readable, and is content-addressed", async () => {
    const before = fake.treeSha;
    fake.writeFile("programs/new file.md", "# New\n");
    const changed = fake.treeSha;
    expect(changed).not.toBe(before);
    const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: "main", recursive: "1" });
    expect(data.sha).toBe(changed);
    expect(data.tree.find((e) => e.path === "programs/new file.md")?.sha).toBe(blobSha(Buffer.from("# New\n")));
    const old = await octokit.rest.git.getTree({ ...repo, tree_sha: before, recursive: "1" });
    expect(old.data.tree.some((e) => e.path === "programs/new file.md")).toBe(false);
    fake.deleteFile("programs/new file.md");
    expect(fake.treeSha).toBe(before);
    expect((await status(octokit.rest.git.getTree({ ...repo, tree_sha: "0".repeat(40) }))).status).toBe(404);
  });
});

describe("contents", () => {
  const file = "programs/summerofcode/2024.md";
  const text = () => readFileSync(path.join(CNCF_MENTORING_DIR, file), "utf8");

  it("answers raw bytes for the raw media types and base64 JSON otherwise", async () => {
    const raw = await octokit.rest.repos.getContent({ ...repo, path: file, ref: "main", mediaType: { format: "raw" } });
    expect(raw.data).toBe(text());
    const rawJson = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: file, headers: { accept: "application/vnd.github.raw+json" } });
    expect(rawJson.data).toBe(text());
    const plainRaw = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: file, headers: { accept: "application/vnd.github.raw" } });
    expect(plainRaw.data).toBe(text());
    const { data } = await octokit.rest.repos.getContent({ ...repo, path: file });
    expect(Array.isArray(data)).toBe(false);
    const json = data as { type: string; path: string; sha: string; size: number; encoding: string; content: string };
    expect(json).toMatchObject({ type: "file", path: file, encoding: "base64", size: Buffer.byteLength(text()), sha: blobSha(Buffer.from(text())) });
    expect(Buffer.from(json.content, "base64").toString("utf8")).toBe(text());
  });

  it("handles spaces and percent signs in paths, directories, 404s and unknown refs", async () => {
    fake.writeFile("docs/with space/100% sure.md", "odd name\n");
    const odd = await octokit.rest.repos.getContent({ ...repo, path: "docs/with space/100% sure.md", mediaType: { format: "raw" } });
    expect(odd.data).toBe("odd name\n");
    expect(fake.requests.at(-1)?.path).toBe("/repos/cncf/mentoring/contents/docs/with space/100% sure.md");
    const dir = await octokit.rest.repos.getContent({ ...repo, path: "docs" });
    expect(dir.data).toEqual([expect.objectContaining({ type: "dir", name: "with space", path: "docs/with space" })]);
    fake.deleteFile("docs/with space/100% sure.md");

    const missing = await status(octokit.rest.repos.getContent({ ...repo, path: "nope.md" }));
    expect(missing).toMatchObject({ status: 404, data: { message: "Not Found" } });
    expect((await status(octokit.rest.repos.getContent({ ...repo, path: "docs" }))).status).toBe(404);
    expect((await status(octokit.rest.repos.getContent({ ...repo, path: file, ref: "no-such-branch" }))).status).toBe(404);
    expect((await status(octokit.rest.repos.getContent({ owner: "someone", repo: "else", path: file }))).status).toBe(404);
  });
});

describe("issues", () => {
  let issues: FakeGitHub;
  let gh: Client;
  beforeAll(async () => {
    issues = await start({ dir: null, now: "2025-01-01T00:00:00Z" });
    gh = client(issues, { auth: "t" });
    for (let i = 1; i <= 5; i++) {
      issues.openIssue({ title: `Idea ${i}`, body: `body ${i}`, labels: i % 2 ? ["LFX", "mentorship"] : ["lfx"], user: "alice" });
      issues.advance(60_000);
    }
  });

  it("filters by all labels (case-insensitive), state and since, and sorts", async () => {
    const both = await gh.rest.issues.listForRepo({ ...repo, labels: "lfx,Mentorship" });
    expect(both.data.map((i) => i.number)).toEqual([5, 3, 1]);
    expect(both.data[0]).toMatchObject({ title: "Idea 5", body: "body 5", state: "open", state_reason: null, user: { login: "alice" }, html_url: "https://github.com/cncf/mentoring/issues/5", created_at: "2025-01-01T00:04:00Z" });
    expect(both.data[0]!.labels).toEqual([expect.objectContaining({ name: "LFX" }), expect.objectContaining({ name: "mentorship" })]);

    issues.closeIssue(3, { reason: "not_planned" });
    const open = await gh.rest.issues.listForRepo({ ...repo, labels: "mentorship", direction: "asc" });
    expect(open.data.map((i) => i.number)).toEqual([1, 5]);
    const closed = await gh.rest.issues.listForRepo({ ...repo, state: "closed" });
    expect(closed.data).toEqual([expect.objectContaining({ number: 3, state: "closed", state_reason: "not_planned", closed_at: "2025-01-01T00:05:00Z" })]);
    const since = await gh.rest.issues.listForRepo({ ...repo, state: "all", since: "2025-01-01T00:04:00Z", sort: "updated" });
    expect(since.data.map((i) => i.number)).toEqual([3, 5]);
    issues.reopenIssue(3);
  });

  it("paginates with a Link header that octokit.paginate follows", async () => {
    const first = await gh.rest.issues.listForRepo({ ...repo, state: "all", per_page: 2 });
    expect(first.data.map((i) => i.number)).toEqual([5, 4]);
    expect(first.headers.link).toMatch(/[?&]page=2>; rel="next"/);
    expect(first.headers.link).toMatch(/[?&]page=3>; rel="last"/);
    const from = issues.requests.length;
    const all = await gh.paginate(gh.rest.issues.listForRepo, { ...repo, state: "all", per_page: 2 });
    expect(all.map((i) => i.number)).toEqual([5, 4, 3, 2, 1]);
    expect(issues.requests.slice(from).map((r) => r.query.page ?? "1")).toEqual(["1", "2", "3"]);
    expect(issues.countRequests({ path: "/repos/cncf/mentoring/issues", status: 200 })).toBeGreaterThanOrEqual(3);
  });

  it("shows mutations, each bumping updated_at and the ETag", async () => {
    const get = () => gh.rest.issues.get({ ...repo, issue_number: 2 });
    const before = await get();
    issues.advance(60_000);
    issues.editIssue(2, { title: "Idea two", body: "new body" });
    issues.addLabels(2, ["good first issue", "LFX"]);
    issues.removeLabel(2, "LFX");
    const after = await get();
    expect(after.data).toMatchObject({ title: "Idea two", body: "new body", updated_at: "2025-01-01T00:06:00Z" });
    expect(after.data.labels).toEqual([expect.objectContaining({ name: "good first issue" })]);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const number = issues.openIssue({ title: "Fresh", labels: ["x"] });
    expect((await gh.rest.issues.listForRepo({ ...repo, labels: "x" })).data.map((i) => i.number)).toEqual([number]);
  });
});

describe("ETags and rate limits", () => {
  it("answers 304 to a matching If-None-Match, without counting it, and a new ETag after a change", async () => {
    const anonymous = client(fake);
    const first = await anonymous.rest.git.getTree({ ...repo, tree_sha: "main" });
    expect(first.headers["x-ratelimit-limit"]).toBe("60");
    const remaining = Number(first.headers["x-ratelimit-remaining"]);
    const notModified = await status(anonymous.rest.git.getTree({ ...repo, tree_sha: "main", headers: { "if-none-match": first.headers.etag! } }));
    expect(notModified.status).toBe(304);
    expect(notModified.data).toBe("");
    expect(notModified.headers.etag).toBe(first.headers.etag);
    expect(Number(notModified.headers["x-ratelimit-remaining"])).toBe(remaining);
    expect(fake.requests.at(-1)).toMatchObject({ status: 304 });

    fake.writeFile("programs/etag.md", "changed\n");
    const changed = await anonymous.rest.git.getTree({ ...repo, tree_sha: "main", headers: { "if-none-match": first.headers.etag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect(Number(changed.headers["x-ratelimit-remaining"])).toBe(remaining - 1);
    fake.deleteFile("programs/etag.md");
  });

  it("sends the rate-limit headers: 60 without a token, 5000 with one", async () => {
    const anonymous = await client(fake).rest.repos.get(repo);
    const authenticated = await octokit.rest.repos.get(repo);
    expect(authenticated.data.default_branch).toBe("main");
    expect(anonymous.headers).toMatchObject({ "x-ratelimit-limit": "60", "x-ratelimit-resource": "core" });
    expect(authenticated.headers).toMatchObject({ "x-ratelimit-limit": "5000", "x-ratelimit-resource": "core" });
    const h = authenticated.headers;
    expect(Number(h["x-ratelimit-used"]) + Number(h["x-ratelimit-remaining"])).toBe(5000);
    expect(Number(h["x-ratelimit-reset"])).toBeGreaterThan(Date.now() / 1000);
    expect(fake.requests.at(-1)?.authorization).toBe("token secret");
  });

  it("answers 403 once a window's limit is spent", async () => {
    const small = await start({ dir: tempRepo({ "a.md": "a\n" }), rateLimit: { limit: 2, windowMs: 60_000 } });
    const gh = client(small);
    await gh.rest.repos.get(repo);
    await gh.rest.repos.get(repo);
    const refused = await status(gh.rest.repos.get(repo));
    expect(refused.status).toBe(403);
    expect(refused.headers["x-ratelimit-remaining"]).toBe("0");
    expect(refused.data).toMatchObject({ message: expect.stringMatching(/^API rate limit exceeded for /), documentation_url: expect.any(String) });
    expect(small.rateLimit()).toMatchObject({ limit: 2, remaining: 0, used: 2 });
  });

  it("lets plugin-throttling wait out an exhausted limit until its reset, then succeeds", async () => {
    const limited = await start({ dir: tempRepo({ "a.md": "a\n" }) });
    limited.setRateLimit({ remaining: 0, resetInMs: 1000 });
    const onRateLimit = vi.fn((_after: number, _options: object, _octokit: unknown, retryCount: number) => retryCount === 0);
    const started = Date.now();
    const { data } = await client(limited, { onRateLimit }).rest.repos.getContent({ ...repo, path: "a.md", mediaType: { format: "raw" } });
    expect(data).toBe("a\n");
    expect(onRateLimit).toHaveBeenCalledTimes(1);
    expect(onRateLimit.mock.calls[0]![0]).toBeGreaterThanOrEqual(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(limited.requests.map((r) => r.status)).toEqual([403, 200]);
    expect(limited.rateLimit()).toMatchObject({ limit: 60, remaining: 59 });
  });

  it("serves a one-shot secondary 429 with Retry-After, and one-shot 500/502s", async () => {
    const flaky = await start({ dir: tempRepo({ "a.md": "a\n" }) });
    const onSecondaryRateLimit = vi.fn(() => true);
    const gh = client(flaky, { onSecondaryRateLimit, throttleBase: 10 });
    flaky.failNext(429, { retryAfter: 3 });
    expect((await gh.rest.repos.get(repo)).status).toBe(200);
    expect(onSecondaryRateLimit.mock.calls[0]).toEqual([3, expect.anything(), expect.anything(), 0]);
    expect(flaky.requests.map((r) => r.status)).toEqual([429, 200]);

    flaky.resetLog();
    const before = flaky.rateLimit().remaining;
    flaky.failNext(500);
    flaky.failNext(502);
    expect((await gh.rest.repos.get(repo)).status).toBe(200);
    expect(flaky.requests.map((r) => r.status)).toEqual([500, 502, 200]);
    // Only the 200 was counted.
    expect(flaky.rateLimit().remaining).toBe(before - 1);
  });
});

describe("auth and the request log", () => {
  it("answers 401 Bad credentials to a wrong token and records the authorization", async () => {
    const guarded = await start({ dir: null, token: "good" });
    const wrong = await status(client(guarded, { auth: "bad" }).rest.repos.get(repo));
    expect(wrong).toMatchObject({ status: 401, data: { message: "Bad credentials" } });
    expect((await client(guarded, { auth: "good" }).rest.repos.get(repo)).headers["x-ratelimit-limit"]).toBe("5000");
    expect((await client(guarded).rest.repos.get(repo)).headers["x-ratelimit-limit"]).toBe("60");
    expect(guarded.requests.map((r) => [r.status, r.authorization])).toEqual([
      [401, "token bad"],
      [200, "token good"],
      [200, undefined],
    ]);
    expect(guarded.countRequests({ status: 401 })).toBe(1);
    const waiting = guarded.waitForRequest({ method: "GET", path: /\/issues$/ }, { from: guarded.requests.length });
    await client(guarded, { auth: "good" }).rest.issues.listForRepo(repo);
    expect(await waiting).toMatchObject({ status: 200, query: {} });
    guarded.resetLog();
    expect(guarded.countRequests()).toBe(0);
  });
});
