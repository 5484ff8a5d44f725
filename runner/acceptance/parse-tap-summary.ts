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
