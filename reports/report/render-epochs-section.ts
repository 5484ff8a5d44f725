// The report's "Tasks as the unit" section: effective n, epochs per task, variance components, design effect: pure.
import { pluralize } from '../../kernel/index.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatTable } from './format-values.js';

/** Always shown, so a reader sees what n is; the components are n/a, with the reason, where they cannot be computed. */
export function renderEpochsSection(report: ExperimentReport): string[] {
  const { epochs } = report;
  const perTask = epochs.epochs_min === epochs.epochs_max ? String(epochs.epochs_max) : `${epochs.epochs_min} to ${epochs.epochs_max}`;
  const lines = [
    '## Tasks as the unit',
    '',
    `Effective n: **${pluralize(epochs.effective_n, 'task')}** (${perTask} epoch${epochs.epochs_max === 1 ? '' : 's'} per task and provider, ${pluralize(epochs.windows, 'window')}). Every analysis above and below reduces a task's epochs to their mean first, so repeats never count as further tasks.`,
  ];
  const c = epochs.components;
  if (!c) return [...lines, '', `Variance components: n/a (${epochs.na ?? 'nothing to split'}).`];
  const na = (value: number | null, digits = 4): string =>
    value === null ? `n/a (${c.na ?? 'not computable'})` : formatNumber(round(value, digits));
  lines.push(
    '',
    `Variance of ${epochs.outcome} (one-way random-effects ANOVA over ${pluralize(c.groups, 'task')}, ${pluralize(c.observations, 'paired epoch')}):`,
    '',
    ...formatTable(
      ['component', 'value'],
      [
        ['between-task variance (sigma_b^2)', na(c.between)],
        ['within-task, between-epoch variance (sigma_w^2)', na(c.within)],
        ['intraclass correlation (ICC)', na(c.icc)],
        [`design effect 1 + (${formatNumber(round(c.mean_group_size, 2))} - 1) x ICC`, na(c.design_effect)],
        ['variance of a task mean, sigma_b^2 + sigma_w^2 / K', na(c.var_group_mean)],
      ],
      ['l', 'r'],
    ),
  );
  if (c.between !== null && c.within !== null && c.var_group_mean !== null && c.var_group_mean > 0)
    lines.push(
      '',
      `More epochs shrink only the within-task part: with every task run forever, the variance of a task mean would still be ${formatNumber(round(c.between, 4))} (${Math.round((100 * c.between) / c.var_group_mean)}% of today's).`,
    );
  return lines;
}

function round(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}
