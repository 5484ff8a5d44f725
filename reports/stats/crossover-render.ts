// Plain-text tables of the crossover analyses (AB/BA Grizzle, Mainland-Gart, Williams) for the terminal.
import { pluralize, renderTable } from '../../kernel/index.js';
import type { TEstimate } from './crossover-estimate.js';
import type { CrossoverAnalysis } from './crossover-grizzle.js';
import type { MainlandGartAnalysis, OddsRatioEstimate } from './mainland-gart.js';
import type { WilliamsAnalysis } from './williams-analysis.js';

/** A number with 4 decimals (4 significant digits when tiny), `inf` or `n/a`. */
export function formatStatistic(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  return value !== 0 && Math.abs(value) < 1e-3 ? value.toPrecision(4) : value.toFixed(4);
}

/** A p-value with 4 decimals, or in exponent form below 0.0001. */
export function formatPValue(p: number): string {
  return p > 0 && p < 1e-4 ? p.toExponential(2) : p.toFixed(4);
}

function confidenceLabel(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toFixed(2))}% CI`;
}

function renderTRows(alpha: number, rows: [string, TEstimate][]): string[] {
  const cells = rows.map(([label, e]) =>
    e.na
      ? [label, formatStatistic(e.estimate), formatStatistic(e.se), 'n/a', 'n/a', String(e.df), 'n/a']
      : [
          label,
          formatStatistic(e.estimate),
          formatStatistic(e.se),
          `[${formatStatistic(e.ciLow)}, ${formatStatistic(e.ciHigh)}]`,
          e.t.toFixed(3),
          String(e.df),
          formatPValue(e.p),
        ],
  );
  const reasons = [...new Set(rows.flatMap(([label, e]) => (e.na ? [`${label}: n/a, ${e.na}`] : [])))];
  return [...alignColumns([['effect', 'estimate', 'SE', confidenceLabel(alpha), 't', 'df', 'p'], ...cells]), ...reasons];
}

/** Left-aligns the first column and right-aligns the rest. */
function alignColumns(rows: string[][]): string[] {
  return renderTable(rows, { align: (column) => (column === 0 ? 'left' : 'right') });
}

/** The AB/BA table: treatment, period and carryover with estimate, SE, CI, t, df and p, then the sign conventions. */
export function renderCrossoverAnalysis(analysis: CrossoverAnalysis): string {
  const { AB, BA } = analysis.groups;
  const lines = [
    `AB/BA crossover (Grizzle): ${pluralize(AB.n, 'subject')} in AB, ${BA.n} in BA; D = y1 - y2 (period 1 - period 2)`,
    `  mean D: AB ${formatStatistic(AB.meanDifference)}, BA ${formatStatistic(BA.meanDifference)}; pooled SD of D ${formatStatistic(analysis.pooledSdDifference)}`,
    '',
    ...renderTRows(analysis.alpha, [
      ['treatment (A - B)', analysis.treatment],
      ['period (1 - 2)', analysis.period],
      ['carryover (A - B)*', analysis.carryover],
    ]),
    '',
    `Signs: treatment = ${analysis.conventions.treatment}; period = ${analysis.conventions.period}; carryover = ${analysis.conventions.carryover}.`,
    `* ${analysis.notes[0] ?? ''}`,
  ];
  return `${lines.join('\n')}\n`;
}

function renderOddsRows(alpha: number, rows: [string, OddsRatioEstimate | null][]): string[] {
  const cells = rows.map(([label, e]) =>
    e
      ? [label, formatStatistic(e.estimate), `[${formatStatistic(e.ciLow)}, ${formatStatistic(e.ciHigh)}]`, formatPValue(e.p)]
      : [label, 'n/a', 'n/a', 'n/a'],
  );
  return alignColumns([['effect', 'odds ratio', confidenceLabel(alpha), 'p (Fisher exact, two-sided)'], ...cells]);
}

/** The Mainland-Gart table of discordant subjects, then the odds ratios with CI and Fisher's exact p. */
export function renderMainlandGart(analysis: MainlandGartAnalysis): string {
  const { table, n } = analysis;
  const discordant = table.AB.period1 + table.AB.period2 + table.BA.period1 + table.BA.period2;
  const lines = [
    `AB/BA crossover, pass/fail outcomes (Mainland-Gart): ${pluralize(n.AB, 'subject')} in AB, ${n.BA} in BA`,
    `Only the ${discordant} of ${n.AB + n.BA} subjects whose outcome differs between periods enter:`,
    ...alignColumns([
      ['', 'pass in period 1 only', 'pass in period 2 only'],
      ['  AB', String(table.AB.period1), String(table.AB.period2)],
      ['  BA', String(table.BA.period1), String(table.BA.period2)],
    ]),
    '',
    ...renderOddsRows(analysis.alpha, [
      ['treatment (A vs B)', analysis.treatment],
      ['period (1 vs 2)', analysis.period],
      ['table cross-product ratio', analysis.tableOddsRatio],
    ]),
    ...(analysis.naReason ? [`Odds ratios n/a: ${analysis.naReason}.`] : []),
    '',
    "Odds ratios are within-subject odds of a pass (A over B; period 1 over period 2); the table's cross-product ratio is the treatment odds ratio squared (Gart 1969).",
    ...analysis.notes,
  ];
  return `${lines.join('\n')}\n`;
}

const DESIGN_LABELS: Record<WilliamsAnalysis['design'], string> = {
  williams: 'a Williams design (balanced for first-order carryover)',
  'williams-unequal-replication': 'Williams sequences, but not all used equally often, so not fully balanced for carryover',
  other: 'not a Williams design: contrasts may be biased by carryover',
};

/** The contrasts of a 3+-treatment crossover against the reference. */
export function renderWilliamsAnalysis(analysis: WilliamsAnalysis): string {
  const lines = [
    `Crossover with ${analysis.treatments.length} treatments: ${pluralize(analysis.subjects, 'subject')}, ${analysis.periods.length} periods, ${pluralize(analysis.observations, 'observation')}; model y = subject + period + treatment${analysis.carryover.fitted ? ' + carryover' : ''} (OLS)`,
    `Residual SD ${formatStatistic(analysis.residualSd)} on ${analysis.df} df; ${DESIGN_LABELS[analysis.design]}`,
    `Carryover: ${analysis.carryover.note}`,
    '',
    ...renderTRows(
      analysis.alpha,
      analysis.contrasts.map((c) => [`${c.treatment} - ${c.reference}`, c]),
    ),
    '',
    `Every pair (Holm-adjusted p; Bonferroni simultaneous ${confidenceLabel(analysis.alpha)} over ${analysis.pairwise.length} pairs):`,
    ...alignColumns([
      ['pair', 'estimate', 'simultaneous CI', 'p (Holm)'],
      ...analysis.pairwise.map((c) => [
        `${c.a} - ${c.b}`,
        formatStatistic(c.estimate),
        c.na ? 'n/a' : `[${formatStatistic(c.simultaneousLow)}, ${formatStatistic(c.simultaneousHigh)}]`,
        c.na ? 'n/a' : formatPValue(c.pHolm),
      ]),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}
