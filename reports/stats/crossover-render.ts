// Plain-text tables of the crossover analyses (AB/BA Grizzle, Mainland-Gart, Williams) for the terminal.
import { pluralize, renderTable } from '../../kernel/index.js';
import type { TEstimate } from './crossover-estimate.js';
import type { CrossoverAnalysis } from './crossover-grizzle.js';
import type { MainlandGartAnalysis, OddsRatioEstimate } from './mainland-gart.js';
import type { PairwiseContrast } from './pairwise-contrasts.js';
import type { WilliamsAnalysis } from './williams-analysis.js';

/** A number with 4 decimals (4 significant digits when tiny, 7 past 1e15), `inf` or `n/a`. */
export function formatStatistic(value: number): string {
  if (Number.isNaN(value)) return 'n/a';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  if (Math.abs(value) >= 1e15) return value.toPrecision(7);
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
  return [
    ...alignColumns([
      ['effect', 'estimate', 'SE', confidenceLabel(alpha), 't', 'df', 'p'],
      ...rows.map(([label, e]) => formatTCells(label, e)),
    ]),
    ...listReasons(rows),
  ];
}

/** label, estimate, SE, CI, t, df, p; n/a where the estimate has no inference. */
function formatTCells(label: string, e: TEstimate): string[] {
  return e.na
    ? [label, formatStatistic(e.estimate), formatStatistic(e.se), 'n/a', 'n/a', String(e.df), 'n/a']
    : [
        label,
        formatStatistic(e.estimate),
        formatStatistic(e.se),
        `[${formatStatistic(e.ciLow)}, ${formatStatistic(e.ciHigh)}]`,
        e.t.toFixed(3),
        String(e.df),
        formatPValue(e.p),
      ];
}

/** One line per distinct n/a: `label: n/a, reason`. */
function listReasons(rows: [string, TEstimate][]): string[] {
  return [...new Set(rows.flatMap(([label, e]) => (e.na ? [`${label}: n/a, ${e.na}`] : [])))];
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

/**
 * A crossover with 2+ treatments (least squares): the model, the least-squares means, every pair a - b with SE,
 * CI, t, df, p, Holm-adjusted p and the Bonferroni simultaneous CI, then the carryover estimates as a diagnostic;
 * every n/a is followed by its reason.
 */
export function renderWilliamsAnalysis(analysis: WilliamsAnalysis): string {
  const level = confidenceLabel(analysis.alpha);
  const pairs = analysis.pairwise.map((c): [string, PairwiseContrast] => [`${c.a} - ${c.b}`, c]);
  const carryover = analysis.carryover.estimates.map((c): [string, TEstimate] => [`carryover ${c.treatment} - ${c.reference}`, c]);
  const lines = [
    `Crossover with ${analysis.treatments.length} treatments: ${pluralize(analysis.subjects, 'subject')}, ${analysis.periods.length} periods, ${pluralize(analysis.observations, 'observation')}; model y = subject + period + treatment${analysis.carryover.fitted ? ' + carryover' : ''} (OLS)`,
    `Residual SD ${formatStatistic(analysis.residualSd)} on ${analysis.df} df; ${DESIGN_LABELS[analysis.design]}`,
    `Least-squares means: ${analysis.means.map((m) => `${m.treatment} ${formatStatistic(m.lsMean)}`).join(', ')}`,
    '',
    `Every pair a - b (p (Holm): adjusted over the ${pairs.length} pairs; simultaneous ${level}: Bonferroni):`,
    ...alignColumns([
      ['pair', 'estimate', 'SE', level, 't', 'df', 'p', 'p (Holm)', `simultaneous ${level}`],
      ...pairs.map(([label, c]) => [
        ...formatTCells(label, c),
        c.na ? 'n/a' : formatPValue(c.pHolm),
        c.na ? 'n/a' : `[${formatStatistic(c.simultaneousLow)}, ${formatStatistic(c.simultaneousHigh)}]`,
      ]),
    ]),
    ...listReasons(pairs),
    '',
    `Carryover: ${analysis.carryover.note}`,
    ...(carryover.length > 0
      ? [
          'Carryover estimates (a diagnostic, not adjusted for multiplicity):',
          ...alignColumns([['effect', 'estimate', 'SE', level, 't', 'df', 'p'], ...carryover.map(([label, c]) => formatTCells(label, c))]),
          ...listReasons(carryover),
        ]
      : []),
    '',
    `Signs: a - b = a's adjusted mean - b's (positive: a scores higher); carryover t - r = the effect a period of t has on the next period's outcome, minus that of r.`,
  ];
  return `${lines.join('\n')}\n`;
}
