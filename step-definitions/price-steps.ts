// Steps that hold the report's price of a plan to the one `tracker calibrate` gives on the same data.
import assert from 'node:assert/strict';
import { Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

type Price = { estimate: number; low: number; high: number } | null;

Then(
  'the report prices {string} and {string} at the price tracker calibrate gives them',
  async function (this: TrackerWorld, first: string, second: string) {
    await this.runTracker(['experiment', 'report', '--json', '--no-charts']);
    const report = JSON.parse(this.last.stdout) as { calibrations: { provider: string; usd_per_list_usd: Price }[] };
    await this.runTracker(['calibrate', '--json']);
    const calibrate = JSON.parse(this.last.stdout) as { calibrations: { provider: string; price: { usd_per_list_usd: Price } | null }[] };
    for (const provider of [first, second]) {
      const inReport = report.calibrations.find((c) => c.provider === provider)?.usd_per_list_usd;
      const inCalibrate = calibrate.calibrations.find((c) => c.provider === provider)?.price?.usd_per_list_usd;
      assert.ok(
        inReport && inCalibrate,
        `${provider}: a price in the report (${JSON.stringify(inReport)}) and in calibrate (${JSON.stringify(inCalibrate)})`,
      );
      assert.deepEqual(inReport, inCalibrate, provider);
    }
  },
);
