// Reads the closing summary (`# tests N`, `# pass N`, ...) of Node's TAP test reporter.

export interface TapSummary {
  tests: number;
  pass: number;
  fail: number;
  cancelled: number;
  skipped: number;
  todo: number;
}

const FIELDS = ['tests', 'pass', 'fail', 'cancelled', 'skipped', 'todo'] as const;
/** Only unindented lines count: nested subtests are indented, and test output cannot forge a top-level comment line. */
const LINE = /^# (tests|pass|fail|cancelled|skipped|todo) (\d+)\s*$/;

/**
 * The counts of the last summary in `text`, or undefined when it has no `# tests N` line (a run that was killed).
 * Counts the summary lacks are 0. With several summaries (output of two runs) the last one wins.
 */
export function parseTapSummary(text: string): TapSummary | undefined {
  let found: Partial<TapSummary> | undefined;
  let current: Partial<TapSummary> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = LINE.exec(line);
    if (!match) continue;
    const field = match[1] as (typeof FIELDS)[number];
    if (field === 'tests') current = {};
    current[field] = Number(match[2]);
    if (current.tests !== undefined) found = current;
  }
  if (found === undefined) return undefined;
  const summary = found;
  return Object.fromEntries(FIELDS.map((field) => [field, summary[field] ?? 0])) as unknown as TapSummary;
}

/** An unindented test point: `ok N`, `not ok N`, with an optional ` - name` and `# SKIP` / `# TODO` directive. */
const TEST_POINT = /^(not )?ok \d+(?: -.*)?$/;
const DIRECTIVE = /#\s*(SKIP|TODO)\b[^#]*$/i;

/**
 * For a run killed before its summary: counts the top-level test points it printed, as a summary would
 * (`not ok` is fail, a SKIP or TODO directive is skipped or todo). Undefined when it printed none.
 * Tests that never finished print no test point: the caller must account for them.
 */
export function countTopLevelResults(text: string): TapSummary | undefined {
  const counts: TapSummary = { tests: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
  for (const line of text.split(/\r?\n/)) {
    const match = TEST_POINT.exec(line);
    if (!match) continue;
    counts.tests += 1;
    const directive = DIRECTIVE.exec(line)?.[1]?.toUpperCase();
    if (directive === 'SKIP') counts.skipped += 1;
    else if (directive === 'TODO') counts.todo += 1;
    else if (match[1]) counts.fail += 1;
    else counts.pass += 1;
  }
  return counts.tests > 0 ? counts : undefined;
}

/** How many test results failed on the test runner's timeout (`failureType: 'testTimeoutFailure'` in their YAML block). */
export function countTimeoutFailures(text: string): number {
  return text.split(/\r?\n/).filter((line) => /^\s+failureType: '?testTimeoutFailure'?\s*$/.test(line)).length;
}
