// Every queued row is in the file before what waits for it (a response's last bytes) runs, and a refused write is retried exactly once.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LEDGER_FILES, stampRow, type StampContext } from '../../ledger/index.js';
import { faults } from '../../ledger/store/test-fixtures/fs-faults.js';
import { makeTempDir } from '../../ledger/store/test-fixtures/spawn-worker.js';
import { TelemetryQueue } from './telemetry-queue.js';

// Hoisted above the imports: the fixture is loaded inside the factory.
vi.mock('node:fs', async (importActual) =>
  (await import('../../ledger/store/test-fixtures/fs-faults.js')).withFaults(await importActual<typeof import('node:fs')>()),
);

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
  readFileSync(join(dir, LEDGER_FILES.proxyTelemetry), 'utf8')
    .trim()
    .split('\n')
    .map((line) => (JSON.parse(line) as { seq: number }).seq);

describe('TelemetryQueue', () => {
  it('writes the rows of a turn before what waits for them runs, and before any timer or flush (old code held them up to 250 ms)', async () => {
    const queue = new TelemetryQueue(dir, ctx, { flushMs: 60_000 });
    queue.addTelemetry(telemetryRow(1));
    queue.addTelemetry(telemetryRow(2));
    const seen = await new Promise<number[]>((resolve) => queue.whenWritten(() => resolve(seqsOnDisk())));
    expect(seen).toEqual([1, 2]);
    let ran = false;
    queue.whenWritten(() => (ran = true));
    // Nothing waits to be written: at once.
    expect(ran).toBe(true);
    await queue.close();
  });

  it('writes what is pending, and releases what waits for it, when flushed before the turn ends', async () => {
    const queue = new TelemetryQueue(dir, ctx, { flushMs: 60_000 });
    // The first row of a turn is written at once; the next one waits for the turn's end, or a flush.
    queue.addTelemetry(telemetryRow(7));
    expect(seqsOnDisk()).toEqual([7]);
    queue.addTelemetry(telemetryRow(8));
    let seen: number[] = [];
    queue.whenWritten(() => (seen = seqsOnDisk()));
    expect(seen).toEqual([]);
    const flushed = queue.flush();
    expect(seen).toEqual([7, 8]);
    await flushed;
    expect(await queue.close()).toBe(0);
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
