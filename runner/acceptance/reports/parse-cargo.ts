// Scores libtest's json format (`cargo test -- -Z unstable-options --format json`): one verdict per test per binary.
import { splitCleanLines, type TestCounts } from './test-counts.js';
import { readJsonObjectLine, recordVerdict, tallyVerdicts, type Verdict } from './tally-verdicts.js';

// "timeout" is libtest's warning that a test has run over 60 s, not a result: the test's own ok or failed follows.
const RESULTS: Record<string, Verdict> = { ok: 'pass', failed: 'fail', ignored: 'skip' };

/**
 * Sums every test binary's tests (unit tests, each integration test file, doc-tests); null when no test event was
 * printed (a build error, or output that is not json). Only events are read: what a test prints through println! is
 * captured by libtest and arrives inside a failed event's "stdout" field (ADR 0017 says what still gets through). A
 * result counts only for a test libtest announced ("started") in the same binary, so a result line written straight to
 * stdout for a made-up name is dropped; a started test with no result (the binary died inside it) is failed, and a
 * failure is never undone.
 * Tests are keyed by binary ("suite started" begins one), since two binaries may each hold a test of the same name.
 */
export function parseCargoTest(text: string): TestCounts | null {
  const verdicts = new Map<string, Verdict>();
  const started = new Set<string>();
  let suite = 0;
  let sawEvent = false;
  for (const line of splitCleanLines(text)) {
    const event = readJsonEvent(line);
    if (event === undefined) continue;
    sawEvent = true;
    if (event.type === 'suite') {
      if (event.event === 'started') suite += 1;
      continue;
    }
    const key = `${suite}\u0000${event.name}`;
    const verdict = RESULTS[event.event];
    if (event.event === 'started') started.add(key);
    else if (verdict !== undefined && started.has(key)) recordVerdict(verdicts, key, verdict);
  }
  if (!sawEvent) return null;
  for (const key of started) if (!verdicts.has(key)) verdicts.set(key, 'fail');
  // By name alone for identity: a binary's place in the run shifts when a test file is added (a failure still wins).
  const named = new Map<string, Verdict>();
  for (const [key, verdict] of verdicts) recordVerdict(named, key.slice(key.indexOf('\u0000') + 1), verdict);
  return { ...tallyVerdicts(verdicts.values()), verdicts: named };
}

interface LibtestEvent {
  type: 'suite' | 'test';
  event: string;
  name: string;
}

/** A libtest json event of a suite or a test (benches are not scored); undefined for any other line. */
function readJsonEvent(line: string): LibtestEvent | undefined {
  const { type, event, name } = readJsonObjectLine(line) ?? {};
  if (typeof event !== 'string') return undefined;
  if (type === 'suite') return { type, event, name: '' };
  if (type === 'test' && typeof name === 'string') return { type, event, name };
  return undefined;
}
