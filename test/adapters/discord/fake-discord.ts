import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

/**
 * A small fake Discord on 127.0.0.1 for a real discord.js client: the REST API under /api/v10 and a
 * JSON gateway (no compression: discord.js asks for zlib-stream only when zlib-sync is installed,
 * and it is not). It records what the bot sends and pushes interactions the way Discord does.
 */

export interface RecordedRequest {
  method: string;
  /** The path after /api/v10, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  /** Index in `requests`. */
  index: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export const APPLICATION_ID = "111111111111111111";
export const GUILD_ID = "222222222222222222";
export const CHANNEL_ID = "333333333333333333";
export const ASKER = { id: "444444444444444444", username: "asker", global_name: "Ada Asker" };
export const STRANGER = { id: "555555555555555555", username: "stranger", global_name: "Sam Stranger" };
const BOT_USER = { id: APPLICATION_ID, username: "ideas-bot", discriminator: "0", global_name: null, avatar: null, bot: true };

/** Length as Discord counts it: in characters (code points), not UTF-16 units. */
const chars = (text: unknown) => (typeof text === "string" ? [...text].length : 0);

/** The parts of a posted message the limits are about. */
interface PostedEmbed {
  title?: string;
  url?: string;
  description?: string;
  fields?: Array<{ name: string; value: string }>;
  footer?: { text: string };
}

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
  const embeds = (payload.embeds ?? []) as PostedEmbed[];
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

/** A failure to answer instead of the next channel POST: a status, Discord's JSON error body, headers (Retry-After). */
export type Failure = { status: number; body: Record<string, unknown>; headers?: Record<string, string> };

/** A gateway shard as Discord numbers it: [shard id, shard count]. */
export type Shard = [id: number, count: number];

/** The shard that holds a guild, by Discord's rule: (guild_id >> 22) % shard count. DMs go to shard 0. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

/** A guild id that shard `id` of `count` (up to 20) holds: a snowflake whose timestamp bits pick the shard. */
export function guildOnShard(id: number, count: number): string {
  return ((100_000_000_000n * BigInt(count) + BigInt(id)) << 22n).toString();
}

/** Options of FakeDiscord.start. */
export interface FakeDiscordOptions {
  /** The shard count GET /gateway/bot recommends (default 1). */
  recommendedShards?: number;
  /**
   * GET /gateway/bot's session_start_limit.max_concurrency (default 1): discord.js waits 5 s
   * between identifies in one bucket, so a test of several shards gives each its own.
   */
  maxConcurrency?: number;
}

let snowflake = 900_000_000_000_000_000n;
const nextId = () => (++snowflake).toString();

export interface FakeUser {
  id: string;
  username: string;
  global_name?: string | null;
}

export class FakeDiscord {
  readonly requests: RecordedRequest[] = [];
  /** Commands as registered, by route (`/applications/:id/commands`, or a guild's): what a GET lists. */
  readonly registered = new Map<string, Json[]>();
  /** Messages the bot made, by webhook token: `@original` and follow-ups, as Discord would store them. */
  readonly messages = new Map<string, Json>();
  /**
   * Messages the bot posted in channels (announcements), by channel id, oldest first. A channel
   * exists once listed here: the interactions' channel from the start, others by addChannel.
   */
  readonly channelMessages = new Map<string, Json[]>([[CHANNEL_ID, []]]);
  /** Every POST to a channel, refused and repeated ones included. */
  readonly posts: Array<{ channel: string; body: Json }> = [];
  /** GETs of a channel's messages. */
  gets = 0;
  /** GET messages answers 403 Missing Access (no Read Message History). */
  historyForbidden = false;
  /** The limits channel POSTs are checked against (Discord's by default); a test may tighten them. */
  readonly limits = { ...DISCORD_LIMITS };
  /** When set, REST calls must carry `Bot <token>` (401 otherwise). */
  token: string | null = null;
  /** How long the gateway waits before its HELLO on a new connection (a slow or blocked gateway). */
  helloDelayMs = 0;
  /** DM channels opened (POST /users/@me/channels), by recipient user id: one per person, as Discord's. */
  readonly dmChannels = new Map<string, string>();
  /** Users who take no DMs from the bot: a POST to their DM channel answers 403 Cannot send messages to this user (50007). */
  readonly closedDms = new Set<string>();
  /** Users Discord does not know: opening a DM with them answers 404 Unknown User (10013). */
  readonly unknownUsers = new Set<string>();
  /** Failures to answer instead of the next POST /users/@me/channels (429, 503…); channel POSTs' failNext is separate. */
  readonly dmOpenFailures: Failure[] = [];
  /**
   * Channels whose POSTs are stored as posted but never answered (a platform that accepted a
   * message and a bot that never heard so: a crash, a lost connection), until releaseHeld(). Opt-in;
   * the message and its nonce are kept as for any post, so a repeat with enforce_nonce gets it back.
   */
  readonly holdPostsTo = new Set<string>();
  /** POSTs stored but not answered (holdPostsTo), oldest first. */
  readonly held: Array<{ channel: string; message: Json; res: ServerResponse }> = [];
  private readonly dmRecipients = new Map<string, string>();
  private readonly forbidden = new Set<string>();
  private readonly failures: Failure[] = [];
  private readonly nonces = new Map<string, Json>();
  private channelSequence = 0n;
  private readonly http: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  /** Each socket's shard, from its IDENTIFY: absent until it identifies. */
  private readonly shardOfSocket = new Map<WebSocket, Shard>();
  private sequence = 0;
  private waiters: Array<{ test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  private identified: Array<() => void> = [];
  identifies = 0;
  /** Gateway payloads received from the client (op 2 identify, op 1 heartbeat…). */
  readonly received: Json[] = [];
  /** The query string of the last gateway connection (discord.js asks for `v=10&encoding=json`). */
  lastGatewayQuery = "";
  /** The shard count GET /gateway/bot recommends. */
  recommendedShards: number;
  /** GET /gateway/bot's session_start_limit.max_concurrency. */
  maxConcurrency: number;
  /** The shard of each IDENTIFY, in order ([0, 1] for an unsharded client, as discord.js sends it). */
  readonly identifiedShards: Shard[] = [];
  /** WebSocket connections opened, ever. */
  connections = 0;
  /** Each dispatch (op 0 after READY) and the shards of the sockets it went to. */
  readonly dispatched: Array<{ t: string; guildId?: string; shards: Shard[] }> = [];

  private constructor({ recommendedShards = 1, maxConcurrency = 1 }: FakeDiscordOptions) {
    this.recommendedShards = recommendedShards;
    this.maxConcurrency = maxConcurrency;
    this.http = createServer((req, res) => void this.route(req, res));
    this.wss = new WebSocketServer({ server: this.http });
    this.wss.on("connection", (socket, req) => this.connection(socket, req));
  }

  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve) => fake.http.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  get port(): number {
    return (this.http.address() as AddressInfo).port;
  }

  /** What to give discord.js as `rest.api` (it appends /v10). */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  addChannel(id: string): void {
    if (!this.channelMessages.has(id)) this.channelMessages.set(id, []);
  }

  /** A channel the bot may not post in or read: 403 Missing Access (50001). */
  forbid(id: string): void {
    this.addChannel(id);
    this.forbidden.add(id);
  }

  /** The next `times` channel POSTs fail this way (429 with Retry-After, 503, 400…). */
  failNext(failure: Failure, times = 1): void {
    for (let i = 0; i < times; i++) this.failures.push(failure);
  }

  /**
   * The DM channel with a user, opened now if it is not yet, as POST /users/@me/channels opens it
   * (the bot then gets the same one): for a test to name it (holdPostsTo) before the bot opens it.
   */
  dmChannelWith(userId: string): string {
    let id = this.dmChannels.get(userId);
    if (!id) {
      id = nextId();
      this.dmChannels.set(userId, id);
      this.dmRecipients.set(id, userId);
      this.addChannel(id);
    }
    return id;
  }

  /** Answers the held POSTs (holdPostsTo) whose connection is still open, and forgets them all. */
  releaseHeld(): void {
    for (const { message, res } of this.held.splice(0)) {
      if (!res.destroyed && !res.writableEnded) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(message));
    }
  }

  /** Every announcement posted, in every channel. */
  all(): Json[] {
    return [...this.channelMessages.values()].flat();
  }

  // ---- REST -------------------------------------------------------------------------------------

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    let body: Json = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const send = (status: number, data?: Json) => {
      if (data === undefined) {
        res.writeHead(status).end();
        return;
      }
      res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
    };
    if (!url.pathname.startsWith("/api/v10/")) return send(404, { message: "404: Not Found", code: 0 });
    if (this.token !== null && !url.pathname.startsWith("/api/v10/interactions/") && !url.pathname.startsWith("/api/v10/webhooks/") && req.headers.authorization !== `Bot ${this.token}`) {
      return send(401, { message: "401: Unauthorized", code: 0 });
    }
    // discord.js encodes `@original` as `%40original`: record paths as Discord reads them.
    const path = decodeURIComponent(url.pathname.slice("/api/v10".length));
    const request: RecordedRequest = { method: req.method ?? "GET", path, query: url.searchParams, headers: req.headers, body, index: this.requests.length };
    this.requests.push(request);
    this.waiters = this.waiters.filter((w) => {
      if (!w.test(request)) return true;
      w.resolve(request);
      return false;
    });

    const m = (re: RegExp) => re.exec(path);
    let match: RegExpExecArray | null;
    if (request.method === "GET" && path === "/gateway/bot") {
      return send(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: this.recommendedShards,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: this.maxConcurrency },
      });
    }
    if (request.method === "GET" && path === "/users/@me") return send(200, BOT_USER);
    if (request.method === "POST" && (match = m(/^\/interactions\/(\d+)\/([^/]+)\/callback$/))) {
      const token = match[2]!;
      // Discord stores the original response for types 4 (message) and 5 (deferred message).
      if (body?.type === 4 || body?.type === 5) this.messages.set(token, this.message(body.data ?? {}, body.type === 5));
      if (body?.type === 7) this.messages.set(token, { ...(this.messages.get(token) ?? {}), ...this.message(body.data ?? {}) });
      return send(204);
    }
    if (request.method === "PATCH" && (match = m(/^\/webhooks\/(\d+)\/([^/]+)\/messages\/@original$/))) {
      const message = { ...(this.messages.get(match[2]!) ?? this.message({})), ...stripUndefined(this.message(body ?? {})) };
      this.messages.set(match[2]!, message);
      return send(200, message);
    }
    if (request.method === "POST" && (match = m(/^\/webhooks\/(\d+)\/([^/]+)$/))) {
      return send(200, this.message(body ?? {}));
    }
    if (request.method === "POST" && path === "/users/@me/channels") return this.openDm(request, res, send);
    if ((match = m(/^\/channels\/(\d+)\/messages$/))) return this.channelRoute(match[1]!, request, res, send);
    if (request.method === "PUT" && m(/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/)) {
      const registered = (Array.isArray(body) ? body : []).map((c: Json) => ({ ...c, id: nextId(), application_id: APPLICATION_ID, version: nextId() }));
      this.registered.set(path, registered);
      return send(200, registered);
    }
    if (request.method === "GET" && m(/^\/applications\/\d+(\/guilds\/\d+)?\/commands$/)) return send(200, this.registered.get(path) ?? []);
    return send(404, { message: "404: Not Found", code: 0 });
  }

  /**
   * POST /users/@me/channels `{ recipient_id }` → the DM channel with that user (type 1), the same
   * one for the same user, its messages under channelMessages like any channel's; 404 Unknown User
   * (10013) for an unknownUsers one; 400 Invalid Form Body (50035) for a recipient that is not a snowflake.
   */
  private openDm(request: RecordedRequest, res: ServerResponse, send: (status: number, data?: Json) => void): void {
    const failure = this.dmOpenFailures.shift();
    if (failure) {
      res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers }).end(JSON.stringify(failure.body));
      return;
    }
    const recipient = (request.body ?? {}).recipient_id;
    if (typeof recipient !== "string" || !/^\d{17,20}$/.test(recipient)) {
      return send(400, { message: "Invalid Form Body", code: 50035, errors: { recipient_id: "NUMBER_TYPE_COERCE: Value is not snowflake." } });
    }
    if (this.unknownUsers.has(recipient)) return send(404, { message: "Unknown User", code: 10013 });
    const id = this.dmChannelWith(recipient);
    return send(200, { id, type: 1, last_message_id: null, flags: 0, recipients: [{ id: recipient, username: `user${recipient.slice(-4)}`, discriminator: "0", global_name: null, avatar: null }] });
  }

  /**
   * POST /channels/:id/messages → the message; 404 Unknown Channel (10003) for a channel it does not
   * know; 403 Missing Access (50001) for a forbidden one; queued failures; 400 Invalid Form Body
   * (50035) for a body over the limits; and the nonce dedupe: the same nonce with enforce_nonce
   * returns the original message without posting; a holdPostsTo channel's message is stored but not
   * answered. GET lists messages newest first, `after=` a
   * snowflake, without their nonce (as Discord does).
   */
  private channelRoute(channel: string, request: RecordedRequest, res: ServerResponse, send: (status: number, data?: Json) => void): void {
    const list = this.channelMessages.get(channel);
    if (request.method === "GET") {
      this.gets++;
      if (!list) return send(404, { message: "Unknown Channel", code: 10003 });
      if (this.historyForbidden || this.forbidden.has(channel)) return send(403, { message: "Missing Access", code: 50001 });
      const after = BigInt(request.query.get("after") ?? "0");
      return send(200, list.filter((m: Json) => BigInt(m.id) > after).reverse().map(({ nonce: _nonce, ...m }: Json) => m));
    }
    if (request.method !== "POST") return send(405, { message: "405: Method Not Allowed", code: 0 });
    const body = (request.body ?? {}) as Json;
    this.posts.push({ channel, body });
    const failure = this.failures.shift();
    if (failure) {
      res.writeHead(failure.status, { "content-type": "application/json", ...failure.headers }).end(JSON.stringify(failure.body));
      return;
    }
    if (!list) return send(404, { message: "Unknown Channel", code: 10003 });
    if (this.forbidden.has(channel)) return send(403, { message: "Missing Access", code: 50001 });
    const recipient = this.dmRecipients.get(channel);
    if (recipient !== undefined && this.closedDms.has(recipient)) return send(403, { message: "Cannot send messages to this user", code: 50007 });
    const invalid = discordBodyErrors(body, this.limits);
    if (invalid) return send(400, { message: "Invalid Form Body", code: 50035, errors: invalid });
    const nonce = typeof body.nonce === "string" ? body.nonce : undefined;
    const key = `${channel}/${nonce}`;
    if (nonce && body.enforce_nonce === true && this.nonces.has(key)) return send(200, this.nonces.get(key));
    // Snowflakes from the current time, as Discord's: `after=` a time lists what came since.
    const id = String(((BigInt(Date.now()) - 1_420_070_400_000n) << 22n) + this.channelSequence++);
    const message = { ...this.message(body), id, channel_id: channel, webhook_id: undefined, ...(nonce ? { nonce } : {}) };
    list.push(message);
    if (nonce) this.nonces.set(key, message);
    if (this.holdPostsTo.has(channel)) {
      this.held.push({ channel, message, res });
      return;
    }
    return send(200, message);
  }

  /** A message object as Discord returns it, from the body the bot sent. */
  private message(data: Json, deferred = false): Json {
    return {
      id: nextId(),
      type: 20,
      channel_id: CHANNEL_ID,
      author: BOT_USER,
      content: deferred ? "" : (data.content ?? ""),
      embeds: data.embeds ?? [],
      components: data.components ?? [],
      attachments: [],
      mentions: [],
      mention_roles: [],
      mention_everyone: false,
      pinned: false,
      tts: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      flags: (data.flags ?? 0) | (deferred ? 128 : 0),
      application_id: APPLICATION_ID,
      webhook_id: APPLICATION_ID,
    };
  }

  /** The first request (from index `from`) that passes `test`, waiting for it up to `timeoutMs`. */
  waitForRequest(test: (r: RecordedRequest) => boolean, { from = 0, timeoutMs = 3000 } = {}): Promise<RecordedRequest> {
    const found = this.requests.slice(from).find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = { test: (r: RecordedRequest) => r.index >= from && test(r), resolve };
      this.waiters.push(waiter);
      setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching request within ${timeoutMs} ms; got: ${this.requests.slice(from).map((r) => `${r.method} ${r.path}`).join(", ") || "none"}`));
      }, timeoutMs).unref();
    });
  }

  /** Requests about one interaction: its callback and its webhook (editReply, followUp). */
  requestsFor(interaction: { id: string; token: string }): RecordedRequest[] {
    return this.requests.filter((r) => r.path.includes(`/interactions/${interaction.id}/`) || r.path.includes(`/webhooks/${APPLICATION_ID}/${interaction.token}`));
  }

  // ---- Gateway ----------------------------------------------------------------------------------

  private connection(socket: WebSocket, req: IncomingMessage): void {
    this.sockets.add(socket);
    this.connections++;
    this.lastGatewayQuery = new URL(req.url ?? "/", "http://127.0.0.1").search;
    socket.on("close", () => {
      this.sockets.delete(socket);
      this.shardOfSocket.delete(socket);
    });
    socket.on("message", (data) => {
      let payload: Json;
      try {
        payload = JSON.parse(String(data));
      } catch {
        socket.close(4002, "Decode error");
        return;
      }
      this.received.push(payload);
      if (payload.op === 1) socket.send(JSON.stringify({ op: 11, d: null }));
      if (payload.op === 2) {
        this.identifies++;
        // discord.js always says which shard it is; Discord takes none as [0, 1].
        const shard: Shard = isShard(payload.d?.shard) ? [payload.d.shard[0], payload.d.shard[1]] : [0, 1];
        this.identifiedShards.push(shard);
        this.shardOfSocket.set(socket, shard);
        socket.send(
          JSON.stringify({
            op: 0,
            t: "READY",
            s: ++this.sequence,
            d: {
              v: 10,
              user: BOT_USER,
              application: { id: APPLICATION_ID, flags: 0 },
              guilds: [],
              session_id: randomBytes(8).toString("hex"),
              resume_gateway_url: `ws://127.0.0.1:${this.port}`,
              shard,
            },
          }),
        );
        const waiting = this.identified;
        this.identified = [];
        for (const resolve of waiting) resolve();
      }
    });
    const hello = () => socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41_250 } }));
    if (this.helloDelayMs > 0) setTimeout(hello, this.helloDelayMs).unref();
    else hello();
  }

  /** Resolves once a client has identified (after READY was sent). */
  waitForIdentify(): Promise<void> {
    if (this.identifies > 0) return Promise.resolve();
    return new Promise((resolve) => this.identified.push(resolve));
  }

  /**
   * Sends a dispatch (op 0) with the next sequence number, as Discord routes it: to every connected
   * socket when the client is not sharded (one shard), else only to the shard that holds its guild
   * (shardOf), a DM's to shard 0.
   */
  dispatch(t: string, d: Json): void {
    const packet = JSON.stringify({ op: 0, t, s: ++this.sequence, d });
    const guildId = guildOf(t, d);
    const shards: Shard[] = [];
    for (const socket of this.sockets) {
      const shard = this.shardOfSocket.get(socket);
      if (!receives(shard, guildId)) continue;
      socket.send(packet);
      if (shard) shards.push(shard);
    }
    this.dispatched.push({ t, ...(guildId ? { guildId } : {}), shards });
  }

  /** Pushes an interaction built by one of the helpers below; returns it (its id and token). */
  push<T extends { id: string; token: string }>(interaction: T): T {
    this.dispatch("INTERACTION_CREATE", interaction);
    return interaction;
  }
}

const isShard = (value: unknown): value is Shard => Array.isArray(value) && value.length === 2 && value.every((n) => Number.isInteger(n));

/** The guild a dispatch is about: its guild_id, or a GUILD_* event's own id. */
function guildOf(t: string, d: Json): string | undefined {
  if (typeof d?.guild_id === "string") return d.guild_id;
  if (/^GUILD_(CREATE|UPDATE|DELETE)$/.test(t) && typeof d?.id === "string") return d.id;
  return undefined;
}

/** Whether a socket gets a dispatch: any does on one shard (or before it identifies); else the guild's shard, a DM's shard 0. */
function receives(shard: Shard | undefined, guildId: string | undefined): boolean {
  if (!shard || shard[1] <= 1) return true;
  return shard[0] === (guildId ? shardOf(guildId, shard[1]) : 0);
}

function stripUndefined(o: Json): Json {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// ---- Interaction payloads -----------------------------------------------------------------------

function base(type: number, user: FakeUser) {
  return {
    id: nextId(),
    application_id: APPLICATION_ID,
    type,
    token: `tok_${randomBytes(12).toString("hex")}`,
    version: 1,
    guild_id: GUILD_ID,
    channel_id: CHANNEL_ID,
    channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: "general" },
    member: {
      user: { discriminator: "0", avatar: null, ...user },
      nick: null,
      roles: [],
      joined_at: "2024-01-01T00:00:00.000Z",
      deaf: false,
      mute: false,
      flags: 0,
      permissions: "2248473465835073",
    },
    app_permissions: "2248473465835073",
    locale: "en-US",
    guild_locale: "en-US",
    entitlements: [],
    authorizing_integration_owners: { "0": GUILD_ID },
    context: 0,
  };
}

type OptionValue = string | number;

function subcommand(sub: string, options: Record<string, OptionValue>, focused?: string) {
  return {
    type: 1,
    name: sub,
    options: Object.entries(options).map(([name, value]) => ({
      type: typeof value === "number" ? 4 : 3,
      name,
      value,
      ...(name === focused ? { focused: true } : {}),
    })),
  };
}

/** `/ideas <sub> option:value…` (type 2, chat input); `root` "ideas-admin" for the admin command. */
export function slashCommand(sub: string, options: Record<string, OptionValue> = {}, user: FakeUser = ASKER, root = "ideas") {
  return { ...base(2, user), data: { id: root === "ideas" ? "666666666666666666" : "666666666666666667", name: root, type: 1, options: [subcommand(sub, options)] } };
}

/** Typing into an autocomplete option (type 4): `focused` names the option being typed. */
export function autocomplete(sub: string, options: Record<string, OptionValue>, focused: string, user: FakeUser = ASKER, root = "ideas") {
  return { ...base(4, user), data: { id: root === "ideas" ? "666666666666666666" : "666666666666666667", name: root, type: 1, options: [subcommand(sub, options, focused)] } };
}

/** The same interaction from another guild (a channel of it): to put it on another shard (guildOnShard). */
export function inGuild<T extends ReturnType<typeof base>>(interaction: T, guildId: string, channelId = CHANNEL_ID): T {
  return { ...interaction, guild_id: guildId, channel_id: channelId, channel: { ...interaction.channel, id: channelId, guild_id: guildId }, authorizing_integration_owners: { "0": guildId } };
}

/** The same interaction from a member with other permissions in the channel (a bit set, as Discord sends it). */
export function withPermissions<T extends { member: { permissions: string } }>(interaction: T, permissions: bigint): T {
  return { ...interaction, member: { ...interaction.member, permissions: permissions.toString() } };
}

/** Pressing a button (type 3, component_type 2) on `message` (as the fake stored it). */
export function buttonPress(customId: string, message: Json, user: FakeUser = ASKER) {
  return { ...base(3, user), message, data: { custom_id: customId, component_type: 2 } };
}

/** Choosing from a string select menu (type 3, component_type 3). */
export function selectMenu(customId: string, values: string[], message: Json, user: FakeUser = ASKER) {
  return { ...base(3, user), message, data: { custom_id: customId, component_type: 3, values } };
}
