// The agent's completions (windows.jsonl) for a capture, read from where its last capture stopped.
import { LEDGER_FILES } from '../store/data-dir.js';
import { foldRowInto } from '../store/fold-rows.js';
import { locateLedgerFile } from '../store/locate-ledger-file.js';
import type { UnreadableLine } from '../store/scan-ledger.js';
import { readFileIdentity } from './derived-file.js';
import { readCompletionsFrom, type FoldInput, type SkippedRowHandler } from '../windows/fold-agent-windows.js';

/** windows.jsonl as far as it was folded: nothing is pruned here, so only a changed file sends it back to the top. */
export interface StoredCompletions {
  path: string;
  dev: string;
  ino: string;
  tail: string;
  offset: number;
  lineNo: number;
  rows: FoldInput[];
  skipped: UnreadableLine[];
}

/**
 * readCompletions, folded, from `stored` on when it was made from this very file. The capture does not hold this
 * file's lock: a row being appended meanwhile is read by the next capture, and a write cut back after a failure
 * changes the bytes before the offset, which the next load sees.
 */
export function resumeCompletions(
  dataDir: string,
  agentId: string,
  provider: string,
  stored: StoredCompletions | null,
  onSkipped: SkippedRowHandler,
): { rows: FoldInput[]; stored: StoredCompletions | null } {
  const path = locateLedgerFile(dataDir, LEDGER_FILES.windows);
  const usable = stored !== null && stored.path === path && matchesIdentity(stored);
  const current = new Map<string, FoldInput>(usable ? stored.rows.map((row) => [row.id, row]) : []);
  const skipped = usable ? [...stored.skipped] : [];
  const from = usable ? { offset: stored.offset, lineNo: stored.lineNo } : { offset: 0, lineNo: 0 };
  const end = readCompletionsFrom(dataDir, agentId, provider, {
    onRow: (row) => foldRowInto(current, row),
    onSkipped: (line) => skipped.push(line),
    path,
    from,
  });
  for (const line of skipped) onSkipped(line);
  const rows = [...current.values()];
  const identity = readFileIdentity(path, end.offset);
  if (!identity) return { rows, stored: null };
  const [dev, ino, tail] = identity;
  return { rows, stored: { path, dev, ino, tail, ...end, rows, skipped } };
}

function matchesIdentity(stored: StoredCompletions): boolean {
  const identity = readFileIdentity(stored.path, stored.offset);
  return identity !== null && identity[0] === stored.dev && identity[1] === stored.ino && identity[2] === stored.tail;
}
