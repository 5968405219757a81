/**
 * What the bot is doing, for its operators: the same facts /readyz serves (adapters/health.ts) and
 * `/ideas status` shows (commands/status.ts). Platform-neutral; the process that runs the bot fills
 * it in (adapters/main.ts), so commands never reach into the watcher or the adapters.
 */
export interface BotStatus {
  version: string;
  /** ISO time the process started. */
  startedAt: string;
  catalogue: { ideas: number; loaded: boolean };
  platforms: Array<{ name: string; connected: boolean }>;
  sources: SourceStatus[];
  /** ISO time of the next scheduled check; null before the schedule starts (during the first check). */
  nextCheck: string | null;
}

export interface SourceStatus {
  label: string;
  /** ISO time of the last check, successful or not; null: never checked. */
  checkedAt: string | null;
  /** ISO time its ideas were last recorded; null: never (nothing served from it yet). */
  recordedAt: string | null;
  /** Ideas of its last recorded version (kept through a failure). */
  ideas: number;
  /** Why its last check failed, its locations' credentials redacted; null: it succeeded. */
  error: string | null;
}

/** Reads the status now (a store read: async). */
export type StatusProvider = () => Promise<BotStatus>;
