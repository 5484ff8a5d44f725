import { describe, expect, it } from 'vitest';
import type { PreviewRow, ProviderSummary } from '../../ledger/index.js';
import { evaluateG1 } from './evaluate-g1.js';

const good: ProviderSummary = {
  provider: 'claude',
  unit: 'pct_5h',
  windows: 6,
  n: 3,
  mean_efficiency: 0.06,
  ci_low: 0.05,
  ci_high: 0.068,
  ci_width: 0.3,
  sd_efficiency: 0.004,
  mean_quality: 0.9,
  quality_ratio: 0.8,
  power: 0.8,
};

/** Each preview made here has one more window than the one before (G1 reads previews with new windows between them). */
let made = 0;
function preview(providers: ProviderSummary[], extra: Partial<PreviewRow> = {}): PreviewRow {
  made += 1;
  return {
    id: `p${Math.random()}`,
    kind: 'preview',
    ts: '2026-11-21T10:00:00Z',
    schema_version: 1,
    tool_version: '0.1.0',
    source: 'manual',
    agent_id: 'main',
    providers: providers.map((summary) => ({ ...summary, windows: summary.windows + made })),
    anomalies: 0,
    ...extra,
  };
}

describe('evaluateG1', () => {
  it('is not evaluable with fewer than two unfiltered previews', () => {
    expect(evaluateG1([preview([good]), preview([good], { filter: { provider: 'claude' } })]).status).toBe('not-evaluable');
  });

  it('passes when a provider meets every threshold exactly, in both of the last two previews', () => {
    const result = evaluateG1([preview([{ ...good, n: 1 }]), preview([good]), preview([good])]);
    expect(result.status).toBe('pass');
    expect(result.passing).toEqual(['claude']);
  });

  it.each([
    ['n', { n: 2 }],
    ['ci_width', { ci_width: 0.3001 }],
    ['power', { power: 0.7999 }],
    ['quality vs baseline', { quality_ratio: 0.7999 }],
  ] as const)('fails just past the %s threshold in the latest preview', (name, change) => {
    const result = evaluateG1([preview([good]), preview([{ ...good, ...change }])]);
    expect(result.status).toBe('fail');
    expect(result.summary).toContain(`${name}=`);
    expect(result.summary).toContain('(latest preview)');
    expect(result.checks.find((check) => check.name === `${name} (latest)`)?.pass).toBe(false);
  });

  it('counts previews recorded again on the same windows once: the latest of them', () => {
    const same = { ...good, windows: 6 };
    const again = (summary: ProviderSummary): PreviewRow => ({ ...preview([]), providers: [summary] });
    expect(evaluateG1([again(same), again(same)]).status).toBe('not-evaluable');
    expect(evaluateG1([again({ ...same, windows: 5, n: 3 }), again({ ...same, ci_width: 0.5 }), again(same)]).status).toBe('pass');
  });

  it('fails when only the previous preview misses', () => {
    expect(evaluateG1([preview([{ ...good, ci_width: 0.31 }]), preview([good])]).status).toBe('fail');
  });

  it('is not evaluable when previews lack power (recorded before it was)', () => {
    const { power: _power, quality_ratio: _ratio, ...old } = good;
    expect(evaluateG1([preview([old]), preview([old])]).status).toBe('not-evaluable');
  });

  it('passes when any one provider passes', () => {
    const codex = { ...good, provider: 'codex', ci_width: 0.9 };
    const result = evaluateG1([preview([good, codex]), preview([good, codex])]);
    expect(result.status).toBe('pass');
    expect(result.providers.find((p) => p.provider === 'codex')?.status).toBe('fail');
  });
});
