import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { inferTerm } from "../ideas/terms.ts";
import { networkErrorCode, UserError } from "../errors.ts";
import { quiet, type Log } from "../log.ts";
import { decodeIdeasText, formatOf } from "./check.ts";
import { sha256, type FetchOutcome, type Validators } from "./fetch.ts";
import { MAX_SOURCE_BYTES } from "./load.ts";
import { BUNDLED_MANIFEST, inferRole, manifestEntries, termFileLabel, type SourceRole } from "./manifest.ts";
import type { SourceSpec } from "./spec.ts";

/**
 * A GitHub repository followed through the REST API (`IDEAS_SOURCES=github:cncf/mentoring`): its
 * ideas files, found in one tree request, and its proposal issues. Octokit owns HTTP: the retry
 * plugin retries server errors, the throttling plugin waits out rate limits by their reset
 * headers; this file owns the policy (which files, which issues, what is unchanged).
 *
 * Every request is conditional or avoided: the tree and the issue list are asked with the ETag of
 * the last answer (a 304 costs no rate), and a file is fetched only when its blob sha differs from
 * the one recorded (the sha is its validator), so an unchanged repository costs two requests.
 */

/** The API base when GITHUB_API_URL is not set. */
export const GITHUB_API = "https://api.github.com";

/** Labels every proposal issue carries (the issue form's), matched case-insensitively by GitHub. */
export const PROPOSAL_LABELS = ["lfx mentorship", "Proposal"];

/** The label of the proposals source of a repository. */
export const PROPOSALS_LABEL = "lfx-proposals";

export interface GithubRepo {
  owner: string;
  repo: string;
  /** Unset: the repository's default branch. */
  branch?: string;
}

const REPO = /^github:([a-z0-9][a-z0-9-]{0,38})\/([\w.-]{1,100})(?:@([^\s:]{1,200}))?$/i;

/** `github:owner/repo[@branch]`, or null when `location` is not that. */
export function parseGithubLocation(location: string): GithubRepo | null {
  const m = REPO.exec(location.trim());
  return m ? { owner: m[1]!, repo: m[2]!, ...(m[3] ? { branch: m[3] } : {}) } : null;
}

/** What a check reads of a repository: one of its files, or its proposal issues. */
export type GithubItem = { repo: GithubRepo; path: string } | { repo: GithubRepo; issues: true };

/** The location of a file or of the issues, as stored and shown: `github:owner/repo@branch:path`. */
export function itemLocation(item: GithubItem, branch: string): string {
  return `github:${item.repo.owner}/${item.repo.repo}@${branch}:${"path" in item ? item.path : "issues"}`;
}

export function parseItemLocation(location: string): { repo: GithubRepo; branch: string; path: string | null } | null {
  const m = /^github:([^/]+)\/([^@]+)@([^:]+):(.+)$/.exec(location);
  if (!m) return null;
  return { repo: { owner: m[1]!, repo: m[2]!, branch: m[3]! }, branch: m[3]!, path: m[4] === "issues" ? null : m[4]! };
}

export interface GithubOptions {
  /** GITHUB_API_URL (default GITHUB_API); any base, e.g. http://127.0.0.1:PORT in tests. */
  apiUrl?: string;
  /** GITHUB_TOKEN: 5,000 requests an hour instead of 60. */
  token?: string;
  log?: Log;
  /** The longest rate-limit wait taken inside a check; longer ones fail the check, the next one tries again (default 15 min). */
  maxRateLimitWaitMs?: number;
  /** Retries of a server error (default 2). */
  retries?: number;
  userAgent?: string;
}

/** The follower's options from the configuration (GITHUB_API_URL, GITHUB_TOKEN; unset ones left out). */
export function githubOptions(config: { GITHUB_API_URL?: string | undefined; GITHUB_TOKEN?: string | undefined }, more: GithubOptions = {}): GithubOptions {
  return { ...(config.GITHUB_API_URL ? { apiUrl: config.GITHUB_API_URL } : {}), ...(config.GITHUB_TOKEN ? { token: config.GITHUB_TOKEN } : {}), ...more };
}

const ThrottledOctokit = Octokit.plugin(throttling, retry);
type Client = InstanceType<typeof ThrottledOctokit>;

/** The files of an ideas repository, by path: an LFX term folder's lists and export, GSoC years, Season of Docs years. */
const IDEAS_FILE = /^programs\/(?:lfx-mentorship\/\d{4}\/(?:[^/]+\/)?(?:readme\.md|project_ideas\.md|selected_projects[^/]*\.md|lfx-export\.json)|summerofcode\/\d{4}\.md|archive\/seasonofdocs\/(?:[^/]+\/)*\d{4}\/readme\.md)$/i;

export class GithubFollower {
  private readonly client: Client;
  private readonly log: Log;
  private branch?: string;
  private tree?: { etag: string; files: Map<string, { sha: string; size: number }> };
  private warnedForReset?: number;
  /** For the repository the bundled catalogue copies: each bundled file, by its path upstream. */
  private readonly bundled: Map<string, BundledFile>;

  constructor(
    readonly repo: GithubRepo,
    private readonly options: GithubOptions = {},
  ) {
    this.log = options.log ?? quiet;
    this.bundled = bundledFiles(repo);
    const maxWait = options.maxRateLimitWaitMs ?? 15 * 60_000;
    const onLimit = (kind: string) => (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const wait = retryAfter * 1000;
      if (retryCount > 0 || wait > maxWait) {
        this.log(`GitHub ${kind} rate limit on ${request.method} ${request.url}: not waiting ${Math.round(retryAfter)} s now; the next check tries again`, "warn");
        return false;
      }
      this.log(`GitHub ${kind} rate limit on ${request.method} ${request.url}: waiting ${Math.round(retryAfter)} s for the reset`, "warn");
      return true;
    };
    this.client = new ThrottledOctokit({
      baseUrl: trimSlashes(options.apiUrl ?? GITHUB_API),
      ...(options.token ? { auth: options.token } : {}),
      userAgent: options.userAgent ?? "ideas-bot",
      // Octokit's own console warnings (deprecations) go nowhere: what matters is logged here.
      log: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      throttle: { onRateLimit: onLimit("primary"), onSecondaryRateLimit: onLimit("secondary") },
      retry: { retries: options.retries ?? 2 },
    });
    this.client.hook.after("request", (response) => this.watchQuota(response.headers));
  }

  /** `owner/repo@branch`, for messages. */
  get name(): string {
    return `${this.repo.owner}/${this.repo.repo}${this.repo.branch ? `@${this.repo.branch}` : ""}`;
  }

  /**
   * The repository's ideas files and its proposal issues, one source each, labelled as the bundled
   * manifest labels the same files (a file the manifest names keeps its label and role; others are
   * inferred from the path), so what upstream has replaces the bundled copy file by file. One tree
   * request, conditional. Throws a UserError when GitHub cannot be read.
   */
  async discover(): Promise<SourceSpec[]> {
    const branch = await this.resolveBranch();
    const files = await this.listFiles(branch);
    // A term the bundled manifest knows keeps its choice of files (2020's selected_projects.md, not
    // the README beside it); a term it does not know is discovered whole.
    const curated = new Set([...this.bundled.keys()].map(folderOf));
    const wanted = [...files.keys()].filter((p) => IDEAS_FILE.test(p) && (this.bundled.has(p) || !curated.has(folderOf(p))));
    return this.specsFor(wanted.sort(), branch);
  }

  /**
   * The sources to check while GitHub cannot be read (a start with no network): the bundled
   * files, as this repository's (for cncf/mentoring; none for another repository). Each is read
   * from its bundled copy if nothing was ever recorded for it, else fails and keeps what it had.
   */
  offlineSources(): SourceSpec[] {
    return this.bundled.size === 0 ? [] : this.specsFor([...this.bundled.keys()].sort(), this.repo.branch ?? "main");
  }

  private specsFor(paths: readonly string[], branch: string): SourceSpec[] {
    const byTerm = new Map<string, Array<{ path: string; role: SourceRole }>>();
    for (const path of paths) {
      const term = this.bundled.get(path)?.term ?? inferTerm(path);
      const role = this.bundled.get(path)?.role ?? inferRole(path);
      byTerm.set(term, [...(byTerm.get(term) ?? []), { path, role }]);
    }
    const specs: SourceSpec[] = [];
    for (const [term, entries] of byTerm) {
      for (const entry of entries) {
        specs.push({ label: termFileLabel(term, entry, entries), kind: "github", location: itemLocation({ repo: this.repo, path: entry.path }, branch), term, role: entry.role });
      }
    }
    specs.push({ label: PROPOSALS_LABEL, kind: "github", location: itemLocation({ repo: this.repo, issues: true }, branch), term: "other", role: "issues" });
    return specs;
  }

  /** Reads one source found by `discover`: a file when its blob changed, the issues when their list changed. */
  async read(spec: SourceSpec, previous: Validators | null): Promise<FetchOutcome> {
    const item = parseItemLocation(spec.location);
    if (!item) throw new UserError("github_location", `${spec.label}: not a GitHub location`);
    return item.path === null ? this.readIssues(previous) : this.readFile(item.branch, item.path, previous);
  }

  private async resolveBranch(): Promise<string> {
    if (this.repo.branch) return this.repo.branch;
    if (this.branch) return this.branch;
    const response = await this.call(`read ${this.name}`, () => this.client.rest.repos.get({ owner: this.repo.owner, repo: this.repo.repo }));
    if (response === NOT_MODIFIED) throw new UserError("github_unexpected", `${this.name}: GitHub answered "not modified" to an unconditional request`);
    this.branch = response.data.default_branch;
    return this.branch;
  }

  /** Every blob of the branch, by path: from the last answer when the tree is unchanged (304). */
  private async listFiles(branch: string): Promise<Map<string, { sha: string; size: number }>> {
    const headers = this.tree ? { "if-none-match": this.tree.etag } : {};
    const response = await this.call(`list the files of ${this.name}`, () =>
      this.client.rest.git.getTree({ owner: this.repo.owner, repo: this.repo.repo, tree_sha: branch, recursive: "1", headers }),
    );
    if (response === NOT_MODIFIED) return this.tree!.files;
    if (response.data.truncated) this.log(`${this.name}: GitHub truncated the file list; files beyond it are not followed`, "warn");
    const files = new Map<string, { sha: string; size: number }>();
    for (const entry of response.data.tree) if (entry.type === "blob" && entry.path && entry.sha) files.set(entry.path, { sha: entry.sha, size: entry.size ?? 0 });
    this.tree = { etag: String(response.headers.etag ?? ""), files };
    return files;
  }

  /**
   * A file's text when its blob sha is not the recorded one; the sha is the validator, so an
   * unchanged file costs no request. The bundled copy is the starting point: a file never recorded
   * whose upstream blob is the bundled one is read from disk, and, with GitHub unreadable, a file
   * never recorded is read from its bundled copy (a file recorded before keeps what it had).
   */
  private async readFile(branch: string, path: string, previous: Validators | null): Promise<FetchOutcome> {
    const bundled = this.bundled.get(path);
    if (!this.tree) {
      if (bundled && !previous?.contentHash) return readBundled(bundled);
      throw new UserError("github_unreachable", `${this.name} could not be read; keeping the last version of ${path}`);
    }
    const blob = this.tree.files.get(path);
    if (!blob) throw new UserError("github_missing", `${path} is no longer in ${this.name}`);
    const validators: Validators = { etag: blob.sha, lastModified: null, contentHash: previous?.contentHash ?? null };
    if (previous?.etag === blob.sha && previous.contentHash) return { changed: false, validators };
    if (bundled && bundled.sha() === blob.sha) return readBundled(bundled);
    if (blob.size > MAX_SOURCE_BYTES) throw new UserError("source_too_large", `${path} is ${blob.size} bytes, over the ${MAX_SOURCE_BYTES}-byte limit`);
    const response = await this.call(`read ${path} from ${this.name}`, () =>
      this.client.rest.repos.getContent({ owner: this.repo.owner, repo: this.repo.repo, path, ref: branch, mediaType: { format: "raw" } }),
    );
    if (response === NOT_MODIFIED) throw new UserError("github_unexpected", `${path}: GitHub answered "not modified" to an unconditional request`);
    // The checks every source's bytes pass: not binary, not an HTML page, JSON for an export.
    const text = decodeIdeasText(Buffer.from(asText(response.data), "utf8"), `${path} in ${this.name}`, formatOf({ role: inferRole(path) }));
    return { changed: true, text, validators: { ...validators, contentHash: sha256(text) } };
  }

  /**
   * The proposal issues, open and closed, as one JSON array (the reader of role `issues` parses it).
   * The first page is asked with the last answer's ETag, newest update first: any edit, label or
   * new issue changes it, so a 304 there means nothing changed anywhere.
   */
  private async readIssues(previous: Validators | null): Promise<FetchOutcome> {
    const params = { owner: this.repo.owner, repo: this.repo.repo, labels: PROPOSAL_LABELS.join(","), state: "all" as const, sort: "updated" as const, direction: "desc" as const, per_page: 100 };
    const headers = previous?.etag && previous.contentHash ? { "if-none-match": previous.etag } : {};
    const first = await this.call(`list the proposals of ${this.name}`, () => this.client.rest.issues.listForRepo({ ...params, headers }));
    if (first === NOT_MODIFIED) return { changed: false, validators: previous! };
    const issues: unknown[] = [...first.data];
    if (/rel="next"/.test(String(first.headers.link ?? ""))) {
      const rest = await this.call(`list the proposals of ${this.name}`, () => this.client.paginate(this.client.rest.issues.listForRepo, { ...params, page: 2 }));
      if (rest !== NOT_MODIFIED) issues.push(...rest);
    }
    const text = JSON.stringify(issues);
    return { changed: true, text, validators: { etag: String(first.headers.etag ?? "") || null, lastModified: null, contentHash: sha256(text) } };
  }

  /** One API call: a 304 is NOT_MODIFIED; a failure is a UserError naming what was asked and why. */
  private async call<T>(what: string, request: () => Promise<T>): Promise<T | typeof NOT_MODIFIED> {
    try {
      return await request();
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 304) return NOT_MODIFIED;
      throw new UserError("github_failed", `could not ${what}: ${describeFailure(error, Boolean(this.options.token))}`);
    }
  }

  /** Warns once per rate-limit window when a tenth or less of the quota is left. */
  private watchQuota(headers: Record<string, string | number | undefined>): void {
    const remaining = Number(headers["x-ratelimit-remaining"]);
    const limit = Number(headers["x-ratelimit-limit"]);
    const reset = Number(headers["x-ratelimit-reset"]);
    if (!Number.isFinite(remaining) || !Number.isFinite(limit) || remaining > Math.max(5, limit / 10) || this.warnedForReset === reset) return;
    this.warnedForReset = reset;
    const at = Number.isFinite(reset) ? new Date(reset * 1000).toISOString().slice(11, 16) + " UTC" : "the reset";
    this.log(`GitHub API quota low: ${remaining} of ${limit} requests left until ${at}${this.options.token ? "" : "; set GITHUB_TOKEN for 5,000 an hour"}`, "warn");
  }
}

const NOT_MODIFIED = Symbol("not modified");

/** A file's folder: a term's folder for a term's files. */
function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/") + 1);
}

interface BundledFile {
  term: string;
  role: SourceRole;
  diskPath: string;
  /** Its git blob sha, computed when first asked. */
  sha(): string;
}

/** For the repository the bundled catalogue copies: each bundled file's term, role and copy, by its path there. */
function bundledFiles(repo: GithubRepo): Map<string, BundledFile> {
  const out = new Map<string, BundledFile>();
  const entries = manifestEntries(BUNDLED_MANIFEST);
  if (`${repo.owner}/${repo.repo}`.toLowerCase() !== entries.repository.toLowerCase()) return out;
  for (const entry of entries.files) {
    let sha: string | undefined;
    out.set(entry.repoPath, { term: entry.term, role: entry.role, diskPath: entry.diskPath, sha: () => (sha ??= gitBlobSha(readFileSync(entry.diskPath))) });
  }
  return out;
}

/** What git calls a file's content: sha1 of `blob <size>\0` and the bytes. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.byteLength}\0`).update(bytes).digest("hex");
}

function readBundled(file: BundledFile): FetchOutcome {
  const bytes = readFileSync(file.diskPath);
  const text = bytes.toString("utf8");
  return { changed: true, text, validators: { etag: gitBlobSha(bytes), lastModified: null, contentHash: sha256(text) } };
}

function asText(data: unknown): string {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString("utf8");
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
  throw new UserError("github_unexpected", "GitHub answered something that is not the file's text");
}

/** Why a request failed, in words an admin can act on (never the token). */
function describeFailure(error: unknown, hasToken: boolean): string {
  // Octokit reports a request that got no answer as status 500 without a response: that is the network.
  const answered = (error as { response?: unknown }).response !== undefined;
  const status = answered ? (error as { status?: number }).status : undefined;
  const message = (error as Error).message ?? String(error);
  if (status === 401) return `401 ${hasToken ? "(GITHUB_TOKEN was refused: check it)" : "(unauthorised)"}`;
  if (status === 403 || status === 429) return `${status} rate limited (${message.slice(0, 200)})${hasToken ? "" : "; set GITHUB_TOKEN for 5,000 requests an hour"}`;
  if (status === 404) return "404 (no such repository, branch or path; a private repository needs GITHUB_TOKEN)";
  if (status) return `${status} ${message.slice(0, 200)}`;
  const code = networkErrorCode(error) ?? /\b(E[A-Z]{3,}|UND_ERR_[A-Z_]+)\b/.exec(message)?.[1];
  return `unreachable (${code ?? message.slice(0, 200)}): check GITHUB_API_URL and the network`;
}


/** A base URL without its trailing slashes (Octokit appends `/repos/…`). A loop, not /\/+$/: linear on any input. */
function trimSlashes(url: string): string {
  let end = url.length;
  while (end > 0 && url[end - 1] === "/") end--;
  return url.slice(0, end);
}
