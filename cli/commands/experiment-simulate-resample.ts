// Reads the paired differences recorded in the data dir, for `experiment simulate --distribution resample`.
import { existsSync } from 'node:fs';
import { readReportLedger } from '../../ledger/index.js';
import { AppError } from '../../kernel/index.js';
import { choosePairProviders, computeWindowMetrics, pairWindows } from '../../reports/index.js';

/** The recorded differences A - B and whose they are. */
export interface RecordedDifferences {
  a: string;
  b: string;
  diffs: number[];
}

/**
 * The per-task efficiency differences A - B (quality per unit of the capacity bar) of the two providers with
 * the most windows on tasks, paired as the report and the runner's stop rule pair them (first window per
 * task, in the order the pairs completed). Errors name the data dir when it has nothing to resample.
 */
export function readRecordedDifferences(dataDir: string): RecordedDifferences {
  if (!existsSync(dataDir))
    throw new AppError('NOT_FOUND', 'no such data directory (check --data-dir or TRACKER_DATA_DIR)', { where: dataDir });
  const ledger = readReportLedger(dataDir);
  const metrics = computeWindowMetrics(ledger.windows, new Map()).windows;
  const pair = choosePairProviders(metrics);
  const diffs = pair ? pairWindows(metrics, pair[0], pair[1]).pairs.map((task) => task.diff) : [];
  if (!pair || diffs.length < 2) {
    throw new AppError(
      'BAD_USAGE',
      `resample needs at least 2 tasks done by the same two providers with a capacity delta in ${dataDir}, found ${diffs.length} (run an experiment first, or point --data-dir at one)`,
      { where: '--distribution' },
    );
  }
  return { a: pair[0], b: pair[1], diffs };
}
