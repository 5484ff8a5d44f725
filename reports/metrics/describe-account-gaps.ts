// What `tracker calibrate` and `tracker plans` cannot size, and their lines for it: rows naming no login, bars without use (pure).
import type { BarSeries } from '../bars/bar-types.js';

/** A provider's bar readings and uses that name no account, where its rows name two accounts or more. */
export interface UnnamedRows {
  provider: string;
  readings: number;
  uses: number;
}

/**
 * A tally of the rows labelled with the plain name of a provider in `split` (its rows name two accounts or more):
 * `count` adds them and says whether they were such rows (to leave out), `list` gives the tally.
 */
export function createUnnamedCount(split: ReadonlySet<string>): {
  count: (label: string, readings: number, uses: number) => boolean;
  list: () => UnnamedRows[];
} {
  const tally = new Map<string, UnnamedRows>();
  return {
    count(label, readings, uses) {
      if (!split.has(label)) return false;
      const held = tally.get(label) ?? { provider: label, readings: 0, uses: 0 };
      tally.set(label, { provider: label, readings: held.readings + readings, uses: held.uses + uses });
      return true;
    },
    list: () => [...tally.values()].filter((one) => one.readings + one.uses > 0),
  };
}

/** The accounts whose bars were read and that no calibration covers (calibrateEveryday skips those with no use). */
export function listAccountsWithoutUse(
  series: readonly BarSeries[],
  calibrations: readonly { provider: string }[],
  account: (provider: string) => string,
): string[] {
  const calibrated = new Set(calibrations.map((one) => one.provider));
  const read = series.filter((one) => one.points.length > 0).map((one) => account(one.provider));
  return [...new Set(read)].filter((label) => !calibrated.has(label)).sort();
}

/** Rows of a provider with two logins or more that name neither: counted, never a third account. */
export function describeUnnamedRows(rows: UnnamedRows): string {
  const what = [...(rows.uses > 0 ? [`${rows.uses} uses`] : []), ...(rows.readings > 0 ? [`${rows.readings} bar readings`] : [])].join(
    ' and ',
  );
  return `${what} of ${rows.provider} name no login, beside rows of two logins or more: left out, never an account of their own (transcripts ingested before their config dir's .claude.json named its login, and no status-line reading of their sessions: docs/plans.md#several-logins)`;
}

/** An account whose bars were read while none of its use was recorded: why it has no figure, and how to give it one. */
export function describeWithoutUse(label: string): string {
  return `${label}: its bars were read, but no use of it was recorded between them: not calibrated (record its use: a Claude Code login's transcripts with tracker ingest claude-transcripts --claude-dir <its config dir>, another agent's files with its ingest, or tracker proxy, or tracker otel)`;
}
