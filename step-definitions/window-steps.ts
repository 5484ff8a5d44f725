// Steps that record whole windows from numbers, for specs about many windows.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

Given(
  '{string} has a completed window from {int}% to {int}% and {int} to {int} tokens at {string}',
  async function (this: TrackerWorld, provider: string, fromPct: number, toPct: number, fromTokens: number, toTokens: number, at: string) {
    const before = join(this.workDir, 'window-before.json');
    const after = join(this.workDir, 'window-after.json');
    writeFileSync(before, JSON.stringify({ five_hour: { used_pct: fromPct }, tokens: { total: fromTokens } }));
    writeFileSync(after, JSON.stringify({ five_hour: { used_pct: toPct }, tokens: { total: toTokens } }));
    const later = new Date(Date.parse(at) + 50 * 60_000).toISOString();
    for (const args of [
      // A set-up step: any provider id is meant (careless-input.feature covers the refusal of a new one).
      ['snapshot', 'before', '--provider', provider, '--new-provider', '--input', before, '--at', at],
      ['snapshot', 'after', '--provider', provider, '--input', after, '--at', later],
      ['complete', '--provider', provider, '--quality', '1', '--outcome', 'success'],
    ]) {
      await this.runTracker(args);
      this.expectSuccess();
    }
  },
);

Then('the last row of {string} has {string} = {string}', function (this: TrackerWorld, file: string, path: string, expected: string) {
  const row = this.readRows(file).at(-1);
  assert.ok(row, `${file} has no rows`);
  const value = path.split('.').reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], row);
  assert.equal(JSON.stringify(value), expected);
});
