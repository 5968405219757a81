import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/**
 * The parser stays linear: no regex in src/, adapters/ or commands/ may backtrack super-linearly
 * (eslint.config.js: eslint-plugin-regexp's no-super-linear-backtracking, no-super-linear-move,
 * no-misleading-capturing-group). This runs the same lint as `npm run lint`.
 */
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/**
 * The project's lint without its type-aware rules: the regex rules need no type information, and
 * building it (and a probe file outside the TypeScript project) costs seconds.
 */
function regexLint(): ESLint {
  return new ESLint({
    cwd: ROOT,
    overrideConfig: {
      files: ["**/*.ts"],
      languageOptions: { parserOptions: { projectService: false } },
      rules: { "@typescript-eslint/no-floating-promises": "off", "@typescript-eslint/no-misused-promises": "off" },
    },
  });
}

function describeErrors(results: ESLint.LintResult[]): string[] {
  return results.flatMap((result) =>
    result.messages
      .filter((m) => m.severity === 2)
      .map((m) => `${result.filePath}:${m.line}:${m.column}: ${m.ruleId ?? "parse"}: ${m.message}`),
  );
}

/** The rules that report a snippet linted as if it were a file under src/. */
async function rulesReporting(code: string): Promise<string[]> {
  const results = await regexLint().lintText(code, { filePath: `${ROOT}/src/__probe__.ts` });
  return results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? "parse"));
}

describe("regular expressions are linear", () => {
  it("src/, adapters/ and commands/ have no regex the lint rules flag", async () => {
    const results = await regexLint().lintFiles(["src", "adapters", "commands"]);
    expect(results.length, "the lint saw no file: is eslint.config.js matching src/**/*.ts?").toBeGreaterThan(10);
    const errors = describeErrors(results);
    expect(errors, `regex lint errors:\n${errors.join("\n")}`).toEqual([]);
  }, 60_000);

  it("the rules bite: adjacent quantifiers over the same characters are reported", async () => {
    // /^a*a*b/ tries every split of a run of "a"s before failing: polynomial backtracking.
    expect(await rulesReporting("export const r = /^a*a*b/;\n")).toContain("regexp/no-super-linear-backtracking");
    // /^\s*x?\s*y/: two \s* around an optional character (the shape the label regexes had) ...
    expect(await rulesReporting('export const r = /^\\s*x?\\s*y/.test("");\n')).toContain("regexp/no-super-linear-backtracking");
    // ... and an unanchored /-+$/ rescans a run of "-" from every start: quadratic.
    expect(await rulesReporting('export const t = "a".replace(/-+$/, "");\n')).toContain("regexp/no-super-linear-move");
    // /^(a*).+/: the group gives characters back to .+ and captures less than it says.
    expect(await rulesReporting("export const r = /^(a*).+/;\n")).toContain("regexp/no-misleading-capturing-group");
    // The linear rewrites used in src/ pass.
    expect(await rulesReporting('export const t = "a".replace(/(?<!-)-+$/, "");\n')).toEqual([]);
  }, 60_000);
});
