/**
 * The README and the bot cannot drift: every command the bot registers on Discord, and every
 * command Slack's `/ideas` takes, is named in that platform's section of the README, and the
 * README names no command the bot does not have.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildCommands, legacyDescription } from "../adapters/discord/registration.ts";
import { commands } from "../commands/index.ts";
import { REPO_ROOT } from "./helpers.ts";

const README = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

/** The text of one `## ` section. */
function section(title: string): string {
  const start = README.indexOf(`\n## ${title}\n`);
  expect(start, `README has a "## ${title}" section`).toBeGreaterThan(-1);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end === -1 ? undefined : end);
}

/** Every `/root sub` and `/root a|b|c` written in `text`, as "root sub" pairs. */
function namedCommands(text: string): Set<string> {
  const named = new Set<string>();
  for (const [, root, subs] of text.matchAll(/`\/(ideas(?:-admin)?) ([a-z-]+(?:\|[a-z-]+)*)/g)) {
    for (const sub of subs!.split("|")) named.add(`${root} ${sub}`);
  }
  return named;
}

describe("the README names every command the bot registers", () => {
  const registered = buildCommands().flatMap((command) =>
    (command.options ?? []).map((sub) => ({ pair: `${command.name} ${sub.name}`, legacy: commands.get(sub.name) !== undefined && sub.description === legacyDescription(commands.get(sub.name)!) })),
  );

  it("Discord: each subcommand of /ideas and /ideas-admin (the old names kept for a release need not be), and nothing else", () => {
    const named = namedCommands(section("Discord"));
    const missing = registered.filter((r) => !r.legacy && !named.has(r.pair)).map((r) => r.pair);
    expect(missing, "registered on Discord but not in the README's Discord section").toEqual([]);
    const unknown = [...named].filter((pair) => !registered.some((r) => r.pair === pair));
    expect(unknown, "in the README's Discord section but not registered").toEqual([]);
    // The test reads what it should: both commands, and the legacy ones are there to be skipped.
    expect(registered.filter((r) => r.pair.startsWith("ideas-admin ")).length).toBeGreaterThan(0);
    expect(registered.filter((r) => r.legacy).length).toBeGreaterThan(0);
  });

  it("Slack: every command under /ideas, and nothing else", () => {
    const named = namedCommands(section("Slack"));
    const missing = [...commands.keys()].filter((name) => !named.has(`ideas ${name}`));
    expect(missing, "commands missing from the README's Slack section").toEqual([]);
    const unknown = [...named].filter((pair) => !pair.startsWith("ideas ") || !commands.has(pair.slice("ideas ".length)));
    expect(unknown, "in the README's Slack section but not a command").toEqual([]);
  });

  it("the check bites: a section that forgets a command is caught", () => {
    const trimmed = section("Discord").replace("|status", "");
    const named = namedCommands(trimmed);
    expect(registered.filter((r) => !r.legacy && !named.has(r.pair)).map((r) => r.pair)).toEqual(["ideas-admin status"]);
  });
});
