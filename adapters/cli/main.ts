import { existsSync, realpathSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { Catalog } from "../../src/catalog/catalog.ts";
import { loadCatalog } from "../../src/catalog/load.ts";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { isUserError, UserError } from "../../src/errors.ts";
import type { Idea } from "../../src/ideas/schema.ts";
import { closeParsePool } from "../../src/sources/parse-pool.ts";
import { readIdeas } from "../../src/sources/read.ts";
import type { Store } from "../../src/store/store.ts";
import { loadSourceText } from "../../src/sources/load.ts";
import { githubOptions } from "../../src/sources/github.ts";
import type { SourceOutcome } from "../../src/announce/check.ts";
import { redactText } from "../../src/sources/redact.ts";
import { parseSourceSpec } from "../../src/sources/spec.ts";
import { loadAppConfig, loadDotEnv } from "../config.ts";

const USAGE = `usage: npm run --silent ideas -- <command> [options]

  parse <path-or-url> [--json]              ideas in one file (JSON array with --json)
  search "<words>" [--json] [--limit N]     ideas for words, best first
  recommend "<skills>" [--json] [--limit N] ideas for a skills list, best first
  search|recommend --jsonl                  one query per stdin line, one JSON array per line
  terms [--json]                            the terms with ideas, newest first, with counts
  announce --once [--json]                  one check of IDEAS_SOURCES against DATA_DIR: new ideas
  backup <file> [--force]                   a consistent copy of DATA_DIR's database (safe while the bot runs)

Sources come from IDEAS_SOURCES (default: the bundled catalogue in data/). search and recommend
look at every term (term:all) unless DEFAULT_TERM or a term: filter says otherwise.`;

/** Exit codes: 0 done, 1 the work failed (a source down, a file that is not ideas), 2 wrong usage or missing input. */
class ExitError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

async function parseCommand(target: string | undefined, json: boolean): Promise<void> {
  if (!target) throw new ExitError(2, `parse needs a path or URL\n\n${USAGE}`);
  const spec = parseSourceSpec(target);
  // The target as printed: a URL's credentials hidden (`label=url` too).
  const shown = redactText(target, [spec.location]);
  let text: string;
  try {
    text = await loadSourceText(spec);
  } catch (error) {
    if (isUserError(error) && error.code === "source_missing") throw new ExitError(2, `no such file: ${shown}`);
    throw scrubbed(error, spec.location);
  }
  const { ideas, warnings } = readIdeas(text, spec);
  if (text.trim() === "") console.error(`warning: ${shown} is empty`);
  else if (ideas.length === 0) console.error(`warning: no ideas found in ${shown}`);
  for (const w of warnings) console.error(`warning: ${w}`);
  if (json) {
    process.stdout.write(`${JSON.stringify(ideas, null, 2)}\n`);
    return;
  }
  for (const idea of ideas) {
    console.log(`${idea.id}  ${idea.project}${idea.group ? ` / ${idea.group}` : ""} — ${idea.title}  [${idea.term}, ${idea.stage}]`);
    if (idea.skills.length) console.log(`    skills: ${idea.skills.join(", ")}`);
    if (idea.mentors.length) console.log(`    mentors: ${idea.mentors.map((m) => (m.handle ? `${m.name} (@${m.handle})` : m.name)).join(", ")}`);
    if (idea.issues.length) console.log(`    issues: ${idea.issues.join(" ")}`);
  }
  console.log(`${ideas.length} idea${ideas.length === 1 ? "" : "s"} in ${shown}`);
}

/** The error with a source's credentials hidden in what gets printed: its message and its stack. */
function scrubbed(error: unknown, location: string): unknown {
  if (!(error instanceof Error)) return error;
  error.message = redactText(error.message, [location]);
  if (error.stack) error.stack = redactText(error.stack, [location]);
  return error;
}

/**
 * search or recommend through the command bus, as every platform runs them (same limits, same
 * messages), with the `limit` best on one page; a script gets each result's fields. A refusal
 * (too long, unknown skills) is a UserError: exit 1, or a warning for one --jsonl line.
 */
async function queryJson(catalog: Catalog, kind: "search" | "recommend", line: string, limit: number): Promise<object[]> {
  const { dispatch } = await import("../../commands/index.ts");
  const input = kind === "search" ? { query: line } : { skills: line };
  const log = (message: string, error?: unknown) => console.error(`error: ${message}`, error ?? "");
  const reply = await dispatch(kind, input, { catalog, platform: "cli", userId: "cli", page: 1, pageSize: limit, log });
  if (reply.kind === "message" && reply.tone === "error") throw new UserError("command_refused", reply.text);
  if (reply.kind !== "cards") return [];
  return reply.cards.flatMap((card) => {
    const idea = catalog.get(card.id);
    if (!idea) return [];
    const score = card.score ?? 0;
    return kind === "search" ? [{ ...resultFields(catalog, idea), score: round(score) }] : [{ ...resultFields(catalog, idea), score, matched: card.matched, missing: card.missing }];
  });
}

/** What a script gets of each result: the idea's identity, its term and where else it was proposed. */
function resultFields(catalog: Catalog, idea: Idea) {
  return {
    id: idea.id,
    project: idea.project,
    title: idea.title,
    term: idea.term,
    stage: idea.stage,
    skills: idea.skills,
    alsoIn: catalog.alsoIn(idea).map((t) => t.key),
  };
}

/**
 * The catalogue of IDEAS_SOURCES for a script, through the parse cache in DATA_DIR (a second run
 * parses nothing unchanged). Scripts see every term unless DEFAULT_TERM says otherwise. A DATA_DIR
 * that cannot be opened only costs the cache. With a `github:` source, the catalogue is the one the
 * bot stored in DATA_DIR (the same as `npm start` answers from); a DATA_DIR with none runs one check.
 */
async function scriptCatalog(): Promise<Catalog> {
  loadDotEnv();
  const config = loadConfig();
  let store: Store | undefined;
  try {
    const { openStore } = await import("../../src/store/open.ts");
    store = await openStore(config);
  } catch (error) {
    console.error(`warning: no parse cache (${(error as Error).message})`);
  }
  try {
    // A followed repository is the catalogue the bot stored in DATA_DIR (checked once when nothing is).
    if (store && config.IDEAS_SOURCES.some((s) => s.kind === "github")) {
      const { SourceWatcher } = await import("../../src/announce/watcher.ts");
      const watcher = new SourceWatcher({
        store,
        sources: config.IDEAS_SOURCES,
        announceExisting: config.ANNOUNCE_EXISTING,
        catalog: { defaultTerm: config.DEFAULT_TERM ?? "all" },
        github: githubOptions(config),
        log: (message, level) => {
          if (level === "warn" || level === "error") console.error(`warning: ${message}`);
        },
      });
      if ((await watcher.restore()) === 0) await watcher.checkNow();
      await watcher.stop();
      return watcher.holder.current;
    }
    const { catalog, loads } = await loadCatalog(config.IDEAS_SOURCES, { cache: store, defaultTerm: config.DEFAULT_TERM ?? "all" });
    for (const load of loads) if (load.error) console.error(`warning: source ${load.spec.label}: ${redactText(load.error, [load.spec.location])}`);
    return catalog;
  } finally {
    await store?.close();
  }
}

async function termsCommand(json: boolean): Promise<void> {
  const catalog = await scriptCatalog();
  const terms = catalog.terms().map(({ term, count, accepted }) => ({ key: term.key, label: term.label, program: term.program, year: term.year, term: term.number, count, accepted }));
  if (json) {
    process.stdout.write(`${JSON.stringify(terms, null, 2)}\n`);
    return;
  }
  for (const t of terms) console.log(`${t.key}\t${t.count}\t${t.label}`);
}

const round = (n: number) => Math.round(n * 1000) / 1000;

async function queryCommand(kind: "search" | "recommend", words: string | undefined, values: { json?: boolean; jsonl?: boolean; limit?: string }): Promise<void> {
  const limit = values.limit === undefined ? 10 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new ExitError(2, "--limit takes a whole number from 1 to 1000");
  const catalog = await scriptCatalog();
  const run = (q: string) => queryJson(catalog, kind, q, limit);
  if (values.jsonl) {
    if (words) throw new ExitError(2, "--jsonl reads queries from stdin; give no words");
    // One catalogue, many queries: a bad line answers [] and a warning, and the rest go on.
    for await (const line of createInterface({ input: process.stdin })) {
      let result: object[] = [];
      try {
        result = await run(line);
      } catch (error) {
        if (!isUserError(error)) throw error;
        console.error(`warning: ${error.message}`);
      }
      process.stdout.write(`${JSON.stringify(result)}\n`);
    }
    return;
  }
  if (!words?.trim()) throw new ExitError(2, `${kind} needs ${kind === "search" ? "words" : "skills"}\n\n${USAGE}`);
  const result = await run(words);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    for (const item of result as Array<{ id: string; title: string; project: string; score: number }>) console.log(`${item.score}\t${item.id}\t${item.project} — ${item.title}`);
  }
}

/**
 * One announcement check, as the scheduler runs it: sources from IDEAS_SOURCES, state in DATA_DIR.
 * New ideas go to the outbox and are delivered as usual: the shell's subscription on stderr, Discord
 * and Slack subscriptions when their tokens are set (otherwise they stay pending for the bot).
 * Prints the ideas this check found new ([] on a first check).
 * Exits 1 when a source could not be checked (the others are still recorded).
 */
async function announceCommand(values: { once?: boolean; json?: boolean }): Promise<void> {
  if (!values.once) throw new ExitError(2, `announce runs one check: give --once (the schedule runs inside npm start)\n\n${USAGE}`);
  loadDotEnv();
  const { config, platforms } = loadAppConfig();
  const { openStore } = await import("../../src/store/open.ts");
  const { SourceWatcher } = await import("../../src/announce/watcher.ts");
  const { Delivery } = await import("../../src/announce/deliver.ts");
  const { createShellSink } = await import("../shell/announce.ts");
  const log = (message: string) => console.error(message);
  const store = await openStore(config);
  try {
    // The watcher, as npm start checks: a github: source is expanded into its files and proposals.
    let outcomes: SourceOutcome[] = [];
    const watcher = new SourceWatcher({
      store,
      sources: config.IDEAS_SOURCES,
      announceExisting: config.ANNOUNCE_EXISTING,
      log,
      github: githubOptions(config),
      onChecked: (checked) => void (outcomes = checked),
    });
    await watcher.checkNow();
    await new Delivery({ store, sinks: [createShellSink(process.stderr), ...(await Promise.all(platforms.map((p) => p.sink({ store }))))], log }).deliverNow();
    const found = outcomes.flatMap((o) => o.newIdeas).map((i) => ({ id: i.id, project: i.project, title: i.title, term: i.term, stage: i.stage }));
    if (values.json) process.stdout.write(`${JSON.stringify(found, null, 2)}\n`);
    else for (const i of found) console.log(`${i.id}\t${i.project} — ${i.title}`);
    if (outcomes.some((o) => o.status === "failed")) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/**
 * A consistent copy of DATA_DIR's database at `target`, with SQLite's online backup: safe while
 * the bot runs and writes (WAL). Written under a temporary name beside the target and renamed
 * into place, so an interrupted backup never leaves a half-written file under the name asked for.
 * An existing target is kept unless --force; a DATA_DIR with no database is an error, not an
 * empty backup.
 */
async function backupCommand(target: string | undefined, force: boolean): Promise<void> {
  if (!target) throw new ExitError(2, `backup needs a destination file\n\n${USAGE}`);
  loadDotEnv();
  const config = loadConfig();
  // PostgreSQL has its own tools for a consistent copy of a running database.
  if (config.DATABASE_URL) throw new ExitError(2, "the state is in PostgreSQL (DATABASE_URL): back it up with pg_dump, e.g. pg_dump --format=custom --file=ideas.dump \"$DATABASE_URL\"");
  const { DATABASE_FILE, SqliteStore } = await import("../../src/store/sqlite-store.ts");
  const database = path.join(config.DATA_DIR, DATABASE_FILE);
  if (!existsSync(database)) throw new ExitError(2, `no database to back up: ${database} does not exist (is DATA_DIR right?)`);
  const destination = path.resolve(target);
  const directory = path.dirname(destination);
  if (!existsSync(directory) || !statSync(directory).isDirectory()) throw new ExitError(2, `no such directory: ${directory}`);
  if (existsSync(destination)) {
    if (realpathSync(destination) === realpathSync(database)) throw new ExitError(2, `${target} is the database itself; back it up to another file`);
    if (statSync(destination).isDirectory()) throw new ExitError(2, `${target} is a directory; give a file name`);
    if (!force) throw new ExitError(2, `${target} exists; give --force to overwrite it`);
  }
  const partial = path.join(directory, `.${path.basename(destination)}.partial-${process.pid}`);
  const store = new SqliteStore(config.DATA_DIR);
  try {
    await store.backup(partial);
    renameSync(partial, destination);
  } finally {
    rmSync(partial, { force: true });
    await store.close();
  }
  console.log(`backed up ${statSync(destination).size} bytes to ${target}`);
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { json: { type: "boolean" }, jsonl: { type: "boolean" }, once: { type: "boolean" }, force: { type: "boolean" }, limit: { type: "string" }, help: { type: "boolean", short: "h" } },
  });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    if (!command && !values.help) process.exitCode = 2;
    return;
  }
  if (command === "parse") return parseCommand(rest[0], values.json === true);
  if (command === "search" || command === "recommend") return queryCommand(command, rest.join(" ") || undefined, values);
  if (command === "announce") return announceCommand(values);
  if (command === "terms") return termsCommand(values.json === true);
  if (command === "backup") return backupCommand(rest[0], values.force === true);
  throw new ExitError(2, `unknown command "${command}"\n\n${USAGE}`);
}

main(process.argv.slice(2))
  .finally(() => closeParsePool())
  .catch((error: unknown) => {
    if (error instanceof ExitError) {
      console.error(error.message);
      process.exit(error.code);
    }
    if (error instanceof ConfigError || isUserError(error)) {
      console.error(`error: ${error.message}`);
      process.exit(error instanceof ConfigError ? 2 : 1);
    }
    if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  });

