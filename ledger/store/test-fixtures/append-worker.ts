// Test worker: appends `count` stamped rows to snapshots.jsonl, one locked appendRows call per row.
import { appendRows } from '../append-rows.js';
import { LEDGER_FILES } from '../data-dir.js';
import { stampRow, type StampContext } from '../stamp-row.js';

/** Usage: append-worker.ts <dataDir> <writer> <count|forever> [padBytes] */
const [dataDir, writer, countArg, padArg] = process.argv.slice(2);
if (!dataDir || !writer || !countArg) {
  throw new Error('usage: append-worker.ts <dataDir> <writer> <count|forever> [padBytes]');
}
const count = countArg === 'forever' ? Number.POSITIVE_INFINITY : Number(countArg);
const pad = 'x'.repeat(Number(padArg ?? 0));
const ctx: StampContext = { agentId: `writer-${writer}`, source: 'automation' };

for (let seq = 0; seq < count; seq += 1) {
  const row = stampRow(ctx, 'append-test', { writer, seq, ...(pad ? { pad } : {}) });
  appendRows(dataDir, LEDGER_FILES.snapshots, [row], ctx);
}
