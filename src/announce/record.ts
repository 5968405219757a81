import type { Idea } from "../ideas/schema.ts";
import { redactUrl } from "../sources/redact.ts";
import type { NewOutboxEntry, RecentEntries, StoreTransaction, Store, Validators } from "../store/store.ts";
import { ALERT_MESSAGES_PER_DAY, alertPayload, DAY_MS, joinAlert, rankForAlert } from "./alerts.ts";
import { payloadFor } from "./message.ts";
import { classifySnapshot, identifyingIssues, newlyAccepted, planAnnouncements, uniqueById, type KnownIdeas, type PlannedAnnouncement } from "./plan.ts";

export interface CheckRecord {
  source: string;
  /** Stored without its credentials (redactUrl; runCheck passes it redacted already). */
  location: string;
  /** The source's whole current list of ideas. */
  ideas: Idea[];
  validators: Validators;
  parsedWith: string;
  now: Date;
  /** Announce the ideas of a source's first check (otherwise they are recorded silently). */
  announceExisting: boolean;
  /** Announce all new ideas of this version as one digest per channel (a new term's first list). */
  digest?: boolean;
}

export interface CheckResult {
  /** This was the source's first recorded version. */
  firstCheck: boolean;
  /** Ideas never seen before in any source, announced (empty on a silent first check). */
  newIdeas: Idea[];
  /** Never seen before but recorded silently (a first check without ANNOUNCE_EXISTING). */
  silent: Idea[];
  /** New ids recognised as known ideas by an upstream issue (renames, moves). */
  matched: Array<{ id: string; knownId: string }>;
  /** Ids of the previous version that this one no longer holds (nothing is announced for them). */
  removed: string[];
  /** Outbox entries written. */
  enqueued: number;
}

/**
 * Records a new version of a source and returns the ideas never seen before in any source (rules:
 * plan.ts), writing their announcements to the outbox for every matching subscription. A source's
 * first version is recorded silently unless `announceExisting`. Classifying and enqueuing happen
 * in one store transaction, so two processes sharing the store never both find an idea new.
 */
export function recordCheck(store: Store, record: CheckRecord): Promise<CheckResult> {
  return store.transaction((tx) => recordIn(tx, record));
}

async function recordIn(tx: StoreTransaction, { source, location, ideas, validators, parsedWith, now, announceExisting, digest = false }: CheckRecord): Promise<CheckResult> {
  const firstCheck = !(await tx.sourceState(source))?.recordedAt;
  const known = await knownBefore(tx, ideas);
  const classified = classifySnapshot(ideas, known);
  const before = await tx.presentIds(source);
  await tx.recordVersion({ source, location: redactUrl(location), validators, parsedWith, now, ideas: classified.map((c) => ({ idea: c.idea, issueKeys: c.issues })) });

  const fresh = classified.filter((c) => c.verdict.kind === "new").map((c) => c.idea);
  const accepted = newlyAccepted(classified, known);
  const announce = !firstCheck || announceExisting;
  let enqueued = 0;
  if (announce && (fresh.length > 0 || accepted.length > 0)) {
    const planned = planAnnouncements(await tx.subscriptions(), { fresh, accepted }, { digest });
    const entries = await outboxEntries(tx, planned, now);
    await tx.enqueue(entries, now);
    enqueued = entries.length;
  }
  const present = new Set(classified.map((c) => c.idea.id));
  return {
    firstCheck,
    newIdeas: announce ? fresh : [],
    silent: announce ? [] : fresh,
    matched: classified.flatMap((c) => (c.verdict.kind === "matched" ? [{ id: c.idea.id, knownId: c.verdict.knownId }] : [])),
    removed: before.filter((id) => !present.has(id)),
    enqueued,
  };
}

/**
 * The outbox entries for what is planned: a channel's as planned; a person's alert ranked for their
 * skills, and within its limit per day (ALERT_MESSAGES_PER_DAY): past it, the ideas join the
 * alert's message not yet tried, or wait in a new one due when the day's window frees.
 */
async function outboxEntries(tx: StoreTransaction, planned: readonly PlannedAnnouncement[], now: Date): Promise<NewOutboxEntry[]> {
  const alerts = planned.filter((p) => p.subscription.kind === "dm");
  const recent = alerts.length > 0 ? await tx.recentEntries(alerts.map((p) => p.subscription.id), now.getTime() - DAY_MS) : new Map<number, RecentEntries>();
  const entries: NewOutboxEntry[] = [];
  for (const { subscription, ideas } of planned) {
    if (subscription.kind !== "dm") {
      entries.push({ subscriptionId: subscription.id, ideaIds: ideas.map((i) => i.id), payload: payloadFor(ideas) });
      continue;
    }
    const ranked = rankForAlert(subscription, ideas);
    if (ranked.length === 0) continue;
    const ideaIds = ranked.map((i) => i.id);
    const load = recent.get(subscription.id);
    if (!load || load.count < ALERT_MESSAGES_PER_DAY) {
      entries.push({ subscriptionId: subscription.id, ideaIds, payload: alertPayload(subscription, ranked) });
      continue;
    }
    const held = load.untried;
    if (held && (await tx.rewriteUntried(held.id, [...new Set([...held.ideaIds, ...ideaIds])], joinAlert(subscription, held.payload, ranked)))) continue;
    entries.push({ subscriptionId: subscription.id, ideaIds, payload: alertPayload(subscription, ranked), dueAt: load.oldestAt + DAY_MS });
  }
  return entries;
}

/**
 * What the store knew before this version, of these ideas only: their ids and identifying issue
 * keys are looked up in one go (a networked store answers in two queries, not one per idea).
 */
async function knownBefore(tx: StoreTransaction, ideas: readonly Idea[]): Promise<KnownIdeas> {
  const unique = uniqueById(ideas);
  const issueKeys = [...identifyingIssues(unique).values()].flat();
  // The ids an issue identifies are looked up too: "accepted before" may be under a proposal's id.
  const first = await tx.knownIdeas({ ids: unique.map((i) => i.id), issueKeys });
  const byIssue = [...first.ideaByIssue.values()].filter((id) => !first.ids.has(id));
  const accepted = byIssue.length > 0 ? new Set([...first.accepted, ...(await tx.knownIdeas({ ids: byIssue, issueKeys: [] })).accepted]) : first.accepted;
  return { hasId: (id) => first.ids.has(id), idForIssue: (key) => first.ideaByIssue.get(key) ?? null, wasAccepted: (id) => accepted.has(id) };
}
