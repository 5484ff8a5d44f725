// Issue 15: every queued row is in the file before the request's handler returns, and a refused write is retried exactly once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_FILES, stampRow, type StampContext } from '../../ledger/index.js';
import { faults } from '../../ledger/store/test-fixtures/fs-faults.js';
import { makeTempDir } from '../../ledger/store/test-fixtures/spawn-worker.js';
import { TelemetryQueue } from './telemetry-queue.js';

// Hoisted above the imports: the fixture is loaded inside the factory.
vi.mock('node:fs', async (importActual) => (await import('../../ledger/store/test-fixtures/fs-faults.js')).withFaults(await importActual<typeof import('node:fs')>()));

const ctx: StampContext = { agentId: 'proxy-test', source: 'proxy' };
const telemetryRow = (seq: number) => stampRow(ctx, 'proxy-request', { seq, trace_id: `t${seq}` });
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = makeTempDir('telemetry-queue')));
afterEach(() => {
  faults.write = null;
  cleanup();
});
const seqsOnDisk = (): number[] =>
  readFileSync(join(dir, LEDGER_FILES.proxyTelemetry), 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { seq: number }).seq);

describe('TelemetryQueue', () => {
  it('puts a row in the file synchronously, before any timer or flush (old code held it in memory up to 250 ms)', async () => {
    const queue = new TelemetryQueue(dir, ctx, { flushMs: 60_000 });
    queue.addTelemetry(telemetryRow(1));
    expect(seqsOnDisk()).toEqual([1]);
    await queue.close();
  });

  it('gives each row once when a write fails part-way and is retried (old code wrote the complete lines twice)', async () => {
    const errors: string[] = [];
    const queue = new TelemetryQueue(dir, ctx, { flushMs: 60_000, onError: (message) => errors.push(message) });
    faults.write = { match: (path) => path.endsWith(`/${LEDGER_FILES.proxyTelemetry}`), partial: 0.6 };
    for (let seq = 0; seq < 5; seq += 1) queue.addTelemetry(telemetryRow(seq));
    await queue.flush();
    // A second try must not write again what the first retry wrote.
    await queue.flush();
    expect(errors).toEqual([expect.stringContaining('ENOSPC')]);
    expect(seqsOnDisk()).toEqual([0, 1, 2, 3, 4]);
    expect(await queue.close()).toBe(0);
  });
});
