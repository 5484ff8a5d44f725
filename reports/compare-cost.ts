// Seed 001's proxy cost comparison: sub-agent tokens and cost routed to GLM against the baseline, per matched feature.
import { computeUsageCost, type PriceTable } from '../budget/prices/index.js';
import type { TelemetryEvent } from '../ledger/index.js';
import { readRowTokens } from '../ledger/vocabulary/index.js';
import { ROUTED_BACKEND } from './preview/summarize-proxy-telemetry.js';
import { nameBackendProvider } from './name-backend-provider.js';

export type CostSample = Pick<TelemetryEvent, 'subagent_id' | 'backend_provider' | 'model' | 'prompt_tokens' | 'completion_tokens'> &
  Partial<Pick<TelemetryEvent, 'feature_id' | 'cache_read_tokens' | 'cache_creation_tokens' | 'path'>>;

export interface ArmTotals {
  requests: number;
  tokens: { input: number; output: number; cache_read: number; cache_creation: number; total: number };
  /** null when any request of the arm could not be priced (see the notes). */
  cost_usd: number | null;
  unpriced_requests: number;
  /** Requests with no token counts at all (they add 0 tokens and $0). */
  requests_without_usage: number;
  backends: string[];
  models: string[];
}

export interface FeatureCostComparison {
  feature_id: string;
  glm: ArmTotals;
  baseline: ArmTotals;
  /** GLM minus baseline: negative is a saving. */
  token_delta: number;
  cost_delta_usd: number | null;
  /** baseline / GLM; null when GLM's side is 0 or unknown. */
  token_reduction: number | null;
  cost_reduction: number | null;
}

export interface CostComparison {
  /** Features with sub-agent requests on both sides, by feature id. */
  features: FeatureCostComparison[];
  /** Features seen on one side only: skipped. */
  unmatched: { feature_id: string; only: typeof ROUTED_BACKEND | 'baseline'; requests: number }[];
  total: Omit<FeatureCostComparison, 'feature_id'> & { features: number; target: number; meets_target: boolean | null };
  subagent_requests: number;
  /** Sub-agent requests without a feature_id: they cannot be matched. */
  without_feature: number;
  notes: string[];
  /** Some arm's tokens and cost on a feature are its mean over the feature's runs (epochs), as G3 weighs them; else totals. */
  per_run_means: boolean;
}

export interface CompareCostOptions {
  /** The cost reduction to meet; default 2. */
  target?: number;
  /**
   * How much a request's tokens and cost count (requests are counted whole): G3 gives each request 1 / the runs of
   * its arm on its task, so a task run twice on one arm weighs as much as a task run once. Default 1.
   */
  weight?: (sample: CostSample) => number;
}

/**
 * Only rows with a subagent_id count; an arm is the back end (glm, or any other for the baseline). The total's
 * reductions are ratios of sums over the matched features (baseline's summed cost over GLM's), the form of the
 * report's work per $ (sum of quality over sum of dollars), never a mean of per-feature ratios.
 */
export function compareCost(samples: Iterable<CostSample>, prices: PriceTable, options: CompareCostOptions = {}): CostComparison {
  const target = options.target ?? 2;
  const arms = new Map<string, { glm: ArmTally; baseline: ArmTally }>();
  const notes = new Map<string, number>();
  let subagent = 0;
  let withoutFeature = 0;
  let weighted = false;
  for (const sample of samples) {
    if (sample.subagent_id === null) continue;
    subagent += 1;
    if (!sample.feature_id) {
      withoutFeature += 1;
      continue;
    }
    let feature = arms.get(sample.feature_id);
    if (!feature) arms.set(sample.feature_id, (feature = { glm: createArm(), baseline: createArm() }));
    const weight = options.weight?.(sample) ?? 1;
    if (weight !== 1) weighted = true;
    const note = addToArm(sample.backend_provider === ROUTED_BACKEND ? feature.glm : feature.baseline, sample, prices, weight);
    if (note) notes.set(note, (notes.get(note) ?? 0) + 1);
  }
  const features: FeatureCostComparison[] = [];
  const unmatched: CostComparison['unmatched'] = [];
  const sums = { glm: createArm(), baseline: createArm() };
  for (const [feature_id, { glm, baseline }] of [...arms.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (glm.requests === 0 || baseline.requests === 0) {
      unmatched.push({ feature_id, only: glm.requests > 0 ? ROUTED_BACKEND : 'baseline', requests: glm.requests + baseline.requests });
      continue;
    }
    features.push({ feature_id, ...compareArms(glm, baseline) });
    mergeArm(sums.glm, glm);
    mergeArm(sums.baseline, baseline);
  }
  const total = compareArms(sums.glm, sums.baseline);
  const meets = total.cost_reduction !== null ? total.cost_reduction >= target : isFreeAgainstPaid(total) ? true : null;
  return {
    features,
    unmatched,
    total: { features: features.length, target, meets_target: features.length === 0 ? null : meets, ...total },
    subagent_requests: subagent,
    without_feature: withoutFeature,
    notes: [...notes.entries()].map(([note, count]) => `${note} (${count} ${count === 1 ? 'request' : 'requests'})`),
    per_run_means: weighted,
  };
}

interface ArmTally extends ArmTotals {
  knownCost: number;
}

function createArm(): ArmTally {
  return {
    requests: 0,
    tokens: { input: 0, output: 0, cache_read: 0, cache_creation: 0, total: 0 },
    cost_usd: 0,
    unpriced_requests: 0,
    requests_without_usage: 0,
    backends: [],
    models: [],
    knownCost: 0,
  };
}

function addToArm(arm: ArmTally, sample: CostSample, prices: PriceTable, weight: number): string | null {
  const { total, ...tokens } = readRowTokens(sample);
  arm.requests += 1;
  for (const key of ['input', 'output', 'cache_read', 'cache_creation'] as const) arm.tokens[key] += weight * tokens[key];
  arm.tokens.total += weight * total;
  if (!arm.backends.includes(sample.backend_provider)) arm.backends.push(sample.backend_provider);
  if (sample.model && !arm.models.includes(sample.model)) arm.models.push(sample.model);
  if (sample.prompt_tokens === null && sample.completion_tokens === null) {
    // Nothing was counted (a failed request): it adds no tokens and no cost, whatever the model.
    arm.requests_without_usage += 1;
    return null;
  }
  const cost = computeUsageCost(prices, nameBackendProvider(sample.backend_provider), sample.model, tokens);
  if (cost.usd === null) {
    arm.unpriced_requests += 1;
    arm.cost_usd = null;
    return cost.note;
  }
  arm.knownCost += weight * cost.usd;
  if (arm.cost_usd !== null) arm.cost_usd = arm.knownCost;
  return null;
}

function mergeArm(into: ArmTally, from: ArmTally): void {
  into.requests += from.requests;
  for (const key of ['input', 'output', 'cache_read', 'cache_creation', 'total'] as const) into.tokens[key] += from.tokens[key];
  into.unpriced_requests += from.unpriced_requests;
  into.requests_without_usage += from.requests_without_usage;
  into.knownCost += from.knownCost;
  into.cost_usd = into.cost_usd === null || from.cost_usd === null ? null : into.knownCost;
  for (const backend of from.backends) if (!into.backends.includes(backend)) into.backends.push(backend);
  for (const model of from.models) if (!into.models.includes(model)) into.models.push(model);
}

function compareArms(glm: ArmTally, baseline: ArmTally): Omit<FeatureCostComparison, 'feature_id'> {
  const bothCosts = glm.cost_usd !== null && baseline.cost_usd !== null;
  return {
    glm: publicArm(glm),
    baseline: publicArm(baseline),
    token_delta: glm.tokens.total - baseline.tokens.total,
    cost_delta_usd: bothCosts ? (glm.cost_usd as number) - (baseline.cost_usd as number) : null,
    token_reduction: glm.tokens.total > 0 ? baseline.tokens.total / glm.tokens.total : null,
    cost_reduction: bothCosts && (glm.cost_usd as number) > 0 ? (baseline.cost_usd as number) / (glm.cost_usd as number) : null,
  };
}

function isFreeAgainstPaid(total: Omit<FeatureCostComparison, 'feature_id'>): boolean {
  return total.glm.cost_usd === 0 && (total.baseline.cost_usd ?? 0) > 0;
}

function publicArm(arm: ArmTally): ArmTotals {
  const { knownCost: _known, ...rest } = arm;
  return { ...rest, tokens: { ...arm.tokens }, backends: [...arm.backends].sort(), models: [...arm.models].sort() };
}
