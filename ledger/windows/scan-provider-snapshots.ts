// One pass over snapshots.jsonl for a capture: the agent's own window rows, every agent's spans, and the readings' resets.
import { RetractionRowSchema, SnapshotRowSchema, type Bars } from '../schemas/index.js';
import { LEDGER_FILES } from '../store/data-dir.js';
import type { FoldableRow } from '../store/fold-rows.js';
import { scanLedger } from '../store/scan-ledger.js';
import type { FoldInput, SkippedRowHandler } from './fold-agent-windows.js';

export interface ProviderSnapshots {
  /** The agent's snapshot rows and every retraction for the provider, checked against their schemas (for the window fold). */
  own: FoldInput[];
  /** Every agent's snapshot and retraction rows for the provider, as read (for the overlap check). */
  all: (FoldableRow & Record<string, unknown>)[];
  /** The provider's readings (statusline, proxy, quota): when each was taken and its bars (for the reset buffer). */
  readings: { at: number; bars: Bars }[];
}

/**
 * The capture rules used to read the file three times under the lock (the fold, the readings' resets, the overlaps);
 * one scan with one prefilter (the provider) now feeds all three, so an `after` costs one pass whatever the file's size.
 */
export function scanProviderSnapshots(
  dataDir: string,
  agentId: string,
  provider: string,
  onSkipped: SkippedRowHandler = () => {},
): ProviderSnapshots {
  const scanned: ProviderSnapshots = { own: [], all: [], readings: [] };
  const file = LEDGER_FILES.snapshots;
  scanLedger(
    dataDir,
    file,
    (row, lineNo) => {
      if (row.kind === 'reading') {
        const at = typeof row.captured_at === 'string' ? Date.parse(row.captured_at) : Number.NaN;
        if (row.provider === provider && !Number.isNaN(at)) scanned.readings.push({ at, bars: (row.bars ?? {}) as Bars });
        return;
      }
      if (row.kind !== 'snapshot' && row.kind !== 'retraction') return;
      scanned.all.push(row as FoldableRow & Record<string, unknown>);
      // Retractions are kept whoever wrote them: a fold needs every retraction of its rows.
      if (row.kind === 'snapshot' && row.agent_id !== agentId) return;
      const parsed = (row.kind === 'retraction' ? RetractionRowSchema : SnapshotRowSchema).safeParse(row);
      if (parsed.success) {
        // A snapshot of another provider by this agent is left to the fold, which keeps only this provider's.
        scanned.own.push(parsed.data as FoldInput);
        return;
      }
      const issue = parsed.error.issues[0];
      onSkipped({
        file,
        lineNo,
        reason: `${issue?.path.map(String).join('.') || 'row'}: ${issue?.message ?? 'does not match its schema'}`,
      });
    },
    // Loose enough for hand-formatted rows (`"provider": "codex"`); fields are checked after parsing.
    { needles: [JSON.stringify(provider)] },
  );
  return scanned;
}
