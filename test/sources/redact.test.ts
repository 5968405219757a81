import { describe, expect, it } from "vitest";
import { isSecretName, redactText, redactUrl, redactUrls, requestTarget } from "../../src/sources/redact.ts";
import { parseSourceSpec } from "../../src/sources/spec.ts";

describe("redactUrl", () => {
  it("hides the whole userinfo: password and user name", () => {
    expect(redactUrl("http://user:s3cret@host/ideas.md")).toBe("http://***@host/ideas.md");
    expect(redactUrl("https://ghp_abcdef123456@raw.githubusercontent.com/o/r/main/ideas.md")).toBe("https://***@raw.githubusercontent.com/o/r/main/ideas.md");
    expect(redactUrl("https://user:@host/x.md")).toBe("https://***@host/x.md");
  });

  it("hides the values of secret-looking query parameters, keeps the others as written", () => {
    expect(redactUrl("https://host/ideas.md?token=abc123")).toBe("https://host/ideas.md?token=***");
    expect(redactUrl("https://host/ideas.md?ref=main&access_token=abc&page=2")).toBe("https://host/ideas.md?ref=main&access_token=***&page=2");
    expect(redactUrl("https://host/x.md?X-Amz-Signature=f00&X-Amz-Credential=AKIA%2F1&X-Amz-Date=20250101")).toBe(
      "https://host/x.md?X-Amz-Signature=***&X-Amz-Credential=***&X-Amz-Date=20250101",
    );
    expect(redactUrl("https://u:p@host/x.md?a=%20b&Private_Token=t#frag")).toBe("https://***@host/x.md?a=%20b&Private_Token=***#frag");
    expect(redactUrl("https://host/cb#access_token=abc&state=1")).toBe("https://host/cb#access_token=***&state=1");
  });

  it.each([
    "token",
    "access_token",
    "auth",
    "key",
    "api_key",
    "apikey",
    "API-KEY",
    "secret",
    "password",
    "pass",
    "pwd",
    "sig",
    "signature",
    "x-amz-signature",
    "x-amz-security-token",
    "private_token",
    "client_secret",
    "my_secret_thing",
    "%74oken",
  ])("treats %s as a secret name", (name) => {
    expect(isSecretName(name)).toBe(true);
  });

  it.each(["ref", "page", "format", "raw", "path", "author", "plain"])("keeps %s", (name) => {
    expect(isSecretName(name)).toBe(false);
  });

  it("returns a URL with nothing to hide, and any file path, exactly as given", () => {
    for (const location of ["HTTPS://Host.example/Ideas.md?ref=main", "http://127.0.0.1:8080/a.md?", "./data/ideas.md", "/srv/user:pass@x.md", "C:\\ideas\\a.md", "ideas.md?token=x"]) {
      expect(redactUrl(location)).toBe(location);
    }
  });

  it("never throws: an unparseable URL is hidden whole", () => {
    expect(redactUrl("http://user:pw@[bad/?token=abc")).toBe("http://[invalid URL]");
    expect(redactUrl("https://")).toBe("https://[invalid URL]");
    expect(redactUrl("http://h/x?%E0%A4%A=1&token=%zz")).toBe("http://h/x?%E0%A4%A=1&token=***");
    expect(redactUrl("")).toBe("");
  });

  it("is idempotent", () => {
    for (const location of ["http://u:p@h/x.md?token=t&a=1", "http://[invalid URL]", "https://h/x.md#key=1", "./a.md"]) {
      expect(redactUrl(redactUrl(location))).toBe(redactUrl(location));
    }
  });

  it("a label inferred from a URL comes from its path only", () => {
    expect(parseSourceSpec("http://user:PW@host/x/ideas.md?token=T#k").label).toBe("ideas");
  });

  it("a source that is not a valid URL is refused without echoing it", () => {
    expect(() => parseSourceSpec("t3=http://user:PW@[bad/ideas.md?token=T")).toThrow(/^source "t3" is not a valid URL \(http:\/\/\[invalid URL\]\)$/);
    expect(() => parseSourceSpec("ftp://user:PW@host/ideas.md")).toThrow(/^source "ftp:\/\/\*\*\*@host\/ideas\.md" is neither/);
  });
});

describe("redactText", () => {
  const location = "http://user:PASSWORD@127.0.0.1:8080/ideas.md?token=TOKEN123";

  it("redacts the location, as written or as the URL parser writes it, and its secrets anywhere", () => {
    expect(redactText(`could not fetch ${location}: boom`, [location])).toBe("could not fetch http://***@127.0.0.1:8080/ideas.md?token=***: boom");
    expect(redactText("HTTP://USER:PASSWORD@127.0.0.1:8080/ideas.md?token=TOKEN123", [location])).not.toMatch(/PASSWORD|TOKEN123/);
    expect(redactText("server said: bad token TOKEN123 for PASSWORD", [location])).toBe("server said: bad token *** for ***");
    expect(redactText("nothing here", [location, "./a.md"])).toBe("nothing here");
  });

  it("hides an unparseable location whole", () => {
    const bad = "http://user:pw@[bad/?token=abc";
    expect(redactText(`Failed to parse URL from ${bad}`, [bad])).toBe("Failed to parse URL from http://[invalid URL]");
  });
});

describe("redactUrls", () => {
  it("redacts every URL in free text, whatever quotes it, and leaves the rest alone", () => {
    const text = 'fetch failed: GET "https://me:tok3n@host.example/a.md" (see http://plain.example/x?page=2, redis://:pw123456@cache:6379)';
    expect(redactUrls(text)).toBe('fetch failed: GET "https://***@host.example/a.md" (see http://plain.example/x?page=2, redis://***@cache:6379)');
    expect(redactUrls("no url here: a:b@c")).toBe("no url here: a:b@c");
  });

  it("stays linear on text built to make a URL pattern backtrack", () => {
    const hostile = "a.".repeat(200_000) + "://" + "b".repeat(200_000);
    const started = performance.now();
    redactUrls(hostile);
    // Generous: a quadratic scan of 600 KB would take minutes.
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe("requestTarget", () => {
  it("moves the userinfo into an Authorization: Basic header, decoded", () => {
    const { url, authorization } = requestTarget("http://us%40er:p%3Ass+w@host/x.md?token=t");
    expect(url).toBe("http://host/x.md?token=t");
    expect(Buffer.from(authorization!.replace(/^Basic /, ""), "base64").toString("utf8")).toBe("us@er:p:ss+w");
  });

  it("leaves a URL without credentials as given, with no header", () => {
    expect(requestTarget("https://host/x.md?token=t")).toEqual({ url: "https://host/x.md?token=t" });
    expect(requestTarget("./a.md")).toEqual({ url: "./a.md" });
  });
});
