// The report's gates section: each gate's status and the numbers behind it, the decision line, and today's G1 figures.
import { G1_THRESHOLDS } from '../gates/evaluate-g1.js';
import { formatGateNumber, type GateCheck, type GateResult } from '../gates/gate-result.js';
import type { ExperimentReport } from './experiment-report.js';
import { formatNumber, formatStatus, formatTable } from './format-values.js';

export function renderGatesSection(report: ExperimentReport): string[] {
  const { g1, g2, g3 } = report.gates;
  const lines = [
    '## Gates',
    '',
    ...formatTable(['gate', 'status', 'why'], [g1, g2, g3].map((gate) => [`${gate.id} ${gate.title}`, formatStatus(gate.status), gate.summary])),
    '',
    `**${report.decision.line}**`,
    '',
    'Seed 001 section 5, as implemented: G1 and G2 decide whether to add a seat; G3 decides which one (GLM when the sub-agent POC passes, else Claude Max). A gate that is not evaluable does not hold. Thresholds compare with `>=` / `<=` as written (to within 1e-9).',
  ];
  lines.push('', `### G1: last two recorded previews`, '');
  if (g1.previews.length > 0) lines.push(`Previews read: ${g1.previews.map((preview) => preview.ts).join(' and ')} (\`tracker preview --record\`).`, '');
  for (const provider of g1.providers) lines.push(`${provider.provider}${provider.unit === 'tokens' ? ' [tokens]' : ''}: ${formatStatus(provider.status)}`, '', ...renderChecks(provider.checks), '');
  if (g1.providers.length === 0) lines.push(g1.summary, '');
  lines.push(...renderCurrentFigures(report));
  lines.push('', '### G2: backlog pressure', '', ...renderGateBody(g2));
  lines.push('', `### G3: sub-agent POC (${g3.matched_features} matched feature${g3.matched_features === 1 ? '' : 's'})`, '', ...renderGateBody(g3));
  return lines;
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
    `If a preview were recorded now (baseline ${report.settings.baseline ?? 'none'}; power of a two-sample t test against the baseline for a ${Math.round(report.settings.min_effect * 100)}% difference):`,
    '',
    ...formatTable(
      ['provider', 'unit', `n (>= ${t.min_n})`, `ci_width (<= ${t.max_ci_width})`, `power (>= ${t.min_power})`, `quality vs baseline (>= ${t.min_quality_ratio})`],
      report.current_gate_fields.map((summary) => [summary.provider, summary.unit === 'tokens' ? 'tokens' : '% 5h', String(summary.n), formatNumber(summary.ci_width), formatNumber(summary.power), formatNumber(summary.quality_ratio)]),
      ['l', 'l', 'r', 'r', 'r', 'r'],
    ),
  ];
}
