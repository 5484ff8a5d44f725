// The power of the open contest under the plan's own decision: what more tasks would settle it, for the report.
import type { SequentialRuleSettings } from '../../ledger/schemas/index.js';
import type { RatioTask } from '../stats/ratio-of-sums.js';
import { planRatioPower, type RatioPowerInput } from '../metrics/plan-ratio-power.js';
import type { RatioPowerPlan } from '../metrics/ratio-power-plan.js';
import type { PrimaryPlan } from './resolve-analysis-plan.js';

/** What the power of a contest depends on besides its tasks: the plan, its rule, each provider's calibration error. */
export interface ContestPowerContext {
  analysis: PrimaryPlan;
  rule: SequentialRuleSettings;
  calibrationSe: ReadonlyMap<string, number>;
  /** Each provider's task budget in the windows' unit (resolveBudgetCaps); null when the plan registered none. */
  budgets: ReadonlyMap<string, number> | null;
  /** Simulated runs per figure. */
  runs: number;
  seed: string | number;
  /** Keeps the figures of a request between processes (the figures are a pure function of it); absent: simulate. */
  remember?: RememberPower | undefined;
}

/** A store of simulated power figures by request: it returns the kept figures, or `simulate()`'s. */
export type RememberPower = (input: RatioPowerInput, simulate: () => RatioPowerPlan) => RatioPowerPlan;

/** The contest's power through the plan's own sequence, alpha per pair, task budgets and calibration widening. */
export function planContestPower(contest: [string, string], tasks: readonly RatioTask[], context: ContestPowerContext): RatioPowerPlan {
  const { analysis, rule, calibrationSe } = context;
  const ses: [number, number] = [calibrationSe.get(contest[0]) ?? 0, calibrationSe.get(contest[1]) ?? 0];
  const a = context.budgets?.get(contest[0]);
  const b = context.budgets?.get(contest[1]);
  const input: RatioPowerInput = {
    pair: contest,
    tasks,
    alpha: analysis.alpha,
    providers: Math.max(2, analysis.providers.length),
    minEffect: analysis.min_effect,
    enabled: rule.rule !== 'none',
    planned: rule.planned_tasks,
    calibrationSe: Math.hypot(...ses),
    calibrationSes: ses,
    budget: a !== undefined && b !== undefined ? { a, b } : null,
    runs: context.runs,
    seed: `${context.seed}:power`,
    promised: analysis.planning ?? null,
  };
  return context.remember ? context.remember(input, () => planRatioPower(input)) : planRatioPower(input);
}
