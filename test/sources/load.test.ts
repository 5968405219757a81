import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSource } from "../../src/catalog/load.ts";
import { loadSourceText } from "../../src/sources/load.ts";
import { parseSourceSpec } from "../../src/sources/spec.ts";
import { fixture } from "../helpers.ts";

const IDEAS = fixture("catalog/small-ideas.md");
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    switch (req.url) {
      case "/ideas.md":
        res.writeHead(200, { "content-type": "text/markdown" }).end(IDEAS);
        break;
      case "/error":
        res.writeHead(500).end("internal error");
        break;
      case "/html":
        res.writeHead(200, { "content-type": "text/html" }).end("<!DOCTYPE html><html><body>Rate limited</body></html>");
        break;
      case "/slow":
        setTimeout(() => res.writeHead(200).end(IDEAS), 2_000).unref();
        break;
      case "/huge":
        // No content-length: the limit must hold while streaming.
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("# x\n".repeat(100_000));
        res.end();
        break;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("loadSourceText over HTTP (loopback)", () => {
  it("reads a markdown body", async () => {
    expect(await loadSourceText(parseSourceSpec(`${base}/ideas.md`))).toBe(IDEAS);
  });

  it.each([
    ["/error", /answered HTTP 500/],
    ["/missing", /answered HTTP 404/],
    ["/html", /HTML page, not markdown/],
  ])("refuses %s clearly", async (route, message) => {
    await expect(loadSourceText(parseSourceSpec(`${base}${route}`))).rejects.toThrow(message);
  });

  it("gives up on a source that does not answer in time", async () => {
    await expect(loadSourceText(parseSourceSpec(`${base}/slow`), { timeoutMs: 200 })).rejects.toThrow(/no answer within 200 ms/);
  });

  it("stops reading a body over the size limit", async () => {
    await expect(loadSourceText(parseSourceSpec(`${base}/huge`), { maxBytes: 64 * 1024 })).rejects.toThrow(/larger than 65536 bytes/);
  });

  it("reports an unreachable host without throwing from loadSource", async () => {
    const load = await loadSource(parseSourceSpec("http://127.0.0.1:9/ideas.md"), { timeoutMs: 1_000 });
    expect(load.ideas).toEqual([]);
    expect(load.error).toMatch(/could not fetch/);
  });
});

describe("loadSourceText from files", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "ideas-src-"));

  it("refuses binary, JSON and other formats, and names the file", async () => {
    const bin = path.join(dir, "image.md");
    writeFileSync(bin, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    await expect(loadSourceText(parseSourceSpec(bin))).rejects.toThrow(`${bin} is a binary file, not markdown`);
    const json = path.join(dir, "ideas.txt");
    writeFileSync(json, '{"ideas": []}');
    await expect(loadSourceText(parseSourceSpec(json))).rejects.toThrow("is JSON, not markdown");
    const yaml = path.join(dir, "ideas.yaml");
    writeFileSync(yaml, "a: b\n");
    await expect(loadSourceText(parseSourceSpec(yaml))).rejects.toThrow("is a YAML file, not markdown");
  });

  it("names a missing file and a directory", async () => {
    await expect(loadSourceText(parseSourceSpec(path.join(dir, "nope.md")))).rejects.toThrow("no such file");
    await expect(loadSourceText(parseSourceSpec(dir))).rejects.toThrow("is a directory");
  });
});
