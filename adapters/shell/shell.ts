import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { dispatch, parseCommandLine } from "../../commands/index.ts";
import type { CatalogHolder } from "../../src/catalog/holder.ts";
import { ALERT_SCOPE } from "../../src/store/store.ts";
import type { CommandContext } from "../../src/command.ts";
import { PagedAnswers } from "../../src/paging.ts";
import type { Reply } from "../../src/reply.ts";
import type { Store } from "../../src/store/store.ts";
import type { Adapter } from "../adapter.ts";
import { renderReply } from "./render.ts";
import type { Log } from "../../src/log.ts";
import type { StatusProvider } from "../../src/status.ts";

export interface ShellOptions {
  /** The current catalogue (a function, so a reload is seen at once). */
  /** The catalogue to answer from, read once per line (the watcher swaps in new ones). */
  catalog: Pick<CatalogHolder, "current">;
  input: Readable;
  output: Writable;
  /** Colours and a prompt: on a terminal. Plain lines in a pipe. */
  interactive: boolean;
  /** Called when input ends (Ctrl-D, or the end of a pipe). */
  onClose?: () => void;
  log?: Log;
  /** For `subscribe`: the shell is its own channel ("shell"), and its person may manage it. */
  store?: Store;
  /** What the bot is doing, for `status` (adapters/main.ts reports it). */
  status?: StatusProvider;
}

/**
 * The terminal adapter: `/ideas search kubernetes` (the `/ideas` is optional) at a prompt. It is
 * also the test double for the command bus: lines in, rendered replies out.
 */
export class ShellAdapter implements Adapter {
  readonly name = "shell";
  private readonly answers = new PagedAnswers(dispatch);
  /** The last paged answer, which `next` and `prev` page through. */
  private last: { token: string; page: number; pageCount: number } | null = null;
  private rl?: ReturnType<typeof createInterface>;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: ShellOptions) {}

  /** Runs one typed line and returns the rendered answer. */
  async handleLine(line: string): Promise<string> {
    const word = line.trim().toLowerCase();
    let reply: Reply;
    if (word === "next" || word === "prev" || word === "previous") {
      if (!this.last) return "Nothing to page through yet: run a search first.";
      const page = this.last.page + (word === "next" ? 1 : -1);
      if (page < 1 || page > this.last.pageCount) return word === "next" ? "That was the last page." : "That was the first page.";
      reply = await this.answers.resume(this.last.token, page, this.context());
      if (reply.kind === "cards") this.last = { ...this.last, page: reply.page, pageCount: reply.pageCount };
    } else {
      const { name, input } = parseCommandLine(line);
      reply = await dispatch(name, input, { ...this.context(), page: 1 });
      if (reply.kind === "cards") this.last = { token: this.answers.start(reply.continuation, "shell"), page: reply.page, pageCount: reply.pageCount };
    }
    return renderReply(reply, { color: this.options.interactive });
  }

  private context(): Omit<CommandContext, "page"> {
    return {
      catalog: this.options.catalog.current,
      platform: "shell",
      userId: "shell",
      log: this.options.log,
      ...(this.options.status ? { status: this.options.status } : {}),
      // The shell's alert is printed here like its channel's announcements.
      ...(this.options.store ? { store: this.options.store, workspaceId: "shell", channelId: "shell", canManageChannel: true, alertScope: ALERT_SCOPE } : {}),
    };
  }

  async start(): Promise<void> {
    const { input, output, interactive } = this.options;
    this.rl = createInterface({ input, output: interactive ? output : undefined, terminal: interactive, prompt: "ideas> " });
    if (interactive) {
      output.write("ideas-bot shell. Try `search kubernetes`, `recommend go, k8s`, `help`; Ctrl-D to quit.\n");
      this.rl.prompt();
    }
    this.rl.on("line", (line) => {
      // One line at a time, in order, even when a pipe delivers many at once.
      this.queue = this.queue.then(async () => {
        if (line.trim()) output.write(`${await this.handleLine(line)}\n${interactive ? "" : "\n"}`);
        if (interactive) this.rl?.prompt();
      });
    });
    this.rl.on("close", () => {
      void this.queue.then(() => this.options.onClose?.());
    });
  }

  /** The terminal is always there. */
  connected(): boolean {
    return true;
  }

  async stop(): Promise<void> {
    this.rl?.close();
    await this.queue;
  }
}
