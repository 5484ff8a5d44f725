// recordPlan writes one valid assignment row per arm, and a second time writes nothing.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AssignmentRowSchema, LedgerRowSchema } from '../../ledger/index.js';
import { buildPlan } from './build-plan.js';
import { recordPlan } from './record-plan.js';

describe('recordPlan', () => {
  it('records each arm once per plan id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plan-'));
    const plan = buildPlan({ seed: '7', providers: ['claude', 'codex'], taskIds: ['aaa', 'bbb', 'ccc'] });
    const ctx = { agentId: 'main', source: 'runner' as const };
    expect(recordPlan(dir, plan, ctx)).toEqual({ recorded: true, rows: 6 });
    expect(recordPlan(dir, plan, ctx)).toEqual({ recorded: false, rows: 0 });
    const lines = readFileSync(join(dir, 'assignments.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(6);
    const rows = lines.map((line) => AssignmentRowSchema.parse(JSON.parse(line)));
    expect(rows.map((r) => r.arm_index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(LedgerRowSchema.parse(JSON.parse(lines[0] as string)).kind).toBe('assignment');
  });
});
