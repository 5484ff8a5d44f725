// Steps of the queue's hardening specs (issue 29, item 4): what the application role may change, and what a worker takes.
import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import pg from 'pg';
import type { TrackerWorld } from './world.js';

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
