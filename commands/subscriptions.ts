import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { infoReply, type HintCode } from "../src/reply.ts";
import { describeSubscription } from "./subscription-helpers.ts";

export default defineCommand({
  name: "subscriptions",
  description: "Which channels here get new ideas, which ideas, and when they last got one",
  usage: "subscriptions",
  // Listing is for everyone in the channel: no manageChannel.
  requires: { store: true, channel: true },
  admin: true,
  options: z.object({}),
  async execute(_input, { store, channel }) {
    const now = new Date();
    const where = { platform: channel.platform, workspaceId: channel.workspaceId };
    const [all, activity] = await Promise.all([store.subscriptions({ ...where, kind: "channel" }), store.activity(where, 0)]);
    const byId = new Map(activity.map((a) => [a.subscriptionId, a]));
    const here = all.find((s) => s.channelId === channel.channelId);
    const others = all.filter((s) => s !== here);
    const text = here
      ? `This channel gets ${describeSubscription(here, byId.get(here.id), now)}.`
      : "This channel has no subscription: `subscribe` posts new ideas here, optionally only for some skills or a project.";
    // Other channels as mentions: each platform shows the channel's name, and notifies no one.
    const lines = others.map((s) => ({ channelId: s.channelId, text: describeSubscription(s, byId.get(s.id), now) }));
    const hints: HintCode[] = all.some((s) => s.pausedReason) ? ["resumePaused"] : [];
    return infoReply(text, { title: "Announcements", ...(lines.length ? { lines } : {}), ...(hints.length ? { hints } : {}) });
  },
});
