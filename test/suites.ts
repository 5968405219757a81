/**
 * The two test suites, read by vitest.config.ts (its `fast` and `e2e` projects) and checked by
 * test/suites.test.ts.
 *
 * - `npm test` (fast): unit tests and in-process adapter tests, the default and what a change is
 *   tried against.
 * - `npm run test:e2e`: the files below: tests that spawn child processes (`npm start`, the CLI,
 *   tsx or node), parse in worker threads against wall-clock budgets, replay the committed history
 *   of an ideas file, fuzz the parser, measure how its cost grows, or rank the whole bundled
 *   catalogue (tens of seconds of CPU).
 *
 * A test file is in exactly one suite: the e2e suite is this list, the fast suite every other
 * test/**\/*.test.ts. A file that spawns a child process belongs here (test/suites.test.ts fails
 * otherwise); a file with both kinds of tests is better split, its in-process tests in the fast suite.
 */
export const E2E_FILES = [
  // Spawned processes: npm start (adapters/main.ts), the CLI (adapters/cli/main.ts), the deploy script.
  "test/adapters/discord/deploy.test.ts",
  "test/adapters/main.test.ts",
  "test/adapters/start.test.ts",
  "test/adapters/start-failures.test.ts",
  "test/adapters/process.test.ts",
  "test/announce/cli.test.ts",
  "test/adapters/github-start.test.ts",
  // A real PostgreSQL server (test/store/postgres-server.ts, or TEST_DATABASE_URL from .ci/run).
  "test/store/contract-postgres.test.ts",
  "test/adapters/postgres-start.test.ts",
  "test/adapters/alerts-start.test.ts",
  "test/adapters/replicas.test.ts",
  "test/adapters/cli/announce.test.ts",
  "test/adapters/cli/cli.test.ts",
  "test/adapters/cli/backup.test.ts",
  // The production install (npm ci --omit=dev in a copy of the repository) running the Dockerfile's CMD.
  "test/deploy.test.ts",
  "test/sources/startup-hostile.test.ts",
  // Another tool run as a process (dependency-cruiser's CLI).
  "test/lint/dependencies.test.ts",
  // Worker threads against wall-clock parse budgets.
  "test/sources/parse-pool.test.ts",
  // The 32-version replay of test/fixtures/history/lfx-2022-spring.
  "test/announce/replay.test.ts",
  // The whole bundled catalogue parsed and ranked against the held-out judgments.
  "test/catalog/relevance-catalogue.test.ts",
  // Fuzzing and CPU-time growth ratios of the parser.
  "test/ideas/fuzz.test.ts",
  "test/ideas/hostile.test.ts",
] as const;

/** Every test file: the fast suite is these minus E2E_FILES. */
export const TEST_FILES = "test/**/*.test.ts";
