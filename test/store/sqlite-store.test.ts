import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { recordCheck } from "../../src/announce/record.ts";
import { DATABASE_FILE, MIGRATIONS, SqliteStore } from "../../src/store/sqlite-store.ts";
import { announceFixture, check, freshStore, SHELL, subscription, tempDir } from "../announce/helpers.ts";
import { readIdeas } from "../../src/sources/read.ts";
import { fixture } from "../helpers.ts";
import { LEASE_KEEP_MS, LEASE_PRUNE_EVERY } from "../../src/store/rows.ts";

const DISCORD = { platform: "discord" as const, workspaceId: "G1", channelId: "C1" };

// What every store must do is in test/store/contract.ts (run on SQLite by contract-sqlite.test.ts);
// here, what is SQLite's own: the file, its migrations, rows damaged behind its back.
describe("SqliteStore: the file", () => {
  it("creates DATA_DIR and one database file in WAL mode with a busy timeout, at the latest schema", async () => {
    const dir = path.join(tempDir(), "nested", "data");
    const store = new SqliteStore(dir);
    expect(existsSync(path.join(dir, DATABASE_FILE))).toBe(true);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("busy_timeout", { simple: true })).toBe(10000);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    expect(store.storeId).toMatch(/^[0-9a-f]{8}$/);
    await store.close();
    // Opening again runs no step twice and keeps the store's id.
    const again = new SqliteStore(dir);
    expect(again.schemaVersion).toBe(MIGRATIONS.length);
    expect(again.storeId).toBe(store.storeId);
    await again.close();
  });

  it("migrates a database of schema 1 (the first slice) without losing what it saw", async () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, DATABASE_FILE));
    old.exec(`CREATE TABLE sources (label TEXT PRIMARY KEY, content_hash TEXT, etag TEXT, last_modified TEXT, checked_at TEXT, last_error TEXT);
      CREATE TABLE ideas_seen (source TEXT NOT NULL, idea_id TEXT NOT NULL, project TEXT NOT NULL, title TEXT NOT NULL, issues TEXT NOT NULL DEFAULT '[]',
        first_seen TEXT NOT NULL, last_seen TEXT NOT NULL, present INTEGER NOT NULL DEFAULT 1, PRIMARY KEY (source, idea_id));
      CREATE INDEX ideas_seen_id ON ideas_seen (idea_id);
      CREATE TABLE idea_issues (issue_key TEXT NOT NULL, idea_id TEXT NOT NULL, PRIMARY KEY (issue_key, idea_id));
      CREATE TABLE announcements (idea_id TEXT PRIMARY KEY, source TEXT NOT NULL, project TEXT NOT NULL, title TEXT NOT NULL, found_at TEXT NOT NULL);
      INSERT INTO sources VALUES ('a', 'abc', NULL, NULL, '2022-01-01T00:00:00.000Z', NULL);
      INSERT INTO ideas_seen VALUES ('a', 'comet-9aa2fa', 'Comet', 'Plugin system for the Comet CLI', '[]', '2022-01-01T00:00:00.000Z', '2022-01-01T00:00:00.000Z', 1);
      PRAGMA user_version = 1;`);
    old.close();
    const store = new SqliteStore(dir);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    const state = await store.sourceState("a");
    expect(state).toMatchObject({ recordedAt: "2022-01-01T00:00:00.000Z", presentCount: 1, parsedWith: null });
    // Not a first check any more, and the idea it saw is not new.
    await store.subscribe(subscription(SHELL));
    const outcome = await check(store, "a", announceFixture("v1.md"));
    expect(outcome.newIdeas.map((i) => i.title)).toEqual(["Kubernetes operator for Comet", "Faster storage compaction"]);
    await store.close();
  });

  it("migrates schema 3 to any platform's name, keeping subscriptions and their outbox rows", async () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, DATABASE_FILE));
    for (const step of MIGRATIONS.slice(0, 3)) old.exec(step);
    old.exec(`PRAGMA user_version = 3;
      INSERT INTO subscriptions (id, platform, workspace_id, channel_id, created_by, created_at, updated_at) VALUES (7, 'discord', 'G1', 'C1', 'u', 't', 't');
      INSERT INTO outbox (subscription_id, idea_ids, payload, next_attempt_at, created_at) VALUES (7, '["x"]', '{"kind":"idea","ideas":[]}', 0, 0);`);
    expect(() => old.exec(`INSERT INTO subscriptions (platform, workspace_id, channel_id, created_by, created_at, updated_at) VALUES ('matrix', 'S', 'R', 'u', 't', 't')`)).toThrow(/CHECK constraint/);
    old.close();
    const store = new SqliteStore(dir);
    expect(store.schemaVersion).toBe(MIGRATIONS.length);
    // Migration 5 gives every existing subscription the default stage: every new idea, as before.
    expect(await store.subscriptions()).toMatchObject([{ id: 7, platform: "discord", channelId: "C1", stage: "proposed" }]);
    expect(await store.outbox()).toMatchObject([{ subscription: { id: 7, platform: "discord", channelId: "C1" }, status: "pending" }]);
    // A platform the core never heard of is one folder of adapters/, with no schema change.
    const { subscription: matrix } = await store.subscribe({ platform: "matrix", workspaceId: "S", channelId: "!room", skills: [], project: null, createdBy: "u", now: new Date() });
    expect(matrix.id).toBeGreaterThan(7);
    await expect(store.subscribe({ platform: "Not A Name", workspaceId: "S", channelId: "R", skills: [], project: null, createdBy: "u", now: new Date() })).rejects.toThrow(/CHECK constraint/);
    // The outbox still cascades: unsubscribing drops the channel's undelivered rows.
    expect(await store.unsubscribe({ platform: "discord", workspaceId: "G1", channelId: "C1" })).toBe(true);
    expect(await store.outbox()).toEqual([]);
    await store.close();
  });

  it("refuses a database from a newer ideas-bot, saying so", () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma("user_version = 99");
    db.close();
    expect(() => new SqliteStore(dir)).toThrow(/schema version 99, newer than this ideas-bot knows/);
  });

  it("two processes opening a new DATA_DIR at once migrate it once", async () => {
    const dir = tempDir();
    const stores = [new SqliteStore(dir), new SqliteStore(dir), new SqliteStore(dir)];
    expect(new Set(stores.map((s) => s.storeId)).size).toBe(1);
    for (const s of stores) await s.close();
  });
});

describe("SqliteStore: the parse cache and the terms it knows", () => {
  const ideas = readIdeas(fixture("terms/lfx-2026-3-accepted.md"), { label: "t", term: "lfx-2026-3", role: "accepted" }).ideas;

  it("gives back what was cached, and treats a damaged entry as a miss", async () => {
    const store = new SqliteStore(tempDir());
    expect(await store.cachedIdeas("k")).toBeUndefined();
    await store.cacheIdeas("k", ideas);
    expect(await store.cachedIdeas("k")).toEqual(ideas);
    store.db.prepare("UPDATE parsed_files SET ideas = '[{\"id\": 1}]' WHERE cache_key = 'k'").run();
    expect(await store.cachedIdeas("k")).toBeUndefined();
    store.db.prepare("UPDATE parsed_files SET ideas = 'not json' WHERE cache_key = 'k'").run();
    expect(await store.cachedIdeas("k")).toBeUndefined();
    // Written again, it serves again.
    await store.cacheIdeas("k", ideas);
    expect(await store.cachedIdeas("k")).toEqual(ideas);
    await store.close();
  });

  it("knows whether any source was recorded, and the terms of the ideas it saw (`other` for rows from before terms)", async () => {
    const store = new SqliteStore(tempDir());
    expect(await store.knownTerms()).toEqual({ recorded: false, terms: [] });
    await recordCheck(store, { source: "t", location: "t", ideas, validators: { etag: null, lastModified: null, contentHash: "h" }, parsedWith: "p", now: new Date(), announceExisting: false });
    store.db.prepare("INSERT INTO ideas_seen (source, idea_id, project, title, first_seen, last_seen) VALUES ('old', 'x-000000', 'X', 'Y', 'a', 'a')").run();
    const known = await store.knownTerms();
    expect(known.recorded).toBe(true);
    expect(known.terms.sort()).toEqual(["lfx-2026-3", "other"]);
    await store.close();
  });
});

describe("SqliteStore: rows and files it cannot read", () => {
  it("a malformed outbox row is set aside as failed, with a log line, and the rest is delivered", async () => {
    const logs: string[] = [];
    const dir = tempDir();
    const store = new SqliteStore(dir, { log: (m) => logs.push(m) });
    await store.subscribe(subscription(SHELL));
    await check(store, "ideas", announceFixture("v1.md"));
    await check(store, "ideas", announceFixture("v3-added.md"));
    await check(store, "ideas", `${announceFixture("v3-added.md")}\n#### One more idea\n\n- Description: Another.\n- Recommended Skills: Go\n- Mentor(s): Ada (@ada)\n- Upstream Issue: https://github.com/o/r/issues/4243\n`);
    const [first, second] = await store.outbox();
    expect(second).toBeDefined();
    store.db.prepare("UPDATE outbox SET payload = 'not json' WHERE id = ?").run(first!.id);
    const claimed = await store.claimDue({ owner: "t", platforms: ["shell"], now: Date.now() + 1000, leaseMs: 60_000, limit: 10 });
    expect(claimed.map((e) => e.id)).not.toContain(first!.id);
    expect(claimed.map((e) => e.id)).toContain(second!.id);
    expect((await store.outbox({ status: "failed" })).map((r) => [r.id, r.lastError])).toEqual([[first!.id, "malformed row: its ideas or payload are not readable"]]);
    expect(logs.join("\n")).toMatch(/outbox entry \d+ \(shell channel shell\) is malformed/);
    await store.close();
  });

  it("a subscription row with a malformed filter is left out, with a log line; the others stand", async () => {
    const logs: string[] = [];
    const store = new SqliteStore(tempDir(), { log: (m) => logs.push(m) });
    await store.subscribe(subscription(SHELL));
    await store.subscribe(subscription(DISCORD));
    store.db.prepare("UPDATE subscriptions SET skills = '{oops' WHERE platform = 'shell'").run();
    expect((await store.subscriptions()).map((s) => s.platform)).toEqual(["discord"]);
    expect(logs.join("\n")).toMatch(/subscription \d+ \(shell channel shell\) has a malformed filter/);
    await store.close();
  });

  it("a saved paged answer reads back as saved; one that is not a continuation reads as no answer; old ones are dropped as new ones are saved", async () => {
    const store = freshStore();
    const answer = { continuation: { command: "search", input: { query: "rust", page: 2 } }, ownerId: "ada", createdAt: Date.now() };
    await store.saveAnswer("tok1", answer);
    expect(await store.loadAnswer("tok1")).toEqual(answer);
    expect(await store.loadAnswer("nope")).toBeUndefined();
    store.db.prepare("UPDATE answers SET continuation = '[1,2]' WHERE token = 'tok1'").run();
    expect(await store.loadAnswer("tok1")).toBeUndefined();
    store.db.prepare("UPDATE answers SET continuation = '{oops' WHERE token = 'tok1'").run();
    expect(await store.loadAnswer("tok1")).toBeUndefined();
    await store.saveAnswer("old", { ...answer, createdAt: Date.now() - 3 * 24 * 60 * 60 * 1000 });
    for (let i = 0; i < 100; i++) await store.saveAnswer(`t${i}`, answer);
    expect(await store.loadAnswer("old")).toBeUndefined();
    expect(await store.loadAnswer("t99")).toEqual(answer);
    await store.close();
  });

  it("refuses an empty file, a file that is not SQLite, and another program's database, naming the file", async () => {
    const empty = tempDir();
    writeFileSync(path.join(empty, DATABASE_FILE), "");
    expect(() => new SqliteStore(empty)).toThrow(`${path.join(empty, DATABASE_FILE)} is empty (0 bytes)`);
    const text = tempDir();
    writeFileSync(path.join(text, DATABASE_FILE), "hello, I am not a database\n");
    expect(() => new SqliteStore(text)).toThrow(/is not an SQLite database/);
    const foreign = tempDir();
    const other = new Database(path.join(foreign, DATABASE_FILE));
    other.exec("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    other.close();
    expect(() => new SqliteStore(foreign)).toThrow(/is a database of another program \(tables: invoices\)/);
  });
});

describe("SqliteStore: leases", () => {
  it("leases expired for over an hour (claims of past interactions) are dropped now and then; a live or recent one stays", async () => {
    const store = freshStore();
    const now = 10 * 60 * 60 * 1000;
    await store.holdLease("source-check", "A", now, 60_000);
    await store.holdLease("recently-expired", "A", now - LEASE_KEEP_MS / 2 - 1_000, 1_000);
    for (let i = 0; i < LEASE_PRUNE_EVERY; i++) await store.holdLease(`interaction:${i}`, "A", now - 3 * LEASE_KEEP_MS, 60_000);
    // Held an hour later: the two hundredth lease held sweeps the ones that expired over an hour before it.
    for (let i = 0; i < LEASE_PRUNE_EVERY; i++) await store.holdLease(`later:${i}`, "B", now, 60_000);
    const names = (store.db.prepare("SELECT name FROM leases").all() as Array<{ name: string }>).map((r) => r.name);
    expect(names).toContain("source-check");
    expect(names).toContain("recently-expired");
    expect(names.filter((n) => n.startsWith("interaction:"))).toEqual([]);
    expect(names.filter((n) => n.startsWith("later:"))).toHaveLength(LEASE_PRUNE_EVERY);
    await store.close();
  });
});
