import { z } from "zod";
import { channelOf, describeFilter, projectHint, resolveSkills, splitProjectFilter } from "../src/announce/subscriptions.ts";
import { defineCommand } from "../src/command.ts";
import { infoReply } from "../src/reply.ts";

/** Said at once, rather than discovered when the first announcement fails and pauses the subscription. */
export const CANNOT_POST =
  "Note: I can't post in this channel yet. Give me View Channel, Send Messages and Embed Links here, or announcements will be paused.";

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
    const hints = [project ? projectHint(context.catalog, project) : null, context.botCanPost === false ? CANNOT_POST : null].filter((h): h is string => Boolean(h));
    return infoReply(text, { title: "Announcements", ...(hints.length ? { lines: hints } : {}) });
  },
});
