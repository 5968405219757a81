import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

export default defineCommand({
  name: "unsubscribe",
  description: "Stop posting new ideas in this channel",
  usage: "unsubscribe",
  requires: { store: true, channel: true, manageChannel: true },
  admin: true,
  options: z.object({}),
  async execute(_input, { store, channel }) {
    const removed = await store.unsubscribe(channel);
    return infoReply(removed ? "Unsubscribed: this channel gets no more announcements." : "This channel has no subscription; nothing to stop.", { title: "Announcements" });
  },
});
