import { createHmac } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { SlackAdapter, type SlackAdapterOptions } from "../../../adapters/slack/slack.ts";

export interface Recorded {
  path: string;
  headers: IncomingMessage["headers"];
  body: string;
  json: Record<string, unknown> | null;
}

/** A loopback HTTP server that records every request and answers with `answer(path)`. */
export async function recorder(answer: (path: string, body: string) => unknown = () => ({ ok: true })): Promise<{ url: string; requests: Recorded[]; server: Server; close(): Promise<void> }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      let json: Record<string, unknown> | null = null;
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        json = null;
      }
      requests.push({ path: req.url ?? "", headers: req.headers, body, json });
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer(req.url ?? "", body)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, requests, server, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Waits until `predicate` holds, polling; fails after `ms`. */
export async function until<T>(probe: () => T | undefined, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > end) throw new Error("timed out waiting");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Slack's v0 request signature over `v0:timestamp:body`. */
export function sign(secret: string, body: string, timestamp = Math.floor(Date.now() / 1000)): Record<string, string> {
  const signature = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
  return { "x-slack-signature": signature, "x-slack-request-timestamp": String(timestamp), "content-type": "application/x-www-form-urlencoded" };
}

/** A Slack adapter in HTTP mode on 127.0.0.1 (a free port), its Web API calls going to a loopback `recorder`. */
export function httpAdapter(api: { url: string }, options: Omit<SlackAdapterOptions, "apiUrl" | "port" | "host">): SlackAdapter {
  return new SlackAdapter({ apiUrl: `${api.url}/api`, port: 0, host: "127.0.0.1", ...options });
}
