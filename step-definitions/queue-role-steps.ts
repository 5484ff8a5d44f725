// Steps of the queue's hardening specs: what the app role may change, what a worker takes, outages.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Given, Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import pg from 'pg';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

let roles = 0;
const appRoles = new WeakMap<TrackerWorld, string>();

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** The URL of the scenario's database for another role (the throwaway cluster trusts every local role). */
function urlFor(world: TrackerWorld, role: string): string {
  assert.ok(world.ledgerUrl, 'no PostgreSQL ledger in this scenario');
  const url = new URL(world.ledgerUrl);
  url.username = role;
  url.password = '';
  return url.toString();
}

Given('an application role for this database', async function (this: TrackerWorld) {
  // Roles belong to the whole cluster, which parallel scenarios share: one name a scenario.
  const role = `tracker_app_${process.pid}_${(roles += 1)}`;
  assert.ok(this.ledgerUrl, 'no PostgreSQL ledger in this scenario');
  await withClient(this.ledgerUrl, (client) => client.query(`CREATE ROLE ${role} LOGIN`));
  appRoles.set(this, role);
});

When('I grant the application role with {string}', async function (this: TrackerWorld, line: string) {
  const role = appRoles.get(this);
  assert.ok(role, 'no application role in this scenario');
  await this.runTracker([...line.split(' '), '--app-role', role]);
});

Then("the application role cannot change a queued plan's settings", async function (this: TrackerWorld) {
  const role = appRoles.get(this) as string;
  const error = await withClient(urlFor(this, role), (client) =>
    client.query(`UPDATE experiment_queue SET settings = settings || '{"isolation": "none"}'`).then(
      () => null,
      (caught: Error) => caught,
    ),
  );
  assert.match(String(error?.message), /permission denied/, 'the application role rewrote queued settings');
});

Then("the application role can still renew an arm's lease", async function (this: TrackerWorld) {
  const role = appRoles.get(this) as string;
  const result = await withClient(urlFor(this, role), (client) =>
    client.query("UPDATE experiment_arms SET heartbeat_at = now() WHERE state = 'pending'"),
  );
  assert.ok((result.rowCount ?? 0) > 0, 'no arm row was updated');
});

When("someone with write access to the queue sets its plan's settings {string}", async function (this: TrackerWorld, json: string) {
  assert.ok(this.ledgerUrl, 'no PostgreSQL ledger in this scenario');
  const url = this.ledgerUrl;
  await withClient(url, (client) => client.query('UPDATE experiment_queue SET settings = settings || $1::jsonb', [json]));
});

Then('every window of the queued plan says {string}', function (this: TrackerWorld, text: string) {
  const windows = this.readRows('windows.jsonl').filter((row) => row.kind === 'window');
  assert.ok(windows.length > 0, 'no windows');
  for (const window of windows) assert.ok(String(window.methodology).includes(text), String(window.methodology));
});

/** Pids whose command line is exactly `command` (the hidden test's sleep, seen from the host's /proc). */
function isRunning(command: string): boolean {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ') === command) return true;
    } catch {
      // gone meanwhile
    }
  }
  return false;
}

const outages = new WeakMap<TrackerWorld, { exitCode: number | undefined; stderr: string }>();

When(
  'a worker runs the queue with {string}, and once {string} runs the database drops it and refuses new connections',
  async function (this: TrackerWorld, flags: string, command: string) {
    assert.ok(this.ledgerUrl, 'no PostgreSQL ledger in this scenario');
    const url = this.ledgerUrl;
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    // A database cannot close itself to connections: that is done from the cluster's maintenance database.
    const maintenance = Object.assign(new URL(url), { pathname: '/postgres' }).toString();
    const child = execa(process.execPath, [EXPERIMENT_BIN, 'worker', ...flags.split(' ')], {
      cwd: this.workDir,
      env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC', ...this.ledgerEnv() },
      reject: false,
      stdin: 'ignore',
    });
    try {
      for (const until = Date.now() + 60_000; !isRunning(command); await sleep(20)) {
        assert.ok(Date.now() < until, `${command} did not start within 60 s`);
        assert.equal(child.exitCode, null, `the worker ended before ${command} ran`);
      }
      await withClient(maintenance, async (client) => {
        await client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} ALLOW_CONNECTIONS false`);
        await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [
          database,
        ]);
      });
      const ended = await child;
      outages.set(this, { exitCode: ended.exitCode, stderr: String(ended.stderr) });
    } finally {
      child.kill('SIGKILL');
      await withClient(maintenance, (client) => client.query(`ALTER DATABASE ${client.escapeIdentifier(database)} ALLOW_CONNECTIONS true`));
    }
  },
);

Then('the worker ends with one line saying it could not reconnect, and no stack', function (this: TrackerWorld) {
  const outage = outages.get(this);
  assert.ok(outage, 'no worker outage in this scenario');
  const lines = outage.stderr.split('\n').filter((line) => line.trim() !== '');
  assert.notEqual(outage.exitCode, 0, outage.stderr);
  assert.match(lines.at(-1) ?? '', /^experiment: lost the team database and could not reconnect within 3 s \(\d+ tries\): /, outage.stderr);
  assert.ok(!/Unhandled|\n\s+at /.test(outage.stderr), `a raw stack on stderr:\n${outage.stderr}`);
  assert.match(outage.stderr, /note: lost the team database \(.+\); reconnecting for up to 3 s/);
});
