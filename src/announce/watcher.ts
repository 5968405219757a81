import cron, { type ScheduledTask } from "node-cron";
import { Catalog, type CatalogOptions } from "../catalog/catalog.ts";
import { CatalogHolder } from "../catalog/holder.ts";
import type { Idea } from "../ideas/schema.ts";
import { redactText } from "../sources/redact.ts";
import type { SourceSpec } from "../sources/spec.ts";
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
  /** Called after every check, e.g. to deliver what it queued. */
  onChecked?: (outcomes: SourceOutcome[]) => void | Promise<void>;
}

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
  private stopped = false;
  /** Aborted by stop(): a check in flight is abandoned rather than waited for (a source may hang for minutes). */
  private readonly stopping = new AbortController();

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
    const { store, sources, log } = this.options;
    const ideas = (await Promise.all(sources.map((s) => store.presentIdeas(s.label)))).flat();
    // A check that ended first has built a newer catalogue.
    if (ideas.length === 0 || this.built) return this.built ? this.holder.current.size : 0;
    const catalog = new Catalog(ideas, this.options.catalog);
    for (const warning of catalog.warnings) log?.(`catalogue: ${warning}`, "debug");
    this.holder.replace(catalog);
    this.built = true;
    return catalog.size;
  }

  /** One check now; when one is already running, waits for it instead of starting another. */
  checkNow(): Promise<Idea[]> {
    this.running ??= this.check().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async check(): Promise<Idea[]> {
    const { store, sources, announceExisting, log, load, fetch, fetchOptions, parse, now } = this.options;
    let outcomes: SourceOutcome[];
    try {
      outcomes = await runCheck({ store, sources, announceExisting, log, load, fetch, fetchOptions, parse, now, signal: this.stopping.signal });
    } catch (error) {
      if (this.stopping.signal.aborted) return [];
      throw error;
    }
    if (!this.built || outcomes.some((o) => o.status === "changed")) {
      const catalog = new Catalog(outcomes.flatMap((o) => o.ideas), this.options.catalog);
      for (const warning of catalog.warnings) log?.(`catalogue: ${warning}`, "warn");
      this.holder.replace(catalog);
      this.built = true;
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
    this.task = cron.schedule(
      expression,
      async () => {
        try {
          await this.checkNow();
        } catch (error) {
          // An unexpected error may quote a source's URL: its credentials stay out of the log.
          const message = redactText((error as Error).message, this.options.sources.map((s) => s.location));
          this.options.log?.(`scheduled check failed: ${message}`, "error");
        }
      },
      { name: "ideas-check" },
    );
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
