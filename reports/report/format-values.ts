// Number, interval and table formatting shared by the report's markdown sections: pure.

/** Up to 4 significant digits without float noise; `n/a` for null or non-finite. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(4)).toString();
}

/** Like formatNumber, with a leading + on positive values (differences). */
export function formatSigned(value: number | null | undefined): string {
  const text = formatNumber(value);
  return value !== null && value !== undefined && value > 0 ? `+${text}` : text;
}

/** `[low, high]`, or `ci=n/a` when the interval does not exist (n < 3), or `n/a (reason)` when the statistics give `na`. */
export function formatInterval(low: number | null | undefined, high: number | null | undefined, na?: string | null): string {
  if (low === null || low === undefined || high === null || high === undefined) return na ? `n/a (${na})` : 'ci=n/a';
  return `[${formatNumber(low)}, ${formatNumber(high)}]`;
}

export function formatPercent(fraction: number | null | undefined, digits = 1): string {
  return fraction === null || fraction === undefined || !Number.isFinite(fraction) ? 'n/a' : `${(fraction * 100).toFixed(digits)}%`;
}

export function formatUsdAmount(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return value >= 100 ? `$${value.toFixed(0)}` : value >= 1 ? `$${value.toFixed(2)}` : `$${value.toPrecision(2)}`;
}

/** `0.4 s` and `42 s` below a minute (arms of a simulated run take seconds), `12 min`, then `1h05`. */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return 'n/a';
  if (ms < 59_500) {
    const seconds = ms / 1000;
    return `${seconds < 9.95 ? seconds.toFixed(1) : Math.round(seconds)} s`;
  }
  const minutes = Math.round(ms / 60_000);
  return minutes >= 60 ? `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}` : `${minutes} min`;
}

/**
 * A bar's reading step: `whole %` for 1, else the power of ten with exactly its decimals (`0.0001 %`), since
 * `10 ** -4` is 0.00009999999999999999 in floating point and printed as such.
 */
export function formatReadingStep(step: number): string {
  if (step === 1) return 'whole %';
  const decimals = Math.round(-Math.log10(step));
  const power = Number(`1e-${decimals}`);
  if (decimals > 0 && Math.abs(step - power) <= power * 1e-9) return `${power.toFixed(decimals)} %`;
  return `${formatNumber(step)} %`;
}

/** `per $` (of subscription), `per 1%` (of the 5h window) or `per 1M tok`. */
export function formatUnit(unit: string | null): string {
  return unit === 'usd' ? 'per $' : unit === 'tokens' ? 'per 1M tok' : 'per 1%';
}

/** What an efficiency axis measures, in words: the title of any chart axis that plots efficiency in `unit`. */
export function describeEfficiencyUnit(unit: string | null): string {
  return unit === 'usd'
    ? 'quality points per $ of subscription'
    : unit === 'tokens'
      ? 'quality points per 1M tokens'
      : 'quality points per 1% of the 5h window';
}

/** The unit column: `$ sub`, `% 5h` or `tokens`. */
export function formatUnitShort(unit: string | null): string {
  return unit === 'usd' ? '$ sub' : unit === 'tokens' ? 'tokens' : '% 5h';
}

/**
 * A GitHub markdown table whose columns are padded to equal width, so it also reads as a table in a terminal.
 * `align` per column: 'l' (default) or 'r'. Pipes in cells are escaped.
 */
export function formatTable(header: string[], rows: string[][], align: ('l' | 'r')[] = []): string[] {
  const escapeCell = (cell: string) => cell.replace(/\|/g, '\\|');
  const all = [header, ...rows].map((row) => row.map(escapeCell));
  const widths = header.map((_, i) => Math.max(3, ...all.map((row) => (row[i] ?? '').length)));
  const pad = (cell: string, i: number) => (align[i] === 'r' ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0));
  const line = (row: string[]) => `| ${header.map((_, i) => pad(row[i] ?? '', i)).join(' | ')} |`;
  const rule = `| ${widths.map((width, i) => (align[i] === 'r' ? `${'-'.repeat(width - 1)}:` : '-'.repeat(width))).join(' | ')} |`;
  return [line(all[0] as string[]), rule, ...all.slice(1).map(line)];
}

/** `pass`, `FAIL`, `not evaluable`: failures stand out in a terminal. */
export function formatStatus(status: 'pass' | 'fail' | 'not-evaluable'): string {
  return status === 'pass' ? 'pass' : status === 'fail' ? 'FAIL' : 'not evaluable';
}

/** `p = 0.012`, `p < 0.001`, or `p = n/a`: more digits than that claim a precision no experiment here has. */
export function formatP(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return 'p = n/a';
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}

/**
 * `value` rounded to the precision its interval supports: two significant digits of the half-width
 * (0.2002 with a half-width of 0.0128 prints 0.200), so no digit is printed that the data cannot back.
 */
export function formatToInterval(
  value: number | null | undefined,
  low: number | null | undefined,
  high: number | null | undefined,
  signed = false,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'n/a';
  const half = low !== null && low !== undefined && high !== null && high !== undefined ? (high - low) / 2 : Number.NaN;
  if (!(half > 0) || !Number.isFinite(half)) return signed ? formatSigned(value) : formatNumber(value);
  const decimals = Math.min(12, Math.max(0, 1 - Math.floor(Math.log10(half))));
  const text = Math.abs(value) >= 1e6 ? Number(value.toPrecision(4)).toExponential() : value.toFixed(decimals);
  return signed && value > 0 ? `+${text}` : text;
}

/** `[low, high]` rounded like {@link formatToInterval}. */
export function formatRoundedInterval(low: number | null | undefined, high: number | null | undefined): string {
  if (low === null || low === undefined || high === null || high === undefined || !Number.isFinite(low) || !Number.isFinite(high))
    return 'ci=n/a';
  return `[${formatToInterval(low, low, high)}, ${formatToInterval(high, low, high)}]`;
}

/** A ratio of work per dollar: `2.96x`, `infinite` when the other side did no correct work, `n/a` when unknown. */
export function formatRatio(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return 'n/a';
  if (value === Number.POSITIVE_INFINITY) return 'infinitely more';
  return `${Number(value.toPrecision(3))}x`;
}

/** An interval that cannot tell a provider 100 times ahead from one 100 times behind says nothing anyone asks. */
const NO_INFORMATION_RATIO = 100;

/**
 * `1.8 to 4.9`, with an unbounded end said in words; an interval reaching past 1/100 and 100 at once is "no
 * information yet": a sequence that still holds both says nothing anyone asks (tasks-needed says what would).
 */
export function formatRatioInterval(low: number | null | undefined, high: number | null | undefined): string {
  if (low === null || low === undefined || high === null || high === undefined) return 'n/a';
  if (low <= 1 / NO_INFORMATION_RATIO && high >= NO_INFORMATION_RATIO)
    return `no information yet (${NO_INFORMATION_RATIO}x either way still in)`;
  const end = (value: number): string => (Number.isFinite(value) ? String(Number(value.toPrecision(3))) : 'unbounded');
  return `${end(low)} to ${end(high)}`;
}
