// One data dir, one figure: each bar's tokens per 1% as `tracker calibrate`, `tracker plans`, the status line's kept basis and the viewer give it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import { splitArgs } from './split-args.js';
import { viewerOf } from './viewer-hardening-steps.js';
import type { TrackerWorld } from './world.js';

interface Spread {
  estimate: number;
  low: number | null;
  high: number | null;
}
type Figures = Record<string, Record<string, Spread>>;

const figures = new WeakMap<TrackerWorld, Figures>();

/** Each account's bars' tokens per 1%, from a calibration list as `calibrate --json` and /api/limits give it. */
function readCalibrations(calibrations: { provider: string; bars: { bar: string; tokens_per_pct: Spread | null }[] }[]) {
  return Object.fromEntries(
    calibrations.map((one) => [
      one.provider,
      Object.fromEntries(one.bars.flatMap((bar) => (bar.tokens_per_pct ? [[bar.bar, bar.tokens_per_pct]] : []))),
    ]),
  );
}

/** A plan's capacity is 100 x the tokens 1% buys: the held plan's outcome in `plans --json`, per 1% again. */
function readHeldCapacity(
  accounts: { provider: string; held: string | null; outcomes: { plan: string; capacity: Record<string, Spread> }[] }[],
) {
  const per = (x: number | null) => (x === null ? null : x / 100);
  return Object.fromEntries(
    accounts.map((account) => {
      const held = account.outcomes.find((outcome) => outcome.plan === account.held);
      const bars = Object.entries(held?.capacity ?? {}).map(([bar, s]) => [
        bar,
        { estimate: s.estimate / 100, low: per(s.low), high: per(s.high) },
      ]);
      return [account.provider, Object.fromEntries(bars)];
    }),
  );
}

When(
  "I read each bar's tokens per 1% from calibrate, {string}, the status line's basis it keeps and the viewer",
  async function (this: TrackerWorld, plansLine: string) {
    const json = async (line: string[]) => {
      const result = await this.runTracker(line);
      assert.equal(result.exitCode, 0, result.stderr);
      return JSON.parse(result.stdout);
    };
    const calibrate = readCalibrations((await json(['calibrate', '--json'])).calibrations);
    const plans = readHeldCapacity((await json([...splitArgs(plansLine), '--json'])).accounts);
    const kept = JSON.parse(readFileSync(join(this.dataDir, 'state', 'main', 'headroom.json'), 'utf8')) as {
      bases: { provider: string; rates: Record<string, Spread> }[];
    };
    const statusline = Object.fromEntries(kept.bases.map((basis) => [basis.provider, basis.rates]));
    const { port, token } = viewerOf(this);
    const response = await fetch(`http://127.0.0.1:${port}/api/limits`, { headers: { 'x-tracker-auth': token } });
    assert.equal(response.status, 200);
    const viewer = readCalibrations(((await response.json()) as { calibration: Parameters<typeof readCalibrations>[0] }).calibration);
    figures.set(this, { calibrate, plans, statusline, viewer } as unknown as Figures);
  },
);

Then(
  "all four give one figure for {string}'s {string} bar, its interval holding {int} tokens per 1%",
  function (this: TrackerWorld, provider: string, bar: string, truth: number) {
    const seen = figures.get(this) as unknown as Record<string, Figures>;
    const first = seen.calibrate?.[provider]?.[bar];
    assert.ok(first, `tracker calibrate gives no ${provider} ${bar} figure`);
    assert.ok(
      (first.low ?? Number.POSITIVE_INFINITY) <= truth && truth <= (first.high ?? 0),
      `${JSON.stringify(first)} leaves out ${truth}`,
    );
    for (const [surface, found] of Object.entries(seen)) {
      const one = found[provider]?.[bar];
      assert.ok(one, `${surface} gives no ${provider} ${bar} figure`);
      // The plan's capacity is x100 and back: equal to the last few digits, not the bit.
      for (const end of ['estimate', 'low', 'high'] as const) {
        const [got, want] = [one[end] ?? Number.NaN, first[end] ?? Number.NaN];
        assert.ok(Math.abs(got - want) <= 1e-9 * Math.abs(want), `${surface}'s ${end}: ${got}, calibrate's ${want}`);
      }
    }
  },
);
