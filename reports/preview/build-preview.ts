// Builds the preview a user reads after each window from streamed window views: pure, no I/O.
import type { CapacityUnit, Outcome, ProviderSummary, WindowView } from '../../ledger/index.js';
import { addSample, computeMeanInterval, computeRunningSd, createRunningStats } from '../running-stats.js';
import { createFoldState, FOLD_VERSION, isFoldState, type PreviewFoldState, type ProviderTally } from './preview-fold-state.js';
import type { EfficiencyBasis } from './efficiency-basis.js';
import type { ProxyRollup } from './summarize-proxy-telemetry.js';

export interface PreviewWindow {
  agent_id: string;
  provider: string;
  window_id: string;
  status: 'open' | 'awaiting-complete' | 'completed';
  unit: CapacityUnit | null;
  before: number | null;
  after: number | null;
  delta: number | null;
  /** Tokens used, when a window measured in bars also had token counts at both ends. */
  tokens_delta: number | null;
  quality: number | null;
  outcome: Outcome | null;
  feature_id: string | null;
  /** Who wrote the window's rows: manual, alias, automation, runner, ... */
  source: string;
  efficiency: number | null;
  errors: string[];
}

export interface Preview {
  /** Per provider and unit: the fold's figures per bar unit, or, once `efficiency` is set, its priced ones with power. */
  providers: ProviderSummary[];
  /** The unit, plan, baseline and test settings of `providers` (`tracker preview` sets it; older callers leave it out). */
  efficiency?: EfficiencyBasis;
  /** The most recent windows, oldest first (see `windows_total` for how many exist). */
  windows: PreviewWindow[];
  windows_total: number;
  anomalies: number;
  unreadable_rows: number;
  /** The proxy telemetry rollup (overall and per window); null when proxy_telemetry.jsonl has no rows. */
  proxy: ProxyRollup | null;
}

export interface PreviewFilter {
  agentId?: string | undefined;
  provider?: string | undefined;
}

export interface PreviewBuilder {
  add(view: WindowView): void;
  /** Every provider a view was added for, whatever the filter: a --provider that names none of them is a typo. */
  readonly providersSeen: ReadonlySet<string>;
  finish(counts: { anomalies: number; unreadableRows: number; proxy?: ProxyRollup | null }): Preview;
  /** Names what `save` returns: one per filter and length (the ledger keeps a checkpoint per name). */
  readonly foldName: string;
  /** The builder's state, to be carried to a later scan (ledger ViewFoldHooks). */
  save(): PreviewFoldState;
  /** Takes a saved state back; false, with nothing changed, when it is not one this builder saved. */
  restore(state: unknown): boolean;
}

/** Efficiency is quality points per 1% of the 5h window (or per 1M tokens for token-metered windows). */
export function computeEfficiency(quality: number | null, unit: CapacityUnit | null, delta: number | null): number | null {
  if (quality === null || unit === null || delta === null || delta <= 0) return null;
  return unit === 'tokens' ? quality / (delta / 1_000_000) : quality / delta;
}

/**
 * Keeps running statistics per provider and only the last `recent` windows, so memory stays flat. A window
 * is turned into its preview line only if it is still among the last ones at the end: most never are.
 */
export function createPreviewBuilder(options: { recent?: number; filter?: PreviewFilter } = {}): PreviewBuilder {
  const recent = options.recent ?? 20;
  const filter = options.filter ?? {};
  // By provider, then unit: no key string is made per window.
  const tallies = new Map<string, Map<CapacityUnit, ProviderTally>>();
  let shown: WindowView[] = [];
  const providersSeen = new Set<string>();
  let total = 0;
  // One name per filter and length: a preview of other windows, or of more of them, must not start from this one's state.
  const foldName = `preview/${FOLD_VERSION}/${JSON.stringify([recent, filter.provider ?? null, filter.agentId ?? null])}`;

  return {
    foldName,
    providersSeen,
    save: () =>
      createFoldState(foldName, {
        total,
        shown,
        tallies: [...tallies.values()].flatMap((units) => [...units.values()]),
        providers: [...providersSeen],
      }),
    restore(state) {
      if (!isFoldState(state, foldName)) return false;
      total = state.total;
      shown = [...state.shown];
      providersSeen.clear();
      for (const provider of state.providers) providersSeen.add(provider);
      tallies.clear();
      for (const tally of state.tallies) {
        const units = tallies.get(tally.provider) ?? new Map<CapacityUnit, ProviderTally>();
        units.set(tally.unit, tally);
        tallies.set(tally.provider, units);
      }
      return true;
    },
    add(view) {
      providersSeen.add(view.provider);
      if (filter.agentId !== undefined && view.agentId !== filter.agentId) return;
      if (filter.provider !== undefined && view.provider !== filter.provider) return;
      total += 1;
      if (recent > 0) {
        shown.push(view);
        if (shown.length > recent) shown.shift();
      }
      const unit = view.capacity?.unit ?? null;
      if (!unit) return;
      let units = tallies.get(view.provider);
      if (!units) {
        units = new Map();
        tallies.set(view.provider, units);
      }
      let tally = units.get(unit);
      if (!tally) {
        tally = { provider: view.provider, unit, windows: 0, stats: createRunningStats(), qualitySum: 0, qualityCount: 0 };
        units.set(unit, tally);
      }
      tally.windows += 1;
      if (view.quality !== null) {
        tally.qualitySum += view.quality;
        tally.qualityCount += 1;
      }
      const efficiency = computeEfficiency(view.quality, unit, view.capacity?.delta ?? null);
      if (efficiency !== null) addSample(tally.stats, efficiency);
    },
    finish(counts) {
      const providers = [...tallies.values()]
        .flatMap((units) => [...units.values()])
        .sort((a, b) => a.provider.localeCompare(b.provider) || a.unit.localeCompare(b.unit))
        .map((tally): ProviderSummary => {
          const interval = computeMeanInterval(tally.stats);
          return {
            provider: tally.provider,
            unit: tally.unit,
            windows: tally.windows,
            n: tally.stats.n,
            mean_efficiency: tally.stats.n > 0 ? tally.stats.mean : null,
            ci_low: interval?.low ?? null,
            ci_high: interval?.high ?? null,
            ci_width: interval?.width ?? null,
            // Scaled: m2 itself overflows past values of about 1e154.
            sd_efficiency: computeRunningSd(tally.stats),
            mean_quality: tally.qualityCount > 0 ? tally.qualitySum / tally.qualityCount : null,
          };
        });
      return {
        providers,
        windows: shown.map(toPreviewWindow),
        windows_total: total,
        anomalies: counts.anomalies,
        unreadable_rows: counts.unreadableRows,
        proxy: counts.proxy ?? null,
      };
    },
  };
}

function toPreviewWindow(view: WindowView): PreviewWindow {
  const unit = view.capacity?.unit ?? null;
  const delta = view.capacity?.delta ?? null;
  return {
    agent_id: view.agentId,
    provider: view.provider,
    window_id: view.windowId,
    status: view.completed ? 'completed' : view.after ? 'awaiting-complete' : 'open',
    unit,
    before: view.capacity?.before ?? view.before?.pct5h ?? view.before?.tokens ?? null,
    after: view.capacity?.after ?? null,
    delta,
    tokens_delta: view.capacity?.tokens?.delta ?? null,
    quality: view.quality,
    outcome: view.outcome,
    feature_id: view.featureId,
    source: view.source,
    efficiency: computeEfficiency(view.quality, unit, delta),
    errors: view.errors,
  };
}
