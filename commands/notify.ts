import { z } from "zod";
import { ALERT_MESSAGES_PER_DAY } from "../src/announce/alerts.ts";
import type { Catalog } from "../src/catalog/catalog.ts";
import { defineCommand } from "../src/command.ts";
import { UserError } from "../src/errors.ts";
import { selectTerms } from "../src/ideas/terms.ts";
import { infoReply, type HintCode } from "../src/reply.ts";
import type { Subscription } from "../src/store/store.ts";
import { projectChoices, skillChoices, termChoices } from "./autocomplete.ts";
import { projectName, skillsList, termName } from "./limits.ts";
import { describeFilter, projectHint, readSubscriptionLine, resolveSkills, type FilterLineKind } from "./subscription-helpers.ts";

/** Words that turn an alert off. */
const OFF = new Set(["off", "stop", "none", "cancel", "remove", "delete"]);

export default defineCommand({
  name: "notify",
  description: "A direct message when a new idea fits your skills (`notify off` stops it)",
  usage: "notify rust, webassembly term:lfx stage:accepted",
  rest: "skills",
  // Anyone, for themselves only: the alert is keyed by who the platform says is asking.
  requires: { store: true, alerts: true, catalog: true },
  options: z.object({
    skills: skillsList().meta({ autocomplete: skillChoices }).optional().describe("Your skills, comma-separated (e.g. rust, webassembly); off to stop; empty to see your alert"),
    project: projectName().meta({ autocomplete: projectChoices }).optional().describe("Only ideas of this project"),
    term: termName().meta({ autocomplete: termChoices }).optional().describe("Only ideas of this term or program (lfx, gsoc, 2027)"),
    stage: z.enum(["proposed", "accepted"], { message: "A stage is proposed or accepted." }).optional().describe("proposed: as soon as proposed (default); accepted: once accepted"),
  }),
  async execute(input, { store, alert, catalog, userId }) {
    const typed = (input.skills ?? "").trim();
    const current = (await store.subscriptions({ ...alert, kind: "dm" }))[0];
    if (OFF.has(typed.toLowerCase())) {
      const removed = await store.unsubscribe(alert);
      return infoReply(removed ? "Your alert is off: I will not message you about new ideas, and nothing about it is kept." : "You have no alert; nothing to stop.", { title: "Your alert" });
    }
    if (!typed && !input.project && !input.term && !input.stage) return showAlert(current);
    const line = readSubscriptionLine(typed, ALERT_LINE);
    const skills = resolveSkills(catalog, line.skills);
    if (skills.length === 0) throw new UserError("alert_needs_skills", "Name at least one skill, e.g. `notify rust, webassembly`: I message you when a new idea asks for one of them.");
    const project = (input.project ?? line.project ?? "").trim() || null;
    const terms = checkTerms(catalog, [...(input.term ? [input.term] : []), ...line.terms]);
    const stage = input.stage ?? line.stage ?? "proposed";
    const { subscription } = await store.subscribe({ ...alert, kind: "dm", skills, project, stage, terms, createdBy: userId, now: new Date() });
    const what = describeAlert(subscription);
    const limit = `At most ${ALERT_MESSAGES_PER_DAY} messages a day; \`notify off\` stops it.`;
    const text = current
      ? `Alert replaced: it was ${describeAlert(current)}; now I message you about ${what}. ${limit}`
      : `Alert set: I will message you privately about ${what}, one message per check. ${limit}`;
    const hint = project ? projectHint(catalog, project) : null;
    return infoReply(text, { title: "Your alert", ...(hint ? { lines: [hint] } : {}) });
  },
});

/** "new ideas asking for Rust or WebAssembly, in term lfx". */
function describeAlert(alert: Pick<Subscription, "skills" | "project" | "stage" | "terms">): string {
  const what = describeFilter(alert);
  return alert.terms.length ? `${what} (term ${alert.terms.join(" or ")})` : what;
}

function showAlert(current: Subscription | undefined) {
  if (!current) return infoReply("You have no alert. `notify rust, webassembly` sets one: I message you privately when a new idea asks for one of your skills.", { title: "Your alert" });
  const paused = current.pausedReason ? ` It is paused: I could not message you (${current.pausedReason}).` : "";
  const hints: HintCode[] = current.pausedReason ? ["alertPaused"] : [];
  return infoReply(`Your alert: I message you about ${describeAlert(current)}.${paused} \`notify off\` stops it.`, { title: "Your alert", ...(hints.length ? { hints } : {}) });
}

/** A notify line: a subscribe line that also takes `term:`. */
const ALERT_LINE: FilterLineKind = {
  noun: "An alert",
  unsupported: "An alert filters by skills, project, term and stage only, e.g. `notify rust project:wasmedge term:lfx stage:accepted`.",
  terms: true,
};

/** A term of each program, to tell a program's name (`lfx`, `gsoc`, `season-of-docs`) when the catalogue has none of its terms. */
const EVERY_PROGRAM = ["lfx-2030-1", "gsoc-2030", "sod-2030"];

/**
 * An alert's `term:` values: a term, program or year the catalogue knows, or one to come (`2027`,
 * `lfx-2027`): an alert is about ideas not listed yet. `all` means any term.
 */
function checkTerms(catalog: Catalog, values: string[]): string[] {
  const known = catalog.termKeys();
  const kept: string[] = [];
  for (const raw of values) {
    const value = raw.trim().toLowerCase();
    const selection = selectTerms(value, known);
    if (selection.kind === "all") return [];
    if (value === "current" || value === "latest" || value === "newest") throw new UserError("alert_term", "An alert is about ideas to come: name a program or year (term:lfx, term:2027) rather than the current term.");
    if (selection.kind === "unknown" && !/^(?:[a-z]+-?)?\d{4}(?:-\d)?$/.test(value) && selectTerms(value, EVERY_PROGRAM).kind !== "keys") {
      throw new UserError("unknown_term", `I don't know the term "${raw.trim().slice(0, 40)}". Try ${selection.suggestions.map((k) => `\`term:${k}\``).join(", ")}, a program (term:lfx, term:gsoc) or a year (term:2027).`);
    }
    kept.push(value);
  }
  return [...new Set(kept)];
}
