import { discord } from "./discord/platform.ts";
import type { PlatformModule } from "./platform.ts";
import { slack } from "./slack/platform.ts";

/** The chat platforms this build knows. The shell is always there (adapters/shell), configured by SHELL_ADAPTER. */
export const PLATFORMS: readonly PlatformModule[] = [discord, slack];
