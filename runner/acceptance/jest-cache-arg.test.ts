// jest takes its cache folder from its command line only: an import's runs pass the shared one, other runs nothing.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runAcceptanceTests } from './run-acceptance-tests.js';

const scratch = mkdtempSync(join(tmpdir(), 'jest-cache-arg-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the jest cache of an import', () => {
  it('is given to jest as --cacheDirectory, and to no other runner', async () => {
    const work = join(scratch, 'work');
    const tests = join(scratch, 'tests');
    mkdirSync(work);
    mkdirSync(tests);
    const shared = { writable: [], env: {}, jestCache: join(scratch, 'jest') };
    const run = (report: 'jest' | 'exit-code') =>
      runAcceptanceTests({
        workDir: work,
        testsDir: tests,
        timeoutMs: 30_000,
        test: { command: ['node', '-e', '0'], report, layout: 'tests-dir' },
        shared,
      });
    expect((await run('jest')).command).toBe(`node -e 0 --cacheDirectory=${shared.jestCache}`);
    expect((await run('exit-code')).command).toBe('node -e 0');
  });
});
