import { configError, describeConfig, readConfig, type Config } from "../src/config.ts";
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
