import { readFileSync } from "node:fs";

/** The bot's version, from package.json: shown by `/ideas status` and /readyz. */
export const VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
