// The layering of the sources, checked by `npm run depcheck` and test/lint/dependencies.test.ts.
// Folders: src/<name> (its subfolders included), commands, adapters; the files directly in src/
// are shared by all. adapters → commands → src, and within src nothing depends back on whatever
// depends on it.

/** A module's folder, captured as $1: src/<name>/, commands/ or adapters/. */
const FOLDER = "^((?:src/[^/]+|commands|adapters)/)";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment:
        "Folders must not import each other, even through modules that are not themselves in a cycle: " +
        "one folder has to be understandable (and replaceable) without the other.",
      severity: "error",
      scope: "folder",
      from: {},
      to: { circular: true },
    },
    {
      name: "no-circular-modules",
      comment:
        "A cycle of modules that leaves its folder (the files directly in src/ included, which the " +
        "folder rules cannot see: they count as the whole of src/). Cycles inside one folder are " +
        "allowed: some exist (src/ideas/parse.ts ⇄ table.ts, src/sources/read.ts ⇄ parse-pool.ts, " +
        "src/sources/spec.ts ⇄ manifest.ts).",
      severity: "error",
      from: { path: FOLDER },
      to: { circular: true, via: { pathNot: "^$1" } },
    },
    {
      name: "src-not-to-commands-or-adapters",
      comment: "src/ is the core: commands and adapters use it, never the other way round.",
      severity: "error",
      from: { path: "^src/" },
      to: { path: "^(commands|adapters)/" },
    },
    {
      name: "commands-not-to-adapters",
      comment: "A command answers on any platform: it knows no adapter.",
      severity: "error",
      from: { path: "^commands/" },
      to: { path: "^adapters/" },
    },
    {
      name: "store-not-to-announce",
      comment:
        "The store is persistence only: what is new and what to announce is src/announce's " +
        "(src/announce/record.ts runs it in a store transaction). A second store must not have to copy it.",
      severity: "error",
      from: { path: "^src/store/" },
      to: { path: "^src/announce/" },
    },
    {
      name: "not-to-unresolvable",
      comment: "An import the cruiser cannot resolve is an edge it cannot check: the rules above would pass for want of it.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports count: a cycle of types is a cycle of understanding.
    tsPreCompilationDeps: true,
    // Resolves the explicit `.ts` extensions of the imports (allowImportingTsExtensions).
    tsConfig: { fileName: "tsconfig.json" },
    // Packages' "exports" as Node reads them (minisearch/SearchableMap exists only there).
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default", "types"] },
    // Folder-level results (scope: "folder" rules) are computed with the metrics only.
    metrics: true,
  },
};
