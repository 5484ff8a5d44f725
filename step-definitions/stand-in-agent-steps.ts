// Steps for a stand-in `claude` that sends its own requests to the run's proxy: without the window header, naming others.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

/**
 * Launched as the runner launches Claude Code (the claude driver: ANTHROPIC_BASE_URL, ANTHROPIC_CUSTOM_HEADERS), it
 * ignores the headers it was given and sends six requests of its own: three with no x-tracker-* header at all, three
 * naming a new window each (what an agent would do to spend outside its arm's budget). Then one to the proxy's bare
 * origin, without the base URL's path. It writes what it got to RESULT and prints a stream-json result line.
 */
const standIn = (result: string): string => `#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
if (process.argv.includes('--version')) { console.log('2.1.329 (Claude Code)'); process.exit(0); }
const base = process.env.ANTHROPIC_BASE_URL;
const spoofs = [{}, { 'x-tracker-window': 'someone-else-1' }, {}, { 'x-tracker-window': 'someone-else-2', 'x-tracker-agent': 'nobody' }, {}, { 'x-tracker-window': 'someone-else-3' }];
const ask = async (url, headers) => {
  const response = await fetch(url + '/v1/messages', {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': 'dummy', 'anthropic-version': '2023-06-01', ...headers },
    body: JSON.stringify({ model: 'scripted-steady', max_tokens: 1000, messages: [{ role: 'user', content: 'Say hello.' }] }),
  });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, output: body.usage?.output_tokens ?? 0 };
};
const statuses = [];
let output = 0;
for (const headers of spoofs) {
  const answer = await ask(base, headers);
  statuses.push(answer.status);
  output += answer.output;
}
const bare = await ask(new URL(base).origin, { 'x-tracker-window': 'someone-else-4' });
writeFileSync(${JSON.stringify(result)}, JSON.stringify({ statuses, bare: bare.status }));
const usage = { input_tokens: 0, output_tokens: output, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 };
console.log(JSON.stringify({ type: 'result', subtype: 'success', is_error: false, result: 'done', usage }));
`;

Given(
  'a provider profile {string} whose claude sends its own requests, without the window header and naming other windows',
  function (this: TrackerWorld, provider: string) {
    const command = join(this.workDir, 'stand-in-claude.mjs');
    writeFileSync(command, standIn(join(this.workDir, 'stand-in.json')));
    chmodSync(command, 0o755);
    const profile = { driver: 'claude', model: 'scripted-steady', command, upstream: 'scripted', description: 'a stand-in claude' };
    writeFileSync(join(this.workDir, 'profiles.json'), JSON.stringify({ providers: { [provider]: profile } }));
  },
);

Then(
  "every request of the {string} arm's agent was charged to its own window, and its arm budget refused the later ones",
  function (this: TrackerWorld, provider: string) {
    const resultFile = join(this.workDir, 'stand-in.json');
    assert.ok(existsSync(resultFile), `the stand-in did not run: ${this.last.stderr.slice(-600)}`);
    const got = JSON.parse(readFileSync(resultFile, 'utf8')) as { statuses: number[]; bare: number };
    const window = this.readRows('windows.jsonl').find((row) => row.kind === 'window' && row.provider === provider)?.window_id;
    assert.ok(typeof window === 'string', `no window of ${provider} in windows.jsonl`);
    const requests = this.readRows('proxy_telemetry.jsonl').filter(
      (row) =>
        row.path === '/v1/messages' && !/\.(?:before\d*|after)$/.test(String(row.window_id)) && !String(row.window_id).includes('sim-'),
    );
    // Six requests, whatever they named: all in the arm's window (f9e718a: none, three without one, three elsewhere).
    assert.deepEqual(
      requests.map((row) => row.window_id),
      Array(got.statuses.length).fill(window),
    );
    const refused = this.readRows('budget_events.jsonl').filter((row) => row.event === 'refused');
    assert.ok(
      refused.some((row) => row.budget === `arm:${window}`),
      `no refusal by arm:${window}: ${JSON.stringify(refused)}`,
    );
    const budgets = new Set(this.readRows('budget_events.jsonl').map((row) => String(row.budget)));
    assert.deepEqual(
      [...budgets].filter((id) => id.includes('someone-else')),
      [],
    );
    assert.equal(got.statuses[0], 200);
    assert.ok(
      got.statuses.slice(2).every((status) => status === 429),
      `statuses ${got.statuses.join(', ')}`,
    );
    // Without its base URL's path the agent reaches no model at all.
    assert.equal(got.bare, 403);
  },
);
