// Renders a preview as the plain-text screen `tracker preview` prints.
import { pluralize, renderTable } from '../../kernel/index.js';
import type { Preview, PreviewWindow } from './build-preview.js';
import { renderProxyBlock } from './render-proxy-block.js';

export function renderPreview(preview: Preview, context: { dataDir: string; recent?: number }): string {
  const lines: string[] = [`Preview of ${context.dataDir}`];
  if (preview.windows_total === 0) {
    lines.push('', 'No windows yet: record one with `tracker snapshot before --provider P`.');
  } else {
    const heading =
      preview.windows.length < preview.windows_total
        ? `Windows (latest ${preview.windows.length} of ${preview.windows_total}):`
        : `Windows (${preview.windows_total}):`;
    lines.push('', heading, ...(preview.windows.length > 0 ? renderWindowTable(preview.windows) : []));
  }
  if (preview.providers.length > 0) lines.push('', ...renderEfficiency(preview));
  if (preview.proxy) lines.push('', ...renderProxyBlock(preview.proxy, context.recent === undefined ? {} : { recent: context.recent }));
  if (preview.anomalies > 0) lines.push('', `Anomalies: ${preview.anomalies} (see anomalies.jsonl)`);
  if (preview.unreadable_rows > 0)
    lines.push('', `Unreadable rows: ${preview.unreadable_rows} (skipped; the first ones are named on stderr)`);
  return `${lines.join('\n')}\n`;
}

/** The unit in the heading, and on each line the power against the baseline (or `baseline` on the baseline's own). */
function renderEfficiency(preview: Preview): string[] {
  const basis = preview.efficiency;
  const scope = basis?.plan_id ? `, plan ${basis.plan_id}` : '';
  const heading = {
    usd: "Work per $ (each provider's summed quality over its summed $ of subscription, failures' $ included)",
    bars: 'Work per bar unit (summed quality over summed % of the 5h window; per 1M tokens for token windows)',
    tokens: 'Work per 1M tokens (summed quality over summed tokens)',
  }[basis?.unit ?? 'bars'];
  const lines = [`${heading}${scope}:`];
  if (basis?.unit_reason) lines.push(`  (per bar unit, not per $: ${basis.unit_reason})`);
  // With one provider there is nothing to compare: its line says `baseline`, and the power line would say nothing.
  if (basis?.baseline && preview.providers.length > 1) {
    const source = { 'plan-reference': "the plan's reference", flag: '--baseline', 'first-by-name': 'the first provider by name' }[
      basis.baseline_source ?? 'flag'
    ];
    const level = basis.pairs > 1 ? `alpha ${basis.alpha}/${basis.pairs} pairs` : `alpha ${basis.alpha}`;
    lines.push(
      `  power: the decision on work per unit (one look at the tasks both ran, ${level}) simulated on those tasks resampled, against ${basis.baseline} (${source}), to see ${Math.round(basis.min_effect * 100)}% more`,
    );
  }
  for (const summary of preview.providers) {
    const unit = summary.unit === 'tokens' && basis?.unit !== 'tokens' ? ' [tokens]' : '';
    const mean = summary.mean_efficiency === null ? 'n/a' : formatNumber(summary.mean_efficiency);
    const ci =
      summary.ci_low === null || summary.ci_high === null
        ? 'ci=n/a'
        : `ci=[${formatNumber(summary.ci_low)}, ${formatNumber(summary.ci_high)}] ci_width=${summary.ci_width === null ? 'n/a' : summary.ci_width.toFixed(2)}`;
    lines.push(
      `  ${summary.provider}${unit}: n=${summary.n} (of ${pluralize(summary.windows, 'window')}) work=${mean} ${ci}${describePower(summary, basis)}`,
    );
  }
  return lines;
}

function describePower(summary: Preview['providers'][number], basis: Preview['efficiency']): string {
  if (!basis?.baseline) return '';
  if (summary.provider === basis.baseline) return ' baseline';
  const pair = summary.pair_power;
  if (!pair) return '';
  const quality = summary.quality_ratio == null ? '' : ` quality_ratio=${formatNumber(summary.quality_ratio)}`;
  return pair.power === null
    ? ` power=n/a (${pair.na ?? 'unknown'})${quality}`
    : ` power=${formatNumber(pair.power)} (${pair.n_tasks} tasks)${quality}`;
}

function renderWindowTable(windows: PreviewWindow[]): string[] {
  const header = ['agent', 'provider', 'window', 'before', 'after', 'delta', 'quality', 'outcome', 'notes'];
  const rows = windows.map((window) => [
    window.agent_id,
    window.provider,
    window.window_id,
    formatCapacity(window.before, window.unit),
    formatCapacity(window.after, window.unit),
    window.delta === null
      ? window.errors.length > 0 || window.status !== 'open'
        ? 'null'
        : '-'
      : `${formatCapacity(window.delta, window.unit)}${window.tokens_delta === null ? '' : ` / ${formatCapacity(window.tokens_delta, 'tokens')}`}`,
    window.quality === null ? '-' : window.quality.toFixed(2),
    window.outcome ?? (window.status === 'completed' ? '-' : window.status),
    [...window.errors, ...(window.source === 'manual' ? [] : [`source=${window.source}`])].join(','),
  ]);
  return renderTable([header, ...rows], { indent: '  ' });
}

function formatCapacity(value: number | null, unit: PreviewWindow['unit']): string {
  if (value === null) return '-';
  return unit === 'tokens' ? `${Math.round(value).toLocaleString('en-US')} tok` : `${formatNumber(value)}%`;
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return Math.abs(value) >= 100 ? value.toFixed(1) : Number(value.toPrecision(4)).toString();
}
