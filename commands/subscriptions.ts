import { z } from "zod";
import { channelOf, describeSubscription } from "../src/announce/subscriptions.ts";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

export default defineCommand({
  name: "subscriptions",
  description: "Which channels here get new ideas, and which ideas",
  usage: "subscriptions",
  options: z.object({}),
  async execute(_input, context) {
    const { store, channel } = channelOf(context, { manage: false });
    const all = await store.subscriptions({ platform: channel.platform, workspaceId: channel.workspaceId });
    const here = all.find((s) => s.channelId === channel.channelId);
    const others = all.filter((s) => s !== here);
    const text = here
      ? `${describeSubscription(here, true)}.`
      : "This channel has no subscription: `subscribe` posts new ideas here, optionally only for some skills or a project.";
    return infoReply(text, {
      title: "Announcements",
      ...(others.length ? { lines: others.map((s) => describeSubscription(s, false)) } : {}),
    });
  },
});
