// Vitest settings: unit tests live beside the code as *.test.ts and run in UTC. `*.slow.test.ts` (numeric sweeps,
// the whole task bank, real toolchains) are their own tier: `npm run test:slow`, a phase of `npm test` of its own.
import { defineConfig } from 'vitest/config';

const FOLDERS = '{kernel,cli,ledger,sources,budget,proxy,model-server,runner,reports,viewer,bench,architecture}';
const slow = process.env.VITEST_TIER === 'slow';

/**
 * A hang guard, not a speed limit (issue 44, item 10): a test or hook still running after this is hung, whatever the
 * machine's load. At a load average of 20 on 2 cores the longest unit test took 57-76 s (viewer/start-ledger-reader)
 * and hooks that start PostgreSQL clusters or compute views ran past vitest's default 10 s, so unit tests and hooks get
 * 300 s; the slow tier's longest (a go history imported, runner/task-import) took 147 s, so it gets 900 s. It is the
 * only limit: no test file sets one of its own (architecture/own-time-limits.test.ts), and a wait inside a test waits
 * for its event (a message, an exit, a file) with no deadline of its own, unless the event would also come without
 * the behaviour under test (a background `sleep 30` ending by itself): there the bound is the assertion. A test that
 * needs more than its tier's limit belongs in the slow tier.
 */
const HANG_GUARD_MS = slow ? 900_000 : 300_000;

export default defineConfig({
  test: {
    include: [slow ? `${FOLDERS}/**/*.slow.test.ts` : `${FOLDERS}/**/*.test.ts`],
    exclude: slow ? [] : ['**/*.slow.test.ts', '**/node_modules/**'],
    env: { TZ: 'UTC' },
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
    // Both cores of a CI machine (vitest's default leaves one free): ADR 0023.
    maxWorkers: 2,
  },
});
