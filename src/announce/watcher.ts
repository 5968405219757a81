import cron, { type ScheduledTask } from "node-cron";
import { Catalog, type CatalogOptions } from "../catalog/catalog.ts";
import { CatalogHolder } from "../catalog/holder.ts";
import type { Idea } from "../ideas/schema.ts";
import { redactText } from "../sources/redact.ts";
import type { SourceSpec } from "../sources/spec.ts";
import type { Store } from "../store/store.ts";
import { runCheck, type CheckOptions, type SourceOutcome } from "./check.ts";

export interface WatcherOptions {
  store: Store;
  sources: SourceSpec[];
  announceExisting: boolean;
  /** The catalogue search uses; the watcher swaps a new one in when a source changes. */
  holder?: CatalogHolder;
  log?: (message: string) => void;
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

  constructor(private readonly options: WatcherOptions) {
    this.holder = options.holder ?? new CatalogHolder();
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
    const outcomes = await runCheck({ store, sources, announceExisting, log, load, fetch, fetchOptions, parse, now });
    if (!this.built || outcomes.some((o) => o.status === "changed")) {
      const catalog = new Catalog(outcomes.flatMap((o) => o.ideas), this.options.catalog);
      for (const warning of catalog.warnings) log?.(`catalogue: ${warning}`);
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
          this.options.log?.(`scheduled check failed: ${message}`);
        }
      },
      { name: "ideas-check" },
    );
  }

  /** Stops the schedule and waits for a check in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.task?.destroy();
    this.task = undefined;
    await this.running?.catch(() => {});
  }
}
