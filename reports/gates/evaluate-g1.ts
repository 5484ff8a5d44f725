// G1 (seed 001 section 5): for some provider, the last two recorded previews both show n >= 3, ci_width <= 0.30, power >= 0.8 and quality >= 0.8 x baseline.
import type { PreviewRow, ProviderSummary } from '../../ledger/index.js';
import {
  checkAtLeast,
  checkAtMost,
  combineChecks,
  describeFailedChecks,
  type GateCheck,
  type GateResult,
  type GateStatus,
} from './gate-result.js';

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
}

/** The four checks of one provider in one preview. */
export function checkG1Summary(summary: ProviderSummary | undefined, label: string): GateCheck[] {
  const t = G1_THRESHOLDS;
  return [
    checkAtLeast(`n (${label})`, summary?.n ?? null, t.min_n),
    checkAtMost(`ci_width (${label})`, summary?.ci_width ?? null, t.max_ci_width),
    checkAtLeast(`power (${label})`, summary?.power ?? null, t.min_power),
    checkAtLeast(`quality vs baseline (${label})`, summary?.quality_ratio ?? null, t.min_quality_ratio),
  ];
}

/**
 * Reads the last two unfiltered previews with new windows between them (`tracker preview --record`); a provider (in one capacity unit)
 * passes when all four checks pass in both. G1 passes when any provider passes; it is not evaluable with
 * fewer than two previews, or when no provider fails but some number is missing (previews recorded
 * before power and quality_ratio were recorded).
 */
export function evaluateG1(previews: readonly PreviewRow[]): G1Result {
  const base = { id: 'G1' as const, title: 'Efficiency estimate is precise, powered and of good quality (last two previews)' };
  const recent = keepPreviewsWithNewWindows(previews.filter((row) => row.filter === undefined)).slice(-2);
  const shown = recent.map((row) => ({ id: row.id, ts: row.ts }));
  if (recent.length < 2) {
    return {
      ...base,
      status: 'not-evaluable',
      summary: `${recent.length} recorded preview${recent.length === 1 ? '' : 's'}; G1 needs two with new windows between them (\`experiment run\` records one after every period; \`tracker preview --record\` records one by hand)`,
      checks: [],
      previews: shown,
      providers: [],
      passing: [],
    };
  }
  const [older, newer] = recent as [PreviewRow, PreviewRow];
  const keys = new Map<string, { provider: string; unit: string }>();
  for (const summary of [...older.providers, ...newer.providers])
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
  const summary =
    status === 'pass'
      ? `${passing.join(', ')} meet${passing.length === 1 ? 's' : ''} all four thresholds in the last two previews`
      : providers.length === 0
        ? 'the last two previews have no provider with windows'
        : providers
            .map((result) => `${result.provider}${result.unit === 'tokens' ? ' [tokens]' : ''}: ${describeProvider(result.checks)}`)
            .join('; ');
  return {
    ...base,
    status: providers.length === 0 ? 'not-evaluable' : status,
    summary,
    checks: providers.flatMap((result) => result.checks),
    previews: shown,
    providers,
    passing,
  };
}

/** The latest preview's misses (the previous one's when the latest has none), without the per-check labels. */
function describeProvider(checks: readonly GateCheck[]): string {
  const latest = checks.slice(4);
  const previous = checks.slice(0, 4);
  const unlabel = (text: string) => text.replace(/ \((?:previous|latest)\)/g, '');
  if (latest.some((check) => check.pass !== true)) return `${unlabel(describeFailedChecks(latest))} (latest preview)`;
  return `${unlabel(describeFailedChecks(previous))} (previous preview)`;
}

/**
 * "Two consecutive previews" means two with new windows between them: previews recorded again on the same
 * windows (twice in a second, say) say nothing new, so of each run of previews with the same window count
 * only the latest is kept.
 */
export function keepPreviewsWithNewWindows(previews: readonly PreviewRow[]): PreviewRow[] {
  const kept: PreviewRow[] = [];
  const countWindows = (row: PreviewRow): number => row.providers.reduce((sum, summary) => sum + summary.windows, 0);
  for (const row of previews) {
    const last = kept.at(-1);
    if (last && countWindows(last) === countWindows(row)) kept[kept.length - 1] = row;
    else kept.push(row);
  }
  return kept;
}
