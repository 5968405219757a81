import { parseIdeas } from "../../src/ideas/parse.ts";
import type { SourceVersion, StoreTransaction } from "../../src/store/store.ts";
import { announceFixture } from "../announce/helpers.ts";

/** The ideas of announce fixture v1.md. */
export const v1Ideas = parseIdeas(announceFixture("v1.md"), { source: "fixture" }).ideas;

/** A version of `source` holding v1's ideas, each identified by one issue key. */
export const version = (source: string): SourceVersion => ({
  source,
  location: source,
  validators: { etag: null, lastModified: null, contentHash: "h" },
  parsedWith: "p",
  now: new Date(),
  ideas: v1Ideas.map((idea) => ({ idea, issueKeys: [`key ${idea.id}`] })),
});

/** Records a version and announces its first idea to every subscription. */
export async function recordAndEnqueue(tx: StoreTransaction, source: string): Promise<void> {
  await tx.recordVersion(version(source));
  const entries = (await tx.subscriptions()).map((s) => ({ subscriptionId: s.id, ideaIds: [v1Ideas[0]!.id], payload: { kind: "idea" as const, ideas: [] } }));
  await tx.enqueue(entries, new Date());
}

/** A promise and the function that resolves it. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open = () => {};
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
