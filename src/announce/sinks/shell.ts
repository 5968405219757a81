import type { Writable } from "node:stream";
import type { OutboxEntry } from "../../store/store.ts";
import { plainAnnouncement } from "../message.ts";
import type { AnnouncementSink } from "../sink.ts";

/** Strips terminal control characters: text from an ideas file must not move the cursor or recolour the screen. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, "");
}

/**
 * The shell's sink: prints announcements for the shell's pseudo-channel to a stream (stdout in an
 * interactive shell, stderr for `announce --once`). A write is accepted at once; the outbox key is
 * the message id.
 */
export function createShellSink(output: Writable): AnnouncementSink {
  return {
    platform: "shell",
    async post(entry: OutboxEntry) {
      output.write(`\n${clean(plainAnnouncement(entry.payload))}\n`);
      return { messageId: `shell:${entry.key}` };
    },
  };
}
