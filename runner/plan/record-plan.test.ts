// recordPlan writes one valid assignment row per arm, and a second time writes nothing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssignmentRowSchema, LedgerRowSchema } from '../../ledger/index.js';
import { buildPlan } from './build-plan.js';
import { buildAnalysisSettings } from './analysis-settings.js';
import { recordPlan } from './record-plan.js';

describe('recordPlan', () => {
  it('records each arm once per plan id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const plan = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: ['aaa', 'bbb', 'ccc'] });
    const ctx = { agentId: 'main', source: 'runner' as const };
    expect(recordPlan(dir, plan, ctx)).toEqual({ recorded: true, rows: 6, quality: 'resolved', taskBudget: null });
    expect(recordPlan(dir, plan, ctx)).toMatchObject({ recorded: false, rows: 0 });
    const lines = readFileSync(join(dir, 'assignments.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    const rows = lines.map((line) => AssignmentRowSchema.parse(JSON.parse(line)));
    expect(rows.map((r) => r.arm_index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(LedgerRowSchema.parse(JSON.parse(lines[0] as string)).kind).toBe('assignment');
  });
  it('registers resolved as the quality by default, and a resume keeps what was registered first', () => {
    const plan = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: ['aaa', 'bbb'] });
    const ctx = { agentId: 'main', source: 'runner' as const };
    expect(buildAnalysisSettings(plan).quality).toBe('resolved');
    expect(() => buildAnalysisSettings(plan, { quality: 'share' })).toThrow(
      /--quality must be one of resolved, fail-to-pass-share, got "share"/,
    );
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const share = buildAnalysisSettings(plan, { quality: 'fail-to-pass-share' });
    expect(recordPlan(dir, plan, ctx, share).quality).toBe('fail-to-pass-share');
    expect(recordPlan(dir, plan, ctx, buildAnalysisSettings(plan)).quality).toBe('fail-to-pass-share');
    const row = JSON.parse(readFileSync(join(dir, 'assignments.jsonl'), 'utf8').split('\n')[0] as string);
    expect(row).toMatchObject({ kind: 'analysis-plan', quality: 'fail-to-pass-share' });
  });
  it('registers the task budget it is given, and a resume keeps the first one', () => {
    const plan = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: ['aaa', 'bbb'] });
    const budget = { metric: 'cost' as const, limits: { claude: 2, codex: 1 }, source: '--task-budget $2' };
    expect(buildAnalysisSettings(plan).task_budget).toBeUndefined();
    expect(buildAnalysisSettings(plan, { taskBudget: budget }).task_budget).toEqual(budget);
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const ctx = { agentId: 'main', source: 'runner' as const };
    expect(recordPlan(dir, plan, ctx, buildAnalysisSettings(plan, { taskBudget: budget })).taskBudget).toEqual(budget);
    const other = { ...budget, limits: { claude: 9, codex: 9 } };
    expect(recordPlan(dir, plan, ctx, buildAnalysisSettings(plan, { taskBudget: other })).taskBudget).toEqual(budget);
  });
});
