import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchSourceIfChanged, sha256, type Validators } from "../../src/sources/fetch.ts";
import { parseSourceSpec } from "../../src/sources/spec.ts";
import { announceFixture, tempDir } from "../announce/helpers.ts";

const IDEAS = announceFixture("v1.md");
const ETAG = '"v1"';
const MODIFIED = "Wed, 01 Dec 2021 10:00:00 GMT";

let server: Server;
let base = "";
/** Requests per path, with their headers. */
const seen = new Map<string, IncomingHttpHeaders[]>();
/** Per path: how many more times /flaky answers 503 before 200. */
let flakyFailures = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = req.url ?? "";
    seen.set(url, [...(seen.get(url) ?? []), req.headers]);
    switch (url) {
      case "/conditional.md":
        if (req.headers["if-none-match"] === ETAG || req.headers["if-modified-since"] === MODIFIED) return res.writeHead(304, { etag: ETAG }).end();
        return res.writeHead(200, { "content-type": "text/markdown", etag: ETAG, "last-modified": MODIFIED }).end(IDEAS);
      case "/plain.md":
        // No validators at all: only the content hash tells that nothing changed.
        return res.writeHead(200, { "content-type": "text/markdown" }).end(IDEAS);
      case "/flaky.md":
        if (flakyFailures-- > 0) return res.writeHead(503).end("try later");
        return res.writeHead(200).end(IDEAS);
      case "/down.md":
        return res.writeHead(500).end("internal error");
      case "/limited.md":
        if ((seen.get(url)?.length ?? 0) === 1) return res.writeHead(429, { "retry-after": "0" }).end("slow down");
        return res.writeHead(200).end(IDEAS);
      case "/missing.md":
        return res.writeHead(404).end("not found");
      case "/html.md":
        return res.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html><body>Sign in to continue</body></html>");
      case "/slow.md":
        setTimeout(() => res.writeHead(200).end(IDEAS), 2_000).unref();
        return;
      case "/huge.md":
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("# x\n".repeat(50_000));
        return res.end();
      default:
        return res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

const fast = { retries: 2, minRetryDelayMs: 10, maxRetryDelayMs: 50 };
const spec = (p: string) => parseSourceSpec(`${base}${p}`);

describe("fetchSourceIfChanged over HTTP (loopback)", () => {
  it("sends the stored ETag and Last-Modified, and a 304 means unchanged", async () => {
    const first = await fetchSourceIfChanged(spec("/conditional.md"), null, fast);
    expect(first).toMatchObject({ changed: true, text: IDEAS, validators: { etag: ETAG, lastModified: MODIFIED, contentHash: sha256(IDEAS) } });
    expect(seen.get("/conditional.md")![0]!["if-none-match"]).toBeUndefined();
    const second = await fetchSourceIfChanged(spec("/conditional.md"), first.validators, fast);
    expect(second).toEqual({ changed: false, validators: first.validators });
    const headers = seen.get("/conditional.md")![1]!;
    expect(headers["if-none-match"]).toBe(ETAG);
    expect(headers["if-modified-since"]).toBe(MODIFIED);
  });

  it("asks unconditionally when it does not know the body the validators describe", async () => {
    const noBody: Validators = { etag: ETAG, lastModified: MODIFIED, contentHash: null };
    const result = await fetchSourceIfChanged(spec("/conditional.md"), noBody, fast);
    expect(result.changed).toBe(true);
  });

  it("a 200 with the same bytes (a server without validators) is unchanged too", async () => {
    const first = await fetchSourceIfChanged(spec("/plain.md"), null, fast);
    expect(first.changed).toBe(true);
    expect(await fetchSourceIfChanged(spec("/plain.md"), first.validators, fast)).toEqual({ changed: false, validators: first.validators });
  });

  it("retries a 5xx with backoff, then succeeds", async () => {
    flakyFailures = 2;
    const retries: string[] = [];
    const result = await fetchSourceIfChanged(spec("/flaky.md"), null, { ...fast, onRetry: (m) => retries.push(m) });
    expect(result.changed).toBe(true);
    expect(seen.get("/flaky.md")).toHaveLength(3);
    expect(retries).toHaveLength(2);
    expect(retries[0]).toMatch(/answered HTTP 503; retrying \(2 left\)/);
  });

  it("retries a 429, then succeeds", async () => {
    expect((await fetchSourceIfChanged(spec("/limited.md"), null, fast)).changed).toBe(true);
    expect(seen.get("/limited.md")).toHaveLength(2);
  });

  it("gives up on a 5xx after its retries, with the status", async () => {
    await expect(fetchSourceIfChanged(spec("/down.md"), null, fast)).rejects.toThrow(/answered HTTP 500/);
    expect(seen.get("/down.md")).toHaveLength(3);
  });

  it("does not retry a 404, an HTML page or a body over the limit", async () => {
    await expect(fetchSourceIfChanged(spec("/missing.md"), null, fast)).rejects.toThrow(/answered HTTP 404/);
    expect(seen.get("/missing.md")).toHaveLength(1);
    await expect(fetchSourceIfChanged(spec("/html.md"), null, fast)).rejects.toThrow(/HTML page, not markdown/);
    expect(seen.get("/html.md")).toHaveLength(1);
    await expect(fetchSourceIfChanged(spec("/huge.md"), null, { ...fast, maxBytes: 64 * 1024 })).rejects.toThrow(/larger than 65536 bytes/);
    expect(seen.get("/huge.md")).toHaveLength(1);
  });

  it("times out, retries, and gives up", async () => {
    await expect(fetchSourceIfChanged(spec("/slow.md"), null, { ...fast, retries: 1, timeoutMs: 150 })).rejects.toThrow(/no answer within 150 ms/);
    expect(seen.get("/slow.md")).toHaveLength(2);
  });

  it("reports an unreachable host after retrying", async () => {
    await expect(fetchSourceIfChanged(parseSourceSpec("http://127.0.0.1:9/ideas.md"), null, { ...fast, retries: 1 })).rejects.toThrow(/could not fetch/);
  });
});

describe("fetchSourceIfChanged with credentials in the URL", () => {
  const secret = "http://bob:hunter2-pw@127.0.0.1:9/ideas.md?access_token=tk-991&page=2";

  it("sends the userinfo as Basic auth (fetch refuses it in a URL) and keeps the query", async () => {
    const calls: Array<{ url: string; headers: Record<string, string> }> = [];
    const fake = (async (url: string, init: RequestInit) => {
      calls.push({ url, headers: init.headers as Record<string, string> });
      return new Response(IDEAS, { status: 200 });
    }) as typeof fetch;
    expect((await fetchSourceIfChanged(parseSourceSpec(secret), null, { ...fast, fetch: fake })).changed).toBe(true);
    expect(calls[0]!.url).toBe("http://127.0.0.1:9/ideas.md?access_token=tk-991&page=2");
    expect(calls[0]!.headers.authorization).toBe(`Basic ${Buffer.from("bob:hunter2-pw").toString("base64")}`);
  });

  it("names the location without them in errors and retry lines, even when the client quotes the URL", async () => {
    const retries: string[] = [];
    const quoting = (async (url: string) => {
      throw new TypeError(`fetch failed for ${url}`);
    }) as typeof fetch;
    const error = (await fetchSourceIfChanged(parseSourceSpec(secret), null, { ...fast, retries: 1, fetch: quoting, onRetry: (m) => retries.push(m) }).catch((e: unknown) => e)) as Error;
    expect(error.message).toBe("could not fetch http://***@127.0.0.1:9/ideas.md?access_token=***&page=2: fetch failed for http://127.0.0.1:9/ideas.md?access_token=***&page=2 (attempt 2)");
    expect(retries).toHaveLength(1);
    for (const text of [error.message, ...retries]) expect(text).not.toMatch(/bob|hunter2|tk-991/);
  });
});

describe("fetchSourceIfChanged for files", () => {
  it("compares the file's sha256: the same bytes are unchanged, without decoding", async () => {
    const file = path.join(tempDir(), "ideas.md");
    writeFileSync(file, IDEAS);
    const first = await fetchSourceIfChanged(parseSourceSpec(file), null);
    expect(first).toMatchObject({ changed: true, text: IDEAS, validators: { etag: null, lastModified: null, contentHash: sha256(IDEAS) } });
    expect(await fetchSourceIfChanged(parseSourceSpec(file), first.validators)).toEqual({ changed: false, validators: first.validators });
    writeFileSync(file, `${IDEAS}\n`);
    expect((await fetchSourceIfChanged(parseSourceSpec(file), first.validators)).changed).toBe(true);
  });

  it("refuses a missing file, a directory and a file over the limit", async () => {
    const dir = tempDir();
    await expect(fetchSourceIfChanged(parseSourceSpec(path.join(dir, "nope.md")), null)).rejects.toThrow(/no such file/);
    await expect(fetchSourceIfChanged(parseSourceSpec(dir), null)).rejects.toThrow(/is a directory/);
    const big = path.join(dir, "big.md");
    writeFileSync(big, "# x\n".repeat(1000));
    await expect(fetchSourceIfChanged(parseSourceSpec(big), null, { maxBytes: 100 })).rejects.toThrow(/larger than 100 bytes/);
  });
});
