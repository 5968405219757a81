import { createHash, randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * A loopback fake of the GitHub REST API (127.0.0.1, port 0) for one repository, for a real Octokit:
 * its files come from a directory on disk (copied in memory at start, so writeFile and deleteFile
 * never touch the disk), its issues live in memory. It answers what a bot following the repository
 * asks:
 *
 * - GET /repos/:owner/:repo                         the repository (default_branch…)
 * - GET /repos/:owner/:repo/git/trees/:ref          `?recursive=<anything>` for the whole tree; :ref is the
 *                                                   branch (or heads/…, refs/heads/…, HEAD) or any tree sha
 *                                                   it ever served. Real git blob and tree shas.
 * - GET /repos/:owner/:repo/git/blobs/:sha          JSON (base64) or raw
 * - GET /repos/:owner/:repo/contents/:path?ref=     a file: JSON (base64) or, with Accept
 *                                                   application/vnd.github[.v3].raw[+json], its bytes; a
 *                                                   directory: the JSON list of its entries
 * - GET /repos/:owner/:repo/issues?labels&state&since&sort&direction&per_page&page   with a Link header
 * - GET /repos/:owner/:repo/issues/:number
 * - GET /rate_limit                                 not counted, as on GitHub
 *
 * Every 200 GET has a strong ETag (a sha256 of the body); a matching If-None-Match gets 304 without
 * a body, not counted against the rate limit. Every response has the x-ratelimit-* headers of its
 * bucket: one for requests without Authorization (60 an hour by default), one for those with it
 * (5000). An exhausted bucket answers 403 "API rate limit exceeded" until its reset. A test may queue
 * one-shot failures (a 429 secondary rate limit with Retry-After, a 500/502/503).
 */

/** The bundled snapshot of cncf/mentoring. */
export const CNCF_MENTORING_DIR = fileURLToPath(new URL("../../data/cncf-mentoring", import.meta.url));

const DOCS = "https://docs.github.com/rest";
/** The sha of git's empty tree (a repository without files). */
export const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

export interface RateLimitOptions {
  /** Requests per window without Authorization (default 60); also the authenticated limit unless `authenticatedLimit` is given. */
  limit?: number;
  /** Requests per window with an Authorization header (default 5000, or `limit` when only that is given). */
  authenticatedLimit?: number;
  /** The window, from the first counted request (default one hour, as GitHub's). */
  windowMs?: number;
}

export interface FakeGitHubOptions {
  /** Default `cncf`. Matched case-insensitively, as GitHub does. */
  owner?: string;
  /** Default `mentoring`. */
  repo?: string;
  /** The default branch, default `main`. */
  branch?: string;
  /** The directory whose files make the repository (default: data/cncf-mentoring); null for an empty repository. */
  dir?: string | null;
  /** When set, a request whose Authorization carries another token gets 401 Bad credentials (none at all is anonymous). */
  token?: string | null;
  rateLimit?: RateLimitOptions;
  /** The clock for created_at/updated_at/closed_at; the real time when not set. */
  now?: Date | string | number;
}

export interface RecordedRequest {
  /** Index in `requests`. */
  index: number;
  method: string;
  /** The decoded path, e.g. `/repos/cncf/mentoring/contents/programs/a b.md`. */
  path: string;
  query: Record<string, string>;
  /** The status answered (304 for a matching If-None-Match, 403 for an exhausted rate limit…). */
  status: number;
  authorization?: string;
  headers: IncomingHttpHeaders;
}

export type RequestFilter = ((r: RecordedRequest) => boolean) | { method?: string; path?: string | RegExp; status?: number };

export type IssueState = "open" | "closed";
export type StateReason = "completed" | "not_planned" | "reopened" | null;

/** An issue as the fake stores it (the API answers GitHub's issue object built from it). */
export interface FakeIssue {
  number: number;
  title: string;
  body: string | null;
  state: IssueState;
  state_reason: StateReason;
  labels: string[];
  user: string;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
}

/** A failure to answer instead of the next request (matching `path`, when given). */
export interface FailureOptions {
  /** How many requests fail this way (default 1). */
  times?: number;
  /** For 429: the Retry-After in seconds (default 1); null leaves the header out. */
  retryAfter?: number | null;
  /** Only requests whose decoded path starts with this string or matches this regex. */
  path?: string | RegExp;
}

type FailureStatus = 429 | 500 | 502 | 503;
type Who = "anonymous" | "authenticated";

interface Bucket {
  limit: number;
  remaining: number;
  /** When the window ends, in ms since the epoch, on a whole second (0: no window started). */
  resetMs: number;
}

interface TreeEntry {
  name: string;
  type: "blob" | "tree";
  sha: string;
  size?: number;
}

interface Reply {
  status: number;
  body?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

const sha1 = (data: Buffer) => createHash("sha1").update(data).digest("hex");
/** The git object id of `bytes` as a blob, as `git hash-object` computes it. */
export const gitBlobSha = (bytes: Buffer | string): string => {
  const data = typeof bytes === "string" ? Buffer.from(bytes) : bytes;
  return sha1(Buffer.concat([Buffer.from(`blob ${data.length}\0`), data]));
};
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
const ceilSecond = (ms: number) => Math.ceil(ms / 1000) * 1000;
const json = (value: unknown): Reply => ({ status: 200, body: Buffer.from(JSON.stringify(value)), contentType: "application/json; charset=utf-8" });
const error = (status: number, message: string, extra: Record<string, unknown> = {}): Reply => ({
  status,
  body: Buffer.from(JSON.stringify({ message, documentation_url: DOCS, ...extra })),
  contentType: "application/json; charset=utf-8",
});
const notFound = () => error(404, "Not Found");

function normalizePath(file: string): string {
  const clean = file.replace(/\\/g, "/").replace(/^\/+/, "");
  const parts = clean.split("/");
  if (!clean || parts.some((p) => p === "" || p === "." || p === ".." || p === ".git")) throw new Error(`not a repository path: ${JSON.stringify(file)}`);
  return clean;
}

function readDir(root: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === ".git") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile()) files.set(`${prefix}${entry.name}`, readFileSync(full));
    }
  };
  walk(root, "");
  return files;
}

/** ETag list matching as for If-None-Match (weak comparison, `*`). */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

export class FakeGitHub {
  readonly owner: string;
  readonly repo: string;
  readonly branch: string;
  /** The token Authorization must carry (`token X` or `Bearer X`), or null to accept any. */
  token: string | null;
  readonly requests: RecordedRequest[] = [];
  private readonly server: Server;
  private readonly windowMs: number;
  private readonly buckets: Record<Who, Bucket>;
  private fixedNow: number | null = null;
  /** Current files, by path. */
  private readonly files = new Map<string, Buffer>();
  /** Every blob and tree object it ever built, by sha: old tree shas stay readable, as in git. */
  private readonly blobs = new Map<string, Buffer>();
  private readonly trees = new Map<string, TreeEntry[]>();
  private root: string | null = null;
  private readonly issues = new Map<number, FakeIssue>();
  private nextIssue = 1;
  private readonly failures: Array<{ status: FailureStatus; retryAfter: number | null; path?: string | RegExp }> = [];
  private waiters: Array<{ test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];

  private constructor(options: FakeGitHubOptions) {
    this.owner = options.owner ?? "cncf";
    this.repo = options.repo ?? "mentoring";
    this.branch = options.branch ?? "main";
    this.token = options.token ?? null;
    this.windowMs = options.rateLimit?.windowMs ?? 3_600_000;
    const limit = options.rateLimit?.limit ?? 60;
    const authenticated = options.rateLimit?.authenticatedLimit ?? (options.rateLimit?.limit ?? 5000);
    this.buckets = { anonymous: { limit, remaining: limit, resetMs: 0 }, authenticated: { limit: authenticated, remaining: authenticated, resetMs: 0 } };
    if (options.now !== undefined) this.now = options.now;
    const dir = options.dir === undefined ? CNCF_MENTORING_DIR : options.dir;
    if (dir !== null) for (const [file, bytes] of readDir(dir)) this.files.set(file, bytes);
    this.server = createServer((req, res) => void this.handle(req, res));
  }

  static async start(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
    const fake = new FakeGitHub(options);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Octokit's `baseUrl`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- Clock ------------------------------------------------------------------------------------

  /** The time mutations stamp (created_at, updated_at, closed_at): the set one, or the real time. */
  get now(): Date {
    return new Date(this.fixedNow ?? Date.now());
  }

  set now(value: Date | string | number) {
    const ms = new Date(value).getTime();
    if (Number.isNaN(ms)) throw new Error(`not a time: ${String(value)}`);
    this.fixedNow = ms;
  }

  /** Moves the clock on (fixing it at the current time first when it was not set). */
  advance(ms: number): Date {
    this.now = this.now.getTime() + ms;
    return this.now;
  }

  // ---- Files ------------------------------------------------------------------------------------

  /** Adds or changes a file (the tree sha and ETags change with it). */
  writeFile(file: string, content: string | Buffer): void {
    this.files.set(normalizePath(file), typeof content === "string" ? Buffer.from(content) : Buffer.from(content));
    this.root = null;
  }

  /** Removes a file; false when there was none. */
  deleteFile(file: string): boolean {
    const removed = this.files.delete(normalizePath(file));
    if (removed) this.root = null;
    return removed;
  }

  /** A file's current bytes, or undefined. */
  readFile(file: string): Buffer | undefined {
    return this.files.get(normalizePath(file));
  }

  /** The current file paths, sorted. */
  listFiles(): string[] {
    return [...this.files.keys()].sort();
  }

  /** The sha of the current root tree, as `git write-tree` would compute it. */
  get treeSha(): string {
    if (this.root === null) this.root = this.buildTree();
    return this.root;
  }

  private buildTree(): string {
    type Dir = Map<string, Dir | Buffer>;
    const top: Dir = new Map();
    for (const [file, bytes] of this.files) {
      const parts = file.split("/");
      let dir = top;
      for (const part of parts.slice(0, -1)) {
        let next = dir.get(part);
        if (!(next instanceof Map)) {
          next = new Map();
          dir.set(part, next);
        }
        dir = next;
      }
      dir.set(parts[parts.length - 1]!, bytes);
    }
    const hash = (dir: Dir): string => {
      const entries: TreeEntry[] = [...dir].map(([name, child]) => {
        if (child instanceof Map) return { name, type: "tree", sha: hash(child) };
        const sha = gitBlobSha(child);
        this.blobs.set(sha, child);
        return { name, type: "blob", sha, size: child.length };
      });
      // git's order: by name bytes, a tree's name compared as if it ended with "/".
      const key = (e: TreeEntry) => Buffer.from(e.type === "tree" ? `${e.name}/` : e.name);
      entries.sort((a, b) => Buffer.compare(key(a), key(b)));
      const body = Buffer.concat(entries.map((e) => Buffer.concat([Buffer.from(`${e.type === "tree" ? "40000" : "100644"} ${e.name}\0`), Buffer.from(e.sha, "hex")])));
      const sha = sha1(Buffer.concat([Buffer.from(`tree ${body.length}\0`), body]));
      this.trees.set(sha, entries);
      return sha;
    };
    return hash(top);
  }

  /** The entry at `file` under the tree `root` ("" is the root itself). */
  private lookup(root: string, file: string): TreeEntry | undefined {
    let entry: TreeEntry | undefined = { name: "", type: "tree", sha: root };
    for (const part of file.split("/").filter(Boolean)) {
      if (entry?.type !== "tree") return undefined;
      entry = this.trees.get(entry.sha)?.find((e) => e.name === part);
    }
    return entry;
  }

  private isBranch(ref: string): boolean {
    return ref === this.branch || ref === `heads/${this.branch}` || ref === `refs/heads/${this.branch}` || ref === "HEAD";
  }

  // ---- Issues -----------------------------------------------------------------------------------

  /** Opens an issue (created_at = updated_at = now); returns its number. */
  openIssue({ title, body = null, labels = [], user = "octocat" }: { title: string; body?: string | null; labels?: string[]; user?: string }): number {
    const stamp = iso(this.now.getTime());
    const number = this.nextIssue++;
    this.issues.set(number, { number, title, body, state: "open", state_reason: null, labels: dedupe(labels), user, created_at: stamp, updated_at: stamp, closed_at: null });
    return number;
  }

  /** The stored issue (a copy). */
  issue(number: number): FakeIssue {
    const issue = this.mustIssue(number);
    return { ...issue, labels: [...issue.labels] };
  }

  editIssue(number: number, changes: { title?: string; body?: string | null }): void {
    const issue = this.mustIssue(number);
    if (changes.title !== undefined) issue.title = changes.title;
    if (changes.body !== undefined) issue.body = changes.body;
    this.touch(issue);
  }

  closeIssue(number: number, { reason = "completed" }: { reason?: "completed" | "not_planned" } = {}): void {
    const issue = this.mustIssue(number);
    issue.state = "closed";
    issue.state_reason = reason;
    issue.closed_at = iso(this.now.getTime());
    this.touch(issue);
  }

  reopenIssue(number: number): void {
    const issue = this.mustIssue(number);
    issue.state = "open";
    issue.state_reason = "reopened";
    issue.closed_at = null;
    this.touch(issue);
  }

  /** Adds labels (those already there, in any case, are skipped). */
  addLabels(number: number, labels: string[]): void {
    const issue = this.mustIssue(number);
    const added = dedupe([...issue.labels, ...labels]);
    if (added.length === issue.labels.length) return;
    issue.labels = added;
    this.touch(issue);
  }

  /** Removes a label (case-insensitively); false (and no change) when the issue did not have it. */
  removeLabel(number: number, label: string): boolean {
    const issue = this.mustIssue(number);
    const kept = issue.labels.filter((l) => l.toLowerCase() !== label.toLowerCase());
    if (kept.length === issue.labels.length) return false;
    issue.labels = kept;
    this.touch(issue);
    return true;
  }

  private mustIssue(number: number): FakeIssue {
    const issue = this.issues.get(number);
    if (!issue) throw new Error(`no issue #${number}`);
    return issue;
  }

  private touch(issue: FakeIssue): void {
    issue.updated_at = iso(this.now.getTime());
  }

  private issueJson(issue: FakeIssue): Record<string, unknown> {
    const api = `${this.url}/repos/${this.owner}/${this.repo}`;
    return {
      url: `${api}/issues/${issue.number}`,
      repository_url: api,
      labels_url: `${api}/issues/${issue.number}/labels{/name}`,
      comments_url: `${api}/issues/${issue.number}/comments`,
      events_url: `${api}/issues/${issue.number}/events`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}`,
      id: 1_000_000 + issue.number,
      node_id: `I_fake${issue.number}`,
      number: issue.number,
      title: issue.title,
      user: { login: issue.user, id: stableId(issue.user), type: "User" },
      labels: issue.labels.map((name) => ({ id: stableId(name.toLowerCase()), node_id: `LA_${stableId(name.toLowerCase())}`, url: `${api}/labels/${encodeURIComponent(name)}`, name, color: "ededed", default: false, description: null })),
      state: issue.state,
      locked: false,
      assignee: null,
      assignees: [],
      milestone: null,
      comments: 0,
      created_at: issue.created_at,
      updated_at: issue.updated_at,
      closed_at: issue.closed_at,
      author_association: "NONE",
      active_lock_reason: null,
      body: issue.body,
      state_reason: issue.state_reason,
    };
  }

  // ---- Rate limits and failures -----------------------------------------------------------------

  /**
   * Sets a bucket (default: both): e.g. `{ remaining: 0, resetInMs: 1000 }` for an exhausted limit
   * that resets on the second after one from now. `resetInMs` starts a window ending then.
   */
  setRateLimit(state: { limit?: number; remaining?: number; resetInMs?: number }, who: Who | "all" = "all"): void {
    for (const key of who === "all" ? (["anonymous", "authenticated"] as const) : [who]) {
      const bucket = this.refresh(key);
      if (state.limit !== undefined) {
        bucket.limit = state.limit;
        if (state.remaining === undefined) bucket.remaining = Math.min(bucket.remaining, state.limit);
      }
      if (state.remaining !== undefined) bucket.remaining = state.remaining;
      if (state.resetInMs !== undefined) bucket.resetMs = ceilSecond(Date.now() + state.resetInMs);
    }
  }

  /** A bucket as the headers report it (reset in epoch seconds). */
  rateLimit(who: Who = "anonymous"): { limit: number; remaining: number; used: number; reset: number } {
    const bucket = this.refresh(who);
    return { limit: bucket.limit, remaining: bucket.remaining, used: bucket.limit - bucket.remaining, reset: bucket.resetMs / 1000 };
  }

  /** The next `times` requests (matching `path`) fail with this status: 429 is a secondary rate limit with Retry-After. */
  failNext(status: FailureStatus, { times = 1, retryAfter = 1, path }: FailureOptions = {}): void {
    for (let i = 0; i < times; i++) this.failures.push({ status, retryAfter, ...(path !== undefined ? { path } : {}) });
  }

  /** A bucket, with a new full window when the last one is over. */
  private refresh(who: Who): Bucket {
    const bucket = this.buckets[who];
    if (Date.now() >= bucket.resetMs) {
      bucket.remaining = bucket.limit;
      bucket.resetMs = ceilSecond(Date.now() + this.windowMs);
    }
    return bucket;
  }

  private rateHeaders(who: Who): Record<string, string> {
    const bucket = this.refresh(who);
    return {
      "x-ratelimit-limit": String(bucket.limit),
      "x-ratelimit-remaining": String(bucket.remaining),
      "x-ratelimit-used": String(bucket.limit - bucket.remaining),
      "x-ratelimit-reset": String(bucket.resetMs / 1000),
      "x-ratelimit-resource": "core",
    };
  }

  // ---- Request log ------------------------------------------------------------------------------

  countRequests(filter?: RequestFilter): number {
    return filter ? this.requests.filter(toTest(filter)).length : this.requests.length;
  }

  /** Forgets the recorded requests (indexes start again at 0). */
  resetLog(): void {
    this.requests.length = 0;
  }

  /** The first request (from index `from`) that passes `filter`, waiting for it up to `timeoutMs`. */
  waitForRequest(filter: RequestFilter, { from = 0, timeoutMs = 3000 } = {}): Promise<RecordedRequest> {
    const test = toTest(filter);
    const found = this.requests.slice(from).find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { test: (r: RecordedRequest) => r.index >= from && test(r), resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching request within ${timeoutMs} ms; got: ${this.requests.slice(from).map((r) => `${r.method} ${r.path} ${r.status}`).join(", ") || "none"}`));
      }, timeoutMs).unref();
    });
  }

  // ---- HTTP -------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for await (const _chunk of req) {
      // GitHub's GETs carry no body; drain whatever comes.
    }
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    let pathname = url.pathname;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      // A malformed escape: routed as sent, it finds nothing.
    }
    const authorization = req.headers.authorization;
    const who: Who = authorization ? "authenticated" : "anonymous";
    const reply = (r: Reply, headers: Record<string, string>) => {
      const entry: RecordedRequest = { index: this.requests.length, method, path: pathname, query: Object.fromEntries(url.searchParams), status: r.status, ...(authorization !== undefined ? { authorization } : {}), headers: req.headers };
      this.requests.push(entry);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(entry)) return true;
        w.resolve(entry);
        return false;
      });
      const all: Record<string, string> = { "x-github-request-id": randomBytes(8).toString("hex").toUpperCase(), ...headers, ...r.headers };
      if (r.body !== undefined && r.contentType) all["content-type"] = r.contentType;
      res.writeHead(r.status, all).end(r.body);
    };

    if (authorization && this.token !== null && authorization.replace(/^(?:token|bearer)\s+/i, "") !== this.token) {
      return reply(error(401, "Bad credentials"), this.rateHeaders("anonymous"));
    }
    const failure = this.failures.find((f) => f.path === undefined || (typeof f.path === "string" ? pathname.startsWith(f.path) : f.path.test(pathname)));
    if (failure) {
      this.failures.splice(this.failures.indexOf(failure), 1);
      if (failure.status === 429) {
        const r = error(429, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.");
        return reply({ ...r, headers: failure.retryAfter === null ? {} : { "retry-after": String(failure.retryAfter) } }, this.rateHeaders(who));
      }
      if (failure.status === 502) return reply({ status: 502, body: Buffer.from("<html><body><h1>502 Bad Gateway</h1></body></html>"), contentType: "text/html; charset=utf-8" }, this.rateHeaders(who));
      return reply(error(failure.status, failure.status === 500 ? "Server Error" : "Service Unavailable"), this.rateHeaders(who));
    }
    if (method === "GET" && pathname === "/rate_limit") {
      const core = this.rateLimit(who);
      const reset = core.reset;
      return reply(json({ resources: { core: { ...core, reset, resource: "core" } }, rate: { ...core, reset, resource: "core" } }), this.rateHeaders(who));
    }
    const bucket = this.refresh(who);
    if (bucket.remaining <= 0) {
      const message = who === "anonymous"
        ? "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.)"
        : "API rate limit exceeded for user ID 1.";
      return reply(error(403, message, { documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" }), this.rateHeaders(who));
    }
    const r = method === "GET" ? this.route(pathname, url, req.headers.accept ?? "") : notFound();
    if (r.status === 200 && r.body !== undefined) {
      const etag = `"${createHash("sha256").update(r.body).digest("hex")}"`;
      const headers = { etag, "cache-control": who === "anonymous" ? "public, max-age=60, s-maxage=60" : "private, max-age=60, s-maxage=60", vary: "Accept, Authorization, Accept-Encoding" };
      const ifNoneMatch = req.headers["if-none-match"];
      // As GitHub: a 304 costs nothing from the rate limit.
      if (etagMatches(ifNoneMatch, etag)) return reply({ status: 304, headers }, this.rateHeaders(who));
      bucket.remaining--;
      return reply({ ...r, headers: { ...headers, ...r.headers } }, this.rateHeaders(who));
    }
    bucket.remaining--;
    return reply(r, this.rateHeaders(who));
  }

  private route(pathname: string, url: URL, accept: string): Reply {
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(pathname);
    if (!match || match[1]!.toLowerCase() !== this.owner.toLowerCase() || match[2]!.toLowerCase() !== this.repo.toLowerCase()) return notFound();
    const rest = match[3] ?? "";
    const raw = /application\/vnd\.github(?:\.v3)?\.raw\b/.exec(accept);
    let m: RegExpExecArray | null;
    if (rest === "" || rest === "/") return json(this.repoJson());
    if ((m = /^\/git\/trees\/(.+)$/.exec(rest))) return this.treeReply(m[1]!, url.searchParams.has("recursive"));
    if ((m = /^\/git\/blobs\/([0-9a-f]{40})$/.exec(rest))) {
      if (this.root === null) this.root = this.buildTree();
      const bytes = this.blobs.get(m[1]!);
      if (!bytes) return notFound();
      if (raw) return this.rawReply(bytes, raw[0]);
      return json({ sha: m[1], node_id: `B_${m[1]}`, size: bytes.length, url: `${this.url}/repos/${this.owner}/${this.repo}/git/blobs/${m[1]}`, content: base64(bytes), encoding: "base64" });
    }
    if ((m = /^\/contents(?:\/(.*))?$/.exec(rest))) return this.contentsReply((m[1] ?? "").replace(/\/+$/, ""), url.searchParams.get("ref"), raw?.[0]);
    if (rest === "/issues") return this.issuesReply(url);
    if ((m = /^\/issues\/(\d+)$/.exec(rest))) {
      const issue = this.issues.get(Number(m[1]));
      return issue ? json(this.issueJson(issue)) : notFound();
    }
    return notFound();
  }

  private repoJson(): Record<string, unknown> {
    return {
      id: 1,
      node_id: "R_fake",
      name: this.repo,
      full_name: `${this.owner}/${this.repo}`,
      owner: { login: this.owner, id: stableId(this.owner), type: "Organization" },
      private: false,
      html_url: `https://github.com/${this.owner}/${this.repo}`,
      url: `${this.url}/repos/${this.owner}/${this.repo}`,
      default_branch: this.branch,
      visibility: "public",
      has_issues: true,
      open_issues_count: [...this.issues.values()].filter((i) => i.state === "open").length,
    };
  }

  private treeReply(ref: string, recursive: boolean): Reply {
    const current = this.treeSha;
    const sha = this.isBranch(ref) ? current : ref;
    if (!this.trees.has(sha)) return notFound();
    const api = `${this.url}/repos/${this.owner}/${this.repo}/git`;
    const tree: Array<Record<string, unknown>> = [];
    const walk = (treeSha: string, prefix: string) => {
      for (const e of this.trees.get(treeSha) ?? []) {
        const entryPath = `${prefix}${e.name}`;
        if (e.type === "blob") tree.push({ path: entryPath, mode: "100644", type: "blob", sha: e.sha, size: e.size, url: `${api}/blobs/${e.sha}` });
        else {
          tree.push({ path: entryPath, mode: "040000", type: "tree", sha: e.sha, url: `${api}/trees/${e.sha}` });
          if (recursive) walk(e.sha, `${entryPath}/`);
        }
      }
    };
    walk(sha, "");
    return json({ sha, url: `${api}/trees/${sha}`, tree, truncated: false });
  }

  private contentsReply(file: string, ref: string | null, raw: string | undefined): Reply {
    if (ref !== null && ref !== "" && !this.isBranch(ref)) return error(404, `No commit found for the ref ${ref}`);
    const entry = this.lookup(this.treeSha, file);
    if (!entry) return notFound();
    if (entry.type === "blob") {
      const bytes = this.blobs.get(entry.sha)!;
      if (raw) return this.rawReply(bytes, raw);
      return json({ ...this.contentEntry(file, entry), content: base64(bytes), encoding: "base64" });
    }
    // A directory: its entries (whatever the media type asked), as GitHub lists them.
    const prefix = file ? `${file}/` : "";
    return json((this.trees.get(entry.sha) ?? []).map((e) => this.contentEntry(`${prefix}${e.name}`, e)));
  }

  private contentEntry(file: string, entry: TreeEntry): Record<string, unknown> {
    const api = `${this.url}/repos/${this.owner}/${this.repo}`;
    const encoded = file.split("/").map(encodeURIComponent).join("/");
    const kind = entry.type === "blob" ? "file" : "dir";
    return {
      type: kind,
      name: file.slice(file.lastIndexOf("/") + 1),
      path: file,
      sha: entry.sha,
      size: entry.size ?? 0,
      url: `${api}/contents/${encoded}?ref=${this.branch}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/${kind === "file" ? "blob" : "tree"}/${this.branch}/${encoded}`,
      git_url: `${api}/git/${entry.type === "blob" ? "blobs" : "trees"}/${entry.sha}`,
      download_url: kind === "file" ? `https://raw.githubusercontent.com/${this.owner}/${this.repo}/${this.branch}/${encoded}` : null,
    };
  }

  private rawReply(bytes: Buffer, mediaType: string): Reply {
    return { status: 200, body: bytes, contentType: `${mediaType}; charset=utf-8` };
  }

  private issuesReply(url: URL): Reply {
    const q = url.searchParams;
    const state = q.get("state") ?? "open";
    if (!["open", "closed", "all"].includes(state)) return error(422, "Validation Failed", { errors: [{ resource: "Issue", field: "state", code: "invalid" }] });
    const wanted = (q.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter(Boolean);
    const sinceParam = q.get("since");
    const since = sinceParam ? Date.parse(sinceParam) : NaN;
    if (sinceParam && Number.isNaN(since)) return error(422, "Validation Failed", { errors: [{ resource: "Issue", field: "since", code: "invalid" }] });
    const sort = q.get("sort") === "updated" ? "updated_at" : "created_at";
    const direction = q.get("direction") === "asc" ? 1 : -1;
    const perPage = Math.min(Math.max(Number.parseInt(q.get("per_page") ?? "", 10) || 30, 1), 100);
    const page = Math.max(Number.parseInt(q.get("page") ?? "", 10) || 1, 1);
    const matching = [...this.issues.values()]
      .filter((i) => state === "all" || i.state === state)
      .filter((i) => wanted.every((w) => i.labels.some((l) => l.toLowerCase() === w)))
      .filter((i) => Number.isNaN(since) || Date.parse(i.updated_at) >= since)
      .sort((a, b) => direction * (Date.parse(a[sort]) - Date.parse(b[sort]) || a.number - b.number));
    const last = Math.max(Math.ceil(matching.length / perPage), 1);
    const reply = json(matching.slice((page - 1) * perPage, page * perPage).map((i) => this.issueJson(i)));
    const link = (n: number, rel: string) => {
      const params = new URLSearchParams(q);
      params.set("page", String(n));
      return `<${this.url}${url.pathname}?${params}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page > 1) links.push(link(Math.min(page - 1, last), "prev"));
    if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
    if (page > 1) links.push(link(1, "first"));
    return links.length ? { ...reply, headers: { link: links.join(", ") } } : reply;
  }
}

/** Base64 in lines of 60 characters, as GitHub sends file contents. */
function base64(bytes: Buffer): string {
  return bytes.toString("base64").replace(/.{1,60}/g, "$&\n");
}

function dedupe(labels: string[]): string[] {
  const seen = new Set<string>();
  return labels.filter((l) => {
    const key = l.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function stableId(text: string): number {
  return Number.parseInt(createHash("sha1").update(text).digest("hex").slice(0, 8), 16);
}

function toTest(filter: RequestFilter): (r: RecordedRequest) => boolean {
  if (typeof filter === "function") return filter;
  return (r) =>
    (filter.method === undefined || r.method === filter.method.toUpperCase()) &&
    (filter.status === undefined || r.status === filter.status) &&
    (filter.path === undefined || (typeof filter.path === "string" ? r.path === filter.path : filter.path.test(r.path)));
}

/** The labels the proposal form gives an issue, which the bot follows. */
export const PROPOSAL_LABELS = ["lfx mentorship", "Proposal", "Needs Validation"];

/** The body of a proposal issue as GitHub renders the form's sections: a Jaeger idea titled `title`, its upstream issue `issue`. */
export function proposalBody(title: string, issue: number, technologies = "Go, Kubernetes"): string {
  return [
    "### CNCF Project\n\nJaeger",
    "### Term\n\n2026 Term 3 (Sep-Nov)",
    `### Program Name\n\n${title}`,
    "### Program Description\n\nA proposal opened by the test.",
    `### Technologies\n\n${technologies}`,
    "### Skills same as Technologies?\n\n- [X] Yes, the required skills are the same as the technologies listed above.",
    "### Mentors\n\nAda Lovelace | @ada | ada@example.org | ada-lfid",
    `### Upstream Issue URL\n\nhttps://github.com/jaegertracing/jaeger/issues/${issue}`,
  ].join("\n\n");
}
