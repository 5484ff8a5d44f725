// The power of a planned experiment, from the data dir's earlier windows when there are any: what plan and run print.
import { existsSync } from 'node:fs';
import { readReportLedger } from '../ledger/index.js';
import { AppError, pluralize } from '../kernel/index.js';
import { DEFAULT_PLANNING_VARIANCE, estimatePlanningVariance, planDesignPower, type DesignPower } from '../reports/index.js';
import type { AnalysisSettings, Plan } from '../runner/index.js';

/** A read of the data dir (never created here); without one, the stated default assumption. */
export function computePlanPower(dataDir: string, plan: Plan, analysis: AnalysisSettings): DesignPower {
  const pair: [string, string] = [plan.providers[0] as string, plan.providers[1] as string];
  const reference = analysis.reference ?? pair[0];
  const variance = existsSync(dataDir)
    ? // Only the pair's windows, and no capture times (durations): a data dir of a million captures reads in seconds.
      estimatePlanningVariance(readReportLedger(dataDir, { providers: pair, captureTimes: false }), pair, {
        reference,
        estimand: analysis.estimand,
      })
    : DEFAULT_PLANNING_VARIANCE;
  return planDesignPower({
    tasks: plan.tasks.length,
    epochs: plan.epochs,
    providers: plan.providers.length,
    alpha: analysis.alpha,
    minEffect: analysis.min_effect,
    variance,
  });
}

/** The lines `experiment plan` shows, and `experiment run` when the design is short of power. */
export function renderPlanPower(power: DesignPower): string[] {
  const v = power.variance;
  const within = v.within === null ? 'unknown' : v.within.toPrecision(3);
  const lines = [
    `Power: ${power.power === null ? 'n/a' : power.power.toFixed(2)} for a ${Math.round(power.min_effect * 100)}% difference (${pluralize(power.tasks, 'task')} x ${pluralize(power.epochs, 'epoch')}, AB/BA crossover on task means, alpha ${power.alpha}; d = ${Number.isFinite(power.effect) ? power.effect.toFixed(3) : 'inf'})`,
    `  variance: ${v.description}; sigma_b^2 = ${v.between.toPrecision(3)}, sigma_w^2 = ${within}, reference mean ${v.reference_mean.toPrecision(3)}`,
  ];
  if (v.tasks.length > 0) lines.push(`  from tasks: ${v.tasks.join(', ')} (providers ${v.providers.join(', ')})`);
  for (const note of power.notes) lines.push(`  note: ${note}`);
  if (power.warning) lines.push(power.warning);
  return lines;
}

/** `--require-power`: refuse before anything starts or is written. */
export function requirePower(power: DesignPower): void {
  if (power.underpowered)
    throw new AppError(
      'RULE_VIOLATION',
      `the planned design has power ${power.power === null ? 'n/a' : power.power.toFixed(2)} < ${power.target_power}: ${power.warning ?? ''} (drop --require-power to run it anyway)`,
      { where: '--require-power' },
    );
}
