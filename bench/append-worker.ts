// Bench worker: after a "go" from the parent, makes N single-row appendRows calls to one shared file.
import { appendRows } from '../ledger/store/append-rows.js';
import { LEDGER_FILES } from '../ledger/store/data-dir.js';
import { stampRow, type StampContext } from '../ledger/store/stamp-row.js';

/** Messages between run-benchmarks and this worker over the IPC channel. */
export type WorkerMessage = { type: 'ready' } | { type: 'done'; appends: number; ms: number };

const [dataDir, writer, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (!dataDir || !writer || !Number.isInteger(count) || count < 0 || !process.send) {
  throw new Error('usage: (spawned with an IPC channel) append-worker.js <dataDir> <writer> <count>');
}
const send = (message: WorkerMessage): void => {
  process.send?.(message);
};
const ctx: StampContext = { agentId: `bench-${writer}`, source: 'automation' };

process.once('message', () => {
  const started = performance.now();
  for (let seq = 0; seq < count; seq += 1) {
    const row = stampRow(ctx, 'bench-append', {
      writer,
      seq,
      provider: 'claude',
      bars: { five_hour: { used_pct: seq % 100, resets_at: null } },
    });
    appendRows(dataDir, LEDGER_FILES.snapshots, [row], ctx);
  }
  send({ type: 'done', appends: count, ms: performance.now() - started });
  process.disconnect();
});
send({ type: 'ready' });
