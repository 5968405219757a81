import type { Writable } from "node:stream";
import { plainAnnouncement } from "../../src/announce/message.ts";
import type { AnnouncementSink } from "../../src/announce/sink.ts";
import { cleanForTerminal } from "./render.ts";

/**
 * The shell's sink: prints announcements for the shell's pseudo-channel to a stream (stdout in an
 * interactive shell, stderr for `announce --once`). A write is accepted at once; the outbox key is
 * the message id.
 */
export function createShellSink(output: Pick<Writable, "write">): AnnouncementSink {
  return {
    platform: "shell",
    async post(entry) {
      output.write(`\n${cleanForTerminal(plainAnnouncement(entry.payload))}\n`);
      return { messageId: `shell:${entry.key}` };
    },
  };
}
