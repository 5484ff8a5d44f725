// Seed 001's data-quality halt, which the runner checks between arms (the early stop is the betting sequence: reports/metrics).
import { AppError, pluralize } from '../../kernel/index.js';

/** What the seed rule looks at for one provider's arm. */
export interface ArmHealth {
  /** Windows finalized so far in this arm. */
  windows: number;
  /** Of those, windows with a `negative-delta` anomaly. */
  negativeDeltaAnomalies: number;
  /** False when the arm's efficiency CI has a NaN or infinite bound (a CI not computed yet, n < 3, counts as finite). */
  ciFinite: boolean;
}

/** The seed rule's verdict for an arm. */
export interface SeedStopVerdict {
  halt: boolean;
  reason: string;
}

/**
 * Seed 001, section 4.4: halt the arm when `negative-delta` anomalies exceed 1 per 3 windows
 * (`anomalies * 3 > windows`, so 1 of 1 or 2 of 5 halts, 1 of 3 does not) or its CI is non-finite, and fix
 * capture before continuing.
 */
export function checkSeedStopRule(arm: ArmHealth): SeedStopVerdict {
  if (!Number.isInteger(arm.windows) || arm.windows < 0)
    throw new AppError('BAD_INPUT', `windows must be a whole number >= 0, got ${arm.windows}`, { where: 'windows' });
  if (!Number.isInteger(arm.negativeDeltaAnomalies) || arm.negativeDeltaAnomalies < 0 || arm.negativeDeltaAnomalies > arm.windows) {
    throw new AppError(
      'BAD_INPUT',
      `negativeDeltaAnomalies must be a whole number from 0 to windows (${arm.windows}), got ${arm.negativeDeltaAnomalies}`,
      { where: 'negativeDeltaAnomalies' },
    );
  }
  const reasons: string[] = [];
  const counted = `${pluralize(arm.negativeDeltaAnomalies, 'negative-delta anomaly', 'negative-delta anomalies')} in ${pluralize(arm.windows, 'window')}`;
  if (arm.negativeDeltaAnomalies * 3 > arm.windows) reasons.push(`${counted} (more than 1 per 3)`);
  if (!arm.ciFinite) reasons.push('the CI is non-finite');
  if (reasons.length === 0) return { halt: false, reason: `${counted}, CI finite` };
  return { halt: true, reason: `halt the arm and fix capture: ${reasons.join('; ')}` };
}
