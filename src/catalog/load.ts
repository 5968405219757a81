import { isUserError } from "../errors.ts";
import type { Idea } from "../ideas/schema.ts";
import { loadSourceText, type LoadOptions } from "../sources/load.ts";
import { readIdeasCached, type ParseCache } from "../sources/read.ts";
import type { SourceSpec } from "../sources/spec.ts";
import { Catalog, type CatalogOptions } from "./catalog.ts";

export interface SourceLoad {
  spec: SourceSpec;
  ideas: Idea[];
  warnings: string[];
  /** Why the source could not be read; its ideas are then empty. */
  error?: string;
}

export interface LoadCatalogOptions extends LoadOptions, CatalogOptions {
  /** Where parsed files are kept between runs (the store); without it every file is parsed. */
  cache?: ParseCache;
}

/** Reads and parses one source; never throws: a failure is reported in `error`. */
export async function loadSource(spec: SourceSpec, options: LoadCatalogOptions = {}): Promise<SourceLoad> {
  try {
    const text = await loadSourceText(spec, options);
    const { ideas, warnings } = await readIdeasCached(text, spec, options.cache);
    return { spec, ideas, warnings };
  } catch (error) {
    return { spec, ideas: [], warnings: [], error: isUserError(error) ? error.message : `unexpected error: ${(error as Error).message}` };
  }
}

/** Loads every source into one catalogue; sources that fail are reported and left out. */
export async function loadCatalog(specs: SourceSpec[], options: LoadCatalogOptions = {}): Promise<{ catalog: Catalog; loads: SourceLoad[] }> {
  const loads = await Promise.all(specs.map((spec) => loadSource(spec, options)));
  return { catalog: new Catalog(loads.flatMap((l) => l.ideas), options), loads };
}
