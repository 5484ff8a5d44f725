// tasks import on a TypeScript history in the ESM style (`./x.js` names x.ts), verified in bubblewrap with vitest and
// with node:test under tsx: the repository's own modules are never "not installed", and candidates set aside after a
// kept task do not stop the import.
import { allowSkip } from '../../kernel/index.js';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';
import { importTasks } from './import-tasks.js';
import { DEFAULT_LIMITS } from './judge-change.js';
import { buildRepo } from './test-fixtures/native-repos.js';
import { findOwnNodeModules, setUpOwnRunner, TS_PLANTED_SECRET, tsEsmHistory } from './test-fixtures/ts-esm-repos.js';
import { verifyImportedTask } from './verify-imported-task.js';

const parent = mkdtempSync(join(tmpdir(), 'import-ts-esm-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the task folders
afterAll(() => removeScratch(parent));

const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const skipped = allowSkip(existsSync('/usr/bin/bwrap') ? probeBwrap(plan) : 'bwrap is not installed');
const modules = findOwnNodeModules();

/** What the import decides for each commit, newest first, by subject (reasons up to where they name a file). */
const EXPECTED = [
  [
    'Add div, which refuses to divide by zero',
    "the tests do not load at this commit: node module ./checks.js, imported from src/div.ts, is the repository's own, but no file of the repository provides it at this commit",
  ],
  ['Add mul, which multiplies two numbers', 'kept'],
  ...[
    'Show an amount of money with the configured precision and its sign',
    'Show a share as a percentage with the configured precision',
    'Round a number to the configured precision, as text',
  ].map((subject) => [
    subject,
    'left-out module: the tests import src/settings.ts, which the fixture left out (secret in src/settings.ts:1 (Anthropic key or OAuth token))',
  ]),
  ['Add the service settings: the key and the precision', 'no tests changed'],
  ['Add sub, which subtracts the second number from the first', 'kept'],
  ['Start the calculator with add', 'root commit (no parent to start from)'],
];

async function importHistory(runner: 'vitest' | 'node-test') {
  const root = join(parent, runner);
  await buildRepo(join(root, 'repo'), tsEsmHistory(runner));
  mkdirSync(join(root, 'boxes'), { recursive: true });
  const options = {
    isolation: plan,
    parentDir: join(root, 'boxes'),
    setupCacheDir: join(root, 'setup'),
    reruns: { solution: 1, fixture: 1 },
  };
  const summary = await importTasks({
    repo: join(root, 'repo'),
    out: join(root, 'bank'),
    max: 5,
    jobs: 2,
    limits: DEFAULT_LIMITS,
    setupCommand: setUpOwnRunner(runner, modules),
    verify: (dir, meta, extra) => verifyImportedTask(dir, meta, { ...options, signal: extra?.signal }),
  });
  const decided = [...summary.kept.map((task) => [task.commit, 'kept']), ...summary.rejected.map((entry) => [entry.commit, entry.reason])];
  return { summary, bank: join(root, 'bank'), decided };
}

describe.skipIf(skipped !== null)(`tasks import of a TypeScript ESM history${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  // node:test runs as the script says, `node --import tsx --test`: the loader stays in the command the import runs (it
  // was dropped: every .ts test file failed to load, "tests fail on the solution: 1 of 1", and nothing was kept).
  it.each(['vitest', 'node-test'] as const)(
    'with %s: keeps both tasks, names each set-aside candidate for what failed, and never stops',
    async (runner) => {
      const { summary, bank, decided } = await importHistory(runner);
      expect(summary.stopped).toBeUndefined();
      expect(summary.examined).toBe(8);
      const bySubject = new Map(
        decided.map(([commit, reason]) => [summary.rejected.find((entry) => entry.commit === commit)?.subject ?? commit, reason]),
      );
      for (const [subject, reason] of EXPECTED.filter(([, reason]) => reason !== 'kept'))
        expect(bySubject.get(subject), subject).toBe(reason);
      expect(summary.kept.map((task) => task.id.replace(/-[0-9a-f]{7}$/, ''))).toEqual([
        'add-mul-which-multiplies-two-numbers',
        'add-sub-which-subtracts-the-second-numbe',
      ]);
      // Never "not installed", and the set-aside ones keep their logs (the import writes them from `environment`).
      expect(summary.rejected.map((entry) => entry.reason).join('\n')).not.toContain('is not installed');
      expect(summary.rejected.filter((entry) => entry.environment !== undefined)).toHaveLength(4);
      expect(readdirSync(bank).filter((name) => !name.startsWith('.'))).toHaveLength(2);
      expect(JSON.stringify(summary)).not.toContain(TS_PLANTED_SECRET);
    },
  );
});
