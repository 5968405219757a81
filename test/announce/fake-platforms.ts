/**
 * Loopback servers that answer like Discord's and Slack's APIs for what the announcement sinks
 * call, and record what they were sent. Every server listens on 127.0.0.1, port 0.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

async function body(req: IncomingMessage): Promise<string> {
  let text = "";
  for await (const chunk of req) text += chunk;
  return text;
}

function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(value));
}

export interface DiscordMessage {
  id: string;
  channel_id: string;
  content: string;
  embeds: Array<{ title?: string; url?: string; description?: string; fields?: Array<{ name: string; value: string }>; footer?: { text: string } }>;
  allowed_mentions?: { parse: string[] };
  nonce?: string;
}

/** Length as Discord and Slack count it: in characters (code points), not UTF-16 units. */
const chars = (text: unknown) => (typeof text === "string" ? [...text].length : 0);

/** Discord's documented message limits; a test may tighten them to see what the bot does when a body is refused. */
export const DISCORD_LIMITS = { content: 2000, embeds: 10, title: 256, description: 4096, fields: 25, fieldName: 256, fieldValue: 1024, footer: 2048, url: 2048, embedTotal: 6000 };

/**
 * What Discord answers 400 Invalid Form Body (50035) for, as `errors` paths, or null when the body
 * passes: over-long texts, too many embeds or fields, empty field values, a URL that is not http(s).
 */
export function discordBodyErrors(payload: Record<string, unknown>, limits = DISCORD_LIMITS): Record<string, string> | null {
  const errors: Record<string, string> = {};
  const over = (path: string, text: unknown, max: number) => {
    if (chars(text) > max) errors[path] = `BASE_TYPE_MAX_LENGTH: Must be ${max} or fewer in length.`;
  };
  over("content", payload.content, limits.content);
  const embeds = (payload.embeds ?? []) as DiscordMessage["embeds"];
  if (embeds.length > limits.embeds) errors.embeds = `BASE_TYPE_MAX_LENGTH: Must be ${limits.embeds} or fewer in length.`;
  let total = 0;
  embeds.forEach((embed, i) => {
    over(`embeds.${i}.title`, embed.title, limits.title);
    over(`embeds.${i}.description`, embed.description, limits.description);
    over(`embeds.${i}.footer.text`, embed.footer?.text, limits.footer);
    if (embed.url !== undefined && (chars(embed.url) > limits.url || !/^https?:\/\/\S+$/.test(embed.url))) errors[`embeds.${i}.url`] = "URL_TYPE_INVALID_URL: Not a well formed URL.";
    const fields = embed.fields ?? [];
    if (fields.length > limits.fields) errors[`embeds.${i}.fields`] = `BASE_TYPE_MAX_LENGTH: Must be ${limits.fields} or fewer in length.`;
    fields.forEach((field, f) => {
      over(`embeds.${i}.fields.${f}.name`, field.name, limits.fieldName);
      over(`embeds.${i}.fields.${f}.value`, field.value, limits.fieldValue);
      if (chars(field.value) === 0) errors[`embeds.${i}.fields.${f}.value`] = "BASE_TYPE_REQUIRED: This field is required";
    });
    total += chars(embed.title) + chars(embed.description) + chars(embed.footer?.text) + fields.reduce((n, f) => n + chars(f.name) + chars(f.value), 0);
  });
  if (total > limits.embedTotal) errors.embeds = "BASE_TYPE_MAX_LENGTH: Embed size exceeds maximum size of 6000";
  return Object.keys(errors).length ? errors : null;
}

/** A failure to answer instead of the next POST: a status and Discord's JSON error body. */
type Failure = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

export interface FakeDiscord {
  /** DISCORD_API_URL for the sink's client (without /v10). */
  apiUrl: string;
  token: string;
  /** Messages that exist, per channel, oldest first. */
  messages: Map<string, DiscordMessage[]>;
  /** Every POST received (duplicates and failures included). */
  posts: Array<{ channel: string; body: Record<string, unknown> }>;
  gets: number;
  addChannel(id: string): void;
  forbid(id: string): void;
  /** The next `times` POSTs fail this way. */
  failNext(failure: Failure, times?: number): void;
  /** GET messages answers 403 Missing Access (no Read Message History). */
  historyForbidden: boolean;
  /** The limits it enforces (Discord's by default). */
  limits: typeof DISCORD_LIMITS;
  all(): DiscordMessage[];
  close(): Promise<void>;
}

/**
 * POST /api/v10/channels/:id/messages → 201 with the message; 404 Unknown Channel (10003) for a
 * channel it does not know; 403 Missing Access (50001) for a forbidden one; queued failures (429
 * with retry_after, 503); 400 Invalid Form Body (50035) for a body over Discord's limits; and the nonce dedupe: the same nonce with enforce_nonce returns the
 * original message without posting. GET …/messages?after= lists messages newest first, without
 * their nonce (as Discord does).
 */
export async function startFakeDiscord(token = "discord-test-token"): Promise<FakeDiscord> {
  const messages = new Map<string, DiscordMessage[]>();
  const forbidden = new Set<string>();
  const failures: Failure[] = [];
  const nonces = new Map<string, DiscordMessage>();
  let seq = 0n;
  // Snowflakes from the current time, as Discord's: `after=` a time lists what came since.
  const nextId = () => ((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) + seq++;
  const fake: FakeDiscord = {
    apiUrl: "",
    token,
    messages,
    posts: [],
    gets: 0,
    historyForbidden: false,
    limits: { ...DISCORD_LIMITS },
    addChannel: (id) => void messages.set(id, messages.get(id) ?? []),
    forbid: (id) => {
      forbidden.add(id);
      messages.set(id, messages.get(id) ?? []);
    },
    failNext: (failure, times = 1) => {
      for (let i = 0; i < times; i++) failures.push(failure);
    },
    all: () => [...messages.values()].flat(),
    close: () => close(server),
  };
  const server = createServer(async (req, res) => {
    const text = await body(req);
    if (req.headers.authorization !== `Bot ${token}`) return json(res, 401, { message: "401: Unauthorized", code: 0 });
    const match = /^\/api\/v10\/channels\/([^/]+)\/messages(?:\?.*)?$/.exec(req.url ?? "");
    if (!match) return json(res, 404, { message: "404: Not Found", code: 0 });
    const channel = match[1]!;
    if (req.method === "GET") {
      fake.gets++;
      if (!messages.has(channel)) return json(res, 404, { message: "Unknown Channel", code: 10003 });
      if (fake.historyForbidden || forbidden.has(channel)) return json(res, 403, { message: "Missing Access", code: 50001 });
      const after = BigInt(new URL(req.url!, "http://x").searchParams.get("after") ?? "0");
      const list = messages.get(channel)!.filter((m) => BigInt(m.id) > after).reverse();
      return json(res, 200, list.map(({ nonce: _nonce, ...m }) => m));
    }
    if (req.method !== "POST") return json(res, 405, { message: "405: Method Not Allowed", code: 0 });
    const payload = JSON.parse(text) as Record<string, unknown>;
    fake.posts.push({ channel, body: payload });
    const failure = failures.shift();
    if (failure) return json(res, failure.status, failure.body, failure.headers);
    if (!messages.has(channel)) return json(res, 404, { message: "Unknown Channel", code: 10003 });
    if (forbidden.has(channel)) return json(res, 403, { message: "Missing Access", code: 50001 });
    const invalid = discordBodyErrors(payload, fake.limits);
    if (invalid) return json(res, 400, { message: "Invalid Form Body", code: 50035, errors: invalid });
    const nonce = typeof payload.nonce === "string" ? payload.nonce : undefined;
    const key = `${channel}/${nonce}`;
    if (nonce && payload.enforce_nonce === true && nonces.has(key)) return json(res, 200, nonces.get(key));
    const message: DiscordMessage = {
      id: String(nextId()),
      channel_id: channel,
      content: String(payload.content ?? ""),
      embeds: (payload.embeds ?? []) as DiscordMessage["embeds"],
      allowed_mentions: payload.allowed_mentions as DiscordMessage["allowed_mentions"],
      ...(nonce ? { nonce } : {}),
    };
    messages.get(channel)!.push(message);
    if (nonce) nonces.set(key, message);
    return json(res, 201, message);
  });
  fake.apiUrl = `${await listen(server)}/api`;
  return fake;
}

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
  let blocks: Array<Record<string, any>>;
  try {
    blocks = JSON.parse(args.blocks ?? "[]") as Array<Record<string, any>>;
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
  all(): SlackMessage[];
  close(): Promise<void>;
}

/**
 * POST /api/chat.postMessage (form-encoded, like WebClient) → ok with ts; channel_not_found,
 * not_in_channel; msg_too_long and invalid_blocks for a body over Slack's limits; queued ratelimited (HTTP 429, Retry-After) or internal_error. POST
 * /api/conversations.history → the channel's messages newest first, with their metadata only when
 * include_all_metadata is true.
 */
export async function startFakeSlack(token = "xoxb-slack-test-token"): Promise<FakeSlack> {
  const messages = new Map<string, SlackMessage[]>();
  const excluded = new Set<string>();
  const failures: string[] = [];
  let seq = 0;
  const fake: FakeSlack = {
    apiUrl: "",
    token,
    messages,
    posts: [],
    historyCalls: 0,
    historyMissingScope: false,
    limits: { ...SLACK_LIMITS },
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
    if (req.headers.authorization !== `Bearer ${token}`) return json(res, 200, { ok: false, error: "not_authed" });
    const method = (req.url ?? "").replace(/^\/api\//, "");
    if (method === "chat.postMessage") {
      fake.posts.push(args);
      const failure = failures.shift();
      if (failure === "ratelimited") return json(res, 429, { ok: false, error: "ratelimited" }, { "retry-after": "2" });
      if (failure === "http_500") return json(res, 500, { ok: false, error: "internal_error" });
      if (failure) return json(res, 200, { ok: false, error: failure });
      const channel = args.channel ?? "";
      if (!messages.has(channel)) return json(res, 200, { ok: false, error: "channel_not_found" });
      if (excluded.has(channel)) return json(res, 200, { ok: false, error: "not_in_channel" });
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
    return json(res, 200, { ok: false, error: "unknown_method" });
  });
  fake.apiUrl = `${await listen(server)}/api/`;
  return fake;
}
