// The reader thread under a heap limit: a ledger that outgrows it is read again with twice the limit, and said once.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
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
    const reader = startLedgerReader(
      file,
      { dataDir: dir, ledgerUrl: null },
      (message: WorkerMessage) => kinds.push(message.kind === 'reports' ? `reports ${message.complete}` : message.kind),
      (line) => said.push(line),
      8,
    );
    try {
      reader.read(3);
      const deadline = Date.now() + 60_000;
      while (!kinds.includes('reports true') && !kinds.includes('error') && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await reader.stop();
    }
    expect(kinds).not.toContain('error');
    expect(kinds).toContain('reports true');
    expect(said[0]).toBe('experiment view: reading the ledger needed more than 8 MB; reading it again with 16 MB');
  }, 90_000);
});
