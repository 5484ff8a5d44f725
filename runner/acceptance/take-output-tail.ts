// The end of a test run's output, kept for tests.log and the task checks: cut before it is redacted, so cut with care.
import { dropPartialKeyAtStart } from '../../ledger/evidence/index.js';

/**
 * Characters of output kept (stdout, then stderr): 64 Ki, a quarter of tests.log's cap, so the viewer shows the first
 * failures of a long run too (at 4,000 a failing arm's log began past them, as a review found).
 */
export const OUTPUT_TAIL = 65_536;

/**
 * The last OUTPUT_TAIL characters. The log is redacted later (writeTestLog); a cut through a key printed by the tests
 * (an env dump) would leave its end, which no longer has a key's shape, so the cut side loses its partial key.
 */
export function takeOutputTail(output: string): string {
  if (output.length <= OUTPUT_TAIL) return output;
  const tail = dropPartialKeyAtStart(output.slice(-OUTPUT_TAIL));
  // Without a marker the log opened mid-line (" - arrays: replace ..."), as if the run had printed nothing before it.
  return `[... ${output.length - tail.length} earlier characters cut by agent-tracker ...]\n${tail}`;
}
