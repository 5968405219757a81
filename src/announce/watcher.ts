import { createHash } from "node:crypto";
import cron, { type ScheduledTask } from "node-cron";
import { Catalog, type CatalogOptions } from "../catalog/catalog.ts";
import { CatalogHolder } from "../catalog/holder.ts";
import type { Idea } from "../ideas/schema.ts";
import { redactText } from "../sources/redact.ts";
import { GithubFollower, parseGithubLocation, parseItemLocation, type GithubOptions } from "../sources/github.ts";
import type { Validators } from "../sources/fetch.ts";
import type { SourceSpec } from "../sources/spec.ts";
import { UserError } from "../errors.ts";
import type { Store } from "../store/store.ts";
import { runCheck, type CheckOptions, type SourceOutcome } from "./check.ts";
import type { Log } from "../log.ts";

export interface WatcherOptions {
  store: Store;
  sources: SourceSpec[];
  announceExisting: boolean;
  /** The catalogue search uses; the watcher swaps a new one in when a source changes. */
  holder?: CatalogHolder;
  log?: Log;
  load?: CheckOptions["load"];
  fetch?: CheckOptions["fetch"];
  fetchOptions?: CheckOptions["fetchOptions"];
  parse?: CheckOptions["parse"];
  now?: CheckOptions["now"];
  /** How each new catalogue is built (its default term). */
  catalog?: CatalogOptions;
  /** Called with the ideas found new by each check (already in the outbox). */
  onNewIdeas?: (ideas: Idea[]) => void | Promise<void>;
  /** For `github:` sources: the API base, token and log of the followers (src/sources/github.ts). */
  github?: GithubOptions;
  /** Called after every check, e.g. to deliver what it queued. */
  onChecked?: (outcomes: SourceOutcome[]) => void | Promise<void>;
  /**
   * Several replicas on one database: the scheduled check runs where this owner holds the
   * `source-check` lease (Store.holdLease), until just before the next tick, so one replica reads
   * the sources and a dead one is replaced at the next tick; the others rebuild their catalogue
   * from what the leader recorded. Unset: every scheduled tick checks (one process).
   */
  leader?: { owner: string };
}

/** The lease of the scheduled source check (see WatcherOptions.leader). */
export const CHECK_LEASE = "source-check";

/**
 * Checks the sources on a schedule and keeps the catalogue that search uses current: a check that
 * finds a change builds a new Catalog and swaps it into the holder, so queries never see half an
 * update and nothing restarts. A source that fails keeps the ideas of its last good version (from
 * the store, so this holds across restarts too). Checks never overlap.
 */
export class SourceWatcher {
  readonly holder: CatalogHolder;
  private task?: ScheduledTask;
  private running?: Promise<Idea[]>;
  private built = false;
  /** What the catalogue in the holder was built from (see ideasKey); another set means another catalogue. */
  private builtFrom = "";
  private stopped = false;
  /** Aborted by stop(): a check in flight is abandoned rather than waited for (a source may hang for minutes). */
  private readonly stopping = new AbortController();
  /** One follower per followed repository, kept across checks (it remembers the tree's ETag). */
  private readonly followers = new Map<string, GithubFollower>();
  /** The sources each `github:` source stood for at its last discovery. */
  private readonly found = new Map<string, SourceSpec[]>();
  /** Each `github:` source's state: when it was last asked, and why it could not be read (null: it could). */
  private readonly upstreamState = new Map<string, { checkedAt: string; error: string | null }>();

  constructor(private readonly options: WatcherOptions) {
    this.holder = options.holder ?? new CatalogHolder();
  }

  /**
   * Builds the catalogue from what the store recorded of each source (its last good version),
   * reading no source: the platforms answer from it at once while the first check runs, so a
   * source that is slow or down never delays an answer. Returns the ideas restored; with none (a
   * first start) the holder stays `loading` until the first check.
   */
  async restore(): Promise<number> {
    const { log } = this.options;
    const ideas = await this.storedIdeas();
    // A check that ended first has built a newer catalogue.
    if (ideas.length === 0 || this.built) return this.built ? this.holder.current.size : 0;
    const catalog = new Catalog(ideas, this.options.catalog);
    for (const warning of catalog.warnings) log?.(`catalogue: ${warning}`, "debug");
    this.holder.replace(catalog);
    this.built = true;
    this.builtFrom = ideasKey(ideas);
    return catalog.size;
  }

  /** What the store recorded of each source (its last good version), in the sources' order. */
  private async storedIdeas(): Promise<Idea[]> {
    const sources = this.options.sources.flatMap((spec) => this.offline(spec));
    return (await Promise.all(sources.map((s) => this.options.store.presentIdeas(s.label)))).flat();
  }

  /** One check now; when one is already running, waits for it instead of starting another. */
  checkNow(): Promise<Idea[]> {
    this.running ??= this.check().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async check(): Promise<Idea[]> {
    const { store, announceExisting, log, load, fetch, fetchOptions, parse, now } = this.options;
    let outcomes: SourceOutcome[];
    try {
      const sources = await this.expand();
      const github = (spec: SourceSpec, previous: Validators | null) => this.followerOf(spec.location).read(spec, previous);
      outcomes = await runCheck({ store, sources, announceExisting, log, load, fetch, fetchOptions, parse, now, github, signal: this.stopping.signal });
    } catch (error) {
      if (this.stopping.signal.aborted) return [];
      throw error;
    }
    // Rebuilt when the ideas differ from the catalogue's, whoever recorded them: a source this
    // check found unchanged may have been recorded by another process (`ideas announce --once`, a
    // second replica), and its ideas are the store's.
    const ideas = outcomes.flatMap((o) => o.ideas);
    const key = ideasKey(ideas);
    if (!this.built || key !== this.builtFrom) {
      const catalog = new Catalog(ideas, this.options.catalog);
      for (const warning of catalog.warnings) log?.(`catalogue: ${warning}`, "warn");
      this.holder.replace(catalog);
      this.built = true;
      this.builtFrom = key;
    }
    const found = outcomes.flatMap((o) => o.newIdeas);
    if (found.length > 0) await this.options.onNewIdeas?.(found);
    await this.options.onChecked?.(outcomes);
    return found;
  }

  /**
   * Runs `checkNow` on a cron schedule. One rule keeps checks from overlapping, for the schedule and
   * for anyone else: checkNow joins a check in progress, so a tick that comes while one runs starts nothing.
   */
  start(expression: string): void {
    if (this.stopped) return;
    this.task = cron.schedule(expression, () => this.scheduledCheck(), { name: "ideas-check", logger: this.cronLogger() });
  }

  /**
   * node-cron's own lines (a missed tick on a busy machine, say) go to our log: its default writes
   * coloured text to stderr, which breaks LOG_FORMAT=json for whatever reads the log.
   */
  private cronLogger() {
    const log = this.options.log;
    const write = (level: "info" | "warn" | "error" | "debug") => (message: string | Error, error?: Error) =>
      log?.(`schedule: ${message instanceof Error ? message.message : message}`, level, error ?? (message instanceof Error ? message : undefined));
    return { info: write("info"), warn: write("warn"), error: write("error"), debug: write("debug") };
  }

  /**
   * One tick of the schedule: a check, where this replica leads (see `leader`); elsewhere the
   * catalogue is brought up to what the store holds. Never throws: a failure is logged.
   */
  async scheduledCheck(): Promise<void> {
    try {
      const { leader, store } = this.options;
      if (leader) {
        const now = Date.now();
        // Held until just before the next tick: then whoever ticks first leads, the old leader most often.
        const next = this.task?.getNextRun()?.getTime() ?? now + 60_000;
        const leading = await store.holdLease(CHECK_LEASE, leader.owner, now, Math.max(1_000, Math.floor((next - now) * 0.9)));
        if (!leading) {
          await this.refresh();
          return;
        }
      }
      await this.checkNow();
    } catch (error) {
      // An unexpected error may quote a source's URL: its credentials stay out of the log.
      const message = redactText((error as Error).message, this.options.sources.map((s) => s.location));
      this.options.log?.(`scheduled check failed: ${message}`, "error");
    }
  }

  /**
   * The catalogue from what the store holds of each source, rebuilt when it differs from the one
   * served: what a replica that does not lead sees of the leader's checks. A `github:` source's
   * files are discovered again first (one conditional request for the tree, no file read), so a new
   * term's file the leader found and recorded is served here too.
   */
  private async refresh(): Promise<void> {
    await this.expand();
    const ideas = await this.storedIdeas();
    const key = ideasKey(ideas);
    if (ideas.length === 0 || key === this.builtFrom) return;
    this.holder.replace(new Catalog(ideas, this.options.catalog));
    this.built = true;
    this.builtFrom = key;
  }

  /**
   * The sources to check now: each `github:` source becomes the files and proposals its repository
   * has (one conditional tree request). A repository that cannot be read stands for what it had at
   * its last discovery, or, at a start with no network, for the bundled copy of its files.
   */
  private async expand(): Promise<SourceSpec[]> {
    const out: SourceSpec[] = [];
    for (const spec of this.options.sources) {
      const repo = spec.kind === "github" ? parseGithubLocation(spec.location) : null;
      if (!repo) {
        out.push(spec);
        continue;
      }
      const checkedAt = (this.options.now?.() ?? new Date()).toISOString();
      try {
        const found = await this.followerOf(spec.location).discover();
        this.found.set(spec.location, found);
        this.upstreamState.set(spec.label, { checkedAt, error: null });
        out.push(...found);
      } catch (error) {
        this.stopping.signal.throwIfAborted();
        const message = (error as Error).message;
        this.upstreamState.set(spec.label, { checkedAt, error: message });
        this.options.log?.(`source ${spec.label}: ${message}; serving what it had`, "warn");
        out.push(...this.offline(spec));
      }
    }
    return out;
  }

  /** What a source stands for without asking upstream: itself, or a repository's last found (or bundled) sources. */
  private offline(spec: SourceSpec): SourceSpec[] {
    if (spec.kind !== "github" || !parseGithubLocation(spec.location)) return [spec];
    return this.found.get(spec.location) ?? this.followerOf(spec.location).offlineSources();
  }

  private followerOf(location: string): GithubFollower {
    const item = parseItemLocation(location);
    const repo = item?.repo ?? parseGithubLocation(location);
    if (!repo) throw new UserError("github_location", `not a GitHub location: ${location}`);
    // One follower per repository: the repository's source and the items it found share it (its tree's ETag).
    const key = `${repo.owner}/${repo.repo}`.toLowerCase();
    let follower = this.followers.get(key);
    if (!follower) this.followers.set(key, (follower = new GithubFollower(repo, { ...this.options.github, ...(this.options.log ? { log: this.options.log } : {}) })));
    return follower;
  }

  /** The sources of the last check (a `github:` source expanded), for status. */
  currentSources(): SourceSpec[] {
    return this.options.sources.flatMap((spec) => this.offline(spec));
  }

  /** Each `github:` source's last discovery: when, and its error (null: it could be read). */
  upstream(): Array<{ label: string; checkedAt: string | null; error: string | null }> {
    return this.options.sources
      .filter((s) => s.kind === "github")
      .map((s) => ({ label: s.label, checkedAt: this.upstreamState.get(s.label)?.checkedAt ?? null, error: this.upstreamState.get(s.label)?.error ?? null }));
  }

  /** When the schedule runs the next check; null before `start` (or after `stop`). */
  nextCheck(): Date | null {
    return this.task?.getNextRun() ?? null;
  }

  /**
   * Stops the schedule and the check in progress: a source being fetched is abandoned (recorded as
   * nothing), a source being recorded finishes its transaction first.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort(new Error("stopping"));
    await this.task?.destroy();
    this.task = undefined;
    await this.running?.catch(() => {});
  }
}

/**
 * A fingerprint of a list of ideas: their ids, stages and contents, in order. Two checks that read
 * the same versions give the same key; any recorded change (here or by another process) another.
 */
function ideasKey(ideas: readonly Idea[]): string {
  const hash = createHash("sha256");
  for (const idea of ideas) hash.update(JSON.stringify(idea)).update("\n");
  return hash.digest("hex");
}
