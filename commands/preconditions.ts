import type { ChannelRef } from "../src/store/store.ts";
import { PRECONDITIONS, type CommandContext, type Precondition, type ReadyContext, type Requirements } from "../src/command.ts";

/** Whether each precondition holds here. Adapters fill the context; absent facts mean no. */
const HOLDS: Record<Precondition, (context: CommandContext) => boolean> = {
  // The CLI runs one-off scripts: it has no channel to announce in, even with a store.
  store: (context) => context.store !== undefined && context.platform !== "cli",
  alerts: (context) => Boolean(context.alertScope && context.userId) && context.platform !== "cli",
  channel: (context) => Boolean(context.channelId && context.workspaceId) && context.platform !== "cli",
  manageChannel: (context) => context.canManageChannel === true,
  catalog: (context) => !context.catalog.loading,
};

export type Checked<R extends Requirements> = { ok: true; context: ReadyContext<R> } | { ok: false; reason: Precondition };

/**
 * Checks a command's requirements in a fixed order (store, channel, rights), so the first refusal is
 * the one that matters most: no point asking for rights where there are no announcements. On
 * success the context gains what the command asked for (`store`, `channel`), typed as present.
 */
export function checkRequirements<R extends Requirements>(requires: R | undefined, context: CommandContext): Checked<R> {
  for (const precondition of PRECONDITIONS) {
    if (requires?.[precondition] && !HOLDS[precondition](context)) return { ok: false, reason: precondition };
  }
  // HOLDS.channel and HOLDS.alerts have just made sure of the ids.
  const { platform, workspaceId, channelId, alertScope, userId } = context;
  const channel = requires?.channel ? { channel: { platform, workspaceId: workspaceId!, channelId: channelId! } } : {};
  // A person's alert is keyed by who the platform says is asking: never by anything they typed.
  const alert = requires?.alerts ? { alert: alertRef(platform, alertScope!, userId) } : {};
  return { ok: true, context: { ...context, ...channel, ...alert } as ReadyContext<R> };
}

/** Where a person's alert is stored: their user id as the "channel" of their alert scope. */
export function alertRef(platform: string, alertScope: string, userId: string): ChannelRef {
  return { platform, workspaceId: alertScope, channelId: userId };
}
