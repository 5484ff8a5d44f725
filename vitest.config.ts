// Vitest settings: unit tests live beside the code as *.test.ts and run in UTC. `*.slow.test.ts` (numeric sweeps,
// the whole task bank, real toolchains) are their own tier: `npm run test:slow`, a phase of `npm test` of its own.
import { defineConfig } from 'vitest/config';

const FOLDERS = '{kernel,cli,ledger,sources,budget,proxy,model-server,runner,reports,viewer,bench,architecture}';
const slow = process.env.VITEST_TIER === 'slow';

export default defineConfig({
  test: {
    include: [slow ? `${FOLDERS}/**/*.slow.test.ts` : `${FOLDERS}/**/*.test.ts`],
    exclude: slow ? [] : ['**/*.slow.test.ts', '**/node_modules/**'],
    env: { TZ: 'UTC' },
    // The slow tier's numeric sweeps take 20-25 s alone on a busy 2-core machine: its limit guards hangs, not speed.
    testTimeout: slow ? 180_000 : 20_000,
    // Both cores of a CI machine (vitest's default leaves one free): ADR 0023.
    maxWorkers: 2,
  },
});
