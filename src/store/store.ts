import type { Idea } from "../ideas/schema.ts";

/** What the store remembers of a source between checks. */
export interface SourceState {
  label: string;
  contentHash: string | null;
  etag: string | null;
  lastModified: string | null;
  checkedAt: string | null;
  lastError: string | null;
}

/** An idea as the store remembers it: enough to recognise it again after a rename or a move. */
export interface SeenIdea {
  source: string;
  id: string;
  project: string;
  title: string;
  issues: string[];
  present: boolean;
}

export interface CheckRecord {
  source: string;
  /** The source's whole current list of ideas. */
  ideas: Idea[];
  contentHash: string;
  etag?: string | null;
  lastModified?: string | null;
  now: Date;
  /** Announce the ideas of a source's first check (otherwise they are recorded silently). */
  announceExisting: boolean;
}

/**
 * Durable state, behind a narrow interface so that a Postgres store (for several replicas) is one
 * new file. Every method that changes state is one transaction.
 */
export interface Store {
  sourceState(label: string): SourceState | undefined;
  seenIdeas(): SeenIdea[];
  /**
   * Records a source's current ideas and returns the ones never seen before in any source, in
   * the same transaction, so two processes never both find the same idea new.
   */
  recordCheck(record: CheckRecord): Idea[];
  /** How many ideas the source had at its last good check. */
  presentCount(label: string): number;
  recordError(label: string, message: string, now: Date): void;
  close(): void;
}
