import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCheck, type SourceOutcome } from "../../src/announce/check.ts";
import { parseIdeas } from "../../src/ideas/parse.ts";
import { Catalog } from "../../src/catalog/catalog.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import { ALERT_SCOPE, type ChannelRef, type NewSubscription, type Store } from "../../src/store/store.ts";

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

/** A person's alert, as `notify` stores it. */
export function alert(userId: string, skills: string[], extra: Partial<NewSubscription> = {}): NewSubscription {
  return { platform: "discord", workspaceId: ALERT_SCOPE, channelId: userId, kind: "dm", skills, project: null, createdBy: userId, now: new Date(), ...extra };
}

/** An ideas file of one project whose ideas each ask for the given skills. */
export function ideasFile(ideas: Array<{ title: string; skills: string }>): string {
  return ["## Project ideas", "", "### Orbit", "", ...ideas.flatMap((i) => [`#### ${i.title}`, "", `- Description: ${i.title}, in detail.`, `- Recommended Skills: ${i.skills}`, ""])].join("\n");
}

/** The outbox rows of a person's alert. */
export async function entriesFor(store: Store, userId: string) {
  const [sub] = await store.subscriptions({ channelId: userId, kind: "dm" });
  return store.outbox({ subscriptionId: sub!.id });
}
