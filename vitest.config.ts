import { configDefaults, defineConfig } from "vitest/config";
import { E2E_FILES, TEST_FILES } from "./test/suites.ts";

// Two suites, as two projects (test/suites.ts says which file is in which):
//   npm test          -> vitest run --project fast   (unit and in-process tests)
//   npm run test:e2e  -> vitest run --project e2e    (spawned processes, replay, fuzz)
// `npx vitest run` with no --project runs both.
export default defineConfig({
  test: {
    // Adapter tests start real servers on loopback; give them room on a 2-core machine.
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: "fast",
          include: [TEST_FILES],
          exclude: [...configDefaults.exclude, ...E2E_FILES],
          // The files of a worker share its modules (the parser, zod, remark, the parse pool) instead
          // of importing them again for each of ~60 files: more than half of the CPU time. Tests must
          // therefore undo what they change globally (fake timers, registries), as they do.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          include: [...E2E_FILES],
          // Spawned processes (tsx compiling adapters/main.ts, the bundled catalogue parsed cold) take
          // tens of seconds on a busy 2-core machine; the fuzz and replay tests bound their work instead.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
