// The shape of a gate's verdict and the threshold checks every gate is made of: pure.

export type GateId = 'G1' | 'G2' | 'G3';
export type GateStatus = 'pass' | 'fail' | 'not-evaluable';

/** One comparison behind a gate: the number, the threshold and how they compare. */
export interface GateCheck {
  name: string;
  value: number | null;
  comparator: '>=' | '<=';
  threshold: number;
  /** null when the value is unknown (the check cannot be made). */
  pass: boolean | null;
  /** What the number is, in words, when the name is not enough. */
  detail?: string;
  /** Why a check whose value is known is not decided yet (its interval holds the threshold), e.g. `40 and 38 requests`. */
  undecided?: string;
}

export interface GateResult {
  id: GateId;
  title: string;
  status: GateStatus;
  /** One line: why the gate is where it is. */
  summary: string;
  checks: GateCheck[];
}

/**
 * Thresholds are compared with a tolerance of 1e-9 (relative to the threshold's size), so a value that equals
 * the threshold on paper (0.8 x 0.7 = 0.56 computed as 0.5599999...) passes a `>=` or `<=` check as written.
 */
const TOLERANCE = 1e-9;

/** A `value >= threshold` check; an unknown value gives pass = null. */
export function checkAtLeast(name: string, value: number | null, threshold: number, detail?: string): GateCheck {
  const pass = value === null || !Number.isFinite(value) ? null : value >= threshold - TOLERANCE * Math.max(1, Math.abs(threshold));
  return { name, value, comparator: '>=', threshold, pass, ...(detail === undefined ? {} : { detail }) };
}

/** A `value <= threshold` check; an unknown value gives pass = null. */
export function checkAtMost(name: string, value: number | null, threshold: number, detail?: string): GateCheck {
  const pass = value === null || !Number.isFinite(value) ? null : value <= threshold + TOLERANCE * Math.max(1, Math.abs(threshold));
  return { name, value, comparator: '<=', threshold, pass, ...(detail === undefined ? {} : { detail }) };
}

/**
 * A check decided on an interval of its value, never on the value alone: pass when the whole interval is on the
 * threshold's good side, false when the whole interval is past it, null (not decided yet) when it holds the threshold.
 */
export function decideByInterval(interval: { low: number; high: number }, comparator: '>=' | '<=', threshold: number): boolean | null {
  const slack = TOLERANCE * Math.max(1, Math.abs(threshold));
  if (comparator === '<=') return interval.high <= threshold + slack ? true : interval.low > threshold + slack ? false : null;
  return interval.low >= threshold - slack ? true : interval.high < threshold - slack ? false : null;
}

/** Pass when every check passes, fail when any fails, else not evaluable (some value unknown). */
export function combineChecks(checks: readonly GateCheck[]): GateStatus {
  if (checks.some((check) => check.pass === false)) return 'fail';
  if (checks.length === 0 || checks.some((check) => check.pass === null)) return 'not-evaluable';
  return 'pass';
}

/** `ci_width=0.31 > 0.30` style text for the checks that failed (or could not be made). */
export function describeFailedChecks(checks: readonly GateCheck[]): string {
  return checks
    .filter((check) => check.pass !== true)
    .map((check) =>
      check.undecided !== undefined && check.pass === null
        ? `${check.name} not evaluable yet (${check.undecided})`
        : check.value === null
          ? `${check.name} unknown`
          : `${check.name}=${formatGateNumber(check.value)} ${check.comparator === '>=' ? '<' : '>'} ${formatGateNumber(check.threshold)}`,
    )
    .join(', ');
}

/** Up to 4 significant digits, without float noise (0.30000000000000004 prints 0.3). */
export function formatGateNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  return Number(value.toPrecision(4)).toString();
}
