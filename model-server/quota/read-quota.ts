// One account's bars as the quota endpoints report them: exact units, 0..1 fractions, reset instants.
import { BAR_WINDOW_S, computeBarResets, selectBarLimits, type BarState, type SolverBars } from '../solver/solver-bars.js';

export interface QuotaReading {
  account: string;
  /** Units charged to the account so far (0 when the server runs without the solver). */
  units: number;
  /** The 4-decimal fractions the bar headers show (0..1, capped). */
  fiveHour: number;
  sevenDay: number;
  day: number;
  /** Window limits in units (GLM reports its counts against these). */
  fiveHourLimit: number;
  sevenDayLimit: number;
  /**
   * When each window resets, epoch milliseconds: the header's epoch second plus the server start's own
   * millisecond, so the endpoints carry a sub-second part as the real ones do, and flooring to whole seconds
   * gives exactly what the bar headers say.
   */
  fiveHourResetMs: number;
  sevenDayResetMs: number;
  dayResetMs: number;
  /** When the scripted period began (an hour before the server started), epoch milliseconds. */
  periodStartMs: number;
}

/**
 * Reads, never charges: a quota read must cost no capacity. Without a solver (script mode) no account is ever
 * charged, so every account reads 0 used.
 */
export function readQuota(bars: SolverBars | null, account: string, startedAtMs: number): QuotaReading {
  const state: BarState = bars?.read(account) ?? { account, units: 0, fiveHour: 0, sevenDay: 0, day: 0 };
  const resets = computeBarResets(Math.floor(startedAtMs / 1000));
  const subSecondMs = startedAtMs - Math.floor(startedAtMs / 1000) * 1000;
  return {
    account,
    units: state.units,
    fiveHour: state.fiveHour,
    sevenDay: state.sevenDay,
    day: state.day,
    fiveHourLimit: selectBarLimits(account).fiveHourUnits,
    sevenDayLimit: selectBarLimits(account).sevenDayUnits,
    fiveHourResetMs: resets.fiveHour * 1000 + subSecondMs,
    sevenDayResetMs: resets.sevenDay * 1000 + subSecondMs,
    dayResetMs: resets.day * 1000 + subSecondMs,
    periodStartMs: (resets.fiveHour - BAR_WINDOW_S.fiveHour) * 1000 + subSecondMs,
  };
}
