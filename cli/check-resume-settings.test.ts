// A resume's flags against the plan's registered ones: the first difference named by its flag and both values.
import { describe, expect, it } from 'vitest';
import { findRunFlagDifference } from './check-resume-settings.js';

const registered = {
  estimand: 'usd' as const,
  run_flags: { plans: { claude: 'claude-max-20x', codex: 'chatgpt-plus' }, upstream: 'scripted' },
};

describe('findRunFlagDifference', () => {
  it('is null for the same flags', () => {
    expect(findRunFlagDifference(registered, structuredClone(registered))).toBeNull();
  });

  it('names the upstream, then a plan dropped or changed, then the estimand', () => {
    expect(findRunFlagDifference(registered, { ...registered, run_flags: { ...registered.run_flags, upstream: null } })).toEqual({
      flag: '--upstream',
      was: 'scripted',
      now: '(none)',
    });
    // Run as `experiment status` printed it before: no --plan, so a per-dollar plan would turn per-1%.
    expect(findRunFlagDifference(registered, { estimand: 'bars', run_flags: { plans: {}, upstream: 'scripted' } })).toEqual({
      flag: '--plan',
      was: 'claude=claude-max-20x',
      now: 'no --plan for claude',
    });
    expect(
      findRunFlagDifference(registered, {
        ...registered,
        run_flags: { ...registered.run_flags, plans: { claude: 'claude-max-20x', codex: 'chatgpt-pro' } },
      }),
    ).toEqual({ flag: '--plan', was: 'codex=chatgpt-plus', now: 'codex=chatgpt-pro' });
    expect(findRunFlagDifference(registered, { ...registered, estimand: 'bars' })).toEqual({ flag: '--estimand', was: 'usd', now: 'bars' });
  });

  it('compares a plan registered before its run flags on the estimand only', () => {
    const old = { estimand: 'usd' as const };
    expect(findRunFlagDifference(old, { estimand: 'usd', run_flags: { plans: {}, upstream: null } })).toBeNull();
    expect(findRunFlagDifference(old, { estimand: 'bars', run_flags: { plans: {}, upstream: null } })?.flag).toBe('--estimand');
  });
});
