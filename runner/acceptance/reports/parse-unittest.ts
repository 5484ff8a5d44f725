// Scores `python -m unittest -v`: "Ran N tests" then "OK" or "FAILED (failures=a, errors=b, skipped=c, ...)".
import { splitCleanLines, type TestCounts } from './test-counts.js';

const RAN = /^Ran (\d+) tests? in /;
const VERDICT = /^(OK|FAILED)\b(?: \((.*)\))?\s*$/;

/** The last run's counts; null when it never printed "Ran N tests" (killed, or python failed to start). */
export function parseUnittest(text: string): TestCounts | null {
  const lines = splitCleanLines(text);
  let counts: TestCounts | null = null;
  for (let i = 0; i < lines.length; i += 1) {
    const ran = RAN.exec(lines[i] as string);
    if (!ran) continue;
    const total = Number(ran[1]);
    const verdict = lines.slice(i + 1).find((line) => VERDICT.test(line));
    const fields = readFields(verdict ? (VERDICT.exec(verdict)?.[2] ?? '') : '');
    // An unexpected success is a failure (unittest says FAILED for it); an expected failure is a pass.
    const failed = (fields.failures ?? 0) + (fields.errors ?? 0) + (fields['unexpected successes'] ?? 0);
    const skipped = fields.skipped ?? 0;
    counts = verdict ? { total, passed: Math.max(0, total - failed - skipped), failed } : { total, passed: 0, failed: total };
  }
  return counts;
}

/** "failures=1, errors=2, expected failures=1" -> { failures: 1, errors: 2, 'expected failures': 1 }. */
function readFields(text: string): Record<string, number> {
  const fields: Record<string, number> = {};
  for (const part of text.split(',')) {
    const [name, value] = part.split('=');
    if (name && value && /^\d+$/.test(value.trim())) fields[name.trim()] = Number(value.trim());
  }
  return fields;
}
