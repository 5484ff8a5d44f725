// The gates section in words: what a recorded preview holds and what a G1 pass means.
import { describe, expect, it } from 'vitest';
import { decideSeat } from '../gates/decide-seat.js';
import { evaluateG1 } from '../gates/evaluate-g1.js';
import { evaluateG2 } from '../gates/evaluate-g2.js';
import type { GateResult } from '../gates/gate-result.js';
import type { ExperimentReport } from './experiment-report.js';
import { renderGatesSection } from './render-gates-section.js';

const g3 = { id: 'G3', title: 'G3', status: 'not-evaluable', summary: 'n/a', checks: [], matched_features: 0, arms: null };

function render(unit: 'usd' | 'pct_5h'): string {
  const gates = { g1: evaluateG1([]), g2: evaluateG2(null), g3: g3 as GateResult & typeof g3 };
  const summary = (provider: string, power: number | null) => ({
    provider,
    unit,
    windows: 6,
    n: 3,
    mean_efficiency: 5,
    ci_low: 4,
    ci_high: 6,
    ci_width: 0.4,
    mean_quality: 1,
    quality_ratio: 1,
    power,
  });
  const report = {
    gates,
    decision: decideSeat(gates),
    settings: { baseline: 'claude', min_effect: 0.2 },
    current_gate_fields: [summary('claude', null), summary('claude+glm', 0.9)],
  } as unknown as ExperimentReport;
  return renderGatesSection(report).join('\n');
}

describe('renderGatesSection', () => {
  it("describes what a preview now records: work per unit as a ratio of sums, power simulated on the plan's decision", () => {
    // The table said "two-sample t test" and "% 5h" beside dollar figures.
    const text = render('usd');
    expect(text).not.toContain('two-sample t test');
    expect(text).not.toContain('AB/BA crossover');
    expect(text).toContain("work per unit is each provider's summed quality over its summed cost");
    expect(text).toContain("power is the chance the plan's decision, simulated on the tasks the provider and the baseline both ran");
    expect(text).toMatch(/^\| claude\+glm +\| \$ sub \|/m);
    expect(text).not.toMatch(/^\| claude\+glm +\| % 5h \|/m);
    expect(render('pct_5h')).toMatch(/^\| claude\+glm +\| % 5h \|/m);
  });

  it("says what the gates' intervals and power are, and what a tail can still do", () => {
    const text = render('usd');
    expect(text).toContain(
      "The gates' intervals are their own (the delta method on the tasks run) and G1's power is the plan's decision's",
    );
    expect(text).toContain("A runaway not yet seen would still overstate G3's cost reduction");
  });

  it('says a G1 pass is about the measurement, not a difference', () => {
    expect(render('usd')).toContain('G1 asks whether the measurement is good enough to see that difference, not whether there is one');
  });
});
