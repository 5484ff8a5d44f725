// Steps for queued file flags as absolute paths, and a plan a worker cannot set up handed back and skipped.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { Then, When } from '@cucumber/cucumber';
import pg from 'pg';
import { splitArgs } from './split-args.js';
import type { TrackerWorld } from './world.js';

async function queryQueue<T extends pg.QueryResultRow>(world: TrackerWorld, sql: string, params: unknown[] = []): Promise<T[]> {
  assert.ok(world.ledgerUrl, 'no PostgreSQL ledger in this scenario');
  const client = new pg.Client({ connectionString: world.ledgerUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

When('I run {string} from the folder {string}', async function (this: TrackerWorld, line: string, folder: string) {
  mkdirSync(join(this.workDir, folder), { recursive: true });
  await this.runTracker(splitArgs(line), { cwd: folder });
});

Then("the queued plan's {string} is the absolute path of {string}", async function (this: TrackerWorld, name: string, file: string) {
  const [plan] = await queryQueue<{ value: unknown }>(this, 'SELECT settings -> $1 AS value FROM experiment_queue', [name]);
  assert.ok(plan, 'no queued plan');
  assert.ok(typeof plan.value === 'string' && isAbsolute(plan.value), `${name} is queued as ${JSON.stringify(plan.value)}`);
  assert.equal(plan.value, join(this.workDir, file));
});

When(
  "someone with write access to the queue points the oldest plan's {string} at {string}",
  async function (this: TrackerWorld, name: string, file: string) {
    // What anyone holding the application role can do with a plan of their own making (INSERT); UPDATE here is shorter.
    await queryQueue(
      this,
      `UPDATE experiment_queue SET settings = settings || jsonb_build_object($1::text, $2::text)
       WHERE plan_id = (SELECT plan_id FROM experiment_queue ORDER BY queued_at LIMIT 1)`,
      [name, join(this.workDir, file)],
    );
  },
);

Then('the worker exits 1, having skipped a plan: {string}', function (this: TrackerWorld, expected: string) {
  const result = this.last;
  assert.equal(result.exitCode, 1, `exit ${result.exitCode}:\n${result.stderr}`);
  this.markChecked([result]);
  assert.ok(result.stderr.includes(expected), `expected stderr to contain ${JSON.stringify(expected)}, got:\n${result.stderr}`);
  assert.ok(!/\n\s+at /.test(result.stderr), `a stack on stderr:\n${result.stderr}`);
});

Then('nothing the worker printed quotes {string}', function (this: TrackerWorld, secret: string) {
  const { stdout, stderr } = this.last;
  assert.ok(!stdout.includes(secret) && !stderr.includes(secret), `the worker printed the file's content:\n${stderr}\n${stdout}`);
});

Then("the oldest queued plan's arms are all pending, and the other plan's are all done", async function (this: TrackerWorld) {
  const arms = await queryQueue<{ plan_id: string; state: string; oldest: boolean }>(
    this,
    `SELECT a.plan_id, a.state, a.plan_id = (SELECT plan_id FROM experiment_queue ORDER BY queued_at LIMIT 1) AS oldest
     FROM experiment_arms a ORDER BY a.plan_id, a.arm_index`,
  );
  const states = (oldest: boolean) => arms.filter((arm) => arm.oldest === oldest).map((arm) => arm.state);
  assert.ok(states(true).length > 0 && states(false).length > 0, JSON.stringify(arms));
  assert.ok(
    states(true).every((state) => state === 'pending'),
    `the skipped plan's arms: ${states(true).join(', ')}`,
  );
  assert.ok(
    states(false).every((state) => state === 'done'),
    `the other plan's arms: ${states(false).join(', ')}`,
  );
});
