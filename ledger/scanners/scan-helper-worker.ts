// The worker's side of the preview scan: its share of each step, each step after the first waiting for what the main thread gathered.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { claimRanges, claimRangesFromEnd } from '../store/claim-ranges.js';
import type { Claimed, HelperData, Message } from './scan-helper.js';
import type { SharedKeys } from './key-table.js';
import { findChangers } from './scan-line-range.js';

/**
 * The first step (retraction and correction lines of windows.jsonl) needs only the byte search; the readers
 * for the later steps load meanwhile (they bring the row schemas, whose loading takes a while), so this
 * thread is searching within milliseconds of starting.
 */
async function runHelper(data: HelperData, port: NonNullable<typeof parentPort>): Promise<void> {
  const { changers: changerPlan, completions, snapshots } = data;
  const loading = Promise.all([
    import('./read-completions.js'),
    import('./completion-table.js'),
    import('./key-table.js'),
    import('./snapshot-rows.js'),
  ]);
  loading.catch(() => {});
  const changers = claimRanges(changerPlan, (range) => findChangers(changerPlan.path, range));
  port.postMessage({ kind: 'changers', changers } satisfies Message);
  const [{ readCompletions }, { CompletionTable, estimateWindows, listTransferables }, { KeyTable }, { readSnapshotRows }] = await loading;
  const dead = new Set(await receiveMessage<string[]>(port));
  // From the last range back, a table each, in plain buffers moved to the main thread with the message.
  const parts = claimRangesFromEnd(completions, 'last', (range) => {
    const { table, ...part } = readCompletions(
      completions.path,
      range,
      dead,
      new CompletionTable(estimateWindows(range.end - range.start), false),
    );
    return { ...part, table: table.share() };
  });
  port.postMessage(
    { kind: 'completions', parts } satisfies Message,
    parts.flatMap(({ result }) => listTransferables(result.table)),
  );
  const completed = new KeyTable({ shared: await receiveMessage<SharedKeys>(port) });
  const rows: Claimed<ReturnType<typeof readSnapshotRows>> = claimRanges(snapshots, (range) =>
    readSnapshotRows(snapshots.path, range, completed),
  );
  port.postMessage({ kind: 'snapshots', rows } satisfies Message);
}

function receiveMessage<T>(port: NonNullable<typeof parentPort>): Promise<T> {
  return new Promise((resolve) => port.once('message', resolve));
}

if (!isMainThread && parentPort && (workerData as Partial<HelperData> | null)?.role === 'preview-scan') {
  // A rejection is unhandled here: it ends the worker with an error, which fails the main thread's waits (scan-helper.ts).
  void runHelper(workerData as HelperData, parentPort);
}
