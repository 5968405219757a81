import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { UserError } from "../src/errors.ts";
import { infoReply } from "../src/reply.ts";
import type { BotStatus, SourceStatus } from "../src/status.ts";
import type { Store, Subscription } from "../src/store/store.ts";

/** Sources listed one by one up to this many; above it, only the failing ones are (a catalogue has ~60). */
const LIST_SOURCES_UP_TO = 8;
/** Failing sources shown at most; the rest are counted. */
const MAX_FAILURES_SHOWN = 10;

export default defineCommand({
  name: "status",
  description: "What the bot is doing: sources, checks, errors, subscriptions here",
  usage: "status",
  // For the people who manage announcements: the same rights as subscribe.
  requires: { store: true, channel: true, manageChannel: true },
  options: z.object({}),
  async execute(_input, { store, channel, status }) {
    if (!status) throw new UserError("status_unavailable", "The bot's status is not available here.");
    const now = new Date();
    const report = await status();
    const here = await store.subscriptions({ platform: channel.platform, workspaceId: channel.workspaceId });
    return infoReply(summary(report, now), {
      title: `ideas-bot ${report.version}`,
      lines: [...sourceLines(report.sources, now), platformsLine(report), await subscriptionsLine(store, here)],
    });
  },
});

function summary(report: BotStatus, now: Date): string {
  const { catalogue, sources, nextCheck } = report;
  const serving = catalogue.loaded ? `Serving ${catalogue.ideas.toLocaleString("en")} ideas from ${sources.length} source${sources.length === 1 ? "" : "s"}` : "Loading the ideas (first start)";
  const failing = sources.filter((s) => s.error).length;
  const failures = failing > 0 ? ` ${failing} source${failing === 1 ? "" : "s"} failed at the last check; each keeps the ideas it had.` : "";
  const next = nextCheck ? ` Next check ${when(nextCheck, now)}.` : " The first check is running.";
  return `${serving}, up since ${clock(report.startedAt)}.${next}${failures}`;
}

/** Failing sources first, each with its error; the others listed when few, else counted. */
function sourceLines(sources: readonly SourceStatus[], now: Date): string[] {
  const failing = sources.filter((s) => s.error);
  const fine = sources.filter((s) => !s.error);
  const lines = failing.slice(0, MAX_FAILURES_SHOWN).map((s) => `⚠ ${s.label}: ${s.error} (checked ${when(s.checkedAt, now)}; keeping ${s.ideas} idea${s.ideas === 1 ? "" : "s"})`);
  if (failing.length > MAX_FAILURES_SHOWN) lines.push(`⚠ … and ${failing.length - MAX_FAILURES_SHOWN} more failing sources`);
  if (sources.length <= LIST_SOURCES_UP_TO) {
    lines.push(...fine.map((s) => `✓ ${s.label}: ${s.ideas} idea${s.ideas === 1 ? "" : "s"}, checked ${when(s.checkedAt, now)}`));
  } else if (fine.length > 0) {
    const last = fine.map((s) => s.checkedAt).filter((t): t is string => t !== null).sort().at(-1) ?? null;
    lines.push(`✓ ${fine.length} source${fine.length === 1 ? "" : "s"} fine, last checked ${when(last, now)}`);
  }
  return lines;
}

function platformsLine({ platforms }: BotStatus): string {
  return `Platforms: ${platforms.map((p) => `${p.name} (${p.connected ? "connected" : "not connected"})`).join(", ") || "none"}`;
}

/** This workspace's subscriptions only: a server's admins do not see another server's channels. */
async function subscriptionsLine(store: Store, here: readonly Subscription[]): Promise<string> {
  if (here.length === 0) return "Subscriptions here: none (`subscribe` in a channel starts announcements there)";
  const ids = new Set(here.map((s) => s.id));
  const count = async (status: "pending" | "failed") => (await store.outbox({ status })).filter((row) => ids.has(row.subscription.id)).length;
  const [waiting, failed] = await Promise.all([count("pending"), count("failed")]);
  const paused = here.filter((s) => s.pausedReason).length;
  const parts = [`${here.length} channel${here.length === 1 ? "" : "s"}${paused ? ` (${paused} paused)` : ""}`];
  if (waiting) parts.push(`${waiting} announcement${waiting === 1 ? "" : "s"} waiting`);
  if (failed) parts.push(`${failed} refused for good`);
  return `Subscriptions here: ${parts.join("; ")}`;
}

/** "14:03 UTC (3 min ago)", "in 12 min", or "never". */
function when(iso: string | null, now: Date): string {
  if (!iso) return "never";
  const minutes = Math.round((Date.parse(iso) - now.getTime()) / 60_000);
  const relative = minutes === 0 ? "just now" : minutes > 0 ? `in ${duration(minutes)}` : `${duration(-minutes)} ago`;
  return `${clock(iso)} (${relative})`;
}

function duration(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
  return `${Math.round(minutes / 1440)} days`;
}

/** "2026-12-02 14:03 UTC": one zone for everyone, whatever the server's. */
function clock(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
