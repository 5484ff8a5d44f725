// A `--plan` for an account the data dir's rows never name is refused with the accounts it does name, or noted when it names none of that provider.
import { describe, expect, it } from 'vitest';
import { type AccountRows, checkPlanAccounts, listLedgerAccounts } from './check-plan-accounts.js';

const AT = '2026-11-01T00:00:00.000Z';

/** A statusline reading of claude's first account, a proxy request of its second, a Codex rollout reading of a run's profile. */
const ROWS = {
  bars: {
    snapshots: [],
    readings: [{ provider: 'claude', captured_at: AT, bars: {}, format: 'statusline', account: 'acct-0123456789' }],
    telemetry: [{ timestamp: AT, backend_provider: 'anthropic', rate_limits: {}, account: 'acct-abcdefabcd' }],
  },
  telemetry: [],
  otel: [{ provider: 'codex', account: null }],
  readings: [{ provider: 'codex-chatgpt', account: 'acct-1111111111' }],
} as unknown as AccountRows;

const EMPTY: AccountRows = { bars: { snapshots: [], readings: [], telemetry: [] }, telemetry: [], otel: [], readings: [] };

describe('listLedgerAccounts', () => {
  it("lists each provider@account the rows name, a proxy row's under its back end's provider", () => {
    expect(listLedgerAccounts(ROWS)).toEqual(['claude@acct-0123456789', 'claude@acct-abcdefabcd', 'codex-chatgpt@acct-1111111111']);
  });
});

describe('checkPlanAccounts', () => {
  it('refuses an account one hex digit off, naming the flag, the closest and the accounts of its provider', () => {
    let caught: unknown;
    try {
      checkPlanAccounts(['claude@acct-0123456788'], ROWS);
    } catch (error) {
      caught = error;
    }
    expect((caught as Error).message).toBe(
      'no row of this data dir names the account claude@acct-0123456788 (did you mean claude@acct-0123456789?): its accounts of claude are claude@acct-0123456789, claude@acct-abcdefabcd',
    );
    expect((caught as { where?: string }).where).toBe('--plan');
  });

  it("takes a named account, a plain provider, and a run's profile's account as its subscription's", () => {
    const accounts = new Map([['codex-chatgpt', 'codex']]);
    expect(checkPlanAccounts(['claude@acct-abcdefabcd', 'claude', 'codex@acct-1111111111'], ROWS, accounts)).toEqual([]);
  });

  it("notes a plain provider's plan given to two logins, none named on its own, and not one left to a single login", () => {
    expect(checkPlanAccounts(['claude'], ROWS)).toEqual([
      '--plan claude=… is the plan of each of claude@acct-0123456789, claude@acct-abcdefabcd (no --plan of their own): if those logins hold different plans, give each its own, --plan claude@acct-…=<plan>',
    ]);
    expect(checkPlanAccounts(['claude', 'claude@acct-0123456789'], ROWS)).toEqual([]);
  });

  it('notes, without refusing, an account of a provider no row names an account of (a first run)', () => {
    expect(checkPlanAccounts(['glm@acct-0123456789'], EMPTY)).toEqual([
      'no row of this data dir names the account glm@acct-0123456789 yet (it names no account): its plan prices nothing until one does',
    ]);
  });
});
