import { z } from "zod";
import { channelOf, describeFilter, projectHint, resolveSkills, splitProjectFilter } from "../src/announce/subscriptions.ts";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

export default defineCommand({
  name: "subscribe",
  description: "Post new ideas in this channel as they appear, optionally only for some skills or a project",
  usage: 'subscribe go, k8s project:"chaos mesh"',
  rest: "skills",
  options: z.object({
    skills: z.string().max(200, "Please keep the skills list under 200 characters.").meta({ autocomplete: true }).optional().describe("Only ideas asking for one of these skills, comma-separated (e.g. go, k8s)"),
    project: z.string().max(100, "Please keep the project name under 100 characters.").meta({ autocomplete: true }).optional().describe("Only ideas of this project"),
  }),
  async execute(input, context) {
    const { store, channel } = channelOf(context, { manage: true });
    // The shell types everything on one line: `subscribe go, k8s project:"chaos mesh"`.
    const typed = splitProjectFilter(input.skills ?? "");
    const project = (input.project ?? typed.project ?? "").trim() || null;
    const skills = typed.skills ? resolveSkills(context.catalog, typed.skills) : [];
    const before = (await store.subscriptions(channel))[0];
    const { subscription, created } = await store.subscribe({ ...channel, skills, project, createdBy: context.userId, now: new Date() });
    const what = describeFilter(subscription);
    const text = created
      ? `Subscribed: I will post ${what} in this channel, once each, as the ideas files gain them.`
      : `Updated: this channel now gets ${what}.` + (before?.pausedReason ? " Announcements resume." : "");
    const hint = project ? projectHint(context.catalog, project) : null;
    return infoReply(text, { title: "Announcements", ...(hint ? { lines: [hint] } : {}) });
  },
});
