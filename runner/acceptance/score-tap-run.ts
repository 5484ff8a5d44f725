// Scores a `node --test --test-reporter=tap` run, with the fallback count for a run killed before its summary.
import { countTimeoutFailures, countTopLevelResults, parseTapSummary } from './parse-tap-summary.js';

export interface TapScore {
  total: number;
  passed: number;
  failed: number;
  timedOutTests: number;
  notes: string[];
}

/** `timedOut`: the whole run was killed at `timeoutMs`; `perTestTimeoutMs` is named in the per-test timeout note. */
export function scoreTapRun(stdout: string, timedOut: boolean, timeoutMs: number, perTestTimeoutMs: number): TapScore {
  const notes: string[] = [];
  let counts = parseTapSummary(stdout);
  if (!counts && timedOut) {
    // Killed before its summary: count what finished; at least one test had not, and it counts as failed.
    const finished = countTopLevelResults(stdout);
    if (finished) {
      counts = { ...finished, tests: finished.tests + 1, cancelled: finished.cancelled + 1 };
      notes.push(
        `no TAP summary (timed out after ${timeoutMs} ms): scored from the ${finished.tests} finished top-level test(s), plus 1 unfinished counted as failed`,
      );
    } else {
      notes.push(`quality 0: no TAP summary in the output (timed out after ${timeoutMs} ms)`);
    }
  } else if (!counts) {
    notes.push('quality 0: no TAP summary in the output');
  } else if (counts.tests === 0) {
    notes.push('quality 0: the hidden tests hold no tests');
  }
  const timedOutTests = countTimeoutFailures(stdout);
  if (timedOutTests > 0) notes.push(`${timedOutTests} test(s) failed on the ${perTestTimeoutMs} ms per-test timeout`);
  return {
    total: counts?.tests ?? 0,
    passed: counts?.pass ?? 0,
    failed: (counts?.fail ?? 0) + (counts?.cancelled ?? 0),
    timedOutTests,
    notes,
  };
}
