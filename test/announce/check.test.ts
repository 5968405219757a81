import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasHeading, runCheck } from "../../src/announce/check.ts";
import { SourceWatcher } from "../../src/announce/watcher.ts";
import { readIdeas, type SourceIdentity } from "../../src/sources/read.ts";
import { parseSourceSpec } from "../../src/sources/spec.ts";
import { announceFixture, check, freshStore, SHELL, subscription } from "./helpers.ts";

/** What the loopback source answers now. */
let mode: "v1" | "v3" | "500" | "html" | "slow" | "huge" | "empty" | "prose" | "template" = "v1";
const requests: Array<{ mode: string; conditional: boolean }> = [];
let server: Server;
let url = "";

const TEMPLATE = "# Project ideas\n\n## Template\n\n### Project name\n\n#### Idea title\n\n- Description: TODO\n";

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push({ mode, conditional: Boolean(req.headers["if-none-match"]) });
    const body = (text: string) => {
      const etag = `"${createHash("sha256").update(text).digest("hex").slice(0, 12)}"`;
      if (req.headers["if-none-match"] === etag) return res.writeHead(304, { etag }).end();
      return res.writeHead(200, { "content-type": "text/markdown", etag }).end(text);
    };
    switch (mode) {
      case "v1":
        return body(announceFixture("v1.md"));
      case "v3":
        return body(announceFixture("v3-added.md"));
      case "500":
        return res.writeHead(500).end("oops");
      case "html":
        return res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><html><body><h1>502 Bad Gateway</h1></body></html>");
      case "slow":
        setTimeout(() => body(announceFixture("v3-added.md")), 2_000).unref();
        return;
      case "huge":
        return res.writeHead(200).end(`${announceFixture("v3-added.md")}\n${"filler ".repeat(20_000)}`);
      case "empty":
        return res.writeHead(200).end("");
      case "prose":
        return res.writeHead(200).end("Service temporarily unavailable. Please try again later.\n");
      case "template":
        return body(TEMPLATE);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/project_ideas.md`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("the check against a loopback HTTP source", () => {
  it("parses only what changed, and a failing or bogus answer changes nothing: no announcement, the previous catalogue kept", async () => {
    const store = freshStore();
    await store.subscribe(subscription(SHELL));
    let parses = 0;
    const parse = (text: string, spec: SourceIdentity) => {
      parses++;
      return readIdeas(text, spec);
    };
    const logs: string[] = [];
    const watcher = new SourceWatcher({
      store,
      sources: [parseSourceSpec(`ideas=${url}`)],
      announceExisting: false,
      parse,
      fetchOptions: { retries: 1, minRetryDelayMs: 5, maxRetryDelayMs: 10, timeoutMs: 300, maxBytes: 64 * 1024 },
      log: (m) => logs.push(m),
    });

    mode = "v1";
    expect(await watcher.checkNow()).toEqual([]); // first check: recorded silently
    expect(parses).toBe(1);
    const first = watcher.holder.current;
    expect(first.size).toBe(3);
    expect(logs.some((l) => /first check, 3 idea\(s\) recorded without announcing/.test(l))).toBe(true);

    // 304: nothing parsed, the same catalogue object.
    expect(await watcher.checkNow()).toEqual([]);
    expect(requests.at(-1)).toEqual({ mode: "v1", conditional: true });
    expect(parses).toBe(1);
    expect(watcher.holder.current).toBe(first);

    for (const bad of ["500", "html", "slow", "huge", "empty", "prose"] as const) {
      mode = bad;
      expect(await watcher.checkNow(), bad).toEqual([]);
      expect(watcher.holder.current, bad).toBe(first);
      expect((await store.sourceState("ideas"))?.lastError, bad).toBeTruthy();
    }
    expect(parses).toBe(2); // only "prose" got as far as the parser, and was refused (no headings)
    expect(logs.filter((l) => /keeping what it had/.test(l))).toHaveLength(6);
    expect(await store.outbox()).toEqual([]);

    // The source had ideas: a template with headings but no ideas is refused too.
    mode = "template";
    await watcher.checkNow();
    expect((await store.sourceState("ideas"))?.lastError).toBe("no ideas found where there were some");
    expect(watcher.holder.current).toBe(first);

    // After all that, a real change announces exactly the new idea, and the catalogue is swapped.
    mode = "v3";
    expect((await watcher.checkNow()).map((i) => i.title)).toEqual(["Web dashboard for Comet jobs"]);
    expect(watcher.holder.current).not.toBe(first);
    expect(watcher.holder.current.size).toBe(4);
    expect(first.size).toBe(3);
    expect(await store.outbox()).toHaveLength(1);
    expect((await store.sourceState("ideas"))?.lastError).toBeNull();
    await watcher.stop();
    await store.close();
  });

  it("a restart serves the stored ideas while the source answers 304, and a new parser reads the source again", async () => {
    const store = freshStore();
    mode = "v3";
    const sources = [parseSourceSpec(`ideas=${url}`)];
    await new SourceWatcher({ store, sources, announceExisting: false }).checkNow();
    let parses = 0;
    const counting = (text: string, spec: SourceIdentity) => (parses++, readIdeas(text, spec));
    // A new process: nothing in memory, the source unchanged.
    const restarted = new SourceWatcher({ store, sources, announceExisting: false, parse: counting });
    await restarted.checkNow();
    expect(requests.at(-1)).toEqual({ mode: "v3", conditional: true });
    expect(parses).toBe(0);
    expect(restarted.holder.current.ideas.map((i) => i.title)).toContain("Web dashboard for Comet jobs");
    // Recorded by another parser: fetched in full and parsed again, and nothing is new.
    store.db.prepare("UPDATE sources SET parsed_with = 'sha256:older-parser'").run();
    const outcomes = await runCheck({ store, sources, announceExisting: false, parse: counting });
    expect(requests.at(-1)).toEqual({ mode: "v3", conditional: false });
    expect(parses).toBe(1);
    expect(outcomes[0]).toMatchObject({ status: "changed", newIdeas: [] });
    await store.close();
  });

  it("a source down at start still serves its last recorded ideas", async () => {
    const store = freshStore();
    mode = "v1";
    const sources = [parseSourceSpec(`ideas=${url}`)];
    await new SourceWatcher({ store, sources, announceExisting: false }).checkNow();
    mode = "500";
    const restarted = new SourceWatcher({ store, sources, announceExisting: false, fetchOptions: { retries: 0 } });
    await restarted.checkNow();
    expect(restarted.holder.current.size).toBe(3);
    await store.close();
  });
});

describe("what counts as new", () => {
  it("a reformatted, reordered, reworded version announces nothing; an added idea is announced once", async () => {
    const store = freshStore();
    await check(store, "a", announceFixture("v1.md"));
    expect((await check(store, "a", announceFixture("v2-reformatted.md"))).newIdeas).toEqual([]);
    expect((await check(store, "a", announceFixture("v3-added.md"))).newIdeas.map((i) => i.title)).toEqual(["Web dashboard for Comet jobs"]);
    expect((await check(store, "a", announceFixture("v3-added.md"))).status).toBe("unchanged");
    await store.close();
  });

  it("a renamed title and a move to another project keep their issue: not new; a distinct idea sharing a tracking issue is new", async () => {
    const store = freshStore();
    await check(store, "a", announceFixture("v3-added.md"));
    const outcome = await check(store, "a", announceFixture("v4-renamed.md"));
    expect(outcome.newIdeas.map((i) => i.title)).toEqual(["Second idea under Meteor's tracking issue"]);
    await store.close();
  });

  it("an idea that leaves and comes back is not new; a file with fewer ideas is taken as it is", async () => {
    const store = freshStore();
    const full = announceFixture("v3-added.md");
    const start = full.indexOf("#### Web dashboard");
    const without = full.slice(0, start) + full.slice(full.indexOf("### Meteor"));
    await check(store, "a", without);
    expect((await check(store, "a", full)).newIdeas.map((i) => i.title)).toEqual(["Web dashboard for Comet jobs"]);
    const fewer = await check(store, "a", without);
    expect(fewer).toMatchObject({ status: "changed", newIdeas: [] });
    expect(fewer.ideas).toHaveLength(3);
    expect((await check(store, "a", full)).newIdeas).toEqual([]);
    await store.close();
  });

  it("an idea moved from the ideas file into a README (a second source) is not announced again; the README's own new idea is", async () => {
    const store = freshStore();
    await check(store, "ideas", announceFixture("v1.md"));
    // The README is a new source: with ANNOUNCE_EXISTING its first check announces what is new anywhere.
    const readme = await check(store, "readme", announceFixture("readme.md"), { announceExisting: true });
    expect(readme.newIdeas.map((i) => i.title)).toEqual(["Metrics exporter"]);
    await store.close();
  });

  it("the first check is silent unless ANNOUNCE_EXISTING", async () => {
    const silent = freshStore();
    await silent.subscribe(subscription(SHELL));
    expect((await check(silent, "a", announceFixture("v1.md"))).newIdeas).toEqual([]);
    expect(await silent.outbox()).toEqual([]);
    const loud = freshStore();
    await loud.subscribe(subscription(SHELL));
    expect((await check(loud, "a", announceFixture("v1.md"), { announceExisting: true })).newIdeas).toHaveLength(3);
    expect(await loud.outbox()).toHaveLength(3);
    await silent.close();
    await loud.close();
  });

  it("a template with headings and no ideas is a valid first version", async () => {
    const store = freshStore();
    expect(await check(store, "a", TEMPLATE)).toMatchObject({ status: "changed", ideas: [] });
    expect((await check(store, "a", announceFixture("v1.md"))).newIdeas).toHaveLength(3);
    await store.close();
  });

  it("hasHeading knows ATX and setext headings", () => {
    expect(hasHeading("# Title\ntext")).toBe(true);
    expect(hasHeading("Title\n=====\n")).toBe(true);
    expect(hasHeading("just text\n#hashtag")).toBe(false);
  });
});
