import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { BufferedIncomingMessage } from "@slack/bolt";
import getRawBody from "raw-body";

/**
 * The largest request body the Slack HTTP endpoint accepts: 1 MiB. Slack's own payloads (slash
 * commands, button presses, events) are a few KB, a few hundred KB at the very most (a big
 * modal's state). Bolt can only check a request's signature once it holds the whole body, and
 * sets no size limit of its own, so without this an unsigned 500 MB body was held in memory.
 */
export const SLACK_BODY_LIMIT = 1024 * 1024;

/** A request refused with 413, as reported to `onRefused`. */
export interface BodyRefusal {
  /** `content-length`: declared over the limit, nothing read; `streamed`: cut off once it passed it. */
  reason: "content-length" | "streamed";
  method: string;
  path: string;
  limit: number;
  /** The declared Content-Length, when the request had one. */
  declared?: number;
  /** Body bytes read (and dropped) before refusing: 0 on Content-Length, at most limit + one chunk when streamed. */
  received: number;
}

export interface BodyLimitOptions {
  /** The most body bytes a request may carry. */
  limit: number;
  /** Paths whose POST bodies the wrapped listener reads (Bolt's `endpoints`); those are buffered here first. */
  paths: readonly string[];
  /** Told about every refusal (logging, tests). */
  onRefused?: (refusal: BodyRefusal) => void;
}

/**
 * Wraps Bolt's HTTPReceiver `requestListener` so no request body over `limit` reaches memory:
 *
 * - any request whose Content-Length is over the limit is answered 413 at once, unread;
 * - a POST to one of `paths` is read here with raw-body and its `limit`, counting as it streams
 *   (chunked ones included), and cut off with 413 the moment it passes the limit: what was read is
 *   dropped, reading stops and the connection closes. A body within the limit is handed to Bolt as
 *   `rawBody`, which Bolt takes as already read (its `BufferedIncomingMessage`), so it verifies
 *   and dispatches the request exactly as before;
 * - anything else goes straight to Bolt, which answers it without reading a body.
 */
export function limitBody(listener: RequestListener, options: BodyLimitOptions): RequestListener {
  const { limit, paths, onRefused } = options;

  const refuse = (res: ServerResponse, refusal: BodyRefusal): void => {
    onRefused?.(refusal);
    if (!res.headersSent) {
      // `connection: close` makes Node end and destroy the socket once the answer is written,
      // rather than read the rest of the body to reuse the connection.
      res.writeHead(413, { "content-type": "text/plain; charset=utf-8", connection: "close" });
      res.end("Request body too large.\n");
    }
  };

  return (req: IncomingMessage, res: ServerResponse): void => {
    const method = (req.method ?? "GET").toUpperCase();
    const path = pathOf(req.url);
    const header = req.headers["content-length"];
    // Node's parser has already refused malformed or conflicting Content-Length headers.
    const declared = header === undefined ? undefined : Number(header);
    if (declared !== undefined && declared > limit) {
      refuse(res, { reason: "content-length", method, path: path ?? "", limit, declared, received: 0 });
      return;
    }
    if (method !== "POST" || path === undefined || !paths.includes(path)) {
      listener(req, res);
      return;
    }

    // raw-body (what Bolt itself reads bodies with) counts as it streams, stops at the limit,
    // halts the stream and drops what it read.
    getRawBody(req, { limit, ...(declared === undefined ? {} : { length: declared }) }).then(
      (body) => {
        (req as BufferedIncomingMessage).rawBody = body;
        listener(req, res);
      },
      (error: { type?: string; received?: number }) => {
        if (error.type === "entity.too.large") {
          refuse(res, { reason: "streamed", method, path, limit, ...(declared === undefined ? {} : { declared }), received: error.received ?? limit + 1 });
        } else if (!res.headersSent && !res.destroyed) {
          // Aborted mid-body, or fewer bytes than Content-Length said: nothing to hand to Bolt.
          res.writeHead(400, { connection: "close" }).end();
        }
      },
    ).catch(() => {
      // Bolt answers its endpoints asynchronously and does not throw here; never crash if it does.
      if (!res.headersSent) res.writeHead(500).end();
    });
    // After raw-body lets go of a refused request, a reset connection must not become an unhandled 'error'.
    req.on("error", () => {});
  };
}

/** The request's path without its query, as Bolt matches it; undefined if the URL cannot be parsed. */
function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? "/", "http://localhost").pathname;
  } catch {
    return undefined;
  }
}
