// A resumed plan says the power its first start registered; a plan not registered yet has none to read back.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAnalysisSettings, buildPlan, recordPlan } from '../runner/index.js';
import { readRegisteredPlanPower } from './plan-power.js';

const planning = {
  success_rate: 0.75,
  cost_spread: 0.5,
  detectable_ratio: 2.04,
  power_at_relevant: 0.42,
  tasks_for_power: 619,
  source: 'assumed: a registered model',
};

describe('readRegisteredPlanPower', () => {
  it('reads the registered figures back with the warning they give, and nothing for an unregistered plan', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-power-'));
    const plan = buildPlan({ seed: '7', providers: ['sim-claude', 'sim-glm'], taskIds: ['aaa', 'bbb', 'ccc'] });
    const analysis = { ...buildAnalysisSettings(plan), planning };
    expect(readRegisteredPlanPower(dir, plan, analysis)).toBeNull();
    expect(readRegisteredPlanPower(join(dir, 'none'), plan, analysis)).toBeNull();
    recordPlan(dir, plan, { agentId: 'main', source: 'runner' }, analysis);
    // The resume's own settings carry other figures: the registered ones are what it says.
    const resumed = readRegisteredPlanPower(dir, plan, { ...analysis, planning: { ...planning, power_at_relevant: 0.99 } });
    expect(resumed).toMatchObject({ power: null, planning, underpowered: true });
    expect(resumed?.warning).toBe(
      'WARNING: 3 tasks x 1 epoch have power 0.42 (below 0.8) to see a 20% difference in work per $ between sim-claude and sim-glm at alpha 0.05; about 619 tasks would reach 0.8; with 3 tasks this run can tell apart providers 2.04x apart.',
    );
  });

  it('reads no warning back where the registered power reached the target', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-power-'));
    const plan = buildPlan({ seed: '8', providers: ['sim-claude', 'sim-glm'], taskIds: ['aaa'] });
    const analysis = { ...buildAnalysisSettings(plan), planning: { ...planning, power_at_relevant: 0.85 } };
    recordPlan(dir, plan, { agentId: 'main', source: 'runner' }, analysis);
    expect(readRegisteredPlanPower(dir, plan, analysis)).toMatchObject({ underpowered: false, warning: null });
  });
});
