import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel, SocketModeReceiver, webApi, type RespondFn } from "@slack/bolt";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { commands, dispatch, parseCommandLine } from "../../commands/index.ts";
import type { CatalogHolder } from "../../src/catalog/holder.ts";
import type { CommandContext } from "../../src/command.ts";
import { AnswerStore, PagedAnswers } from "../../src/paging.ts";
import { refusalOf, refusalReply, type Continuation, type Reply } from "../../src/reply.ts";
import type { Store } from "../../src/store/store.ts";
import { redactUrl } from "../../src/sources/redact.ts";
import { AdapterStartError, type Adapter } from "../adapter.ts";
import { limitBody, SLACK_BODY_LIMIT, type BodyRefusal } from "./body-limit.ts";
import { ACTIONS, renderReply, type SlackMessage } from "./render.ts";
import type { Log } from "../../src/log.ts";
import { boltLogger } from "./bolt-logger.ts";
import { StoreInstallations } from "./installations.ts";
import { SLACK_SCOPES } from "./platform.ts";
import { sealer } from "../../src/store/sealed.ts";
import type { StatusProvider } from "../../src/status.ts";

export interface SlackAdapterOptions {
  /** One workspace's bot token (xoxb-…); or `oauth`, for an app installed in many workspaces. */
  botToken?: string;
  /**
   * "Add to Slack": Bolt's OAuth flow at /slack/install and /slack/oauth_redirect (HTTP mode),
   * each workspace's installation kept in `store` (sealed with `encryptionKey` when given).
   */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string; encryptionKey?: string; previousEncryptionKey?: string; scopes?: string[] };
  signingSecret: string;
  /** An app-level token (xapp-…) switches to Socket Mode. */
  appToken?: string;
  /** Web API base (default Slack's), for Enterprise proxies and tests. */
  apiUrl?: string;
  /** HTTP mode: where to listen (port 0 picks a free one). */
  port?: number;
  host?: string;
  /** The catalogue to answer from, read once per request (the watcher swaps in new ones). */
  catalog: Pick<CatalogHolder, "current">;
  logger?: Log;
  answers?: AnswerStore;
  /** Socket Mode: reconnect after a drop (off in tests). */
  autoReconnect?: boolean;
  /** Where subscriptions live; without it the subscription commands say announcements are unavailable. */
  store?: Store;
  /** What the bot is doing, for `status` (adapters/main.ts reports it). */
  status?: StatusProvider;
  /** User IDs that may manage subscriptions besides workspace admins and owners (ANNOUNCE_ADMINS). */
  admins?: string[];
  /** HTTP mode: told about every request refused with 413 for a body over SLACK_BODY_LIMIT (besides the log line). */
  onBodyRefused?: (refusal: BodyRefusal) => void;
  /**
   * HTTP mode: more routes on Bolt's server (the health checks, adapters/health.ts). Each request
   * is offered to it first; it returns true when it answered, and anything else reaches Bolt.
   */
  extraRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean;
}

/** Where Slack posts slash commands, button presses and events in HTTP mode. */
const EVENTS_PATH = "/slack/events";
/** "Add to Slack" starts here (a redirect to Slack's consent page) and Slack sends the person back to the second. */
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";

export const APOLOGY = "Sorry, something went wrong on my side. It has been logged; please try again in a moment.";

/** Where WebClient sends its calls without SLACK_API_URL. */
const SLACK_API = "https://slack.com/api/";

/**
 * The App's own Web API client makes two calls: auth.test at start, and users.info while an asker
 * waits for an answer. Neither is worth WebClient's default retries (10 over about 30 minutes):
 * with them, start would wait half an hour on an unreachable SLACK_API_URL before saying so. Three
 * tries over about 1.5 s instead, each answered within 10 s (WebClient's default is no limit).
 */
const APP_CLIENT_TIMEOUT_MS = 10_000;
const APP_CLIENT_RETRIES = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 };

/** What Slack answers for a token it will not take: wrong, revoked, expired, its user or workspace gone. */
const REFUSED_TOKEN = new Set(["invalid_auth", "not_authed", "account_inactive", "token_revoked", "token_expired"]);

/** Where to check each token, for the line that says Slack refused it. */
const TOKEN_ADVICE = {
  SLACK_BOT_TOKEN: "check the Bot User OAuth Token (xoxb-…) of the app's installation",
  SLACK_APP_TOKEN: "check the App-Level Token (xapp-…) in the app's Basic Information, with the connections:write scope",
} as const;

interface ButtonValue {
  t: string;
  p?: number;
  id?: string;
}

/**
 * The Slack adapter: one slash command, `/ideas <subcommand> …`, answered with Block Kit. It acks
 * at once and answers through `respond` (the response_url), so Slack's 3-second limit always
 * holds. Answers are ephemeral until the asker shares them; their buttons work for the asker only.
 */
export class SlackAdapter implements Adapter {
  readonly name = "slack";
  readonly app: App;
  private readonly answers: PagedAnswers;
  private readonly log: Log;
  private server?: Server;
  private socketReceiver?: SocketModeReceiver;
  private readonly installations?: StoreInstallations;

  constructor(private readonly options: SlackAdapterOptions) {
    // With a store, answers are kept there too: a button works after a restart and on any replica.
    const backed = options.store ? new AnswerStore({ backing: options.store, onError: (error) => this.log("could not save a paged answer", "warn", error) }) : undefined;
    this.answers = new PagedAnswers(dispatch, options.answers ?? backed);
    this.log = options.logger ?? ((m, _level, e) => console.error(`[slack] ${m}`, e ?? ""));
    if (options.oauth) {
      if (!options.store) throw new Error("Slack's Add to Slack keeps installations in the store: give the adapter one");
      this.installations = new StoreInstallations(options.store, sealer(options.oauth.encryptionKey, options.oauth.previousEncryptionKey), this.log);
    }
    const slackApiUrl = options.apiUrl ? options.apiUrl.replace(/\/?$/, "/") : undefined;
    const api = slackApiUrl ? { slackApiUrl } : {};
    if (options.appToken) {
      this.socketReceiver = new SocketModeReceiver({
        appToken: options.appToken,
        // A copy: the Socket Mode client writes its own retries (100, for reconnecting) into the options it is given.
        installerOptions: { clientOptions: { ...api } },
        autoReconnectEnabled: options.autoReconnect ?? true,
        logger: boltLogger(this.log),
        logLevel: LogLevel.ERROR,
      });
    }
    const receiver = this.socketReceiver ?? this.httpReceiver(api);
    this.app = new App({
      // With OAuth, no token: Bolt's authorize fetches each request's team's installation.
      ...(options.botToken ? { token: options.botToken } : {}),
      receiver,
      clientOptions: { ...api, timeout: APP_CLIENT_TIMEOUT_MS, retryConfig: APP_CLIENT_RETRIES },
      logger: boltLogger(this.log),
      logLevel: LogLevel.ERROR,
      // Bolt would call auth.test from the constructor, and a refused token would be an unhandled
      // rejection after "listening"; start() awaits app.init() instead, which makes that call.
      deferInitialization: true,
    });
    this.app.error(async (error) => this.log("unhandled error", "error", error));
    this.app.command("/ideas", async ({ ack, command, respond, client }) => {
      await ack();
      await this.guard(respond, async () => {
        const { name, input } = parseCommandLine(command.text ?? "");
        // The asker's role costs a users.info call: asked only of commands that require it.
        const managing = commands.get(name)?.requires?.manageChannel === true;
        const context = {
          ...this.context(command.user_id, command.channel_id, 1),
          workspaceId: command.team_id,
          // A person's alert is per team: a DM is sent with that team's bot token.
          alertScope: command.team_id,
          ...(managing ? { canManageChannel: await this.mayManage(client, command.user_id) } : {}),
        };
        const reply = await dispatch(name, input, context);
        await respond({ response_type: "ephemeral", ...(await this.render(reply, command.user_id)) });
      });
    });
    this.app.action(/^ideas_/, async ({ ack, body, action, respond }) => {
      await ack();
      await this.guard(respond, () => this.onButton(body.user.id, (body.user as { name?: string }).name ?? "someone", action as { action_id: string; value?: string }, respond));
    });
    // The app left a workspace: its installation and subscriptions go (Bolt runs these without authorize).
    this.app.event("app_uninstalled", async ({ body }) => this.leave(body.team_id, "the app was uninstalled"));
    this.app.event("tokens_revoked", async ({ event, body }) => {
      // Only the bot's token matters: the bot asks for no user token.
      if ((event.tokens.bot ?? []).length > 0) await this.leave(body.team_id, "its bot token was revoked");
    });
  }

  /** Forgets a workspace the app no longer serves: nothing more is posted there, and its token is gone. */
  private async leave(teamId: string, why: string): Promise<void> {
    if (!this.options.store) return;
    const removed = await this.options.store.removeWorkspace("slack", teamId);
    this.log(`${why} in ${teamId}: removed ${removed.installation ? "its installation and " : ""}${removed.subscriptions} subscription(s)`);
  }

  /**
   * HTTP mode's receiver. Bolt reads a whole request body before it can check the signature, with
   * no size limit, so its request listener is wrapped: bodies over SLACK_BODY_LIMIT get 413 before
   * they are buffered (see body-limit.ts), and everything else reaches Bolt as before. In front of
   * that, `extraRoutes` (the health checks) answer their own paths.
   */
  private httpReceiver(api: { slackApiUrl?: string }): HTTPReceiver {
    const oauth = this.options.oauth;
    const receiver = new HTTPReceiver({
      signingSecret: this.options.signingSecret,
      endpoints: EVENTS_PATH,
      logger: boltLogger(this.log),
      logLevel: LogLevel.ERROR,
      ...(oauth && this.installations
        ? {
            clientId: oauth.clientId,
            clientSecret: oauth.clientSecret,
            // Bolt's default state store: the state signed with this secret, checked against a cookie, so any replica completes a flow another one began.
            stateSecret: oauth.stateSecret,
            scopes: oauth.scopes ?? SLACK_SCOPES,
            installationStore: this.installations,
            // A link straight to Slack's consent page: no page of ours in between.
            installerOptions: { installPath: INSTALL_PATH, redirectUriPath: REDIRECT_PATH, directInstall: true, ...(api.slackApiUrl ? { clientOptions: api } : {}) },
          }
        : {}),
    });
    const bolt = limitBody(receiver.requestListener, {
      limit: SLACK_BODY_LIMIT,
      paths: [EVENTS_PATH],
      onRefused: (refusal) => {
        const size = refusal.reason === "content-length" ? `a declared ${refusal.declared} bytes` : `over ${refusal.received} bytes streamed`;
        this.log(`refused ${refusal.method} ${refusal.path} with 413: body of ${size}, over the ${refusal.limit}-byte limit`, "warn");
        this.options.onBodyRefused?.(refusal);
      },
    });
    const extra = this.options.extraRoutes;
    receiver.requestListener = extra
      ? (req, res) => {
          if (!extra(req, res)) bolt(req, res);
        }
      : bolt;
    return receiver;
  }

  private context(userId: string, channelId: string | undefined, page: number): CommandContext {
    return { catalog: this.options.catalog.current, platform: "slack", userId, channelId, page, log: this.log, ...(this.options.store ? { store: this.options.store } : {}), ...(this.options.status ? { status: this.options.status } : {}) };
  }

  /**
   * Whether the user may change a channel's subscriptions: listed in ANNOUNCE_ADMINS, or a
   * workspace admin or owner as users.info says (the users:read scope). Slack has no per-channel
   * "manage" right to ask for, so the workspace role stands in for it.
   */
  private async mayManage(client: webApi.WebClient, userId: string): Promise<boolean> {
    if (this.options.admins?.includes(userId)) return true;
    try {
      // The handler's client: it carries the asker's workspace's token.
      const { user } = await client.users.info({ user: userId });
      return Boolean(user?.is_admin || user?.is_owner || user?.is_primary_owner);
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? (error as Error).message;
      this.log(`users.info failed (${code}): is the users:read scope granted? Treating ${userId} as not an admin`, "warn");
      return false;
    }
  }

  /** Renders a reply for its asker; paged answers and ideas get buttons backed by a stored token (saved before it is sent). */
  private async render(reply: Reply, ownerId: string) {
    const continuation: Continuation | null =
      reply.kind === "cards" ? reply.continuation : reply.kind === "idea" ? { command: "show", input: { id: reply.idea.id } } : null;
    const token = continuation ? this.answers.start(continuation, ownerId) : undefined;
    // Saved before the answer is sent: its buttons work at once on any replica.
    if (token) await this.answers.saved(token);
    return renderReply(reply, { ...(token ? { token } : {}), ...(this.options.admins ? { admins: this.options.admins } : {}) });
  }

  /** A refusal or a side answer: to the presser only, leaving the message pressed as it is. */
  private aside(message: SlackMessage) {
    return { response_type: "ephemeral" as const, replace_original: false, ...message };
  }

  private async onButton(userId: string, userName: string, action: { action_id: string; value?: string }, respond: RespondFn): Promise<void> {
    let value: ButtonValue;
    try {
      value = JSON.parse(action.value ?? "") as ButtonValue;
    } catch {
      await respond(this.aside(renderReply(refusalReply("answerExpired"))));
      return;
    }
    const opened = await this.answers.open(String(value.t), userId);
    if (!opened.ok) {
      await respond(this.aside(renderReply(opened.refusal)));
      return;
    }
    const context = this.context(userId, undefined, 1);
    switch (action.action_id) {
      case ACTIONS.page: {
        const reply = await this.answers.page(opened, Number(value.p), context);
        await respond(refusalOf(reply) ? this.aside(renderReply(reply)) : { response_type: "ephemeral", replace_original: true, ...renderReply(reply, { token: value.t }) });
        return;
      }
      case ACTIONS.details: {
        const reply = await dispatch("show", { id: String(value.id ?? "") }, context);
        await respond(this.aside(await this.render(reply, userId)));
        return;
      }
      case ACTIONS.share: {
        const reply = await this.answers.page(opened, Number(value.p), context);
        // The public copy has no buttons: paging it would page everyone's view.
        await respond({ response_type: "in_channel", replace_original: false, ...renderReply(reply, { sharedBy: userName }) });
        return;
      }
      default:
        await respond(this.aside(renderReply(refusalReply("answerExpired"))));
    }
  }

  /** A failure in a handler is logged and answered kindly; it never reaches Bolt as an unhandled error. */
  private async guard(respond: RespondFn, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.log("handler failed", "error", error);
      await respond({ response_type: "ephemeral", replace_original: false, text: APOLOGY }).catch((e: unknown) => this.log("could not answer", "warn", e));
    }
  }

  /** The bound HTTP port (HTTP mode), for logs and tests. */
  get port(): number | undefined {
    return (this.server?.address() as AddressInfo | null)?.port;
  }

  async start(): Promise<void> {
    await this.app.init().catch((error: unknown) => {
      throw this.startFailure(error, "SLACK_BOT_TOKEN") ?? error;
    });
    if (this.options.appToken) {
      // apps.connections.open, with the app token.
      await this.app.start().catch((error: unknown) => {
        throw this.startFailure(error, "SLACK_APP_TOKEN") ?? error;
      });
      this.log("connected in Socket Mode");
      return;
    }
    this.server = (await this.app.start({ port: this.options.port ?? 3000, host: this.options.host })) as Server;
    this.log(`listening on port ${this.port} at ${EVENTS_PATH}${this.options.oauth ? `, ${INSTALL_PATH} and ${REDIRECT_PATH}` : ""}${this.options.extraRoutes ? " (and the health checks)" : ""}`);
    if (this.installations && !this.options.oauth?.encryptionKey) this.log("each workspace's bot token is stored as it is: set ENCRYPTION_KEY to seal them, so a database dump alone does not reveal them", "warn");
  }

  async stop(): Promise<void> {
    await this.app.stop();
  }

  /**
   * A failure of the call made with `variable` that an admin can fix, as one line: Slack refused
   * the token, or its API could not be reached. Null for anything else.
   */
  private startFailure(error: unknown, variable: keyof typeof TOKEN_ADVICE): AdapterStartError | null {
    const e = (error ?? {}) as { code?: unknown; data?: { error?: unknown }; original?: { code?: unknown } };
    const answer = e.data?.error;
    if (e.code === webApi.ErrorCode.PlatformError && typeof answer === "string" && REFUSED_TOKEN.has(answer)) {
      return new AdapterStartError(`${variable} was refused by Slack (${answer}): ${TOKEN_ADVICE[variable]}`);
    }
    if (e.code === webApi.ErrorCode.RequestError) {
      // axios's code: the socket's (ECONNREFUSED, ENOTFOUND…), or ECONNABORTED for its timeout.
      const code = e.original?.code === "ECONNABORTED" ? `no answer within ${APP_CLIENT_TIMEOUT_MS / 1000} s` : String(e.original?.code ?? "no answer");
      const advice = this.options.apiUrl ? "check SLACK_API_URL and the network" : "check the network (DNS, a proxy or firewall)";
      return new AdapterStartError(`cannot reach Slack's API at ${redactUrl(this.options.apiUrl ?? SLACK_API)} (${code}): ${advice}`);
    }
    return null;
  }

  /** HTTP mode: the server is listening; Socket Mode: the WebSocket to Slack is open (not while it reconnects). */
  connected(): boolean {
    if (this.socketReceiver) return this.socketReceiver.client.websocket?.isActive() ?? false;
    return this.server?.listening ?? false;
  }
}
