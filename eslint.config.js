// ESLint is used here only as a guard on regular expressions, not as a style
// linter: the parser must stay linear, so no regex may have nested or adjacent
// unbounded quantifiers over the same characters (catastrophic backtracking).
// Idiom in the sources: a trailing run is written `(?<!x)x+$` (e.g. `(?<!\/)\/+$`), so a match
// can only start where the run starts instead of being retried from every character of it.
// eslint-plugin-regexp stays on 3.1: 3.3 pulls in a parser that needs Node 22.
import tseslint from "typescript-eslint";
import regexp from "eslint-plugin-regexp";

export default [
  {
    files: ["src/**/*.ts", "adapters/**/*.ts", "commands/**/*.ts"],
    languageOptions: {
      parser: tseslint.parser,
      ecmaVersion: "latest",
      sourceType: "module",
    },
    plugins: { regexp },
    linterOptions: {
      // The sources carry directives for rules this config does not enable (no-control-regex).
      reportUnusedDisableDirectives: "off",
    },
    rules: {
      // Exponential or polynomial backtracking when a match attempt fails.
      "regexp/no-super-linear-backtracking": "error",
      // Polynomial time when an unanchored regex is retried at every start offset.
      "regexp/no-super-linear-move": "error",
      // A quantifier whose capture is silently shortened by a neighbouring one.
      "regexp/no-misleading-capturing-group": "error",
    },
  },
];
