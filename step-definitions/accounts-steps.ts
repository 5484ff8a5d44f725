// Two accounts of one provider through one proxy, each row naming its account as the proxy fingerprints it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given } from '@cucumber/cucumber';
import { appendRows, fingerprintAccount, LEDGER_FILES } from '../ledger/index.js';
import { buildMonth } from './plans-steps.js';
import type { TrackerWorld } from './world.js';

Given(
  'two Claude accounts through one proxy for a month, {word} with a 5-hour bar of {int} tokens and {word} with one of {int}: each 5 requests of 10000 tokens a day, the second 20 minutes after the first',
  function (this: TrackerWorld, first: string, firstBar: number, second: string, secondBar: number) {
    appendTwoAccounts(this, [first, firstBar], [second, secondBar]);
  },
);

Given(
  'two Claude logins through one proxy for a month, signed in to organization {string} with a 5-hour bar of {int} tokens and to {string} with one of {int}: each 5 requests of 10000 tokens a day, the second 20 minutes after the first',
  function (this: TrackerWorld, first: string, firstBar: number, second: string, secondBar: number) {
    // Each login's rows name the account the proxy fingerprints from the organization its answers name.
    const account = (organization: string) => fingerprintAccount('organization', organization);
    appendTwoAccounts(this, [account(first), firstBar], [account(second), secondBar]);
  },
);

function appendTwoAccounts(world: TrackerWorld, [first, firstBar]: [string, number], [second, secondBar]: [string, number]): void {
  const month = (account: string, fiveHour: number, offsetMs: number) =>
    buildMonth({
      backend: 'anthropic',
      fiveHour,
      weekly: fiveHour * 5,
      perDay: 5,
      tokens: 10_000,
      heavyDay: 9,
      heavyExtra: 0,
      account,
      offsetMs,
    });
  const rows = [...month(first, firstBar, 0), ...month(second, secondBar, 20 * 60_000)].sort((a, b) =>
    String((a as { timestamp: string }).timestamp).localeCompare(String((b as { timestamp: string }).timestamp)),
  );
  world.withLedgerEnv(() => appendRows(world.dataDir, LEDGER_FILES.proxyTelemetry, rows, { agentId: 'main', source: 'proxy' }));
}

Given("the scenario's Claude Code login is on the rate-limit tier {string}", function (this: TrackerWorld, tier: string) {
  // Where Claude Code 2.x keeps its login on Linux ($CLAUDE_CONFIG_DIR/.credentials.json); runTracker points there.
  const dir = join(this.workDir, 'claude-config');
  mkdirSync(dir, { recursive: true });
  const oauth = { accessToken: 'sk-ant-oat01-scenario', refreshToken: 'sk-ant-ort01-scenario', expiresAt: 1, scopes: [] };
  writeFileSync(
    join(dir, '.credentials.json'),
    JSON.stringify({ claudeAiOauth: { ...oauth, subscriptionType: 'max', rateLimitTier: tier } }),
  );
});
