import { createHash } from "node:crypto";
import { isUserError } from "../errors.ts";
import { parseIdeas } from "../ideas/parse.ts";
import type { Idea } from "../ideas/schema.ts";
import { loadSourceText, type LoadOptions } from "../sources/load.ts";
import type { SourceSpec } from "../sources/spec.ts";
import type { Store } from "../store/store.ts";

export interface CheckOptions {
  store: Store;
  sources: SourceSpec[];
  announceExisting: boolean;
  now?: () => Date;
  load?: (spec: SourceSpec, options?: LoadOptions) => Promise<string>;
  log?: (message: string) => void;
}

export interface SourceOutcome {
  label: string;
  status: "changed" | "unchanged" | "failed";
  ideas: Idea[];
  newIdeas: Idea[];
  error?: string;
}

/**
 * One check of every source: read it, and when its content changed, parse it and record its
 * ideas, learning which are new. A source that fails to load, is not markdown, or suddenly has no
 * ideas changes nothing (the error is recorded and logged); fewer ideas are taken as they are.
 */
export async function runCheck({ store, sources, announceExisting, now = () => new Date(), load = loadSourceText, log = () => {} }: CheckOptions): Promise<SourceOutcome[]> {
  const outcomes: SourceOutcome[] = [];
  for (const spec of sources) {
    const fail = (error: string): void => {
      store.recordError(spec.label, error, now());
      log(`source ${spec.label}: ${error}; keeping what it had`);
      outcomes.push({ label: spec.label, status: "failed", ideas: [], newIdeas: [], error });
    };
    let text: string;
    try {
      text = await load(spec);
    } catch (error) {
      fail(isUserError(error) ? error.message : `unexpected error: ${(error as Error).message}`);
      continue;
    }
    const hash = createHash("sha256").update(text).digest("hex");
    const { ideas } = parseIdeas(text, { source: spec.label });
    if (store.sourceState(spec.label)?.contentHash === hash) {
      outcomes.push({ label: spec.label, status: "unchanged", ideas, newIdeas: [] });
      continue;
    }
    if (ideas.length === 0 && (text.trim() === "" || store.presentCount(spec.label) > 0)) {
      fail(text.trim() === "" ? "empty body" : "no ideas found where there were some");
      continue;
    }
    const newIdeas = store.recordCheck({ source: spec.label, ideas, contentHash: hash, now: now(), announceExisting });
    if (newIdeas.length > 0) log(`source ${spec.label}: ${newIdeas.length} new idea(s)`);
    outcomes.push({ label: spec.label, status: "changed", ideas, newIdeas });
  }
  return outcomes;
}
