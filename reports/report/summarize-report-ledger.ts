// What the report says of the ledger itself: the windows it counts and the lines it could not use.
import type { ReportLedger } from '../../ledger/index.js';
import { SIMULATED_MARK } from '../../ledger/schemas/index.js';
import type { ExperimentReport } from './experiment-report.js';

type WindowCounts = ExperimentReport['windows'];

/** The completed windows: how many, the last one's time, which carry capacity and proxy tokens, and the chart's latest. */
export function summarizeWindowCounts(
  ledger: ReportLedger,
  runs: WindowCounts['recent'],
  ambiguous: string[],
  chartWindows: number,
): WindowCounts {
  return {
    completed: runs.length,
    last_completed_at: runs.reduce<string | null>(
      (last, run) => (last === null || run.completed_at > last ? run.completed_at : last),
      null,
    ),
    with_capacity: runs.filter((window) => window.efficiency !== null).length,
    with_proxy_tokens: runs.filter((window) => window.tokens_source === 'proxy').length,
    ambiguous_window_ids: ambiguous,
    simulated_providers: [
      ...new Set(ledger.windows.filter((window) => window.methodology.includes(SIMULATED_MARK)).map((window) => window.provider)),
    ].sort(),
    recent: runs.slice(-chartWindows),
  };
}

/** Lines skipped as unreadable, torn tails and ambiguous telemetry: said, never hidden. */
export function describeDataNotes(ledger: ReportLedger, ambiguous: string[]): string[] {
  const notes: string[] = [];
  if (ledger.skippedCount > 0) {
    const first = ledger.skipped
      .slice(0, 3)
      .map((line) => `${line.file}:${line.lineNo} (${line.reason})`)
      .join('; ');
    notes.push(`${ledger.skippedCount} ledger line${ledger.skippedCount === 1 ? '' : 's'} skipped as unreadable or invalid: ${first}`);
  }
  for (const file of ledger.tornTails) notes.push(`${file} ends with a torn line, left out (\`tracker preview\` repairs it)`);
  if (ambiguous.length > 0)
    notes.push(
      `proxy telemetry of window ids used by several windows is not attributed: ${ambiguous.slice(0, 5).join(', ')}${ambiguous.length > 5 ? ', ...' : ''}`,
    );
  return notes;
}
