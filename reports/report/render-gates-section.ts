// The report's gates section: each gate's status and the numbers behind it, the decision line, and today's G1 figures.
import { GATES_SCOPE_NOTE } from '../gates/describe-gates-scope.js';
import { G1_THRESHOLDS } from '../gates/evaluate-g1.js';
import { G2_THRESHOLDS } from '../gates/evaluate-g2.js';
import { G3_THRESHOLDS } from '../gates/evaluate-g3.js';
import { formatGateNumber, type GateCheck, type GateResult } from '../gates/gate-result.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatStatus, formatTable, formatUnitShort } from './format-values.js';

/** The relevant difference as a ratio of work per unit: `1.2x` for the plan's 20%. */
function formatRatio(report: ExperimentReport): string {
  return `${formatGateNumber(1 + report.settings.min_effect)}x`;
}

export function renderGatesSection(report: ExperimentReport): string[] {
  const { g1, g2, g3 } = report.gates;
  const lines = [
    '## Seat decision',
    '',
    `**${report.decision.line}**`,
    '',
    'Whether to pay for one more subscription seat is a separate question from who is ahead. It is decided by three gates: G1 and G2 decide whether to add a seat, G3 decides which one (GLM when the sub-agent trial passes, else Claude Max). A gate that is not evaluable does not hold. Thresholds compare with `>=` / `<=` as written (to within 1e-9).',
    '',
    ...describeGates(report),
    '',
    GATES_SCOPE_NOTE,
    '',
    ...formatTable(
      ['gate', 'status', 'why'],
      [g1, g2, g3].map((gate) => [`${gate.id} ${gate.title}`, formatStatus(gate.status), gate.summary]),
    ),
  ];
  lines.push('', `### G1: last two recorded previews`, '');
  if (g1.previews.length > 0)
    lines.push(
      `Previews read: ${g1.previews.map((preview) => preview.ts).join(' and ')}${g1.basis ? `, ${g1.basis.plan_id ? `plan ${g1.basis.plan_id}, ` : ''}in ${g1.basis.unit}, against the baseline ${g1.basis.baseline} (not a candidate itself)` : ''}.`,
      '',
    );
  for (const provider of g1.providers)
    lines.push(
      `${provider.provider}${provider.unit === 'tokens' ? ' [tokens]' : ''} against ${g1.basis?.baseline ?? 'the baseline'}: ${formatStatus(provider.status)}`,
      '',
      ...renderChecks(provider.checks),
      '',
    );
  if (g1.providers.length === 0) lines.push(g1.summary, '');
  lines.push(...renderCurrentFigures(report));
  lines.push('', '### G2: backlog pressure', '', ...renderGateBody(g2));
  lines.push(
    '',
    `### G3: sub-agent POC (${g3.arms ? `${g3.arms.subagent} against ${g3.arms.baseline}, ` : ''}${g3.matched_features} task${g3.matched_features === 1 ? '' : 's'} both ran)`,
    '',
    ...renderGateBody(g3),
  );
  return lines;
}

/** Each gate in plain words, so the report stands alone without the seed document it comes from. */
function describeGates(report: ExperimentReport): string[] {
  const g1 = G1_THRESHOLDS;
  const g3 = G3_THRESHOLDS;
  return [
    `- **G1, the numbers can be trusted:** in each of the last two recorded previews of the same plan, unit and baseline (the plan's pre-registered reference) with new windows between them (every epoch's window counted; the run records one after every period, \`tracker preview --record\` records one by hand), some provider other than the baseline has at least ${g1.min_n} tasks with a known cost, a work-per-unit interval at most ${g1.max_ci_width} of its value wide, at least ${Math.round(g1.min_power * 100)}% power against the baseline (the plan's decision simulated on the tasks both ran, at alpha / the number of pairs, to name it ahead if it truly did ${formatRatio(report)} the baseline's work per unit), and quality at least ${g1.min_quality_ratio} times the baseline's on the tasks both ran. G1 asks whether the measurement is good enough to see that difference, not whether there is one: a candidate no better than the baseline passes too, and who is ahead is the verdict's answer.`,
    `- **G2, work is waiting for capacity:** your backlog (\`--tasks DIR\`: one task.json per feature with \`status\` and \`blocked_by\`) has at least ${G2_THRESHOLDS.min_ready_blocked_by_capacity} features that are ready and blocked by capacity alone. Without a backlog G2 is not evaluable; the task bank the experiment runs is never read for it.`,
    `- **G3, the cheaper sub-agent back end holds up:** the provider that routes its sub-agent requests to GLM (claude+glm) against the same provider without that routing (claude), on the tasks both ran: the baseline's sub-agent requests cost at least ${g3.min_cost_reduction} times as much, quality is at least ${g3.min_quality_ratio} times the baseline's (or, with ${g3.min_n_for_significance}+ tasks, not significantly lower), the error rate at most ${Math.round(g3.max_error_rate_increase * 100)} points higher and p95 latency at most ${Math.round(g3.max_p95_increase * 100)}% higher, each shown by its 95% interval (while the interval holds the limit the check is not evaluable yet, never a FAIL on noise). Cost is the baseline's summed sub-agent dollars over GLM's on the tasks both ran, each task's runs averaged. Providers that route nothing are never its baseline.`,
  ];
}

function renderGateBody(gate: GateResult): string[] {
  return gate.checks.length === 0 ? [gate.summary] : [gate.summary, '', ...renderChecks(gate.checks)];
}

function renderChecks(checks: readonly GateCheck[]): string[] {
  return formatTable(
    ['check', 'value', 'threshold', 'result', 'detail'],
    checks.map((check) => [
      check.name,
      check.value === null ? 'n/a' : formatPrecise(check.value, check.threshold),
      Number.isNaN(check.threshold) ? 'n/a' : `${check.comparator} ${formatGateNumber(check.threshold)}`,
      check.pass === null ? 'unknown' : check.pass ? 'pass' : 'FAIL',
      check.detail ?? '',
    ]),
    ['l', 'r', 'r', 'l', 'l'],
  );
}

/** A value that rounds to its threshold is shown with more digits, so 0.3000001 does not print as 0.3 next to a FAIL. */
function formatPrecise(value: number, threshold: number): string {
  const short = formatGateNumber(value);
  return short === formatGateNumber(threshold) && value !== threshold ? String(Number(value.toPrecision(12))) : short;
}

/** What a preview recorded now would hold, so the user sees how far each provider is from G1. */
function renderCurrentFigures(report: ExperimentReport): string[] {
  if (report.current_gate_fields.length === 0) return [];
  const t = G1_THRESHOLDS;
  return [
    `If a preview were recorded now (baseline ${report.settings.baseline ?? 'none'}): n counts tasks with a known cost; work per unit is each provider's summed quality over its summed cost, ci_width the width of its delta-method interval over the work; power is the chance the plan's decision, simulated on the tasks the provider and the baseline both ran, names the provider ahead at alpha / the number of pairs if it truly did ${formatRatio(report)} the baseline's work per unit; quality is against the baseline's on those tasks.`,
    '',
    ...formatTable(
      [
        'provider',
        'unit',
        `n (>= ${t.min_n})`,
        `ci_width (<= ${t.max_ci_width})`,
        `power (>= ${t.min_power})`,
        `quality vs baseline (>= ${t.min_quality_ratio})`,
      ],
      report.current_gate_fields.map((summary) => [
        summary.provider,
        formatUnitShort(summary.unit),
        String(summary.n),
        formatNumber(summary.ci_width),
        formatNumber(summary.power),
        formatNumber(summary.quality_ratio),
      ]),
      ['l', 'l', 'r', 'r', 'r', 'r'],
    ),
  ];
}
