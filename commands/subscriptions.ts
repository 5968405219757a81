import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";
import { describeSubscription } from "./subscription-helpers.ts";

export default defineCommand({
  name: "subscriptions",
  description: "Which channels here get new ideas, and which ideas",
  usage: "subscriptions",
  // Listing is for everyone in the channel: no manageChannel.
  requires: { store: true, channel: true },
  options: z.object({}),
  async execute(_input, { store, channel }) {
    const all = await store.subscriptions({ platform: channel.platform, workspaceId: channel.workspaceId });
    const here = all.find((s) => s.channelId === channel.channelId);
    const others = all.filter((s) => s !== here);
    const failed = here ? await store.outbox({ status: "failed", subscriptionId: here.id }) : [];
    const text = here
      ? `${describeSubscription(here, true)}.${failed.length ? ` ${failedNote(failed.length)}` : ""}`
      : "This channel has no subscription: `subscribe` posts new ideas here, optionally only for some skills or a project.";
    return infoReply(text, {
      title: "Announcements",
      ...(others.length ? { lines: others.map((s) => describeSubscription(s, false)) } : {}),
    });
  },
});

/** Announcements the platform refused for good here: said, so a silent channel has a reason (the log has each one). */
function failedNote(count: number): string {
  return `${count} announcement${count === 1 ? "" : "s"} could not be posted here: the platform refused ${count === 1 ? "it" : "them"} even in the shortest form. The bot's log names each idea and the reason.`;
}
