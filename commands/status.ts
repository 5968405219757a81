import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { UserError } from "../src/errors.ts";
import type { Catalog } from "../src/catalog/catalog.ts";
import { infoReply, type Line } from "../src/reply.ts";
import type { BotStatus, SourceStatus } from "../src/status.ts";
import type { PostedEntry, Subscription, SubscriptionActivity } from "../src/store/store.ts";
import { clock, plural, WEEK_MS, when } from "./time.ts";

/** Sources listed one by one up to this many; above it, only the failing ones are (a catalogue has ~60). */
const LIST_SOURCES_UP_TO = 8;
/** Failing sources shown at most; the rest are counted. */
const MAX_FAILURES_SHOWN = 10;

export default defineCommand({
  name: "status",
  description: "What the bot is doing: sources, checks, errors, recent posts and subscriptions here",
  usage: "status",
  // For the people who manage announcements: the same rights as subscribe.
  requires: { store: true, channel: true, manageChannel: true },
  admin: true,
  options: z.object({}),
  async execute(_input, { store, channel, status, catalog }) {
    if (!status) throw new UserError("status_unavailable", "The bot's status is not available here.");
    const now = new Date();
    const where = { platform: channel.platform, workspaceId: channel.workspaceId };
    const [report, here, activity, recent] = await Promise.all([status(), store.subscriptions({ ...where, kind: "channel" }), store.activity(where, now.getTime() - WEEK_MS), store.recentPosts(where, RECENT_POSTS)]);
    const paused = here.filter((s) => s.pausedReason);
    const lines: Line[] = [
      ...sourceLines(report.sources, now),
      ...(catalog.loading ? [] : [termsLine(catalog)]),
      platformsLine(report),
      subscriptionsLine(here, activity),
      // Paused channels by name, each with its reason: what a manager has to act on.
      ...paused.map((s) => ({ channelId: s.channelId, text: `paused: ${s.pausedReason}` })),
      ...recent.map(postLine(now)),
    ];
    return infoReply(summary(report, now), { title: `ideas-bot ${report.version}`, lines, ...(paused.length ? { hints: ["resumePaused"] } : {}) });
  },
});

/** Posts listed at most, newest first. */
const RECENT_POSTS = 3;
/** Terms named in the catalogue line, newest first; `terms` lists them all. */
const TERMS_SHOWN = 4;

function summary(report: BotStatus, now: Date): string {
  const { catalogue, sources, nextCheck } = report;
  const serving = catalogue.loaded ? `Serving ${plural(catalogue.ideas, "idea")} from ${plural(sources.length, "source")}` : "Loading the ideas (first start)";
  const failing = sources.filter((s) => s.error).length;
  const failures = failing > 0 ? ` ${plural(failing, "source")} failed at the last check; each keeps the ideas it had.` : "";
  const next = nextCheck ? ` Next check ${when(nextCheck, now)}.` : " The first check is running.";
  return `${serving}, up since ${clock(report.startedAt)}.${next}${failures}`;
}

/** Failing sources first, each with its error; the others listed when few, else counted. */
function sourceLines(sources: readonly SourceStatus[], now: Date): string[] {
  const failing = sources.filter((s) => s.error);
  const fine = sources.filter((s) => !s.error);
  const lines = failing.slice(0, MAX_FAILURES_SHOWN).map((s) => `⚠ ${s.label}: ${s.error} (checked ${when(s.checkedAt, now)}; keeping ${plural(s.ideas, "idea")})`);
  if (failing.length > MAX_FAILURES_SHOWN) lines.push(`⚠ … and ${failing.length - MAX_FAILURES_SHOWN} more failing sources`);
  if (sources.length <= LIST_SOURCES_UP_TO) {
    lines.push(...fine.map((s) => `✓ ${s.label}: ${plural(s.ideas, "idea")}, checked ${when(s.checkedAt, now)}`));
  } else if (fine.length > 0) {
    const last = fine.map((s) => s.checkedAt).filter((t): t is string => t !== null).sort().at(-1) ?? null;
    lines.push(`✓ ${plural(fine.length, "source")} fine, last checked ${when(last, now)}`);
  }
  return lines;
}

/** "Ideas by term: LFX Mentorship 2026 Term 3: 57 · … · 31 older terms (`terms` lists them)". */
function termsLine(catalog: Catalog): string {
  const terms = catalog.terms();
  const shown = terms.slice(0, TERMS_SHOWN).map((t) => `${t.term.label}: ${t.count}`);
  const rest = terms.length - TERMS_SHOWN;
  return `Ideas by term: ${shown.join(" · ") || "none"}${rest > 0 ? ` · ${plural(rest, "older term")} (\`terms\` lists them)` : ""}`;
}

function platformsLine({ platforms }: BotStatus): string {
  return `Platforms: ${platforms.map((p) => `${p.name} (${p.connected ? "connected" : "not connected"})`).join(", ") || "none"}`;
}

/** This workspace's subscriptions only: a server's admins do not see another server's channels. */
function subscriptionsLine(here: readonly Subscription[], activity: readonly SubscriptionActivity[]): string {
  if (here.length === 0) return "Subscriptions here: none (`subscribe` in a channel starts announcements there)";
  const sum = (key: "sentSince" | "pending" | "failed") => activity.reduce((total, a) => total + a[key], 0);
  const paused = here.filter((s) => s.pausedReason).length;
  const parts = [`${plural(here.length, "channel")}${paused ? ` (${paused} paused)` : ""}`, `${plural(sum("sentSince"), "post")} in the last 7 days`];
  if (sum("pending")) parts.push(`${plural(sum("pending"), "announcement")} waiting`);
  if (sum("failed")) parts.push(`${sum("failed")} refused for good`);
  return `Subscriptions here: ${parts.join("; ")}`;
}

/** A recent post: where, when, and what ("Title (Project)" or a digest's count). */
function postLine(now: Date): (post: PostedEntry) => Line {
  return (post) => {
    const ideas = post.payload.ideas ?? [];
    const first = ideas[0];
    const what = ideas.length > 1 ? `${ideas.length} new ideas (${first?.title ?? "?"}, …)` : first ? `${first.title} (${first.project})` : plural(post.ideaIds.length, "idea");
    return { channelId: post.channel.channelId, text: `posted ${when(post.sentAt, now)}: ${what}` };
  };
}
