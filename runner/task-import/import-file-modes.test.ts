// An imported task keeps git's executable bit in its fixture, solution and hidden tests, and its tests can run those scripts.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importFixtureRepo } from './test-fixtures/import-fixture-repo.js';
import type { NativeCommit } from './test-fixtures/native-repos.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

const GREET = (shout: boolean) =>
  `#!/usr/bin/env node\nconst args = process.argv.slice(2);\nconst name = args.filter((arg) => arg !== '--shout').join(' ');\nconst line = \`hello \${name}\`;\nconsole.log(${shout ? "args.includes('--shout') ? line.toUpperCase() : line" : 'line'});\n`;

/** The hidden tests run the repository's own CLI, a script the change adds and a helper script of their own. */
const TEST = `import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
const run = (path, args = []) => execFileSync(fileURLToPath(new URL(path, import.meta.url)), args).toString();
test('greet shouts', () => assert.equal(run('../bin/greet.js', ['--shout', 'ann']), 'HELLO ANN\\n'));
test('shout-all shouts through greet', () => assert.equal(run('../bin/shout-all.sh', ['bo']), 'HELLO BO\\n'));
test('the hidden helper script runs', () => assert.equal(run('./say-ok.sh'), 'ok\\n'));
`;

const HISTORY: NativeCommit[] = [
  {
    message: 'Start',
    write: { 'package.json': '{"name":"greet","type":"module"}\n', 'bin/greet.js': GREET(false) },
    executable: ['bin/greet.js'],
  },
  {
    message:
      'Add --shout to greet, and shout-all\n\ngreet --shout NAME prints its greeting in capitals; bin/shout-all.sh NAME is greet --shout NAME.',
    write: {
      'bin/greet.js': GREET(true),
      'bin/shout-all.sh': '#!/bin/sh\nexec "$(dirname "$0")/greet.js" --shout "$@"\n',
      'test/greet.test.js': TEST,
      'test/say-ok.sh': '#!/bin/sh\necho ok\n',
    },
    executable: ['bin/greet.js', 'bin/shout-all.sh', 'test/say-ok.sh'],
  },
];

const isExecutable = (path: string): boolean => (statSync(path).mode & 0o111) !== 0;

describe('importTasks and file modes', () => {
  it('keeps the executable bit of fixture, solution and hidden test files, so tests that run them verify', async () => {
    const root = mkdtempSync(join(tmpdir(), 'import-modes-'));
    roots.push(root);
    const { summary, bank } = await importFixtureRepo(root, HISTORY, undefined, true);
    expect(summary.rejected.map((entry) => entry.reason)).toEqual(['root commit (no parent to start from)']);
    const id = summary.kept[0]?.id ?? 'none kept';
    expect(id).toMatch(/^add-shout-to-greet-and-shout-all-[0-9a-f]{7}$/);
    const task = join(bank, id);
    expect(isExecutable(join(task, 'fixture/bin/greet.js'))).toBe(true);
    expect(isExecutable(join(task, 'solution/bin/greet.js'))).toBe(true);
    expect(isExecutable(join(task, 'solution/bin/shout-all.sh'))).toBe(true);
    expect(isExecutable(join(task, 'tests/test/say-ok.sh'))).toBe(true);
    // Only what git has as 100755: the rest stays a plain file.
    expect(isExecutable(join(task, 'fixture/package.json'))).toBe(false);
    expect(isExecutable(join(task, 'tests/test/greet.test.js'))).toBe(false);
  });
});
