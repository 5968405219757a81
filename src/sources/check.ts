import path from "node:path";
import { UserError } from "../errors.ts";

const NOT_MARKDOWN_EXT = /\.(json|ya?ml|toml|xml|html?|js|mjs|cjs|ts|py|go|rs|java|png|jpe?g|gif|webp|svg|pdf|zip|gz|tgz|tar|exe|bin|so|dll|wasm)$/i;

/**
 * Decides whether fetched or read bytes can be an ideas file, before parsing: binary data, an
 * HTML page (a proxy's or a host's error page) or another format is refused with a clear reason.
 * An export (`json`) must be a JSON object; markdown must not be JSON.
 */
export function decodeIdeasText(bytes: Uint8Array, where: string, format: "markdown" | "json" = "markdown"): string {
  if (bytes.includes(0)) throw new UserError("not_text", `${where} is a binary file, not markdown`);
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes).replace(/^\uFEFF/, "");
  const replacement = (text.match(/\uFFFD/g) ?? []).length;
  if (replacement > 8 && replacement > text.length / 100) throw new UserError("not_text", `${where} is not UTF-8 text`);
  if (format === "json") return decodeJson(text, where);
  if (!/^https?:/i.test(where) && NOT_MARKDOWN_EXT.test(path.extname(where))) {
    throw new UserError("not_markdown", `${where} is a ${path.extname(where).slice(1).toUpperCase()} file, not markdown`);
  }
  const head = refuseHtml(text, where);
  if (/^[[{]/.test(head)) {
    try {
      JSON.parse(text);
      throw new UserError("not_markdown", `${where} is JSON, not markdown`);
    } catch (error) {
      if (error instanceof UserError) throw error;
    }
  }
  return text;
}

/** The start of the text, lower-cased, once it is known not to be an HTML page. */
function refuseHtml(text: string, where: string): string {
  const head = text.trimStart().slice(0, 512).toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || /^<\?xml|^<(head|body)\b/.test(head)) {
    throw new UserError("html_page", `${where} returned an HTML page, not markdown`);
  }
  return head;
}

function decodeJson(text: string, where: string): string {
  if (!refuseHtml(text, where).startsWith("{")) throw new UserError("not_json", `${where} is not a JSON export`);
  return text;
}

/** The format a source's bytes must have. */
export function formatOf(spec: { role: string }): "markdown" | "json" {
  return spec.role === "export" ? "json" : "markdown";
}
