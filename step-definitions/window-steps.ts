// Steps that record whole windows from numbers, for specs about many windows.
import assert from 'node:assert/strict';
import { Given, Then } from '@cucumber/cucumber';
import { recordCompletedWindow } from './ledger-givens.js';
import type { TrackerWorld } from './world.js';

Given(
  '{string} has a completed window from {int}% to {int}% and {int} to {int} tokens at {string}',
  function (this: TrackerWorld, provider: string, fromPct: number, toPct: number, fromTokens: number, toTokens: number, at: string) {
    // Through the ledger library (ledger-givens.ts); the commands' own checks are the When-steps' business.
    recordCompletedWindow(this, {
      provider,
      before: { five_hour: { used_pct: fromPct }, tokens: { total: fromTokens } },
      after: { five_hour: { used_pct: toPct }, tokens: { total: toTokens } },
      beforeAt: new Date(at),
      afterAt: new Date(Date.parse(at) + 50 * 60_000),
    });
  },
);

Then('the last row of {string} has {string} = {string}', function (this: TrackerWorld, file: string, path: string, expected: string) {
  const row = this.readRows(file).at(-1);
  assert.ok(row, `${file} has no rows`);
  const value = path.split('.').reduce<unknown>((current, key) => (current as Record<string, unknown> | undefined)?.[key], row);
  assert.equal(JSON.stringify(value), expected);
});
