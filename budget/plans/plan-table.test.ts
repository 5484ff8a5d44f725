// The plan table under a plans file: a plan may name the provider whose tier it is, and an unknown one is refused by entry.
import { BUILT_IN_CATALOG } from '../../ledger/vocabulary/index.js';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../kernel/index.js';
import { createPlanTable, findPlan } from './plan-table.js';

const team = { name: 'Claude Team', usd_per_month: 30, priced_at: '2026-11-27', windows: ['five_hour' as const, 'weekly' as const] };

describe('createPlanTable', () => {
  it("keeps a plans file's plan with the provider it names", () => {
    expect(createPlanTable(BUILT_IN_CATALOG, { plans: { 'claude-team': { ...team, provider: 'claude' } } })['claude-team']?.provider).toBe(
      'claude',
    );
  });

  it('refuses a plan naming no known provider, naming the entry and the file', () => {
    let caught: unknown;
    try {
      createPlanTable(BUILT_IN_CATALOG, { plans: { 'claude-team': { ...team, provider: 'cladue' } } }, 'my-plans.json');
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/^plans\.claude-team\.provider: no provider "cladue" \(did you mean .?claude.?\?\)/);
    expect((caught as { where?: string }).where).toBe('my-plans.json');
  });
});

describe('findPlan', () => {
  const table = createPlanTable(BUILT_IN_CATALOG);

  it('finds a plan named in another case under its own id, and suggests the closest for a near miss', () => {
    expect(findPlan(table, 'Claude-Max-5x', '--plan').id).toBe('claude-max-5x');
    expect(() => findPlan(table, 'CLAUDE-MAX5X', '--plan')).toThrow(/^no plan "CLAUDE-MAX5X" \(did you mean claude-max-5x\?\)/);
  });
});
