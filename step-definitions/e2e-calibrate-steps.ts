// Steps of the @e2e everyday calibration: `tracker calibrate` over the real clients' own records, against the proxy's.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

interface CalibrationJson {
  calibrations: {
    provider: string;
    sources: string[];
    bars: { bar: string; pairs: number; unrecorded_moves: number; tokens_per_pct: { estimate: number } | null }[];
  }[];
}

/**
 * `tracker calibrate --json` in a data dir: the calibration of `provider`, or of the only provider when null (the
 * proxy names a back end by its host when it has no other name), or a failed assertion naming why not.
 */
async function calibrate(world: TrackerWorld, dataDir: string, provider: string | null, plan: string) {
  const flags = provider === null ? [] : ['--plan', `${provider}=${plan}`];
  const ran = await world.runTracker(['calibrate', '--json', '--tz', 'UTC', ...flags, '--data-dir', dataDir]);
  assert.equal(ran.exitCode, 0, ran.stderr);
  const all = (JSON.parse(ran.stdout) as CalibrationJson).calibrations;
  const found = provider === null ? (all.length === 1 ? all[0] : undefined) : all.find((one) => one.provider === provider);
  assert.ok(found, `no calibration of ${provider} in ${dataDir}: ${ran.stdout}`);
  const fiveHour = found.bars.find((bar) => bar.bar === 'five_hour');
  assert.ok(fiveHour?.tokens_per_pct, `no tokens per 1% of ${provider}'s 5h bar in ${dataDir}: ${ran.stdout}`);
  return { ...found, fiveHour, tokensPerPct: fiveHour.tokens_per_pct.estimate, stdout: ran.stdout };
}

Then(
  'the everyday calibration of {string} under {string} in data dir {string} uses only {string} and agrees with the proxy data dir on tokens per 1% of the 5h bar within {int}%',
  async function (this: TrackerWorld, provider: string, plan: string, dir: string, source: string, tolerance: number) {
    const own = await calibrate(this, join(this.workDir, dir), provider, plan);
    assert.deepEqual(own.sources, [source]);
    assert.ok(own.fiveHour.pairs >= 1, `no pair of ${provider}'s 5h readings with use between them`);
    assert.equal(own.fiveHour.unrecorded_moves, 0, 'a move of the bar without use: a turn was not counted');
    const proxy = await calibrate(this, this.dataDir, null, plan);
    assert.deepEqual(proxy.sources, ['proxy']);
    const apart = Math.abs(own.tokensPerPct / proxy.tokensPerPct - 1) * 100;
    assert.ok(
      apart <= tolerance,
      `${source}: ${own.tokensPerPct} tokens per 1%, the proxy: ${proxy.tokensPerPct} (${apart.toFixed(2)}% apart)`,
    );
  },
);
