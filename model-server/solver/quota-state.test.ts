// The quota state file: fresh when missing, one line naming a bad file, atomic writes, and the journal's settle, rewind and lift.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../kernel/index.js';
import {
  addCharge,
  countUnits,
  createQuotaState,
  liftUnits,
  readQuotaState,
  rewindCharges,
  settleCharges,
  writeQuotaState,
  type QuotaState,
} from './quota-state.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function makeDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'quota-state-'));
  dirs.push(dir);
  return dir;
}

/** The error's one line, or a failure when `run` does not throw an AppError. */
function catchLine(run: () => unknown): { code: string; line: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, line: error.toLine() };
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('the quota state file', () => {
  it('is a fresh state, periods starting now, when there is no file (nothing is written by reading)', () => {
    const file = join(makeDir(), 'state', 'plan.json');
    expect(readQuotaState(file, 1_700_000_000_123)).toEqual({
      state: { version: 1, started_at_ms: 1_700_000_000_123, accounts: {} },
      found: false,
    });
    expect(existsSync(file)).toBe(false);
  });

  it('reads back what was written, its folder made, through a temp file that does not stay behind', () => {
    const dir = makeDir();
    const file = join(dir, 'state', 'scripted-quota', 'plan.json');
    const state = addCharge(addCharge(createQuotaState(1000), 'scripted-codex', 700, 2000, true), 'scripted-glm', 50, 2001, false);
    writeQuotaState(file, state);
    expect(readQuotaState(file, 9999)).toEqual({ state, found: true });
    expect(readdirSync(join(dir, 'state', 'scripted-quota'))).toEqual(['plan.json']);
    writeQuotaState(file, createQuotaState(5));
    expect(readQuotaState(file, 9999).state).toEqual(createQuotaState(5));
  });

  it.each([
    ['not JSON', '{"version": 1, "started_at', /^\S+plan\.json: not JSON \(/],
    [
      'another version',
      '{"version": 2, "started_at_ms": 0, "accounts": {}}',
      /plan\.json: version: .*\(the scripted quota state; remove the file/,
    ],
    [
      'negative units',
      '{"version": 1, "started_at_ms": 0, "accounts": {"scripted-codex": {"units": -3, "charges": []}}}',
      /plan\.json: accounts\.scripted-codex\.units: expected a non-negative number of units \(the scripted quota state/,
    ],
    [
      'a charge without its time',
      '{"version": 1, "started_at_ms": 0, "accounts": {"a": {"units": 0, "charges": [[12]]}}}',
      /plan\.json: accounts\.a\.charges\.0/,
    ],
    ['an array', '[]', /plan\.json: quota state: /],
  ])('refuses %s in one line naming the file', (_name, text, expected) => {
    const file = join(makeDir(), 'plan.json');
    writeFileSync(file, text);
    const { code, line } = catchLine(() => readQuotaState(file, 0));
    expect(code).toBe('BAD_INPUT');
    expect(line).toMatch(expected);
    expect(line.startsWith(file)).toBe(true);
    expect(line).not.toContain('\n');
  });

  it('says which file it could not write, with the cause, and leaves no temp file behind', () => {
    const dir = makeDir();
    writeFileSync(join(dir, 'not-a-folder'), '');
    const { code, line } = catchLine(() => writeQuotaState(join(dir, 'not-a-folder', 'plan.json'), createQuotaState(0)));
    expect(code).toBe('IO');
    expect(line).toMatch(/not-a-folder\/plan\.json: cannot keep the scripted quota state \((ENOTDIR|EEXIST)\)$/);
    // The rename fails (a folder is in the way): the temp file written before it is removed.
    mkdirSync(join(dir, 'plan.json', 'inside'), { recursive: true });
    expect(catchLine(() => writeQuotaState(join(dir, 'plan.json'), createQuotaState(0))).line).toMatch(/plan\.json: cannot keep/);
    expect(readdirSync(dir).sort()).toEqual(['not-a-folder', 'plan.json']);
  });
});

describe('charges, settled and not', () => {
  const charged = (): QuotaState => {
    let state = createQuotaState(0);
    for (const [at, units] of [
      [100, 10],
      [200, 20],
      [300, 30],
    ] as const)
      state = addCharge(state, 'a', units, at, true);
    return addCharge(state, 'b', 5, 150, true);
  };

  it('counts settled and journaled units alike; without a journal a charge is settled at once', () => {
    expect(countUnits(charged(), 'a')).toBe(60);
    expect(countUnits(charged(), 'never')).toBe(0);
    expect(addCharge(createQuotaState(0), 'a', 9, 1, false).accounts).toEqual({ a: { units: 9, charges: [] } });
  });

  it('settles the charges of the accounts named, up to a time, and keeps the later ones journaled', () => {
    const settled = settleCharges(charged(), 200, ['a']);
    expect(settled.accounts).toEqual({ a: { units: 30, charges: [[300, 30]] }, b: { units: 0, charges: [[150, 5]] } });
    expect(settleCharges(charged(), 1000, null).accounts).toEqual({ a: { units: 60, charges: [] }, b: { units: 5, charges: [] } });
    const none = charged();
    expect(settleCharges(none, 50, null)).toBe(none);
  });

  it('rewinds each account to its cutoff: earlier charges settled, later ones dropped and counted', () => {
    const rewound = rewindCharges(settleCharges(charged(), 100, ['a']), (account) => (account === 'a' ? 250 : Number.NEGATIVE_INFINITY));
    expect(rewound.state.accounts).toEqual({ a: { units: 30, charges: [] }, b: { units: 0, charges: [] } });
    expect(rewound.dropped).toBe(2);
    const whole = rewindCharges(charged(), () => Number.POSITIVE_INFINITY);
    expect([countUnits(whole.state, 'a'), countUnits(whole.state, 'b'), whole.dropped]).toEqual([60, 5, 0]);
    const settledOnly = settleCharges(charged(), 1000, null);
    expect(rewindCharges(settledOnly, () => 0).state).toBe(settledOnly);
  });

  it('lifts only an account the state never knew, to the floor given', () => {
    const state = rewindCharges(charged(), (account) => (account === 'a' ? 1000 : Number.NEGATIVE_INFINITY)).state;
    const lifted = liftUnits(
      state,
      new Map([
        ['a', 500],
        ['b', 40],
        ['c', 70],
        ['d', 0],
      ]),
    );
    expect(lifted.lifted).toEqual(['c']);
    expect(lifted.state.accounts).toEqual({ a: { units: 60, charges: [] }, b: { units: 0, charges: [] }, c: { units: 70, charges: [] } });
    expect(liftUnits(state, new Map()).state).toBe(state);
  });
});
