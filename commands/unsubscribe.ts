import { z } from "zod";
import { channelOf } from "../src/announce/subscriptions.ts";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

export default defineCommand({
  name: "unsubscribe",
  description: "Stop posting new ideas in this channel",
  usage: "unsubscribe",
  options: z.object({}),
  async execute(_input, context) {
    const { store, channel } = channelOf(context, { manage: true });
    const removed = await store.unsubscribe(channel);
    return infoReply(removed ? "Unsubscribed: this channel gets no more announcements." : "This channel has no subscription; nothing to stop.", { title: "Announcements" });
  },
});
