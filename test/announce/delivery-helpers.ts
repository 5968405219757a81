import type { AnnouncedIdea } from "../../src/announce/message.ts";
import type { AnnouncementSink } from "../../src/announce/sink.ts";
import { SqliteStore } from "../../src/store/sqlite-store.ts";
import type { ChannelRef, OutboxEntry } from "../../src/store/store.ts";
import { announceFixture, check, subscription, tempDir } from "./helpers.ts";

/** What each platform's announcement tests share: an outbox to deliver, a test clock, a dying process. */

/** The sink, in a process that dies (its store closes) right after the platform accepted the post. */
export function diesAfterAccepted(real: AnnouncementSink, store: SqliteStore): AnnouncementSink {
  return {
    platform: real.platform,
    async post(entry) {
      const accepted = await real.post(entry);
      await store.close(); // the process dies here, before "sent" is written
      return accepted;
    },
  };
}

/** A test clock: delivery reads it, tests move it forward past backoffs and leases. */
export function clock() {
  let t = Date.now();
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

/**
 * A DATA_DIR whose store has these subscriptions and the announcements of one new idea ("Web
 * dashboard for Comet jobs") for each — or, with `burst`, of seven (one digest each).
 */
export async function queued(channels: ChannelRef[], options: { burst?: boolean; dir?: string } = {}) {
  const dir = options.dir ?? tempDir();
  const store = new SqliteStore(dir);
  for (const c of channels) await store.subscribe(subscription(c));
  await check(store, "ideas", announceFixture("v1.md"));
  await check(store, "ideas", announceFixture(options.burst ? "burst.md" : "v3-added.md"));
  return { dir, store };
}

/** An announced idea with every field filled, for rendering tests. */
export const announced = (n: number, extra: Partial<AnnouncedIdea> = {}): AnnouncedIdea => ({
  id: `proj-${String(n).padStart(6, "0")}`,
  title: `Idea number ${n} with a reasonably long title to fill the digest`,
  project: "Project",
  group: null,
  url: `https://github.com/o/r/issues/${n}`,
  skills: ["Go", "Kubernetes", "Rust", "Python"],
  mentors: ["Ada (@ada)"],
  summary: "Summary.",
  source: "s",
  ...extra,
});

/** An idea whose every field is at its worst: markup, escapes, mentions, lengths past every limit. */
export const hostileAnnouncement = announced(1, {
  title: `@everyone ${"\\".repeat(300)}`,
  project: `${"<&>".repeat(400)}`,
  skills: Array.from({ length: 300 }, () => "*_`|\\"),
  mentors: Array.from({ length: 300 }, () => "[x](y) <@1> &amp;"),
  summary: "\\*".repeat(3000),
  url: `https://github.com/o/r/issues/1?${"q".repeat(3000)}`,
});

/** A digest's worth: the hostile idea and sixty more with escapes in their titles. */
export const hostileBurst = [hostileAnnouncement, ...Array.from({ length: 60 }, (_, i) => announced(i + 2, { title: "&<>\\".repeat(100) }))];

/** An outbox entry for these ideas (a digest above five), as delivery hands it to a sink. */
export const outboxEntry = (ideas: AnnouncedIdea[], id = 1): OutboxEntry => ({
  id,
  key: `abcdef01-${id.toString(36)}`,
  subscription: { id: 1, platform: "discord", workspaceId: "G", channelId: "C", kind: "channel" },
  ideaIds: ideas.map((i) => i.id),
  payload: { kind: ideas.length > 5 ? "digest" : "idea", ideas },
  attempts: 1,
  createdAt: Date.now(),
});
