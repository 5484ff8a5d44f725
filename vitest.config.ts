// Vitest settings: unit tests live beside the code as *.test.ts and run in UTC.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{kernel,cli,ledger,sources,budget,proxy,runner,reports,bench,architecture}/**/*.test.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 20_000,
    // Both cores of a CI machine (vitest's default leaves one free): 181 s -> see ADR 0023.
    maxWorkers: 2,
  },
});
