import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback Slack Web API for what the announcement sink and Bolt's start call (through a real
 * WebClient), which records what it was sent and enforces Slack's documented limits. Listens on
 * 127.0.0.1, port 0.
 */

/** Listens on 127.0.0.1, a free port: the server's base URL. */
export async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** Closes the server, its keep-alive connections too. */
export function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** A request's whole body as text. */
export async function body(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
}

/** Length as Slack counts it: in characters (code points), not UTF-16 units. */
const chars = (text: unknown) => (typeof text === "string" ? [...text].length : 0);

export interface SlackMessage {
  ts: string;
  channel: string;
  text: string;
  blocks: Array<Record<string, unknown>>;
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  unfurl_links?: string;
}

/** Slack's limits for chat.postMessage; a test may tighten them. */
export const SLACK_LIMITS = { text: 40_000, blocks: 50, sectionText: 3000, contextElements: 10, contextText: 3000 };

/** The error chat.postMessage answers for a body (msg_too_long, invalid_blocks), or null when it passes. */
export function slackBodyError(args: Record<string, string>, limits = SLACK_LIMITS): { error: string; messages: string[] } | null {
  if (chars(args.text) > limits.text) return { error: "msg_too_long", messages: [] };
  type Block = { type?: string; text?: { text?: string }; elements?: Array<{ text?: string }> };
  let blocks: Block[];
  try {
    blocks = JSON.parse(args.blocks ?? "[]") as Block[];
  } catch {
    return { error: "invalid_blocks_format", messages: [] };
  }
  const messages: string[] = [];
  if (blocks.length > limits.blocks) messages.push(`[ERROR] no more than ${limits.blocks} items allowed [json-pointer:/blocks]`);
  blocks.forEach((block, i) => {
    if (block.type === "section") {
      const n = chars(block.text?.text);
      if (n === 0) messages.push(`[ERROR] must be more than 0 characters [json-pointer:/blocks/${i}/text/text]`);
      if (n > limits.sectionText) messages.push(`[ERROR] must be less than ${limits.sectionText + 1} characters [json-pointer:/blocks/${i}/text/text]`);
    }
    if (block.type === "context") {
      const elements = (block.elements ?? []) as Array<{ text?: string }>;
      if (elements.length === 0 || elements.length > limits.contextElements) messages.push(`[ERROR] must have 1 to ${limits.contextElements} items [json-pointer:/blocks/${i}/elements]`);
      elements.forEach((e, j) => {
        const n = chars(e.text);
        if (n === 0 || n > limits.contextText) messages.push(`[ERROR] must be 1 to ${limits.contextText} characters [json-pointer:/blocks/${i}/elements/${j}/text]`);
      });
    }
  });
  return messages.length ? { error: "invalid_blocks", messages } : null;
}

export interface FakeSlack {
  /** SLACK_API_URL for the sink's client. */
  apiUrl: string;
  token: string;
  messages: Map<string, SlackMessage[]>;
  /** Every chat.postMessage received. */
  posts: Array<Record<string, string>>;
  historyCalls: number;
  addChannel(id: string): void;
  /** The bot is not a member: not_in_channel. */
  exclude(id: string): void;
  /** The next `times` chat.postMessage calls fail: "ratelimited" is an HTTP 429 with Retry-After. */
  failNext(error: "ratelimited" | "internal_error" | "http_500", times?: number): void;
  /** conversations.history answers missing_scope. */
  historyMissingScope: boolean;
  /** The limits it enforces (Slack's by default). */
  limits: typeof SLACK_LIMITS;
  /** Every conversations.open received. */
  opens: Array<Record<string, string>>;
  /** Users who do not take the bot's direct messages: cannot_dm_bot on conversations.open and on a post to their DM. */
  cannotDm: Set<string>;
  /** Users who are gone (deleted): user_not_found on conversations.open. */
  goneUsers: Set<string>;
  /** An error conversations.open answers for a user (user_disabled, account_inactive…), before cannotDm and goneUsers. */
  openErrors: Map<string, string>;
  /** The bot's token is for a deleted workspace or bot user: every call answers account_inactive. */
  tokenInactive: boolean;
  /** The DM channel (D…) conversations.open gave for a user, if it was opened. */
  dmChannel(userId: string): string | undefined;
  all(): SlackMessage[];
  close(): Promise<void>;
}

/**
 * Every call needs `Bearer <token>`: without one Slack answers not_authed, with another one
 * invalid_auth. POST /api/auth.test → the bot's identity (what Bolt asks at start).
 * POST /api/chat.postMessage (form-encoded, like WebClient) → ok with ts; channel_not_found,
 * not_in_channel; msg_too_long and invalid_blocks for a body over Slack's limits; queued ratelimited (HTTP 429, Retry-After) or internal_error. POST
 * /api/conversations.history → the channel's messages newest first, with their metadata only when
 * include_all_metadata is true. POST /api/conversations.open (users) → the user's DM channel, a
 * stable D… id per user, which chat.postMessage and conversations.history then take like a channel;
 * cannot_dm_bot (cannotDm, also on a post to their DM), user_not_found (goneUsers) or openErrors.
 */
export async function startFakeSlack(token = "xoxb-slack-test-token"): Promise<FakeSlack> {
  const messages = new Map<string, SlackMessage[]>();
  const excluded = new Set<string>();
  const failures: string[] = [];
  /** User id → their DM channel id, and back. */
  const dms = new Map<string, string>();
  const dmUsers = new Map<string, string>();
  let seq = 0;
  const fake: FakeSlack = {
    apiUrl: "",
    token,
    messages,
    posts: [],
    historyCalls: 0,
    historyMissingScope: false,
    limits: { ...SLACK_LIMITS },
    opens: [],
    cannotDm: new Set<string>(),
    goneUsers: new Set<string>(),
    openErrors: new Map<string, string>(),
    tokenInactive: false,
    dmChannel: (userId) => dms.get(userId),
    addChannel: (id) => void messages.set(id, messages.get(id) ?? []),
    exclude: (id) => {
      excluded.add(id);
      messages.set(id, messages.get(id) ?? []);
    },
    failNext: (error, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(error);
    },
    all: () => [...messages.values()].flat(),
    close: () => close(server),
  };
  const server = createServer(async (req, res) => {
    const args = Object.fromEntries(new URLSearchParams(await body(req)));
    // As Slack: no token is not_authed, a token it does not know (an app token included) invalid_auth.
    if (!req.headers.authorization) return json(res, 200, { ok: false, error: "not_authed" });
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 200, { ok: false, error: "invalid_auth" });
    if (fake.tokenInactive) return json(res, 200, { ok: false, error: "account_inactive" });
    const method = (req.url ?? "").replace(/^\/api\//, "");
    if (method === "auth.test") return json(res, 200, { ok: true, url: "https://fake.slack.com/", team: "Fake", user: "ideas-bot", team_id: "T1", user_id: "UBOT", bot_id: "B1" });
    if (method === "chat.postMessage") {
      fake.posts.push(args);
      const failure = failures.shift();
      if (failure === "ratelimited") return json(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": "2" });
      if (failure === "http_500") return json(res, 500, { ok: false, error: "internal_error" });
      if (failure) return json(res, 200, { ok: false, error: failure });
      const channel = args.channel ?? "";
      if (!messages.has(channel)) return json(res, 200, { ok: false, error: "channel_not_found" });
      if (excluded.has(channel)) return json(res, 200, { ok: false, error: "not_in_channel" });
      const dmUser = dmUsers.get(channel);
      if (dmUser && fake.cannotDm.has(dmUser)) return json(res, 200, { ok: false, error: "cannot_dm_bot" });
      const invalid = slackBodyError(args, fake.limits);
      if (invalid) return json(res, 200, { ok: false, error: invalid.error, response_metadata: { messages: invalid.messages } });
      const message: SlackMessage = {
        ts: `${Math.floor(Date.now() / 1000)}.${String(seq++).padStart(6, "0")}`,
        channel,
        text: args.text ?? "",
        blocks: JSON.parse(args.blocks ?? "[]") as SlackMessage["blocks"],
        ...(args.metadata ? { metadata: JSON.parse(args.metadata) as SlackMessage["metadata"] } : {}),
        unfurl_links: args.unfurl_links,
      };
      messages.get(channel)!.push(message);
      return json(res, 200, { ok: true, channel, ts: message.ts, message });
    }
    if (method === "conversations.history") {
      fake.historyCalls++;
      if (fake.historyMissingScope) return json(res, 200, { ok: false, error: "missing_scope", needed: "channels:history" });
      const channel = args.channel ?? "";
      if (!messages.has(channel)) return json(res, 200, { ok: false, error: "channel_not_found" });
      const withMetadata = args.include_all_metadata === "true";
      const oldest = Number(args.oldest ?? "0");
      const list = messages
        .get(channel)!
        .filter((m) => Number(m.ts) > oldest)
        .reverse()
        .map(({ metadata, ...m }) => (withMetadata && metadata ? { ...m, metadata } : m));
      return json(res, 200, { ok: true, messages: list, has_more: false, response_metadata: { next_cursor: "" } });
    }
    if (method === "conversations.open") {
      fake.opens.push(args);
      const user = args.users ?? "";
      if (!user) return json(res, 200, { ok: false, error: "users_list_not_supplied" });
      const error = fake.openErrors.get(user) ?? (fake.cannotDm.has(user) ? "cannot_dm_bot" : fake.goneUsers.has(user) ? "user_not_found" : null);
      if (error) return json(res, 200, { ok: false, error });
      let id = dms.get(user);
      if (!id) {
        id = `D${String(dms.size + 1).padStart(9, "0")}`;
        dms.set(user, id);
        dmUsers.set(id, user);
      }
      messages.set(id, messages.get(id) ?? []);
      return json(res, 200, { ok: true, channel: { id } });
    }
    return json(res, 200, { ok: false, error: "unknown_method" });
  });
  fake.apiUrl = `${await listen(server)}/api/`;
  return fake;
}
