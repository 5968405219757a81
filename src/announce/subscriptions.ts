import type { Catalog } from "../catalog/catalog.ts";
import type { CommandContext } from "../command.ts";
import { UserError } from "../errors.ts";
import type { ChannelRef, Store, Subscription, SubscriptionFilter } from "../store/store.ts";
import { matchesFilter } from "./plan.ts";

export const MANAGE_REFUSED =
  "You need the Manage Channels permission (Discord) or to be a workspace admin (Slack) to change this channel's subscriptions.";

/**
 * The store and channel a subscription command works on. `manage`: the command changes the
 * channel's subscription, which only people who may manage the channel can do (the adapter says so
 * in `canManageChannel`; absent means no).
 */
export function channelOf(context: CommandContext, { manage }: { manage: boolean }): { store: Store; channel: ChannelRef } {
  const { store, platform, workspaceId, channelId } = context;
  if (!store || platform === "cli") throw new UserError("announcements_unavailable", "Announcements are not available here.");
  if (!channelId || !workspaceId) throw new UserError("no_channel", "Run this in the channel (of a server or workspace) that should get the announcements.");
  if (manage && context.canManageChannel !== true) throw new UserError("not_allowed", MANAGE_REFUSED);
  return { store, channel: { platform, workspaceId, channelId } };
}

/** "go, k8s project:"chaos mesh"" → the skills text and the project (the shell types both on one line). */
export function splitProjectFilter(text: string): { skills: string; project?: string } {
  let project: string | undefined;
  const skills = text.replace(/(?:^|\s)project:(?:"([^"]*)"|(\S+))/i, (_m, quoted?: string, bare?: string) => {
    project = (quoted ?? bare ?? "").trim() || undefined;
    return " ";
  });
  return { skills: skills.trim(), ...(project ? { project } : {}) };
}

/** A typed skills list → canonical skills, as `recommend` reads them ("k8s" → Kubernetes); unknown ones are refused with suggestions. */
export function resolveSkills(catalog: Catalog, text: string): string[] {
  const resolved = catalog.vocabulary.resolveList(text);
  const unknown = resolved.filter((r) => r.skills.length === 0);
  if (unknown.length > 0) {
    const list = unknown
      .map((u) => `"${u.input}"` + (u.suggestions.length ? ` (did you mean ${u.suggestions.map((s) => `"${s}"`).join(" or ")}?)` : ""))
      .join(", ");
    throw new UserError("unknown_skills", `I don't know ${list}. Try \`skills\` to see the skills ideas ask for.`);
  }
  return [...new Set(resolved.flatMap((r) => r.skills))];
}

/** "every new idea" / "new ideas asking for Go or Kubernetes, in project Chaos Mesh". */
export function describeFilter(filter: SubscriptionFilter): string {
  const parts: string[] = [];
  if (filter.skills.length) parts.push(`asking for ${filter.skills.join(" or ")}`);
  if (filter.project) parts.push(`in project ${filter.project}`);
  return parts.length ? `new ideas ${parts.join(", ")}` : "every new idea";
}

/** One line about a subscription, for listings. */
export function describeSubscription(sub: Subscription, here: boolean): string {
  const where = here ? "This channel" : `Channel ${sub.channelId}`;
  return `${where}: ${describeFilter(sub)}${sub.pausedReason ? ` — paused (${sub.pausedReason}); subscribe again to resume` : ""}`;
}

/** A hint when a project filter matches no idea of today's catalogue. */
export function projectHint(catalog: Catalog, project: string): string | null {
  if (catalog.ideas.some((idea) => matchesFilter({ skills: [], project }, idea))) return null;
  const close = catalog.suggestProjects(project, 3);
  return `No idea listed today is in a project called "${project}"` + (close.length ? ` (did you mean ${close.map((p) => `"${p}"`).join(" or ")}?)` : "") + "; I will still post when one appears.";
}
