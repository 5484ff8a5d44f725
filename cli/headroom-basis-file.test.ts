// The kept headroom basis: written whole, read back for its account, refused when stale or malformed (never thrown).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { reckonHeadroom } from '../reports/headroom/index.js';
import { buildPlansAdvice } from '../reports/plans/index.js';
import { MAX_LOGIN, MONTH_START, makeTwoLoginsLedger, makeTwoLoginsOptions, PRO_LOGIN } from '../reports/test-fixtures/make-two-logins.js';
import { readHeadroomBasis, writeHeadroomBases } from './headroom-basis-file.js';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const basis = {
  provider: 'claude',
  unit: 'session' as const,
  tasks: [10_000, 12_000],
  rates: { five_hour: { estimate: 1000, low: 900, high: 1100 } },
  confidence: 0.95,
  reckoned_at: '2026-11-26T12:00:00.000Z',
};
/** A status line whose config dir names no login. */
const CLAUDE = { provider: 'claude', account: null };

describe('the headroom basis file', () => {
  it("reads back the account's basis, and nothing for another account or a basis over a week old", () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    writeHeadroomBases(dir, 'main', [basis]);
    expect(readHeadroomBasis(dir, 'main', CLAUDE, NOW)).toEqual(basis);
    expect(readHeadroomBasis(dir, 'main', { provider: 'codex', account: null }, NOW)).toBeNull();
    expect(readHeadroomBasis(dir, 'other', CLAUDE, NOW)).toBeNull();
    expect(readHeadroomBasis(dir, 'main', CLAUDE, NOW + 7 * 86_400_000)).toBeNull();
  });

  it('refuses what is not a basis, field by field, without throwing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    const path = join(dir, 'state', 'main', 'headroom.json');
    writeHeadroomBases(dir, 'main', []);
    for (const bad of [
      '{',
      '[]',
      JSON.stringify({ bases: [{ ...basis, tasks: ['x'] }] }),
      JSON.stringify({ bases: [{ ...basis, rates: { five_hour: { estimate: 0 } } }] }),
    ]) {
      writeFileSync(path, bad);
      expect(readHeadroomBasis(dir, 'main', CLAUDE, NOW)).toBeNull();
    }
  });

  it('refuses a basis whose figures are out of range: the line printed ~-7.3 and ~Infinity sessions from such', () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    const five = (estimate: number) => ({ five_hour: { estimate, low: null, high: null } });
    for (const bad of [
      { ...basis, rates: five(-1000) },
      { ...basis, rates: five(1e308) },
      { ...basis, tasks: [1e-300] },
      { ...basis, tasks: [-5, 10_000] },
      { ...basis, confidence: 2 },
      { ...basis, rates: { five_hour: { estimate: 1000, low: -1, high: 1100 } } },
      { ...basis, reckoned_at: '2027-11-27T12:00:00.000Z' },
    ]) {
      writeHeadroomBases(dir, 'main', [bad]);
      expect(readHeadroomBasis(dir, 'main', CLAUDE, NOW)).toBeNull();
    }
  });

  it('reads no FIFO, device or folder in its place: it returns null at once instead of hanging the prompt', () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    const path = join(dir, 'state', 'main', 'headroom.json');
    mkdirSync(join(dir, 'state', 'main'), { recursive: true });
    execFileSync('mkfifo', [path]);
    expect(readHeadroomBasis(dir, 'main', CLAUDE, NOW)).toBeNull();
    rmSync(path);
    symlinkSync('/dev/zero', path);
    expect(readHeadroomBasis(dir, 'main', CLAUDE, NOW)).toBeNull();
    rmSync(path);
    mkdirSync(path);
    expect(readHeadroomBasis(dir, 'main', CLAUDE, NOW)).toBeNull();
  });

  it("gives each login its own basis, never another login's: a plain one only where it is the provider's only", () => {
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    const [a, b] = [
      { ...basis, provider: 'claude@acct-aaaaaaaaaa' },
      { ...basis, provider: 'claude@acct-bbbbbbbbbb', tasks: [5000] },
    ];
    const login = (account: string | null) => ({ provider: 'claude', account });
    // A file written before bases named their login: the label of a login told apart still names it.
    writeHeadroomBases(dir, 'main', [a, b]);
    expect(readHeadroomBasis(dir, 'main', login('acct-bbbbbbbbbb'), NOW)).toEqual(b);
    expect(readHeadroomBasis(dir, 'main', login('acct-aaaaaaaaaa'), NOW)).toEqual(a);
    expect(readHeadroomBasis(dir, 'main', login('acct-cccccccccc'), NOW)).toBeNull();
    expect(readHeadroomBasis(dir, 'main', login(null), NOW)).toBeNull();
    // One login's month: its plain basis says whose it is, and a second login's line does not take it.
    writeHeadroomBases(dir, 'main', [{ ...basis, account: 'acct-aaaaaaaaaa' }]);
    expect(readHeadroomBasis(dir, 'main', login('acct-aaaaaaaaaa'), NOW)?.tasks).toEqual(basis.tasks);
    expect(readHeadroomBasis(dir, 'main', login('acct-bbbbbbbbbb'), NOW)).toBeNull();
    expect(readHeadroomBasis(dir, 'main', login(null), NOW)?.tasks).toEqual(basis.tasks);
    // One naming no login (its rows named none, or an older file): the provider's only one, shown on its line.
    writeHeadroomBases(dir, 'main', [basis]);
    expect(readHeadroomBasis(dir, 'main', login('acct-bbbbbbbbbb'), NOW)).toEqual(basis);
  });

  it("gives each of two logins' status lines, after tracker plans on their month, the figure plans shows for that login", () => {
    // The two logins' month with their use as Claude Code's OpenTelemetry records it, each request naming its login.
    const month = makeTwoLoginsLedger();
    const otel = month.readings.flatMap((one) =>
      one.tokens
        ? [
            {
              provider: 'claude',
              occurred_at: one.captured_at,
              model: one.model ?? null,
              session_id: one.session_id ?? null,
              account: one.account ?? null,
              input: one.tokens.input ?? 0,
              output: one.tokens.output ?? 0,
              cache_read: one.tokens.cache_read ?? 0,
              cache_creation: (one.tokens.total ?? 0) - (one.tokens.input ?? 0) - (one.tokens.output ?? 0) - (one.tokens.cache_read ?? 0),
              metric: false,
            },
          ]
        : [],
    );
    // Run on 26 November at 16:00, inside both logins' weeks and the Max login's working hours: neither bar is spent.
    const until = MONTH_START + 24 * 86_400_000 + 16 * 3_600_000;
    const { bases, headroom } = buildPlansAdvice({ ...month, readings: [], otel }, { ...makeTwoLoginsOptions(), until_ms: until });
    const dir = mkdtempSync(join(tmpdir(), 'basis-'));
    writeHeadroomBases(dir, 'main', bases);
    const shown = [MAX_LOGIN, PRO_LOGIN].map((account) => {
      const plans = headroom.find((one) => one.provider === `claude@${account}`);
      const own = readHeadroomBasis(dir, 'main', { provider: 'claude', account }, until);
      // The status line reckons on the bars its payload carries: here the very bars plans read at its end.
      const bars = Object.fromEntries((plans?.bars ?? []).map((bar) => [bar.bar, { used_pct: bar.used_pct, resets_at: bar.resets_at }]));
      const line = own === null ? null : reckonHeadroom(own, bars);
      const task = (one: typeof plans) => one?.bars.find((bar) => bar.bar === one.binding)?.tasks?.estimate ?? null;
      return { plans: task(plans), line: task(line ?? undefined) };
    });
    for (const one of shown) {
      expect(one.plans).not.toBeNull();
      expect(one.line).toBeCloseTo(one.plans as number, 9);
    }
    // Two logins, two figures: neither line shows the other's.
    expect(shown[0]?.line).not.toBeCloseTo(shown[1]?.line as number, 1);
  });
});
