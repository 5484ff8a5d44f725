// The reader thread under a heap limit: a ledger that outgrows it is read again with twice the limit, and said once.
import { BUILT_IN_CATALOG } from '../ledger/vocabulary/index.js';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateExperimentLedger } from '../bench/generate-experiment-ledger.js';
import { resolvePackagePath } from '../kernel/index.js';
import type { WorkerMessage } from './compute-views.js';
import { startLedgerReader } from './start-ledger-reader.js';

const file = resolvePackagePath('dist/viewer/ledger-worker.js');
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

// The reader runs from the build (npm test builds first); from the sources alone there is nothing to start.
describe.skipIf(!existsSync(file))('startLedgerReader', () => {
  it('reads a ledger that outgrows its heap limit again with twice the limit, until every report is sent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-reader-'));
    dirs.push(dir);
    generateExperimentLedger(dir, 4000, 2);
    const said: string[] = [];
    const kinds: string[] = [];
    // The last message of a reading (every report sent, or an error): waited for, however long a busy machine takes.
    let end = (): void => {};
    const ended = new Promise<void>((resolve) => {
      end = resolve;
    });
    const reader = startLedgerReader(
      file,
      { dataDir: dir, catalog: BUILT_IN_CATALOG, ledgerUrl: null },
      (message: WorkerMessage) => {
        kinds.push(message.kind === 'reports' ? `reports ${message.complete}` : message.kind);
        if (message.kind === 'error' || (message.kind === 'reports' && message.complete)) end();
      },
      (line) => said.push(line),
      8,
    );
    try {
      reader.read(3);
      await ended;
    } finally {
      await reader.stop();
    }
    expect(kinds).not.toContain('error');
    expect(kinds).toContain('reports true');
    expect(said[0]).toBe('experiment view: reading the ledger needed more than 8 MB; reading it again with 16 MB');
  });

  it('starts another thread at the next reading when one ended unasked, and stamps the error with the generation asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledger-reader-'));
    dirs.push(dir);
    // A stand-in reader: the first thread ends at its first request, the next one answers it.
    const marker = join(dir, 'started-once');
    const script = join(dir, 'reader.mjs');
    writeFileSync(
      script,
      `import { existsSync, writeFileSync } from 'node:fs';
       import { parentPort } from 'node:worker_threads';
       const first = !existsSync(${JSON.stringify(marker)});
       writeFileSync(${JSON.stringify(marker)}, '');
       parentPort.on('message', (request) => {
         if (first) process.exit(3);
         parentPort.postMessage({ kind: 'reports', generation: request.generation, reports: [], complete: true });
       });`,
    );
    const got: WorkerMessage[] = [];
    const waiting: Array<() => void> = [];
    const reader = startLedgerReader(script, { dataDir: dir, catalog: BUILT_IN_CATALOG, ledgerUrl: null }, (message) => {
      got.push(message);
      waiting.shift()?.();
    });
    /** Asks for `generation` and waits for its message (each reading's only one here). */
    const readAndWait = (generation: number): Promise<void> =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        reader.read(generation);
      });
    try {
      await readAndWait(4);
      await readAndWait(5);
    } finally {
      await reader.stop();
    }
    expect(got).toEqual([
      { kind: 'error', generation: 4, message: 'the ledger reader stopped (exit 3)' },
      { kind: 'reports', generation: 5, reports: [], complete: true },
    ]);
  });
});
