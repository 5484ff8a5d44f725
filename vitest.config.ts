// Vitest settings: unit tests live beside the code as *.test.ts and run in UTC. `*.slow.test.ts` (numeric sweeps,
// the whole task bank, real toolchains) are their own tier: `npm run test:slow`, a phase of `npm test` of its own.
import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig, type TestProjectConfiguration } from 'vitest/config';

const FOLDER_LIST = [
  'kernel',
  'cli',
  'ledger',
  'sources',
  'budget',
  'proxy',
  'model-server',
  'runner',
  'reports',
  'viewer',
  'bench',
  'architecture',
];
const FOLDERS = `{${FOLDER_LIST.join(',')}}`;
const slow = process.env.VITEST_TIER === 'slow';

/**
 * Unit test files share each worker's module graph (`isolate: false`): a fresh graph per file cost the unit tier 467 s
 * of CPU, 250 s shared (351 files, 2,203 tests, same machine; ADR 0023). A file that replaces a module (`vi.mock`)
 * needs its own graph, so it runs isolated, found by reading the files rather than by a list to keep.
 */
function listMockingFiles(): string[] {
  return FOLDER_LIST.flatMap((folder) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.test.ts') && !name.endsWith('.slow.test.ts') && !name.includes('node_modules'))
      .map((name) => `${folder}/${name}`)
      .filter((path) => /\bvi\.(?:do)?[mM]ock\(/.test(readFileSync(path, 'utf8'))),
  );
}

/**
 * A hang guard, not a speed limit: a test or hook still running after this is hung, whatever the
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
    // The unit tier's files are its projects' (a project's include and exclude add to these, never replace them).
    ...(slow ? { include: [`${FOLDERS}/**/*.slow.test.ts`] } : { projects: listUnitProjects() }),
    env: { TZ: 'UTC' },
    // One temporary folder for the run, removed at its end (scripts/vitest/temp-root.ts).
    globalSetup: ['scripts/vitest/temp-root.ts'],
    testTimeout: HANG_GUARD_MS,
    hookTimeout: HANG_GUARD_MS,
    // Both cores of a CI machine (vitest's default leaves one free): ADR 0023. The slow tier is CPU-bound although
    // its own processes' CPU says otherwise (fresh-clone CIs, the phase table's machine column: three files at once
    // 355 s wall, 314 CPU-s of its own, the machine busy 692 core-seconds; two at once 378 s, 335 and 739): what
    // runs in its sandboxes is not counted as its own. More files at once change little.
    maxWorkers: 2,
  },
});

function listUnitProjects(): TestProjectConfiguration[] {
  const mocking = listMockingFiles();
  return [
    {
      extends: true as const,
      test: {
        name: 'unit',
        include: [`${FOLDERS}/**/*.test.ts`],
        exclude: ['**/*.slow.test.ts', '**/node_modules/**', ...mocking],
        isolate: false,
      },
    },
    { extends: true as const, test: { name: 'unit (mocks)', include: mocking.length > 0 ? mocking : ['no-such-file'], isolate: true } },
  ];
}
