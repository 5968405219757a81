import cron, { type ScheduledTask } from "node-cron";
import { Catalog } from "../catalog/catalog.ts";
import type { Idea } from "../ideas/schema.ts";
import type { SourceSpec } from "../sources/spec.ts";
import type { Store } from "../store/store.ts";
import { runCheck, type CheckOptions } from "./check.ts";

export interface WatcherOptions {
  store: Store;
  sources: SourceSpec[];
  announceExisting: boolean;
  log?: (message: string) => void;
  load?: CheckOptions["load"];
  /** Called with the ideas found new by each check (delivery hooks in here). */
  onNewIdeas?: (ideas: Idea[]) => void | Promise<void>;
}

/**
 * Checks the sources on a schedule and keeps the catalogue that search uses current: each check
 * builds a new Catalog and swaps it in, so queries never see half an update and nothing restarts.
 * A source that fails keeps the ideas of its last good check.
 */
export class SourceWatcher {
  private catalog = new Catalog([]);
  private readonly latest = new Map<string, Idea[]>();
  private task?: ScheduledTask;

  constructor(private readonly options: WatcherOptions) {}

  /** The catalogue as of the last check. */
  get current(): Catalog {
    return this.catalog;
  }

  async checkNow(): Promise<Idea[]> {
    const { store, sources, announceExisting, log, load } = this.options;
    const outcomes = await runCheck({ store, sources, announceExisting, log, load });
    for (const outcome of outcomes) if (outcome.status !== "failed") this.latest.set(outcome.label, outcome.ideas);
    this.catalog = new Catalog(sources.flatMap((s) => this.latest.get(s.label) ?? []));
    const found = outcomes.flatMap((o) => o.newIdeas);
    if (found.length > 0) await this.options.onNewIdeas?.(found);
    return found;
  }

  /** Runs `checkNow` on a cron schedule; a check still running when the next is due is skipped. */
  start(expression: string): void {
    this.task = cron.schedule(
      expression,
      async () => {
        try {
          await this.checkNow();
        } catch (error) {
          this.options.log?.(`scheduled check failed: ${(error as Error).message}`);
        }
      },
      { noOverlap: true, name: "ideas-check" },
    );
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
  }
}
