/**
 * Several replicas of `npm start` on one PostgreSQL database (DATABASE_URL), following a fake GitHub
 * (IDEAS_SOURCES=github:cncf/mentoring, checked every 2 seconds), with a Slack channel (HTTP mode,
 * signed requests to Bolt, posts to a fake Web API) and a Discord channel (fake REST and gateway)
 * subscribed. Every replica answers commands; the scheduled check runs on the one replica holding
 * the `source-check` lease (src/announce/watcher.ts), the others rebuild their catalogue from what
 * it recorded (a new term's file included); the outbox is shared (claimDue: FOR UPDATE SKIP LOCKED, a lease per entry); paged answers
 * are in the database, so a button works on any replica.
 *
 * Each replica reaches GitHub, Slack and Discord through gates of its own (replicas-helpers.ts), so
 * the test knows which replica asked and can hold an answer back: a check stuck on the source, a
 * post the platform took and the bot never heard back about. kill -9 lands there.
 *
 * The tests share the replicas and run in order: a replica killed in one is gone for the next (the
 * leader's kill is followed by a replacement, as an orchestrator would start one), so the paging
 * test, which needs three, comes before the kills.
 */
import { PermissionFlagsBits } from "discord.js";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, startPostgres, type PostgresServer } from "../store/postgres-server.ts";
import { FakeGitHub, PROPOSAL_LABELS, proposalBody } from "../sources/fake-github.ts";
import { APPLICATION_ID, CHANNEL_ID, FakeDiscord, slashCommand, withPermissions } from "./discord/fake-discord.ts";
import { startFakeSlack, type FakeSlack } from "./slack/fake-slack.ts";
import { REFUSAL } from "../../adapters/slack/render.ts";
import { recorder, sign, until, type Recorded } from "./slack/loopback.ts";
import { eventually, loaded, pidOf, slackPort, smallRepository, startReplica, stopReplica, type GateRequest, type Replica } from "./replicas-helpers.ts";

const GITHUB_TOKEN = "ghp_replicas-token-0123456789";
const DISCORD_TOKEN = "discord-bot-token-replicas";
const SECRET = "slack-signing-secret-for-replicas";
const SLACK_CHANNEL = "C1";
/** Every 2 seconds: the lease is held for 90% of that, so a dead leader is replaced at the next tick. */
const INTERVAL_MS = 2_000;
const CRON = "*/2 * * * * *";
/** The proposals list, which every check reads once (a replica that does not lead asks only for the tree). */
const PROPOSALS = { path: /^\/repos\/[^/]+\/[^/]+\/issues$/ };

let server: PostgresServer;
let db: pg.Client;
let databaseUrl: string;
let github: FakeGitHub;
let slack: FakeSlack;
let discord: FakeDiscord;
let responses: Awaited<ReturnType<typeof recorder>>;
const replicas: Replica[] = [];
const ports = new Map<Replica, number>();
let issue = 9500;

const live = () => replicas.filter((r) => r.alive());

/** A proposal issue opened upstream: a new Jaeger idea titled `title`. */
function propose(title: string): void {
  github.openIssue({ title: `[CNCF LFX Proposal] Jaeger ${title}`, body: proposalBody(title, ++issue), labels: PROPOSAL_LABELS });
}

/** chat.postMessage calls to the Slack channel about `title` (refused and repeated ones included), and the messages it holds. */
const slackPosts = (title: string) => slack.posts.filter((p) => p.channel === SLACK_CHANNEL && JSON.stringify(p).includes(title));
const slackMessages = (title: string) => (slack.messages.get(SLACK_CHANNEL) ?? []).filter((m) => JSON.stringify(m).includes(title));
/** POSTs to the Discord channel about `title`, and the messages it holds. */
const discordPosts = (title: string) => discord.posts.filter((p) => p.channel === CHANNEL_ID && JSON.stringify(p.body).includes(title));
const discordMessages = (title: string) => (discord.channelMessages.get(CHANNEL_ID) ?? []).filter((m: unknown) => JSON.stringify(m).includes(title));

/** Checks of the fake GitHub so far, by any replica (one proposals list each). */
const checks = () => github.countRequests(PROPOSALS);

/** Waits for `n` more checks (by whichever replica leads). */
async function moreChecks(n = 3): Promise<void> {
  const after = checks();
  await until(() => (checks() >= after + n ? true : undefined), 60_000);
}

/** Waits until `title` has reached both channels (at least once). */
async function postedEverywhere(title: string, ms = 60_000): Promise<void> {
  await until(() => (slackMessages(title).length > 0 && discordMessages(title).length > 0 ? true : undefined), ms);
}

/** Each channel holds `title` once, and got exactly one post for it. */
function postedOnce(title: string): void {
  expect(slackMessages(title)).toHaveLength(1);
  expect(slackPosts(title)).toHaveLength(1);
  expect(discordMessages(title)).toHaveLength(1);
  expect(discordPosts(title)).toHaveLength(1);
}

async function startOne(name: string): Promise<Replica> {
  const replica = await startReplica(
    name,
    { github: github.url, slackApi: slack.apiUrl, discordApi: discord.apiUrl },
    {
      DATABASE_URL: databaseUrl,
      IDEAS_SOURCES: "github:cncf/mentoring",
      GITHUB_TOKEN,
      ANNOUNCE_CRON: CRON,
      DEFAULT_TERM: "all",
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SECRET,
      ANNOUNCE_ADMINS: "U1",
      DISCORD_TOKEN,
      DISCORD_APPLICATION_ID: APPLICATION_ID,
    },
  );
  replicas.push(replica);
  return replica;
}

/** Ready: Slack's receiver listening (its port noted) and the first check done. */
async function ready(replica: Replica): Promise<void> {
  ports.set(replica, await slackPort(replica));
  await loaded(replica);
}

let asked = 0;
/** `/ideas <text>` from `user` in the Slack channel, signed, to `replica`; the answer at the response_url that contains `expected`. */
async function slash(replica: Replica, text: string, user: string, expected: string): Promise<Recorded> {
  const path = `/slash/${++asked}`;
  const body = new URLSearchParams({ command: "/ideas", text, user_id: user, user_name: user.toLowerCase(), channel_id: SLACK_CHANNEL, team_id: "T1", response_url: `${responses.url}${path}`, trigger_id: "1" }).toString();
  const res = await fetch(`http://127.0.0.1:${ports.get(replica)}/slack/events`, { method: "POST", body, headers: sign(SECRET, body) });
  expect(res.status).toBe(200);
  await res.text();
  return until(() => responses.requests.find((r) => r.path === path && r.body.includes(expected)), 20_000);
}

/** Asks `/ideas <text>` of `replica` again and again until an answer contains `expected` (a catalogue catching up). */
async function answers(replica: Replica, text: string, user: string, expected: string, ms = 30_000): Promise<Recorded> {
  const end = Date.now() + ms;
  for (;;) {
    const answer = await slash(replica, text, user, "");
    if (answer.body.includes(expected)) return answer;
    if (Date.now() > end) throw new Error(`${replica.name} never answered ${JSON.stringify(text)} with ${JSON.stringify(expected)}; last answer: ${answer.body.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A button pressed by `user` (a signed block_actions payload) to `replica`; the answer at its response_url. */
async function press(replica: Replica, user: string, actionId: string, value: string): Promise<Recorded> {
  const path = `/press/${++asked}`;
  const payload = {
    type: "block_actions",
    user: { id: user, name: user.toLowerCase() },
    team: { id: "T1" },
    channel: { id: SLACK_CHANNEL },
    api_app_id: "A1",
    token: "x",
    trigger_id: "1",
    response_url: `${responses.url}${path}`,
    container: { type: "message" },
    actions: [{ type: "button", action_id: actionId, block_id: "b", value, action_ts: "1" }],
  };
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  const res = await fetch(`http://127.0.0.1:${ports.get(replica)}/slack/events`, { method: "POST", body, headers: sign(SECRET, body) });
  expect(res.status).toBe(200);
  await res.text();
  return until(() => responses.requests.find((r) => r.path === path), 20_000);
}

const buttons = (answer: Recorded) => (answer.json!.blocks as Array<{ type: string; elements?: Array<{ action_id: string; value: string }> }>).find((b) => b.type === "actions")?.elements ?? [];

/** The `source-check` lease row: who leads, until when (epoch ms). */
async function checkLease(): Promise<{ owner: string; until: number } | undefined> {
  const { rows } = await db.query<{ owner: string; until: string }>("SELECT owner, until FROM leases WHERE name = 'source-check'");
  return rows[0] ? { owner: rows[0].owner, until: Number(rows[0].until) } : undefined;
}

/** The outbox rows of the announcement of `title`: one per subscription. */
async function outboxOf(title: string): Promise<Array<{ id: string; platform: string; status: string; lease_owner: string | null; attempts: number }>> {
  const { rows } = await db.query(
    "SELECT o.id, s.platform, o.status, o.lease_owner, o.attempts FROM outbox o JOIN subscriptions s ON s.id = o.subscription_id WHERE o.payload::text LIKE $1 ORDER BY o.id",
    [`%${title}%`],
  );
  return rows;
}

/** A term the bundled manifest does not know: a file the leader discovers upstream while the others run. */
const NEW_TERM_FILE = "programs/lfx-mentorship/2027/01-Mar-May/project_ideas.md";
const FILE_IDEA = "Zyzzyva quorum dashboards";

/** An ideas file of one idea, as cncf/mentoring writes them. */
function newTermIdeas(title: string): string {
  return [
    "# Project ideas",
    "## Proposed Project ideas",
    "#### Jaeger",
    `##### ${title}`,
    [
      "- Description: Dashboards of quorum reads, written by the replicas test.",
      "- Recommended Skills: Go, Kubernetes",
      "- Mentor(s): Ada Lovelace (@ada)",
      "- Upstream Issue (URL): <https://github.com/jaegertracing/jaeger/issues/9999>",
    ].join("\n"),
  ].join("\n\n") + "\n";
}

const isIssueList = (r: GateRequest) => r.method === "GET" && /^\/repos\/[^/]+\/[^/]+\/issues(\?|$)/.test(r.url);
const isSlackPost = (r: GateRequest) => r.method === "POST" && r.url.endsWith("/chat.postMessage");
const isDiscordPost = (r: GateRequest) => r.method === "POST" && /\/channels\/\d+\/messages$/.test(r.url);

beforeAll(async () => {
  server = await startPostgres();
  databaseUrl = await freshDatabase(server, "r");
  db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();

  github = await FakeGitHub.start({ token: GITHUB_TOKEN, dir: smallRepository() });
  slack = await startFakeSlack();
  slack.addChannel(SLACK_CHANNEL);
  discord = await FakeDiscord.start();
  responses = await recorder();

  // The first replica alone on the fake Discord's gateway (which sends an interaction to every
  // connection), to subscribe both channels by slash commands; then two more.
  const first = await startOne("A");
  await discord.waitForIdentify();
  await ready(first);
  await slash(first, "subscribe", "U1", "Subscribed");
  const manager = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages | PermissionFlagsBits.ManageChannels;
  const ask = discord.push(withPermissions(slashCommand("subscribe"), manager));
  const answer = await discord.waitForRequest((r) => r.method === "POST" && r.path === `/interactions/${ask.id}/${ask.token}/callback`, { timeoutMs: 20_000 });
  expect(JSON.stringify(answer.body)).toContain("Subscribed");
  const more = await Promise.all([startOne("B"), startOne("C")]);
  await Promise.all(more.map(ready));
  await until(() => (discord.identifies >= 3 ? true : undefined), 60_000);
  const { rows } = await db.query("SELECT platform, channel_id FROM subscriptions ORDER BY platform");
  expect(rows).toEqual([
    { platform: "discord", channel_id: CHANNEL_ID },
    { platform: "slack", channel_id: SLACK_CHANNEL },
  ]);
}, 180_000);

afterAll(async () => {
  await Promise.all(replicas.map((r) => stopReplica(r)));
  await responses?.close();
  await discord?.close();
  await slack?.close();
  await github?.close();
  await db?.end();
  await server?.stop();
  for (const replica of replicas) {
    expect(replica.out.stderr).not.toContain(SECRET);
    expect(replica.out.stderr).not.toContain(GITHUB_TOKEN);
    expect(replica.out.stderr).not.toContain(DISCORD_TOKEN);
  }
}, 60_000);

describe("npm start: three replicas on one PostgreSQL database", () => {
  it("posts a new idea once in each channel; one replica checks per tick; the others serve what it recorded", { timeout: 120_000 }, async () => {
    const title = "Quorumless tail sampling";
    // Only `finder` can finish a check: the others' stop at the proposals list (answered upstream,
    // held back here; a list answered before the hold predates the idea), so what they know of the
    // new idea comes from the store (the watcher's refresh on the ticks they do not lead).
    const [finder, ...others] = live();
    for (const replica of others) replica.gates.github.hold = isIssueList;
    const mark = finder!.gates.github.requests.length;
    propose(title);
    await postedEverywhere(title);
    // The answer names the idea (its title, which the query alone does not echo).
    for (const replica of others) await answers(replica, "search quorumless", "U2", title);
    // The finder did check since (the others could not).
    expect(finder!.gates.github.requests.slice(mark).some(isIssueList)).toBe(true);

    // A new term's file upstream: the others discover it (the tree) and serve what the finder recorded of it.
    github.writeFile(NEW_TERM_FILE, newTermIdeas(FILE_IDEA));
    await answers(finder!, "search zyzzyva", "U2", FILE_IDEA, 60_000);
    for (const replica of others) await answers(replica, "search zyzzyva", "U2", FILE_IDEA);
    for (const replica of others) replica.gates.github.release();

    await moreChecks(3);
    postedOnce(title);
    expect((await outboxOf(title)).map((r) => r.status)).toEqual(["sent", "sent"]);

    // One check per tick among the three (each check reads the proposals list once; the others
    // ask only for the tree), not three.
    const from = checks();
    const started = Date.now();
    await new Promise((r) => setTimeout(r, 4 * INTERVAL_MS));
    const ticks = Math.ceil((Date.now() - started) / INTERVAL_MS) + 1;
    expect(checks() - from).toBeGreaterThan(0);
    // One more for a replica whose tick came late on a busy machine (after the lease ran out);
    // without the lease it would be three a tick.
    expect(checks() - from).toBeLessThanOrEqual(ticks + 1);
  });

  it("pages on another replica: a Next button from replica A's answer, clicked on replica B, shows page 2", { timeout: 60_000 }, async () => {
    const [a, b] = live();
    const first = await slash(a!, "search kubernetes", "U7", "(page 1 of");
    const next = buttons(first).find((x) => x.action_id === "ideas_page");
    expect(next).toBeDefined();
    const token = String((JSON.parse(next!.value) as { t: string }).t);
    // The token is in the database (written behind the answer), not only in A's memory.
    await eventually(async () => ((await db.query("SELECT 1 FROM answers WHERE token = $1", [token])).rowCount ? true : undefined), 10_000, "the answer's row");

    // B knows whose answer it is (the owner is stored with it): someone else is refused, not paged.
    const stranger = await press(b!, "U8", "ideas_page", next!.value);
    expect(stranger.json).toMatchObject({ response_type: "ephemeral", replace_original: false, text: REFUSAL });
    const page2 = await press(b!, "U7", "ideas_page", next!.value);
    expect(page2.json).toMatchObject({ replace_original: true });
    expect(JSON.stringify(page2.json!.blocks)).toContain("(page 2 of");
    // And back to page 1, on the third replica.
    const previous = buttons(page2).find((x) => x.action_id === "ideas_page")!;
    const page1 = await press(live()[2]!, "U7", "ideas_page", previous.value);
    expect(JSON.stringify(page1.json!.blocks)).toContain("(page 1 of");
  });

  it("kill -9 of the leader during a check: another replica takes over at the next tick; nothing lost, nothing doubled", { timeout: 120_000 }, async () => {
    const before = "Leader crash trace export";
    const after = "Leader crash span links";
    // Every replica's check stops at the proposals list (answered upstream, held back here).
    for (const replica of live()) replica.gates.github.hold = isIssueList;
    propose(before);

    // The leader of this tick, per the leases table, stuck in its check.
    const { leader, owner } = await eventually(
      async () => {
        const lease = await checkLease();
        if (!lease || lease.until <= Date.now()) return undefined;
        const leader = live().find((r) => r.child.pid === pidOf(lease.owner));
        return leader && leader.gates.github.held.length > 0 ? { leader, owner: lease.owner } : undefined;
      },
      30_000,
      "the leader held in a check",
    );
    leader.child.kill("SIGKILL");
    const killedAt = Date.now();
    expect(await leader.closed).toBe(null);
    expect(leader.child.signalCode).toBe("SIGKILL");
    // The answer it waited for had nobody to go to: the check died in flight.
    await until(() => (leader.gates.github.held.every((h) => h.closed) ? true : undefined), 5_000);
    for (const replica of replicas) replica.gates.github.release();

    // An orchestrator would start a replacement: it joins without announcing anything again.
    const replacement = await startOne("D");

    // Another replica leads from the next tick, and checks.
    const checksAtKill = checks();
    const lease = await eventually(
      async () => {
        const lease = await checkLease();
        return lease && lease.owner !== owner && lease.until > Date.now() ? lease : undefined;
      },
      20_000,
      "another leader",
    );
    const takeoverMs = Date.now() - killedAt;
    console.info(`replicas: leader ${leader.name} (pid ${leader.child.pid}) killed; ${replicas.find((r) => r.child.pid === pidOf(lease.owner))?.name ?? lease.owner} took over after ${takeoverMs} ms`);
    expect(takeoverMs).toBeLessThan(3 * INTERVAL_MS);
    await until(() => (checks() > checksAtKill ? true : undefined), 20_000);

    propose(after);
    await postedEverywhere(before);
    await postedEverywhere(after);
    await ready(replacement);
    await moreChecks(3);
    postedOnce(before);
    postedOnce(after);
    expect((await outboxOf(before)).map((r) => r.status)).toEqual(["sent", "sent"]);
    expect((await outboxOf(after)).map((r) => r.status)).toEqual(["sent", "sent"]);
  });

  it("kill -9 of a replica while it posts: the idea reaches each channel exactly once", { timeout: 120_000 }, async () => {
    const title = "Delivery crash span metrics";
    // Slack and Discord take the post (the message is in the channel) and their answer is held back.
    for (const replica of live()) {
      replica.gates.slack.hold = isSlackPost;
      replica.gates.discord.hold = isDiscordPost;
    }
    propose(title);
    const poster = await until(() => live().find((r) => r.gates.slack.held.length + r.gates.discord.held.length > 0), 60_000);
    const heldOn = poster.gates.slack.held.length > 0 ? "slack" : "discord";
    // The outbox says so too: the entries are leased to the poster.
    const leased = (await outboxOf(title)).filter((r) => r.lease_owner !== null && pidOf(r.lease_owner) === poster.child.pid);
    expect(leased.length).toBeGreaterThan(0);
    expect(leased.map((r) => r.platform)).toContain(heldOn);
    const owner = leased[0]!.lease_owner!;
    console.info(`replicas: ${poster.name} (pid ${poster.child.pid}) killed while posting to ${heldOn}; it held ${leased.map((r) => r.platform).join(" and ")}`);

    poster.child.kill("SIGKILL");
    await poster.closed;
    for (const replica of replicas) {
      replica.gates.slack.release();
      replica.gates.discord.release();
    }
    // The platform has the message; the database does not know.
    expect(heldOn === "slack" ? slackMessages(title) : discordMessages(title)).toHaveLength(1);
    expect((await outboxOf(title)).filter((r) => r.status === "pending").length).toBeGreaterThan(0);

    // A dead replica's entries wait out their lease (2 minutes: Delivery's leaseMs, not configurable
    // from the environment): cut it short, as if this came later.
    const cut = await db.query("UPDATE outbox SET lease_until = $1 WHERE lease_owner = $2 AND status = 'pending'", [Date.now() - 1, owner]);
    expect(cut.rowCount).toBeGreaterThan(0);

    await eventually(async () => ((await outboxOf(title)).every((r) => r.status === "sent") ? true : undefined), 60_000, "the entries sent");
    await postedEverywhere(title);
    const platformName = heldOn === "slack" ? `slack channel ${SLACK_CHANNEL}` : `discord channel ${CHANNEL_ID}`;
    expect(live().some((r) => r.messages().some((m) => m.includes(`to ${platformName} was already posted by an earlier attempt`)))).toBe(true);
    await moreChecks(3);
    postedOnce(title);
  });
});
