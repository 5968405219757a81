import type Database from "better-sqlite3";
import { EndingTransaction, type SharedReads } from "./rows.ts";
import type { KnownIdeaKeys, NewOutboxEntry, OutboxPayload, RecentEntries, SourceVersion, StoreTransaction } from "./store.ts";

/**
 * The statements of one SQLite write transaction, opened and ended by SqliteStore.transaction.
 * Its methods refuse to run once the transaction has ended: a leftover call would write outside
 * any transaction.
 */
export class SqliteTransaction extends EndingTransaction implements StoreTransaction {
  constructor(
    private readonly db: Database.Database,
    reads: SharedReads,
  ) {
    super(reads);
  }

  async presentIds(label: string): Promise<string[]> {
    this.ensureOpen();
    const rows = this.db.prepare("SELECT idea_id FROM ideas_seen WHERE source = ? AND present = 1").all(label) as Array<{ idea_id: string }>;
    return rows.map((r) => r.idea_id);
  }

  async knownIdeas({ ids, issueKeys }: { ids: readonly string[]; issueKeys: readonly string[] }): Promise<KnownIdeaKeys> {
    this.ensureOpen();
    // One statement each, the keys as a JSON array: no limit on the number of bound parameters.
    const seen = this.db.prepare("SELECT DISTINCT idea_id FROM ideas_seen WHERE idea_id IN (SELECT value FROM json_each(?))").all(JSON.stringify(ids)) as Array<{ idea_id: string }>;
    const issues = this.db
      .prepare("SELECT issue_key, min(idea_id) AS idea_id FROM idea_issues WHERE issue_key IN (SELECT value FROM json_each(?)) GROUP BY issue_key")
      .all(JSON.stringify(issueKeys)) as Array<{ issue_key: string; idea_id: string }>;
    const accepted = this.db
      .prepare("SELECT DISTINCT idea_id FROM ideas_seen WHERE idea_id IN (SELECT value FROM json_each(?)) AND json_extract(data, '$.stage') = 'accepted'")
      .all(JSON.stringify(ids)) as Array<{ idea_id: string }>;
    return { ids: new Set(seen.map((r) => r.idea_id)), ideaByIssue: new Map(issues.map((r) => [r.issue_key, r.idea_id])), accepted: new Set(accepted.map((r) => r.idea_id)) };
  }

  async recordVersion({ source, location, validators, parsedWith, now, ideas }: SourceVersion): Promise<void> {
    this.ensureOpen();
    const at = now.toISOString();
    this.db.prepare("UPDATE ideas_seen SET present = 0 WHERE source = ?").run(source);
    const upsert = this.db.prepare(
      `INSERT INTO ideas_seen (source, idea_id, project, title, issues, first_seen, last_seen, present, data, position)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
       ON CONFLICT (source, idea_id) DO UPDATE SET project = excluded.project, title = excluded.title, issues = excluded.issues,
         last_seen = excluded.last_seen, present = 1, data = excluded.data, position = excluded.position`,
    );
    const issue = this.db.prepare("INSERT OR IGNORE INTO idea_issues (issue_key, idea_id) VALUES (?, ?)");
    ideas.forEach(({ idea, issueKeys }, position) => {
      upsert.run(source, idea.id, idea.project, idea.title, JSON.stringify(idea.issues), at, at, JSON.stringify(idea), position);
      for (const key of issueKeys) issue.run(key, idea.id);
    });
    this.db
      .prepare(
        `INSERT INTO sources (label, location, content_hash, etag, last_modified, parsed_with, checked_at, recorded_at, last_error)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL)
         ON CONFLICT (label) DO UPDATE SET location = excluded.location, content_hash = excluded.content_hash, etag = excluded.etag,
           last_modified = excluded.last_modified, parsed_with = excluded.parsed_with, checked_at = excluded.checked_at,
           recorded_at = excluded.recorded_at, last_error = NULL`,
      )
      .run(source, location, validators.contentHash, validators.etag, validators.lastModified, parsedWith, at, at);
  }

  async enqueue(entries: readonly NewOutboxEntry[], now: Date): Promise<void> {
    this.ensureOpen();
    const insert = this.db.prepare("INSERT INTO outbox (subscription_id, idea_ids, payload, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?)");
    for (const entry of entries) insert.run(entry.subscriptionId, JSON.stringify(entry.ideaIds), JSON.stringify(entry.payload), entry.dueAt ?? now.getTime(), now.getTime());
  }

  async recentEntries(subscriptionIds: readonly number[], since: number): Promise<Map<number, RecentEntries>> {
    this.ensureOpen();
    const out = new Map<number, RecentEntries>();
    const counts = this.db
      .prepare("SELECT subscription_id, COUNT(*) AS count, MIN(created_at) AS oldest FROM outbox WHERE subscription_id IN (SELECT value FROM json_each(?)) AND created_at >= ? GROUP BY subscription_id")
      .all(JSON.stringify(subscriptionIds), since) as Array<{ subscription_id: number; count: number; oldest: number }>;
    const untried = this.db.prepare(
      "SELECT id, idea_ids, payload FROM outbox WHERE subscription_id = ? AND status = 'pending' AND attempts = 0 AND lease_owner IS NULL ORDER BY id DESC LIMIT 1",
    );
    for (const row of counts) {
      const held = untried.get(row.subscription_id) as { id: number; idea_ids: string; payload: string } | undefined;
      let entry: RecentEntries["untried"] = null;
      if (held) {
        try {
          entry = { id: held.id, ideaIds: JSON.parse(held.idea_ids) as string[], payload: JSON.parse(held.payload) as OutboxPayload };
        } catch {
          // A row it cannot read is left for delivery to set aside; new ideas make their own entry.
        }
      }
      out.set(row.subscription_id, { count: row.count, oldestAt: row.oldest, untried: entry });
    }
    return out;
  }

  async rewriteUntried(id: number, ideaIds: readonly string[], payload: OutboxPayload): Promise<boolean> {
    this.ensureOpen();
    return this.db.prepare("UPDATE outbox SET idea_ids = ?, payload = ? WHERE id = ? AND status = 'pending' AND attempts = 0 AND lease_owner IS NULL").run(JSON.stringify(ideaIds), JSON.stringify(payload), id).changes > 0;
  }
}
