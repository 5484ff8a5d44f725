// Ledger file locks are taken in the main thread only: a thread that loads the flock addon after another thread that
// had it ended aborts the whole process (ADR 0028), so a worker thread asking for one is refused before it loads it.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePackagePath } from '../../kernel/index.js';
import { tryLockFile } from './file-lock.js';

const built = resolvePackagePath('dist/ledger/store/file-lock.js');
const dir = mkdtempSync(join(tmpdir(), 'lock-thread-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs tryLockFile on a fresh file in a worker thread (from the build), twice over, and reports what happened. */
function lockInThread(): Promise<{ code: string | null; message: string }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const { openSync } = require('node:fs');
    import(workerData.module).then(({ tryLockFile }) => {
      try {
        tryLockFile(openSync(workerData.file, 'a'), 'exclusive');
        parentPort.postMessage({ code: null, message: 'locked' });
      } catch (error) {
        parentPort.postMessage({ code: error.code ?? null, message: error.message });
      }
    });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { module: built, file: join(dir, 'ledger.jsonl') } });
    worker.once('message', (answer) => resolve(answer));
    worker.once('error', reject);
  });
}

describe.skipIf(!existsSync(built))('a file lock in a worker thread', () => {
  it('is refused with RULE_VIOLATION, and threads that asked can end and start again without aborting the process', async () => {
    for (let round = 0; round < 2; round += 1) {
      const answer = await lockInThread();
      expect(answer.code).toBe('RULE_VIOLATION');
      expect(answer.message).toMatch(/locks are taken in the main thread/);
    }
    // The main thread still takes one.
    const { openSync } = await import('node:fs');
    expect(tryLockFile(openSync(join(dir, 'main.jsonl'), 'a'), 'exclusive')).toBe(true);
  });
});
