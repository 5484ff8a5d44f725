// G1 (seed 001 section 5): some candidate shows n >= 3, ci_width <= 0.30, power >= 0.8 and quality >= 0.8 x baseline in the last two comparable previews.
import type { PreviewRow, ProviderSummary } from '../../ledger/index.js';
import {
  checkAtLeast,
  checkAtMost,
  combineChecks,
  describeFailedChecks,
  formatGateNumber,
  type GateCheck,
  type GateResult,
  type GateStatus,
} from './gate-result.js';
import { describeBasis, type G1Basis, keepPreviewsWithNewWindows, matchesBasis, readBasis } from './select-g1-looks.js';

export type { G1Basis } from './select-g1-looks.js';

export const G1_THRESHOLDS = { min_n: 3, max_ci_width: 0.3, min_power: 0.8, min_quality_ratio: 0.8 } as const;

export interface G1ProviderResult {
  provider: string;
  unit: string;
  status: GateStatus;
  /** The checks of the older preview, then those of the newer one. */
  checks: GateCheck[];
}

export interface G1Result extends GateResult {
  id: 'G1';
  /** ids and times of the two previews read, oldest first. */
  previews: { id: string; ts: string }[];
  providers: G1ProviderResult[];
  /** The providers that pass, if any. */
  passing: string[];
  /** The plan, unit and baseline of the previews read; null when none was comparable. */
  basis: G1Basis | null;
}

/** The four checks of one provider in one preview. */
export function checkG1Summary(summary: ProviderSummary | undefined, label: string): GateCheck[] {
  const t = G1_THRESHOLDS;
  const pair = summary?.pair_power;
  const power = pair
    ? pair.na === null
      ? pair.basis === 'simulation'
        ? `the decision simulated on ${pair.n_tasks} shared tasks at alpha ${formatGateNumber(pair.alpha_adjusted)} for ${formatGateNumber(pair.ratio ?? 1.2)}x`
        : `AB/BA on ${pair.n_tasks} shared tasks at alpha ${formatGateNumber(pair.alpha_adjusted)}`
      : `n/a: ${pair.na}`
    : undefined;
  return [
    checkAtLeast(`n (${label})`, summary?.n ?? null, t.min_n),
    checkAtMost(`ci_width (${label})`, summary?.ci_width ?? null, t.max_ci_width),
    checkAtLeast(`power (${label})`, summary?.power ?? null, t.min_power, power),
    checkAtLeast(`quality vs baseline (${label})`, summary?.quality_ratio ?? null, t.min_quality_ratio),
  ];
}

/**
 * Seed 001's G1 against one baseline in one unit: reads the last two unfiltered recorded previews of the same plan,
 * unit and baseline with new windows between them, every epoch's window counted (select-g1-looks.ts; `experiment
 * run` records one after every period, `tracker preview --record` one by hand). `expected` (the report's plan, unit and pre-registered reference) keeps only
 * previews of that basis, so the power G1 reads is the pair power the report prints for the same data. Every
 * provider but the baseline is a candidate; one passes when its four checks pass in both previews, and G1
 * passes when any candidate does; its summary names each passing pair and the ratio of their work per unit.
 * A pass is about the measurement, never a difference (G1_MEANING). Previews recorded before `unit` and
 * `baseline` existed are not comparable (their power was a two-sample test against a baseline chosen anew each
 * time): G1 is then not evaluable.
 */
export function evaluateG1(previews: readonly PreviewRow[], expected: Partial<G1Basis> = {}): G1Result {
  const base = { id: 'G1' as const, title: 'Efficiency estimate is precise, powered and of good quality (last two previews)' };
  const notEvaluable = (summary: string, recent: readonly PreviewRow[] = [], basis: G1Basis | null = null): G1Result => ({
    ...base,
    status: 'not-evaluable',
    summary,
    checks: [],
    previews: recent.map((row) => ({ id: row.id, ts: row.ts })),
    providers: [],
    passing: [],
    basis,
  });
  const unfiltered = previews.filter((row) => row.filter === undefined);
  const comparable = unfiltered.filter((row) => readBasis(row) !== null && matchesBasis(row, expected));
  const latest = comparable.at(-1);
  if (!latest) {
    const older = unfiltered.filter((row) => readBasis(row) === null).length;
    const wanted = describeBasis(expected);
    return notEvaluable(
      unfiltered.length === 0
        ? `0 recorded previews; G1 needs two with new windows between them (${HOW_TO_RECORD})`
        : older === unfiltered.length
          ? `the ${older} recorded preview${older === 1 ? '' : 's'} lack a unit and baseline (recorded by an older version): not comparable; G1 needs two new ones (${HOW_TO_RECORD})`
          : `no recorded preview${wanted ? ` ${wanted}` : ''}; G1 needs two with new windows between them (${HOW_TO_RECORD})`,
    );
  }
  const basis = readBasis(latest) as G1Basis;
  const recent = keepPreviewsWithNewWindows(comparable.filter((row) => matchesBasis(row, basis))).slice(-2);
  if (recent.length < 2)
    return notEvaluable(
      `1 recorded preview ${describeBasis(basis)}; G1 needs two with new windows between them (${HOW_TO_RECORD})`,
      recent,
      basis,
    );
  const [older, newer] = recent as [PreviewRow, PreviewRow];
  const keys = new Map<string, { provider: string; unit: string }>();
  for (const summary of [...older.providers, ...newer.providers])
    if (summary.provider !== basis.baseline)
      keys.set(`${summary.provider}\u0000${summary.unit}`, { provider: summary.provider, unit: summary.unit });
  const find = (row: PreviewRow, provider: string, unit: string) =>
    row.providers.find((summary) => summary.provider === provider && summary.unit === unit);
  const providers = [...keys.values()].map(({ provider, unit }): G1ProviderResult => {
    const checks = [...checkG1Summary(find(older, provider, unit), 'previous'), ...checkG1Summary(find(newer, provider, unit), 'latest')];
    return { provider, unit, status: combineChecks(checks), checks };
  });
  const passing = providers.filter((result) => result.status === 'pass').map((result) => result.provider);
  const status: GateStatus =
    passing.length > 0 ? 'pass' : providers.some((result) => result.status === 'not-evaluable') ? 'not-evaluable' : 'fail';
  const pair = (provider: string, unit: string) => `${provider} against ${basis.baseline}${unit === 'tokens' ? ' [tokens]' : ''}`;
  const summary =
    status === 'pass'
      ? `${providers
          .filter((result) => result.status === 'pass')
          .map((result) => describePassingPair(newer, result.provider, result.unit, basis))
          .join('; ')}. ${G1_MEANING}`
      : providers.length === 0
        ? `the last two previews have no provider besides the baseline ${basis.baseline}`
        : providers.map((result) => `${pair(result.provider, result.unit)}: ${describeProvider(result.checks)}`).join('; ');
  return {
    ...base,
    status: providers.length === 0 ? 'not-evaluable' : status,
    summary,
    checks: providers.flatMap((result) => result.checks),
    previews: recent.map((row) => ({ id: row.id, ts: row.ts })),
    providers,
    passing,
    basis,
  };
}

/** What a pass says, and what it does not (seed 001 defines G1 as precision, power and quality, not as a difference). */
export const G1_MEANING =
  "G1 says the measurement is good enough to see the relevant difference in that pair, not that there is one: a candidate no better than the baseline passes too (who is ahead is the verdict's question)";

/**
 * "sim-claude+glm against sim-claude in usd: n 5, ci_width 0.15, power 1, quality 1 in both previews; work per unit
 * 1.035x the baseline's": the pair, the latest preview's figures and the ratio of their work per unit.
 */
function describePassingPair(newer: PreviewRow, provider: string, unit: string, basis: G1Basis): string {
  const find = (name: string) => newer.providers.find((summary) => summary.provider === name && summary.unit === unit);
  const candidate = find(provider);
  const baseline = find(basis.baseline);
  const ratio =
    candidate?.mean_efficiency != null && baseline?.mean_efficiency != null && baseline.mean_efficiency > 0
      ? `; its work per unit is ${formatGateNumber(candidate.mean_efficiency / baseline.mean_efficiency)}x the baseline's`
      : '';
  const figures = `n ${candidate?.n ?? 'n/a'}, ci_width ${formatNumberOrNa(candidate?.ci_width)}, power ${formatNumberOrNa(candidate?.power)}, quality vs baseline ${formatNumberOrNa(candidate?.quality_ratio)}`;
  return `${provider} against ${basis.baseline} in ${unit === 'tokens' ? 'tokens' : basis.unit} meets all four thresholds in the last two previews (latest: ${figures})${ratio}`;
}

function formatNumberOrNa(value: number | null | undefined): string {
  return value === null || value === undefined ? 'n/a' : formatGateNumber(value);
}

const HOW_TO_RECORD = '`experiment run` records one after every period; `tracker preview --record` records one by hand';

/** The latest preview's misses (the previous one's when the latest has none), without the per-check labels. */
function describeProvider(checks: readonly GateCheck[]): string {
  const latest = checks.slice(4);
  const previous = checks.slice(0, 4);
  const unlabel = (text: string) => text.replace(/ \((?:previous|latest)\)/g, '');
  if (latest.some((check) => check.pass !== true)) return `${unlabel(describeFailedChecks(latest))} (latest preview)`;
  return `${unlabel(describeFailedChecks(previous))} (previous preview)`;
}
