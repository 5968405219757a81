import { z } from "zod";
import { defineCommand } from "../src/command.ts";
import { infoReply, type HintCode } from "../src/reply.ts";
import { projectChoices, skillChoices } from "./autocomplete.ts";
import { projectName, skillsList } from "./limits.ts";
import { describeFilter, projectHint, readSubscriptionLine, resolveSkills } from "./subscription-helpers.ts";

export default defineCommand({
  name: "subscribe",
  description: "Post new ideas in this channel as they appear, optionally only for some skills or a project",
  usage: 'subscribe go, k8s project:"chaos mesh" stage:accepted',
  rest: "skills",
  requires: { store: true, channel: true, manageChannel: true },
  admin: true,
  options: z.object({
    skills: skillsList().meta({ autocomplete: skillChoices }).optional().describe("Only ideas asking for one of these skills, comma-separated (e.g. go, k8s)"),
    project: projectName().meta({ autocomplete: projectChoices }).optional().describe("Only ideas of this project"),
    stage: z.enum(["proposed", "accepted"], { message: "A stage is proposed or accepted." }).optional().describe("proposed: as soon as proposed (default); accepted: once accepted"),
  }),
  async execute(input, context) {
    const { store, channel } = context;
    const typed = readSubscriptionLine(input.skills ?? "");
    const project = (input.project ?? typed.project ?? "").trim() || null;
    const skills = typed.skills ? resolveSkills(context.catalog, typed.skills) : [];
    const stage = input.stage ?? typed.stage ?? "proposed";
    const before = (await store.subscriptions(channel))[0];
    const { subscription, created } = await store.subscribe({ ...channel, skills, project, stage, createdBy: context.userId, now: new Date() });
    const what = describeFilter(subscription);
    const text = created
      ? `Subscribed: I will post ${what} in this channel, once each, as the ideas files gain them.`
      : `Updated: this channel now gets ${what}.` + (before?.pausedReason ? " Announcements resume." : "");
    const hint = project ? projectHint(context.catalog, project) : null;
    // Said at once, rather than discovered when the first announcement fails and pauses the
    // subscription; what to grant is the platform's to say.
    const hints: HintCode[] = context.botCanPost === false ? ["botCannotPost"] : [];
    return infoReply(text, { title: "Announcements", ...(hint ? { lines: [hint] } : {}), ...(hints.length ? { hints } : {}) });
  },
});
