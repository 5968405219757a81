import type { Catalog } from "../../src/catalog/catalog.ts";
import { autocompleteFor, type Choice } from "../../src/command.ts";
import { resolveCommand } from "./routing.ts";

/** Discord's autocomplete limits: 25 choices, names and values of 1 to 100 characters. */
export const DISCORD_CHOICE_LIMITS = { maxChoices: 25, maxLength: 100 } as const;

/**
 * The choices for `/ideas <subcommand>`'s (or `/ideas-admin`'s) focused option, from the provider the option declares
 * (`.meta({ autocomplete })`); none for an option that declares none, or a stale registration.
 */
export function choicesFor(command: string, subcommand: string | null, option: string, catalog: Catalog, typed: string): Choice[] {
  const { definition } = resolveCommand(command, subcommand);
  const provider = definition ? autocompleteFor(definition, option) : undefined;
  return provider ? provider(catalog, typed, DISCORD_CHOICE_LIMITS) : [];
}
