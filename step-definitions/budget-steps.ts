// Steps of the budget specs: the proxy with budget flags, what clients and servers saw, and budget_events.jsonl.
import assert from 'node:assert/strict';
import { Given, Then, When } from '@cucumber/cucumber';
import { labOf } from './proxy-lab.js';
import { splitArgs } from './split-args.js';
import type { TrackerWorld } from './world.js';

const message = {
  model: 'claude-sonnet-4-5',
  max_tokens: 4096,
  stream: true,
  messages: [{ role: 'user', content: 'Write a long answer.' }],
};

Given(
  'the proxy runs with upstream {string} and budget flags {string}',
  async function (this: TrackerWorld, upstream: string, flags: string) {
    const lab = labOf(this);
    await lab.startProxy(['--upstream', lab.urlOf(upstream), ...splitArgs(flags)]);
  },
);

When('the proxy is restarted with the same flags', async function (this: TrackerWorld) {
  await labOf(this).restartProxy();
});

When('a client streams a message as command {string}', async function (this: TrackerWorld, command: string) {
  await labOf(this).send('/v1/messages', message, { 'x-tracker-command': command });
});

Then("the client's stream ended with stop reason {string}", function (this: TrackerWorld, reason: string) {
  const body = labOf(this).answers.at(-1)?.body.toString() ?? '';
  const deltas = body.split('\n').filter((line) => line.startsWith('data: {"type":"message_delta"'));
  const last = deltas.at(-1);
  assert.ok(last, `no message_delta in the stream:\n${body.slice(-500)}`);
  assert.equal((JSON.parse(last.slice('data: '.length)) as { delta: { stop_reason: string } }).delta.stop_reason, reason);
  assert.match(body, /event: message_stop\n/);
});

Then('server {string} sent {int} output tokens in its last answer', async function (this: TrackerWorld, name: string, tokens: number) {
  const sent = await labOf(this).waitForAnswers(name, 1);
  assert.equal(sent.at(-1)?.output_tokens_sent, tokens);
});

Then(
  'server {string} sent at most {int} output tokens in its last answer',
  async function (this: TrackerWorld, name: string, limit: number) {
    const sent = (await labOf(this).waitForAnswers(name, 1)).at(-1);
    assert.ok(
      sent && sent.output_tokens_sent <= limit,
      `the server sent ${sent?.output_tokens_sent} output tokens (${sent?.content_deltas_sent} deltas, ${sent?.outcome})`,
    );
  },
);

Then('the client was told not to retry, and why: {string}', function (this: TrackerWorld, why: string) {
  const answer = labOf(this).answers.at(-1);
  assert.equal(answer?.headers['x-should-retry'], 'false');
  assert.ok(answer.body.toString().includes(why), answer.body.toString());
});

Then(
  'after the proxy stops, budget_events.jsonl has events {string} for budget {string}',
  async function (this: TrackerWorld, events: string, budget: string) {
    await labOf(this).stopProxy();
    assertEvents(this, events, budget);
  },
);

Then('budget_events.jsonl has events {string} for budget {string}', function (this: TrackerWorld, events: string, budget: string) {
  assertEvents(this, events, budget);
});

Then(
  'after the proxy stops, budget_events.jsonl has {int} {string} event(s) for budget {string}',
  async function (this: TrackerWorld, count: number, type: string, budget: string) {
    await labOf(this).stopProxy();
    const rows = this.readRows('budget_events.jsonl').filter((row) => row.budget === budget && row.event === type);
    assert.equal(rows.length, count);
  },
);

Then('the budget {string} has used {int} by {string}', async function (this: TrackerWorld, budget: string, used: number, flags: string) {
  const result = await this.runExperiment(['budget', '--list', '--json', ...splitArgs(flags)]);
  assert.equal(result.exitCode, 0, result.stderr);
  const listing = JSON.parse(result.stdout) as { budgets: { id: string; used: number }[] };
  assert.equal(listing.budgets.find((entry) => entry.id === budget)?.used, used);
});

Then(
  'the budget {string} has used more than {int} by {string}',
  async function (this: TrackerWorld, budget: string, floor: number, flags: string) {
    const result = await this.runExperiment(['budget', '--list', '--json', ...splitArgs(flags)]);
    assert.equal(result.exitCode, 0, result.stderr);
    const used =
      (JSON.parse(result.stdout) as { budgets: { id: string; used: number }[] }).budgets.find((entry) => entry.id === budget)?.used ?? 0;
    assert.ok(used > floor, `the budget has used ${used}`);
  },
);

function assertEvents(world: TrackerWorld, events: string, budget: string): void {
  const rows = world.readRows('budget_events.jsonl').filter((row) => row.budget === budget);
  assert.deepEqual(
    rows.map((row) => row.event),
    events.split(','),
  );
}
