import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { issueKey, normalizeKey } from "../ideas/id.ts";
import type { Idea } from "../ideas/schema.ts";
import type { CheckRecord, SeenIdea, SourceState, Store } from "./store.ts";

/** Schema steps, applied in order; PRAGMA user_version records how many ran. Append, never edit. */
const MIGRATIONS: string[] = [
  `CREATE TABLE sources (
     label TEXT PRIMARY KEY,
     content_hash TEXT, etag TEXT, last_modified TEXT,
     checked_at TEXT, last_error TEXT
   );
   CREATE TABLE ideas_seen (
     source TEXT NOT NULL,
     idea_id TEXT NOT NULL,
     project TEXT NOT NULL,
     title TEXT NOT NULL,
     issues TEXT NOT NULL DEFAULT '[]',
     first_seen TEXT NOT NULL,
     last_seen TEXT NOT NULL,
     present INTEGER NOT NULL DEFAULT 1,
     PRIMARY KEY (source, idea_id)
   );
   CREATE INDEX ideas_seen_id ON ideas_seen (idea_id);
   CREATE TABLE idea_issues (issue_key TEXT NOT NULL, idea_id TEXT NOT NULL, PRIMARY KEY (issue_key, idea_id));
   CREATE TABLE announcements (
     idea_id TEXT PRIMARY KEY,
     source TEXT NOT NULL,
     project TEXT NOT NULL,
     title TEXT NOT NULL,
     found_at TEXT NOT NULL
   );`,
];

export const DATABASE_FILE = "ideas-bot.sqlite";

/** The SQLite store: one file under DATA_DIR, WAL so readers never block the checker. */
export class SqliteStore implements Store {
  readonly db: Database.Database;

  constructor(dataDir: string) {
    mkdirSync(dataDir, { recursive: true });
    this.db = new Database(path.join(dataDir, DATABASE_FILE));
    this.db.pragma("journal_mode = WAL");
    // Another process holding the write lock makes us wait, not fail.
    this.db.pragma("busy_timeout = 10000");
    this.migrate();
  }

  private migrate(): void {
    const version = this.db.pragma("user_version", { simple: true }) as number;
    for (let step = version; step < MIGRATIONS.length; step++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[step]!);
        this.db.pragma(`user_version = ${step + 1}`);
      }).immediate();
    }
  }

  sourceState(label: string): SourceState | undefined {
    const row = this.db.prepare("SELECT * FROM sources WHERE label = ?").get(label) as Record<string, string | null> | undefined;
    if (!row) return undefined;
    return { label, contentHash: row.content_hash ?? null, etag: row.etag ?? null, lastModified: row.last_modified ?? null, checkedAt: row.checked_at ?? null, lastError: row.last_error ?? null };
  }

  seenIdeas(): SeenIdea[] {
    return (this.db.prepare("SELECT * FROM ideas_seen").all() as Array<Record<string, string | number>>).map((r) => ({
      source: String(r.source),
      id: String(r.idea_id),
      project: String(r.project),
      title: String(r.title),
      issues: JSON.parse(String(r.issues)) as string[],
      present: r.present === 1,
    }));
  }

  recordCheck(record: CheckRecord): Idea[] {
    // IMMEDIATE: take the write lock before reading, so a second process waits and then sees our rows.
    return this.db.transaction(() => this.recordCheckLocked(record)).immediate();
  }

  private recordCheckLocked({ source, ideas, contentHash, etag, lastModified, now, announceExisting }: CheckRecord): Idea[] {
    const at = now.toISOString();
    // A source that only ever failed has not had its first check yet.
    const firstCheck = !this.db.prepare("SELECT 1 FROM sources WHERE label = ? AND content_hash IS NOT NULL").get(source);
    const present = new Set(ideas.map((i) => i.id));
    const newIdeas = ideas.filter((idea) => !this.isKnown(idea, source, present));
    this.db.prepare("UPDATE ideas_seen SET present = 0 WHERE source = ?").run(source);
    const upsert = this.db.prepare(
      `INSERT INTO ideas_seen (source, idea_id, project, title, issues, first_seen, last_seen, present) VALUES (?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (source, idea_id) DO UPDATE SET project = excluded.project, title = excluded.title, issues = excluded.issues, last_seen = excluded.last_seen, present = 1`,
    );
    const issue = this.db.prepare("INSERT OR IGNORE INTO idea_issues (issue_key, idea_id) VALUES (?, ?)");
    for (const idea of ideas) {
      upsert.run(source, idea.id, idea.project, idea.title, JSON.stringify(idea.issues), at, at);
      for (const url of idea.issues) issue.run(issueKey(url), idea.id);
    }
    this.db
      .prepare(
        `INSERT INTO sources (label, content_hash, etag, last_modified, checked_at, last_error) VALUES (?, ?, ?, ?, ?, NULL)
         ON CONFLICT (label) DO UPDATE SET content_hash = excluded.content_hash, etag = excluded.etag, last_modified = excluded.last_modified, checked_at = excluded.checked_at, last_error = NULL`,
      )
      .run(source, contentHash, etag ?? null, lastModified ?? null, at);
    const announced = firstCheck && !announceExisting ? [] : newIdeas;
    const record = this.db.prepare("INSERT OR IGNORE INTO announcements (idea_id, source, project, title, found_at) VALUES (?, ?, ?, ?, ?)");
    for (const idea of announced) record.run(idea.id, source, idea.project, idea.title, at);
    return announced;
  }

  /**
   * Whether an idea was seen before in any source: the same id (project and title after
   * normalisation), or the same upstream issue as a seen idea that has since left this file or has
   * the same title — a rename, a fixed typo, a move to another project heading. Distinct ideas that
   * share a tracking issue stay distinct: the earlier one is still there, under another title.
   */
  private isKnown(idea: Idea, source: string, present: Set<string>): boolean {
    if (this.db.prepare("SELECT 1 FROM ideas_seen WHERE idea_id = ? LIMIT 1").get(idea.id)) return true;
    const byIssue = this.db.prepare(
      `SELECT s.idea_id, s.title, s.source FROM idea_issues i JOIN ideas_seen s ON s.idea_id = i.idea_id WHERE i.issue_key = ?`,
    );
    for (const url of idea.issues) {
      for (const seen of byIssue.all(issueKey(url)) as Array<{ idea_id: string; title: string; source: string }>) {
        const gone = seen.source === source && !present.has(seen.idea_id);
        if (gone || normalizeKey(seen.title) === normalizeKey(idea.title) || seen.source !== source) return true;
      }
    }
    return false;
  }

  presentCount(label: string): number {
    return (this.db.prepare("SELECT count(*) AS n FROM ideas_seen WHERE source = ? AND present = 1").get(label) as { n: number }).n;
  }

  recordError(label: string, message: string, now: Date): void {
    this.db
      .prepare(
        `INSERT INTO sources (label, checked_at, last_error) VALUES (?, ?, ?)
         ON CONFLICT (label) DO UPDATE SET checked_at = excluded.checked_at, last_error = excluded.last_error`,
      )
      .run(label, now.toISOString(), message);
  }

  close(): void {
    this.db.close();
  }
}
