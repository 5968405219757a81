import { styleText } from "node:util";
import { PAGE_SIZE, renderLine, termLine, worded, type IdeaCard, type Reply, type Wording } from "../../src/reply.ts";

type Style = Parameters<typeof styleText>[0];

/** Strips terminal control characters: text from a file or a user must not move the cursor or recolour the screen. */
export function cleanForTerminal(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/**
 * Refusals and hints in the shell's terms. Its person runs the bot and may manage its one channel,
 * so the neutral refusals fit; the hint has no permission to name.
 */
export const SHELL_WORDING: Wording = {
  refusals: {},
  hints: {
    botCannotPost: "Note: I can't post in this channel yet, so announcements will wait.",
    resumePaused: "`subscribe` again resumes a paused channel.",
    adminCommands: "subscribe, unsubscribe, subscriptions and status manage the announcements printed here.",
    alertPaused: "Run `notify` with your skills to resume your alert.",
  },
};

export interface RenderOptions {
  color: boolean;
}

/** Renders a reply as terminal text: coloured on a terminal, plain in a pipe. */
export function renderReply(reply: Reply, { color }: RenderOptions): string {
  // The caller decided whether this is a terminal; styleText must not second-guess it from process.stdout.
  const paint = (style: Style, text: string) => (color ? styleText(style, text, { validateStream: false }) : text);
  const clean = cleanForTerminal;
  const lines: string[] = [];
  const card = (c: IdeaCard, n?: number) => {
    lines.push(`${n !== undefined ? `${n}. ` : ""}${paint("bold", clean(c.title))}  ${paint("dim", `[${c.id}]`)}`);
    lines.push(`   ${paint("cyan", clean(c.project + (c.group ? ` / ${c.group}` : "")))}${c.url ? `  ${paint("blue", clean(c.url))}` : ""}`);
    lines.push(`   ${paint("dim", clean(termLine(c)))}`);
    if (c.skills.length) lines.push(`   Skills: ${clean(c.skills.join(", "))}`);
    if (c.matched?.length) lines.push(`   ${paint("green", `You have: ${c.matched.join(", ")}`)}`);
    if (c.missing?.length) lines.push(`   ${paint("yellow", `To learn: ${c.missing.join(", ")}`)}`);
    if (c.mentors.length) lines.push(`   Mentors: ${clean(c.mentors.join(", "))}`);
  };
  switch (reply.kind) {
    case "cards": {
      lines.push(paint("bold", clean(reply.heading)) + (reply.pageCount > 1 ? paint("dim", ` (page ${reply.page} of ${reply.pageCount})`) : ""));
      const first = (reply.page - 1) * PAGE_SIZE;
      reply.cards.forEach((c, i) => card(c, first + i + 1));
      if (reply.note) lines.push(paint("yellow", clean(reply.note)));
      if (reply.page < reply.pageCount) lines.push(paint("dim", "Type `next` for more, `show <id>` for details."));
      break;
    }
    case "idea": {
      card(reply.card);
      lines.push("", clean(reply.idea.description));
      for (const extra of reply.idea.extra) lines.push("", `${paint("bold", clean(extra.label))}: ${clean(extra.text)}`);
      const links = [...reply.idea.issues, ...reply.idea.links.map((l) => l.url)];
      if (links.length) lines.push("", ...links.map((u) => `   ${paint("blue", clean(u))}`));
      lines.push(paint("dim", `   from ${clean(reply.idea.source)}, line ${reply.idea.line}`));
      break;
    }
    case "message": {
      const title = reply.title ? `${paint("bold", clean(reply.title))}\n` : "";
      const said = worded(reply, SHELL_WORDING);
      lines.push(title + (reply.tone === "error" ? paint("red", clean(said.text)) : clean(said.text)));
      for (const line of said.lines) lines.push(`  ${renderLine(line, clean, (id) => `#${clean(id)}`)}`);
      break;
    }
  }
  return lines.join("\n");
}
