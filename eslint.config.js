// `npm run lint`, in CI. Two jobs:
// - typescript-eslint's recommended rules on every TypeScript file (sources, tests, bench), plus the
//   two type-aware rules a bot needs most on its sources: a promise nobody awaits or catches is a
//   crash or a lost error waiting to happen (no-floating-promises, no-misused-promises).
// - a guard on regular expressions: the parser must stay linear, so no regex may have nested or
//   adjacent unbounded quantifiers over the same characters (catastrophic backtracking). Idiom in
//   the sources: a trailing run is written `(?<!x)x+$` (e.g. `(?<!\/)\/+$`), so a match can only
//   start where the run starts instead of being retried from every character of it.
// eslint-plugin-regexp stays on 3.1: 3.3 pulls in a parser that needs Node 22.
import tseslint from "typescript-eslint";
import regexp from "eslint-plugin-regexp";

const SOURCES = ["src/**/*.ts", "adapters/**/*.ts", "commands/**/*.ts"];

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "coverage/**"] },
  {
    files: [...SOURCES, "test/**/*.ts", "bench/**/*.ts", "*.ts"],
    extends: [tseslint.configs.recommended],
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // Text from files is stripped of control characters on purpose (terminal safety).
      "no-control-regex": "error",
      // `_name` marks what is left unused on purpose (a rest sibling dropped, a callback's position).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: SOURCES,
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { regexp },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      // Exponential or polynomial backtracking when a match attempt fails.
      "regexp/no-super-linear-backtracking": "error",
      // Polynomial time when an unanchored regex is retried at every start offset.
      "regexp/no-super-linear-move": "error",
      // A quantifier whose capture is silently shortened by a neighbouring one.
      "regexp/no-misleading-capturing-group": "error",
    },
  },
);
