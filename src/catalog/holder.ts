import { Catalog } from "./catalog.ts";

/**
 * The catalogue that search and recommend use, swapped whole when the sources change: a reader
 * takes `holder.current` once per query and sees one consistent catalogue, and a reload needs no
 * restart. It is the one way to reach the catalogue: adapters and the watcher keep the holder, never a Catalog.
 * Until its first catalogue arrives it holds an empty one marked `loading`.
 */
export class CatalogHolder {
  private catalog: Catalog;

  constructor(initial: Catalog = new Catalog([], { loading: true })) {
    this.catalog = initial;
  }

  get current(): Catalog {
    return this.catalog;
  }

  /** Swaps in a new catalogue: one assignment, so no query ever sees half an update. */
  replace(next: Catalog): void {
    this.catalog = next;
  }
}
