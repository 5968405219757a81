import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { redactText } from "../src/sources/redact.ts";
import type { BotStatus, SourceStatus } from "../src/status.ts";
import type { Store } from "../src/store/store.ts";
import type { Log } from "../src/log.ts";

/**
 * Health and readiness over HTTP, on HOST:PORT in every mode:
 *
 * - `GET /healthz` (liveness): 200 `{"status":"ok"}` as long as the process serves requests.
 * - `GET /readyz` (readiness): 200 when the first catalogue is loaded and every platform adapter is
 *   connected, 503 otherwise; the same JSON body either way (Readiness below).
 *
 * In Slack's HTTP mode these routes are served by Bolt's own server (the Slack adapter's
 * `extraRoutes`); in every other mode adapters/main.ts starts `startHealthServer`. Nothing here
 * shows a secret: sources by label, their last error with the locations' credentials redacted.
 */

/** Answers the request and returns true when it is one of its routes; false leaves it to the next listener. */
export type Routes = (req: IncomingMessage, res: ServerResponse) => boolean;

export const HEALTH_PATH = "/healthz";
export const READY_PATH = "/readyz";

/**
 * The body of /readyz: the bot's status (what `/ideas status` shows too) and whether it is ready:
 * ideas to answer from, every platform connected, the store readable.
 */
export interface Readiness extends BotStatus {
  ready: boolean;
}

/** What status and readiness are read from, at each request. */
export interface HealthState {
  version: string;
  startedAt: Date;
  /** The ideas in the current catalogue, and whether there are ideas to answer from (stored by the last run, or checked). */
  catalogue(): { ideas: number; loaded: boolean };
  /** When the schedule checks the sources next; null while it has not started. */
  nextCheck(): Date | null;
  /** Every platform adapter the process runs (the shell too), connected or not yet. */
  platforms(): Array<{ name: string; connected: boolean }>;
  /** The sources checked (a `github:` source stands for its files): labels are shown, locations only used to redact errors. */
  sources(): ReadonlyArray<{ label: string; location: string }>;
  /** Each followed repository (`github:`): when it was last asked and why it could not be read, shown first. */
  upstream?: () => ReadonlyArray<{ label: string; checkedAt: string | null; error: string | null }>;
  store: Pick<Store, "sourceState">;
}

/** The readiness report now. A store that cannot be read, or no ideas at all, makes the process not ready. */
export async function readiness(state: HealthState): Promise<Readiness> {
  const { status, readable } = await statusOf(state);
  const ready = readable && status.catalogue.loaded && status.catalogue.ideas > 0 && status.platforms.every((p) => p.connected);
  return { ready, ...status };
}

/** The status now (for `/ideas status`): what /readyz reports, without the verdict. */
export async function botStatus(state: HealthState): Promise<BotStatus> {
  return (await statusOf(state)).status;
}

async function statusOf(state: HealthState): Promise<{ status: BotStatus; readable: boolean }> {
  const checked = state.sources();
  const locations = checked.map((s) => s.location);
  let readable = true;
  const repositories: SourceStatus[] = (state.upstream?.() ?? []).map((u) => ({ label: u.label, checkedAt: u.checkedAt, recordedAt: null, ideas: 0, error: u.error ? redactText(u.error, locations) : null }));
  const files = await Promise.all(
    checked.map(async ({ label }): Promise<SourceStatus> => {
      try {
        const known = await state.store.sourceState(label);
        return {
          label,
          checkedAt: known?.checkedAt ?? null,
          recordedAt: known?.recordedAt ?? null,
          ideas: known?.presentCount ?? 0,
          error: known?.lastError ? redactText(known.lastError, locations) : null,
        };
      } catch {
        readable = false;
        return { label, checkedAt: null, recordedAt: null, ideas: 0, error: "its state could not be read" };
      }
    }),
  );
  const status: BotStatus = {
    version: state.version,
    startedAt: state.startedAt.toISOString(),
    catalogue: state.catalogue(),
    platforms: state.platforms(),
    sources: [...repositories, ...files],
    nextCheck: state.nextCheck()?.toISOString() ?? null,
  };
  return { status, readable };
}

function send(res: ServerResponse, status: number, body: unknown, head: boolean, headers: Record<string, string> = {}): void {
  if (res.headersSent || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text), ...headers });
  res.end(head ? undefined : text);
}

/** The /healthz and /readyz routes (GET and HEAD; other methods get 405). Any other path: false, untouched. */
export function healthRoutes(state: HealthState, log?: Log): Routes {
  return (req, res) => {
    const path = pathOf(req.url);
    if (path !== HEALTH_PATH && path !== READY_PATH) return false;
    const method = (req.method ?? "GET").toUpperCase();
    const head = method === "HEAD";
    // A body sent to these routes is never read: drain it so the connection stays usable.
    req.resume();
    if (method !== "GET" && !head) {
      send(res, 405, { error: "method not allowed" }, false, { allow: "GET, HEAD" });
      return true;
    }
    if (path === HEALTH_PATH) {
      send(res, 200, { status: "ok" }, head);
      return true;
    }
    readiness(state).then(
      (report) => send(res, report.ready ? 200 : 503, report, head),
      (error: unknown) => {
        log?.("readiness check failed", "error", error);
        send(res, 503, { ready: false }, head);
      },
    );
    return true;
  };
}

export interface HealthServer {
  server: Server;
  /** The bound port (PORT=0 picks a free one). */
  port: number;
  /** `http://host:port`, for the log line. */
  url: string;
  close(): Promise<void>;
}

/**
 * A small HTTP server for the routes alone (404 elsewhere), on port and host (undefined: every
 * interface). Rejects with the listen error (EADDRINUSE…), see listenFailure.
 */
export async function startHealthServer(routes: Routes, { port, host }: { port: number; host?: string | undefined }): Promise<HealthServer> {
  const server = createServer((req, res) => {
    if (routes(req, res)) return;
    req.resume();
    send(res, 404, { error: "not found" }, req.method === "HEAD");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // An error after listening (none is documented) is not worth a crash.
  server.on("error", () => {});
  const address = server.address() as AddressInfo;
  return {
    server,
    port: address.port,
    url: `http://${hostForUrl(address.address)}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

function hostForUrl(address: string): string {
  return address.includes(":") ? `[${address}]` : address;
}

/**
 * One line for a listen error on PORT that a person can fix (the port in use, a privileged port,
 * a HOST not on this machine); undefined for any other error.
 */
export function listenFailure(error: unknown, port: number, host?: string): string | undefined {
  const { code, syscall } = (error ?? {}) as { code?: string; syscall?: string };
  if (syscall !== "listen" && syscall !== "bind") return undefined;
  const where = `PORT ${port}${host ? ` on HOST ${host}` : ""}`;
  switch (code) {
    case "EADDRINUSE":
      return `cannot listen: ${where} is already in use; stop what uses it or set PORT to another port (PORT=0 picks a free one)`;
    case "EACCES":
      return `cannot listen: ${where} needs privileges; set PORT to 1024 or above`;
    case "EADDRNOTAVAIL":
      return `cannot listen: ${where}: the address is not on this machine; set HOST to one of its addresses, or unset it for every interface`;
    default:
      return undefined;
  }
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? "/", "http://localhost").pathname;
  } catch {
    return undefined;
  }
}
