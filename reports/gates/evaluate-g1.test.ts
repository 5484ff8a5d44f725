import { describe, expect, it } from 'vitest';
import type { PreviewRow, ProviderSummary } from '../../ledger/index.js';
import { checkG1Summary, evaluateG1 } from './evaluate-g1.js';
import { makePreviewRow } from '../test-fixtures/make-preview-row.js';

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
  return makePreviewRow(`p${Math.random()}`, {
    providers: providers.map((summary) => ({ ...summary, windows: summary.windows + made })),
    ...extra,
  });
}

describe('checkG1Summary', () => {
  it("says its power is the plan's decision's, simulated on the shared tasks", () => {
    const pair_power = { n_tasks: 12, ratio: 1.2, basis: 'simulation' as const, alpha_adjusted: 0.05, power: 0.8, na: null };
    const power = checkG1Summary({ ...good, pair_power }, 'latest preview').find((check) => check.name.startsWith('power'));
    expect(power?.detail).toBe('the decision simulated on 12 shared tasks at alpha 0.05 for 1.2x');
  });
});

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

  it('names the pair it passes on, their work ratio, and that a pass is no difference', () => {
    // A near-copy of the baseline (work ratio 1.035) passes G1; the summary says which pair and what that means.
    const baseline = { ...good, provider: 'codex', mean_efficiency: 0.06, power: null, quality_ratio: 1 };
    const copy = { ...good, mean_efficiency: 0.0621, power: 1, quality_ratio: 1 };
    const result = evaluateG1([preview([baseline, copy]), preview([baseline, copy])]);
    expect(result.status).toBe('pass');
    expect(result.summary).toBe(
      "claude against codex in bars meets all four thresholds in the last two previews (latest: n 3, ci_width 0.3, power 1, quality vs baseline 1); its work per unit is 1.035x the baseline's. G1 says the measurement is good enough to see the relevant difference in that pair, not that there is one: a candidate no better than the baseline passes too (who is ahead is the verdict's question)",
    );
    const weak = evaluateG1([preview([baseline, { ...copy, power: 0.2 }]), preview([baseline, { ...copy, power: 0.2 }])]);
    expect(weak.summary).toBe('claude against codex: power=0.2 < 0.8 (latest preview)');
  });

  it('tells looks apart by the windows they saw: an --epochs run adds windows, not tasks', () => {
    // Both looks hold 3 tasks per provider; the second saw the second epoch's 3 windows too.
    const look = (windows: number): PreviewRow => ({ ...preview([]), providers: [{ ...good, n: 3, windows }] });
    expect(evaluateG1([look(3), look(6)]).status).toBe('pass');
    expect(evaluateG1([look(6), look(6)]).status).toBe('not-evaluable');
  });

  it('fails when only the previous preview misses', () => {
    expect(evaluateG1([preview([{ ...good, ci_width: 0.31 }]), preview([good])]).status).toBe('fail');
  });

  it('is not evaluable when previews lack power (recorded before it was)', () => {
    const { power: _power, quality_ratio: _ratio, ...old } = good;
    expect(evaluateG1([preview([old]), preview([old])]).status).toBe('not-evaluable');
  });

  it('passes when any one candidate passes', () => {
    const glm = { ...good, provider: 'glm', ci_width: 0.9 };
    const result = evaluateG1([preview([good, glm]), preview([good, glm])]);
    expect(result.status).toBe('pass');
    expect(result.providers.find((p) => p.provider === 'glm')?.status).toBe('fail');
  });

  it('never judges the baseline: it is no candidate, whatever its figures', () => {
    // Old G1 let the baseline pass against itself (power 0.9999 in the seed-42 run): here it is codex.
    const baseline = { ...good, provider: 'codex', power: 1, quality_ratio: 1 };
    const weak = { ...good, power: 0.2 };
    const result = evaluateG1([preview([baseline, weak]), preview([baseline, weak])]);
    expect(result.status).toBe('fail');
    expect(result.providers.map((p) => p.provider)).toEqual(['claude']);
    expect(result.passing).toEqual([]);
    expect(result.summary).toContain('power=0.2 < 0.8');
  });

  it('reads two previews only when they share the plan, the unit and the baseline', () => {
    // The seed-42 run: the runner's baseline changed from sim-codex to sim-claude between periods.
    const first = preview([good], { baseline: 'glm', plan_id: 'p1' });
    const second = preview([good], { baseline: 'codex', plan_id: 'p1' });
    const result = evaluateG1([first, second]);
    expect(result.status).toBe('not-evaluable');
    expect(result.summary).toMatch(/^1 recorded preview of plan p1 in bars against codex; G1 needs two/);
    expect(evaluateG1([preview([good], { unit: 'usd' }), preview([good])]).status).toBe('not-evaluable');
    expect(evaluateG1([preview([good], { plan_id: 'p1' }), preview([good], { plan_id: 'p2' })]).status).toBe('not-evaluable');
    // A comparable pair with another preview recorded in between still counts.
    expect(evaluateG1([preview([good]), preview([good], { unit: 'usd' }), preview([good])]).status).toBe('pass');
  });

  it('keeps only previews of the basis the report expects', () => {
    const rows = [preview([good]), preview([good]), preview([good], { baseline: 'glm' })];
    expect(evaluateG1(rows).basis).toEqual({ plan_id: null, unit: 'bars', baseline: 'glm' });
    const expected = evaluateG1(rows, { plan_id: null, unit: 'bars', baseline: 'codex' });
    expect(expected.status).toBe('pass');
    expect(evaluateG1(rows, { unit: 'usd' }).summary).toMatch(/^no recorded preview in usd; /);
  });

  it('does not compare previews recorded before the unit and the baseline were', () => {
    const { unit: _unit, baseline: _baseline, ...old } = preview([good]);
    const older = { ...old, id: 'old-2', providers: old.providers.map((p) => ({ ...p, windows: p.windows + 9 })) };
    const result = evaluateG1([old, older]);
    expect(result.status).toBe('not-evaluable');
    expect(result.summary).toMatch(/^the 2 recorded previews lack a unit and baseline \(recorded by an older version\): not comparable/);
  });
});
