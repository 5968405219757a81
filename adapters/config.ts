import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { ConfigError, configError, describeConfig, readConfig, type Config } from "../src/config.ts";
import type { ConfiguredPlatform } from "./platform.ts";
import { PLATFORMS } from "./platforms.ts";

export interface AppConfig {
  config: Config;
  /** The platforms the environment configures, in PLATFORMS order. */
  platforms: ConfiguredPlatform[];
}

/**
 * The whole configuration: the core's variables and every platform's, validated together, so one
 * error names every variable at fault (never its value).
 */
export function loadAppConfig(values: NodeJS.ProcessEnv = process.env): AppConfig {
  const core = readConfig(values);
  const issues = core.ok ? [] : [...core.issues];
  const platforms: ConfiguredPlatform[] = [];
  for (const module of PLATFORMS) {
    const read = module.configure(values);
    issues.push(...read.issues);
    if (read.platform) platforms.push(read.platform);
  }
  if (!core.ok || issues.length > 0) throw configError(issues);
  return { config: core.value, platforms };
}

/** A summary fit for logs: the core's and which platforms run (no secrets). */
export function describeAppConfig({ config, platforms }: AppConfig): string {
  return `${describeConfig(config)}; platforms: ${platforms.map((p) => p.summary).join(", ") || "none"}`;
}

/** A variable's name as a POSIX shell, Docker's --env-file and systemd's EnvironmentFile take it. */
const ENV_NAME = /^[A-Za-z_]\w*$/;
const ENV_LINE = /^(?:export\s+)?([A-Za-z_]\w*)\s*=(.*)$/;

/**
 * Reads `.env` in the working directory, when there is one, into `env` (process.env): the first
 * thing `npm start`, the `ideas` CLI and `npm run deploy:discord` do. A variable already in the
 * environment wins over the file (as with `node --env-file` and `process.loadEnvFile`), so a
 * deployment's real environment is never overridden by a stray file. The lines are Node's `.env`
 * format (util.parseEnv: `NAME=value`, `export NAME=value`, quoted values, `#` comments); a file
 * that cannot be read, is not UTF-8, or has a line that is none of these is a ConfigError naming
 * the file and the line, never a value. Returns the names it set.
 */
export function loadDotEnv(path: string = resolve(".env"), env: NodeJS.ProcessEnv = process.env): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return [];
    throw new ConfigError(`${path}: cannot read the environment file (${code === "EISDIR" ? "it is a directory" : (code ?? "unreadable")})`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ConfigError(`${path}: the environment file is not UTF-8 text`);
  }
  const bad = malformedLine(text);
  if (bad !== undefined) throw new ConfigError(`${path}: line ${bad} is not NAME=value or a # comment (the value is not shown)`);
  const values = parseEnv(text);
  if (Object.keys(values).some((name) => !ENV_NAME.test(name))) throw new ConfigError(`${path}: not an environment file of NAME=value lines`);
  const set: string[] = [];
  for (const [name, value] of Object.entries(values)) {
    if (env[name] !== undefined || value === undefined) continue;
    env[name] = value;
    set.push(name);
  }
  return set;
}

/**
 * The first line (1-based) that util.parseEnv would misread or silently drop: neither blank, nor a
 * `#` comment, nor `NAME=value`, outside a quoted value that spans lines.
 */
function malformedLine(text: string): number | undefined {
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === "" || line.startsWith("#")) continue;
    const match = ENV_LINE.exec(line);
    if (!match) return i + 1;
    // A quote left open on its line runs to the next line holding that quote, as Node reads it.
    const value = match[2]!.trimStart();
    const quote = value[0];
    if ((quote === '"' || quote === "'" || quote === "`") && !value.slice(1).includes(quote)) {
      const end = lines.findIndex((next, j) => j > i && next.includes(quote));
      if (end > i) i = end;
    }
  }
  return undefined;
}
