import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCheck, type SourceOutcome } from "../../src/announce/check.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { Catalog } from "../../src/catalog/catalog.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import type { ChannelRef, NewSubscription, Store } from "../../src/store/store.ts";

/** A fresh DATA_DIR under the system's temp folder. */
export function tempDir(prefix = "ideas-announce-"): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export function freshStore(dir = tempDir()): SqliteStore {
  return new SqliteStore(dir);
}

/** A markdown fixture of test/fixtures/announce/. */
export function announceFixture(name: string): string {
  return readFileSync(new URL(`../fixtures/announce/${name}`, import.meta.url), "utf8");
}

export function catalogOf(text: string): Catalog {
  return new Catalog(parseIdeas(text, { source: "fixture" }).ideas);
}

/** One check of one source whose text is given. */
export async function check(store: Store, label: string, text: string, options: { announceExisting?: boolean; now?: Date } = {}): Promise<SourceOutcome> {
  const [outcome] = await runCheck({
    store,
    sources: [{ label, kind: "file", location: label, term: "other", role: "proposals" as const }],
    announceExisting: options.announceExisting ?? false,
    load: async () => text,
    ...(options.now ? { now: () => options.now! } : {}),
  });
  return outcome!;
}

export const SHELL: ChannelRef = { platform: "shell", workspaceId: "shell", channelId: "shell" };

export function subscription(channel: ChannelRef, filter: Partial<Pick<NewSubscription, "skills" | "project">> = {}): NewSubscription {
  return { ...channel, skills: filter.skills ?? [], project: filter.project ?? null, createdBy: "tester", now: new Date() };
}
