/**
 * Credentials in source locations. A source URL may carry them (`https://user:pass@host/…`,
 * `…?token=…`): the fetch needs them, nothing else may see them. Every location that is logged,
 * stored or put into an error message goes through redactUrl; a message that may quote a location
 * (an error from the HTTP client) goes through redactText.
 *
 * Rules (redactUrl):
 * - A file path (anything not `scheme://…`) is returned as is: a path carries no credentials.
 * - The whole userinfo becomes `***` (`http://***@host/…`), user name included: it is often the
 *   token itself (`https://TOKEN@github.com`, `oauth2:TOKEN@gitlab…`).
 * - In the query and the fragment, the value of a parameter whose name looks secret becomes `***`
 *   (`?token=***&page=2`); see isSecretName.
 * - A URL with nothing to hide is returned exactly as given (not normalised), so locations stored
 *   before redaction existed still compare equal.
 * - A `scheme://` string the URL parser refuses is hidden whole: `http://[invalid URL]`. Never throws.
 * redactUrl(redactUrl(x)) === redactUrl(x).
 */

const HIDDEN = "***";
const URL_LIKE = /^\s*([a-z][a-z0-9+.-]*):\/\//i;

/** Parameter names that are secrets however short. */
const SECRET_NAMES = new Set(["auth", "authorization", "sig", "pass", "pwd", "jwt"]);
/** Name parts that mark a secret: access_token, api_key, apikey, client_secret, x-amz-signature, x-amz-credential… */
const SECRET_PARTS = /token|secret|key|passw(?:or)?d|signature|credential/;

/** Whether a query parameter's value is a secret, by its name (case-insensitive, percent-decoded). */
export function isSecretName(name: string): boolean {
  const n = percentDecode(name.replace(/\+/g, " ")).toLowerCase().trim();
  return SECRET_NAMES.has(n) || SECRET_PARTS.test(n);
}

/** The location fit for logs, messages and the store (rules above). */
export function redactUrl(location: string): string {
  const scheme = URL_LIKE.exec(location);
  if (!scheme) return location;
  const url = parse(location);
  if (!url) return `${scheme[1]!.toLowerCase()}://[invalid URL]`;
  const hasUserinfo = url.username !== "" || url.password !== "";
  const search = redactParams(url.search);
  const hash = redactParams(url.hash);
  if (!hasUserinfo && search === url.search && hash === url.hash) return location;
  url.password = "";
  url.username = hasUserinfo ? HIDDEN : "";
  // Assigned only when changed: assigning "" would also drop a bare `?` or `#`.
  if (search !== url.search) url.search = search;
  if (hash !== url.hash) url.hash = hash;
  return url.href;
}

/**
 * `text` with every given location redacted, and their secrets (user name, password, secret
 * parameter values; 4 characters or more, so a one-letter user name does not garble the message)
 * hidden wherever else they appear: the HTTP client quotes URLs in its errors, sometimes normalised.
 */
export function redactText(text: string, locations: readonly string[]): string {
  let out = text;
  for (const location of locations) {
    const redacted = redactUrl(location);
    if (redacted === location) continue;
    const url = parse(location);
    for (const form of new Set([location, location.trim(), url?.href ?? location])) out = out.split(form).join(redacted);
    if (!url) continue;
    for (const secret of secretsOf(url)) out = out.split(secret).join(HIDDEN);
  }
  return out;
}

/**
 * What to send for a location: the URL without its userinfo (fetch refuses a URL with
 * credentials) and, when it had some, the `Authorization: Basic` header they stand for (what a
 * browser or curl sends). fetch drops that header on a redirect to another origin.
 */
export function requestTarget(location: string): { url: string; authorization?: string } {
  const url = parse(location);
  if (!url || (url.username === "" && url.password === "")) return { url: location };
  const credentials = `${percentDecode(url.username)}:${percentDecode(url.password)}`;
  url.username = "";
  url.password = "";
  return { url: url.href, authorization: `Basic ${Buffer.from(credentials, "utf8").toString("base64")}` };
}

function parse(location: string): URL | null {
  try {
    return new URL(location.trim());
  } catch {
    return null;
  }
}

/** A query (`?a=1&b=2`) or fragment with the values of secret-named parameters hidden; "" stays "". */
function redactParams(part: string): string {
  if (part.length <= 1) return part;
  const pairs = part
    .slice(1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      return eq >= 0 && isSecretName(pair.slice(0, eq)) ? `${pair.slice(0, eq)}=${HIDDEN}` : pair;
    });
  return `${part[0]}${pairs.join("&")}`;
}

/** The secrets of a parsed location, as written and decoded, longest first. */
function secretsOf(url: URL): string[] {
  const raw = [url.username, url.password];
  for (const part of [url.search, url.hash]) {
    for (const pair of part.slice(1).split("&")) {
      const eq = pair.indexOf("=");
      if (eq >= 0 && isSecretName(pair.slice(0, eq))) raw.push(pair.slice(eq + 1));
    }
  }
  const all = new Set(raw.flatMap((s) => [s, percentDecode(s), percentDecode(s.replace(/\+/g, " "))]).filter((s) => s.length >= 4 && s !== HIDDEN));
  return [...all].sort((a, b) => b.length - a.length);
}

/** Percent-decoding that never throws: a malformed escape leaves the value as written. */
function percentDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A URL in free text: a scheme (at most 32 characters, so a scan stays linear), `://`, then up to the first space, quote or angle bracket. */
const URL_IN_TEXT = /\b[a-z][a-z0-9+.-]{0,31}:\/\/[^\s"'<>`]+/gi;

/**
 * `text` with every URL in it redacted (redactUrl), for text whose URLs are not known in advance:
 * every log line goes through it (adapters/log.ts), so a location quoted by a library is safe too.
 */
export function redactUrls(text: string): string {
  if (!text.includes("://")) return text;
  return text.replace(URL_IN_TEXT, (match) => {
    // Punctuation that ends a sentence or closes a bracket around the URL is not part of it.
    let end = match.length;
    while (end > 0 && ".,;:!?)]}".includes(match[end - 1]!)) end--;
    const url = match.slice(0, end);
    return redactUrl(url) + match.slice(url.length);
  });
}
