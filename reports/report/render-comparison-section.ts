// The report's comparison sections: the secondary analyses of the verdict pair, power and tasks needed, the stop rules and looks.
import { renderCrossoverAnalysis } from '../stats/crossover-render.js';
import type { CarryOverCheck } from '../metrics/check-carry-over.js';
import { describeDecision } from '../metrics/decide-plan-stop.js';
import { MAX_POWER_TASKS } from '../metrics/simulate-ratio-power.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatInterval, formatNumber, formatRatio, formatRatioInterval, formatSigned, formatTable, formatUnit } from './format-values.js';

/** The "Crossover" section; `chart` is the paired-differences chart's file name, if drawn. */
export function renderCrossoverSection(report: ExperimentReport, chart: string | null): string[] {
  const { comparison, pairing } = report;
  const title = pairing ? `## Secondary analyses: ${pairing.a} (A) vs ${pairing.b} (B)` : '## Secondary analyses';
  if (!pairing) return [title, '', 'Fewer than two providers have windows on named tasks (`--feature`): nothing to pair.'];
  const lines = [
    title,
    '',
    'Each of these answers a narrower or a different question than the primary analysis and none of them decides the verdict; they are here to check it.',
    '',
    `Tasks run by both: ${pairing.pairs} (tasks on one side only or without a capacity delta on a side: ${pairing.unpaired}; repeated windows ignored: ${pairing.repeats}).`,
  ];
  if (!comparison) return [...lines, '', 'No task has a window with a capacity delta from both providers yet.'];
  const unit = formatUnit(comparison.pairs[0]?.a.unit ?? null);
  const confidence = `${Math.round(report.settings.confidence * 100)}%`;
  const paired = comparison.paired;
  const pairedCi =
    paired.low === null ? formatInterval(null, null, paired.na) : `${confidence} CI ${formatInterval(paired.low, paired.high)}`;
  lines.push(
    '',
    `- Paired t on per-task efficiency, A - B: mean ${formatSigned(paired.mean)} ${unit}, ${pairedCi} (n=${paired.n}). The typical task's difference, not work per $: a failure counts as 0 whatever it cost, and every task weighs alike.`,
  );
  const boot = comparison.bootstrap?.ratio;
  if (boot) {
    const interval = boot.bca
      ? `${confidence} BCa ${formatInterval(boot.bca.low, boot.bca.high)}`
      : boot.percentile
        ? `${confidence} percentile ${formatInterval(boot.percentile.low, boot.percentile.high)}`
        : `ci=n/a (${boot.note ?? 'no interval'})`;
    const how = boot.resamples > 0 ? `seed ${boot.seed}, ${boot.resamples} resamples` : `seed ${boot.seed}`;
    lines.push(
      `- Paired bootstrap over tasks (${how}): the primary's own estimand, work per unit A / B (sum of quality over sum of cost) = ${formatNumber(boot.estimate)}, ${interval}: a check of the primary interval by another method, at one look and without the prices' calibration (over tasks with a cost above 0 on both sides).`,
    );
  }
  const mg = comparison.mainland_gart?.treatment;
  if (comparison.mainland_gart)
    lines.push(
      `- Mainland-Gart on success (pass/fail): odds ratio A vs B ${mg ? `${formatNumber(mg.estimate)}, ${confidence} CI ${formatInterval(mg.ciLow, mg.ciHigh)}, p=${formatNumber(mg.p)}` : `n/a (${comparison.mainland_gart.naReason ?? 'no task succeeded in one period only'})`}`,
    );
  lines.push(describeCarryOver(comparison.carry_over, confidence));
  if (comparison.crossover) {
    lines.push('', '```text', renderCrossoverAnalysis(comparison.crossover).trimEnd(), '```');
  } else if (comparison.crossover_note) {
    lines.push(`- AB/BA crossover: not run, ${comparison.crossover_note}`);
  }
  if (chart) lines.push('', `![Paired differences per task, A - B](${chart})`);
  return lines;
}

/** The carry-over check on the decision's scale: what it found, and what it could have found (its power). */
export function describeCarryOver(check: CarryOverCheck, confidence: string): string {
  const head = "- Carry-over on work per unit (both sides, tasks run B first against A first; Grizzle's contrast on the decision's scale)";
  if (check.na !== null || check.bias === null) return `${head}: n/a (${check.na ?? 'no estimate'}).`;
  const moved = `moves A / B by a factor of ${formatRatio(check.bias)}, ${confidence} CI ${formatRatioInterval(check.bias_low, check.bias_high)}, p=${formatNumber(check.p)}`;
  const power = `at these ${check.tasks.AB + check.tasks.BA} tasks it finds, with 80% power, only a carry-over that moves the ratio by ${formatRatio(check.detectable_bias)} or more either way`;
  const found = check.found
    ? ": **the order of the arms matters**, so the pair's ratio is off by about that factor (an arm may see what the other left: a cache, files the sandbox kept)"
    : '';
  return `${head}: ${moved}${found}; ${power}.`;
}

/** The "Power and sample size" section: the plan's own decision simulated, for the pair the verdict waits on. */
export function renderPowerSection(report: ExperimentReport): string[] {
  const lines = ['## Power and sample size', ''];
  const plan = report.plan;
  if (!plan)
    return [...lines, 'No pair is open with tasks to learn from yet: power is simulated once a pair has tasks both ran with a known cost.'];
  const [a, b] = plan.pair;
  const pct = Math.round((plan.relevant_ratio - 1) * 100);
  const target = Math.round(plan.target * 100);
  lines.push(
    `The contest the verdict waits on: ${a} vs ${b}, ${plan.tasks} task${plan.tasks === 1 ? '' : 's'} of ${plan.planned} planned. Power is the chance that the plan's own decision (the same betting sequence, task budgets and alpha / pairs) names ${a} ahead when it truly does ${formatNumber(plan.relevant_ratio)}x ${b}'s work ${formatUnit(report.primary.unit)}, simulated: ${plan.model}.`,
    '',
    ...formatTable(
      ['what', 'value'],
      [
        [
          `power at ${pct}% more work ${formatUnit(report.primary.unit)} with the ${plan.planned} planned tasks`,
          describePower(plan.power_planned, plan.mc_error, plan),
        ],
        ...(plan.null_rate === undefined ? [] : [[`names ${a} ahead when it is not (the same runs at 1x)`, formatNumber(plan.null_rate)]]),
        [
          `planned tasks for ${target}% power at ${pct}%`,
          plan.tasks_for_power === null
            ? `more than the search's cap (${MAX_POWER_TASKS.toLocaleString('en-US')})`
            : formatNumber(plan.tasks_for_power),
        ],
        ['still needed beyond the plan', plan.still_needed === null ? 'n/a' : formatNumber(Math.max(0, plan.still_needed))],
        [
          `smallest ratio ${plan.planned} tasks detect with ${target}% power`,
          plan.detectable_ratio === null ? 'above 20x' : `${formatNumber(plan.detectable_ratio)}x`,
        ],
      ],
      ['l', 'r'],
    ),
    '',
  );
  const promised = plan.promised;
  if (promised)
    lines.push(
      `Before the run the plan's figures came from ${promised.source.replace(/^assumed: /, 'an assumption: ')}: power ${formatNumber(promised.power_at_relevant)} at ${pct}%, ${promised.tasks_for_power === null ? `more than ${MAX_POWER_TASKS.toLocaleString('en-US')}` : formatNumber(promised.tasks_for_power)} tasks for ${target}%, smallest detectable ratio ${promised.detectable_ratio === null ? 'above 20x' : `${formatNumber(promised.detectable_ratio)}x`}.`,
    );
  for (const note of plan.notes) lines.push(`- ${note}`);
  return lines;
}

function describePower(power: number | null, error: number | null, plan: { no_real_power?: boolean }): string {
  if (power === null) return 'n/a';
  const figure = `${formatNumber(power)}${error === null ? '' : ` (Monte Carlo SE ${formatNumber(error)})`}`;
  return plan.no_real_power === true ? `none: ${figure} is no more than its rate with no difference` : figure;
}

/** The "Stop rules" section: the runner's recorded stop first, then the same rules recomputed, and the verdict pair's looks. */
export function renderStopSection(report: ExperimentReport, chart: string | null): string[] {
  const lines = ['## Stop rules', ''];
  const { stop } = report;
  const recorded = stop.recorded;
  if (recorded)
    lines.push(
      `**The run stopped early** at ${recorded.ts}: ${recorded.rule === 'sequential' ? 'the pre-registered decision rule' : "seed 001's data-quality rule"} (${recorded.reason}); ${recorded.arms_done} arms had run and ${recorded.arms_not_started} were never started.`,
      '',
    );
  else if (stop.rule.rule === 'none')
    lines.push('The plan registered no early stop (`--no-stop-rules`): the sequence is read at the end only.', '');
  if (stop.seed.length === 0)
    lines.push('- Seed rule (negative-delta > 1 per 3 windows, or a non-finite CI, halts an arm): no windows yet.');
  for (const arm of stop.seed)
    lines.push(`- Seed rule, ${arm.provider}: ${arm.verdict.halt ? '**HALT**' : 'continue'} (${arm.verdict.reason})`);
  if (stop.rule.rule !== 'none') {
    lines.push(
      `- Betting sequence (pre-registered): every pair looked at after each of its tasks, at ${formatNumber(stop.rule.alpha_per_pair)} per pair, valid at every look at once; the run stops once a provider is decided ahead of every other, or every pair is settled.`,
    );
    for (const pair of stop.pairs) lines.push(`  - ${pair.a} vs ${pair.b}: ${describeDecision(pair)}`);
  }
  const looks = stop.verdict_pair?.looks ?? [];
  if (looks.length > 0 && stop.pair) {
    const shown = looks.length > 8 ? [...looks.slice(0, 3), ...looks.slice(-5)] : looks;
    lines.push(
      '',
      `The looks of ${stop.pair[0]} / ${stop.pair[1]}${shown.length < looks.length ? ` (first 3 and last 5 of ${looks.length})` : ''}:`,
      '',
      ...formatTable(
        ['tasks', `work ${formatUnit(report.primary.unit)} A / B`, 'sequence', 'anytime p', 'p it needed'],
        shown.map((look) => [
          String(look.n),
          formatRatio(look.ratio),
          formatRatioInterval(look.low, look.high),
          formatNumber(look.p),
          formatNumber(look.threshold),
        ]),
        ['r', 'r', 'l', 'r', 'r'],
      ),
    );
  }
  if (chart && stop.pair) lines.push('', `![The sequence of ${stop.pair[0]} / ${stop.pair[1]} at each look](${chart})`);
  return lines;
}
