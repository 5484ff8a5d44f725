// Steps for a team's PostgreSQL ledger: machines (processes with their own data dirs) racing, push and export.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import { LEDGER_FILES } from '../ledger/index.js';
import { countRejects } from './pg-cluster.js';
import { awaitCommands, GUARDED_STEP } from './progress-guard.js';
import type { TrackerWorld } from './world.js';

When(
  '{int} machines with their own data directories record a before for {string} as agent {string} at the same time',
  GUARDED_STEP,
  async function (this: TrackerWorld, machines: number, provider: string, agent: string) {
    const racing = Promise.all(
      Array.from({ length: machines }, (_, i) =>
        this.runTracker(['snapshot', 'before', '--provider', provider, '--input', 'before.json', '--data-dir', `machine-${i + 1}`], {
          agent,
        }),
      ),
    );
    await awaitCommands(this, `${machines} machines racing`, racing);
  },
);

When(
  '{int} machines with their own data directories each capture {int} windows of {string} at the same time',
  GUARDED_STEP,
  async function (this: TrackerWorld, machines: number, windows: number, provider: string) {
    const runMachine = async (machine: number) => {
      const flags = ['--provider', provider, '--data-dir', `machine-${machine}`];
      for (let window = 0; window < windows; window += 1) {
        const hour = String(10 + window).padStart(2, '0');
        const agent = `agent-${machine}`;
        await this.runTracker(['snapshot', 'before', ...flags, '--input', 'before.json', '--at', `2026-11-20T${hour}:00:00Z`], { agent });
        await this.runTracker(['snapshot', 'after', ...flags, '--input', 'after.json', '--at', `2026-11-20T${hour}:30:00Z`], { agent });
      }
    };
    // Progress, not a fixed time: at a load of 20 on 2 cores the 48 captures outlast 120 s while still finishing.
    await awaitCommands(this, `${machines} machines capturing`, Promise.all(Array.from({ length: machines }, (_, i) => runMachine(i + 1))));
  },
);

Then(
  'exactly {int} of the machines succeeded and the others failed with {string}',
  function (this: TrackerWorld, winners: number, expected: string) {
    const succeeded = this.results.filter((result) => result.exitCode === 0);
    const failed = this.results.filter((result) => result.exitCode !== 0);
    assert.equal(succeeded.length, winners, this.results.map((result) => result.stderr).join('\n'));
    for (const result of failed) assert.ok(result.stderr.includes(expected), result.stderr);
    this.markChecked(failed);
  },
);

Given(
  'a JSONL data directory {string} where agent {string} captured {int} windows of {string}',
  async function (this: TrackerWorld, dir: string, agent: string, windows: number, provider: string) {
    const files = { TRACKER_LEDGER_URL: '' };
    for (let window = 0; window < windows; window += 1) {
      const hour = String(10 + window).padStart(2, '0');
      for (const [phase, input, minute] of [
        ['before', 'before.json', '00'],
        ['after', 'after.json', '30'],
      ] as const) {
        const args = [
          'snapshot',
          phase,
          '--provider',
          provider,
          '--input',
          input,
          '--at',
          `2026-11-20T${hour}:${minute}:00Z`,
          '--data-dir',
          dir,
        ];
        const result = await this.runTracker(args, { agent, env: files });
        assert.equal(result.exitCode, 0, result.stderr);
      }
    }
  },
);

Given('a PostgreSQL database without the ledger schema', function (this: TrackerWorld) {
  this.ledgerUrl = this.createDatabase();
});

Then('the push added {int} rows', function (this: TrackerWorld, rows: number) {
  const pushed = JSON.parse(this.last.stdout) as { files: { added: number }[] };
  assert.equal(
    pushed.files.reduce((sum, file) => sum + file.added, 0),
    rows,
  );
});

Then('every ledger file of {string} equals the one in {string}', function (this: TrackerWorld, from: string, to: string) {
  let compared = 0;
  for (const file of Object.values(LEDGER_FILES)) {
    const source = join(this.workDir, from, file);
    const copy = join(this.workDir, to, file);
    assert.equal(existsSync(copy), existsSync(source), `${file}: in ${from} ${existsSync(source)}, in ${to} ${existsSync(copy)}`);
    if (!existsSync(source)) continue;
    assert.ok(readFileSync(copy).equals(readFileSync(source)), `${file} differs`);
    compared += 1;
  }
  assert.ok(compared > 0, `${from} has no ledger file`);
});

Then('the data directory holds no {string} of its own', function (this: TrackerWorld, file: string) {
  assert.equal(existsSync(join(this.dataDir, file)), false, `${file} was written to the data directory, not the database`);
});

When('I run {string} without a PostgreSQL ledger', async function (this: TrackerWorld, line: string) {
  this.ledgerUrl = null;
  await this.runTracker(line.split(' '), { env: { TRACKER_LEDGER_URL: '' } });
});

Then('the database keeps {int} reject(s)', async function (this: TrackerWorld, count: number) {
  assert.ok(this.ledgerUrl, 'no PostgreSQL ledger in this scenario');
  assert.equal(await countRejects(this.ledgerUrl), count);
});
