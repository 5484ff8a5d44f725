// Renders a shape simulation: per rule its estimand and true value, stops naming A or B, futility, false stops and wrong directions.
import { renderTable } from '../../kernel/index.js';
import { SHAPE_MODELS } from './efficiency-shapes.js';
import { formatPercent, formatRate } from './render-simulation.js';
import type { ArmTruth, ShapeRuleFigures, ShapeSimulationSummary, StopJudgement, TrueValue } from './simulate-shapes.js';

const RULE_NAMES: Record<ShapeRuleFigures['rule'], string> = {
  'share-gap': 'share gap, bounded-mean betting (used)',
  'difference-symmetry': 'difference, symmetry betting (before)',
};

/** The text `experiment simulate --shape-a ... --shape-b ...` prints. */
export function renderShapeSimulation(summary: ShapeSimulationSummary): string {
  const { design, arms, truth } = summary;
  const mc = `${Math.round(summary.monteCarloConfidence * 100)}% MC`;
  const rows: string[][] = [
    ['rule', 'true value', `stops [${mc}]`, 'names A', 'names B', 'futility', 'mean tasks', 'vs its estimand', 'vs the mean'],
    ...summary.rules.map((rule) => [
      RULE_NAMES[rule.rule],
      formatTrue(rule.vsEstimand.reference),
      formatRate(rule.stops),
      formatPercent(rule.namingA.rate),
      formatPercent(rule.namingB.rate),
      formatPercent(rule.futility.rate),
      rule.stoppingTime.mean.toFixed(1),
      formatJudgement(rule.vsEstimand),
      formatJudgement(rule.vsMean),
    ]),
  ];
  const table = renderTable(rows, { align: (column) => (column === 0 ? 'left' : 'right') });
  const factor = design.taskSdlog > 0 ? `, both times a per-task difficulty factor (lognormal, mean 1, sdlog ${design.taskSdlog})` : '';
  const lines = [
    `Simulated ${summary.replicates} experiments (seed ${summary.seed}) of ${design.tasks} tasks, one efficiency per provider per task${factor};`,
    `alpha ${summary.alpha} per pair, bets tuned for n=${summary.tuningN}, a look after every task from ${summary.minN} on; the share-gap rule stops for futility inside ±${summary.futilityGap.toPrecision(3)} (a 20% difference), the difference rule never did.`,
    `A: ${describeArm(arms.a)}`,
    `B: ${describeArm(arms.b)}`,
    `True values (${summary.truthDraws.toLocaleString('en-US')} seeded draws): mean share gap ${formatTrue(truth.shareGap)} (A's share ${formatShare(truth.shareGap.value)}), mean difference A - B ${formatTrue(truth.meanDifference)}.`,
    '',
    ...table,
    '',
    'vs its estimand / vs the mean: "false" = stops naming a side when that true value is 0; "wrong" = stops naming the side it is against.',
    'A stop of the share-gap rule is a statement about the share (which provider does better per unit on the typical task), not about the mean: with equal means and different shapes the share is not 0.5, and such a stop is correct about the share.',
  ];
  return `${lines.join('\n')}\n`;
}

function describeArm(arm: ArmTruth): string {
  const { request } = arm;
  const zeroRate = request.shape === 'realistic' ? `, zero rate ${request.zeroRate}` : '';
  return `${request.shape} (${SHAPE_MODELS[request.shape]}${zeroRate}), asked mean ${request.mean} SD ${request.sd}; drawn mean ${arm.mean.toPrecision(4)} SD ${arm.sd.toPrecision(4)}, ${formatPercent(arm.zeroShare)} at 0, min ${arm.min.toPrecision(3)}`;
}

function formatJudgement(judgement: StopJudgement): string {
  if (judgement.falseStops) return `false ${formatPercent(judgement.falseStops.rate)}`;
  if (judgement.wrongDirection) return `wrong ${formatPercent(judgement.wrongDirection.rate)}`;
  return 'sign unclear';
}

function formatTrue(value: TrueValue): string {
  if (value.exact) return value.value === 0 ? '0 (exact)' : `${Number(value.value.toPrecision(4))} (exact)`;
  return `${value.value.toFixed(4)} ± ${value.se.toFixed(4)}`;
}

function formatShare(gap: number): string {
  return ((1 + gap) / 2).toFixed(3);
}
