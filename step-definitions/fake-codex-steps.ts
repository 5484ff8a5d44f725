// Steps for a stand-in `codex` whose shell command fails in a sandbox: the runner must not score that as Codex's failure.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then } from '@cucumber/cucumber';
import type { TrackerWorld } from './world.js';

/**
 * What `codex exec --json` 0.169.0 prints when the sandbox it runs a shell command in cannot start (bwrap's own
 * error, openai/codex#23468): the command item fails, and the turn still completes as if all went well.
 */
const FAKE_CODEX = `#!/usr/bin/env node
if (process.argv.includes('--version')) { console.log('codex-cli 0.169.0 (stand-in)'); process.exit(0); }
const print = (event) => console.log(JSON.stringify(event));
print({ type: 'thread.started', thread_id: 'fake-thread' });
print({ type: 'turn.started' });
print({ type: 'item.completed', item: { id: 'item_0', type: 'command_execution', command: "bash -lc 'node solve.js'",
  aggregated_output: 'bwrap: No permissions to create a new namespace, likely because the kernel does not allow non-privileged user namespaces\\n',
  exit_code: 1, status: 'failed' } });
print({ type: 'item.completed', item: { id: 'item_1', type: 'agent_message', text: 'Done: the task is solved.' } });
print({ type: 'turn.completed', usage: { input_tokens: 1200, cached_input_tokens: 0, output_tokens: 80 } });
`;

Given(
  'a provider profile {string} whose codex reports success though its shell command failed in a sandbox',
  function (this: TrackerWorld, provider: string) {
    const command = join(this.workDir, 'fake-codex');
    writeFileSync(command, FAKE_CODEX);
    chmodSync(command, 0o755);
    const profile = { driver: 'codex', model: 'gpt-5-codex', command, upstream: 'scripted', description: 'a stand-in codex' };
    writeFileSync(join(this.workDir, 'profiles.json'), JSON.stringify({ providers: { [provider]: profile } }));
  },
);

Then(
  'the run exits 7 with the {string} arm pending: no window, and a note naming the sandbox failure',
  function (this: TrackerWorld, provider: string) {
    expectPendingArm(this, provider, /failed in a sandbox: bwrap: No permissions.*not scored \(an infrastructure failure\)/);
  },
);

Then(
  'the run exits 7 with the {string} arm pending: no window, and a note naming the unreachable back end',
  function (this: TrackerWorld, provider: string) {
    expectPendingArm(
      this,
      provider,
      /back end answered none of the agent's \d+ request\(s\) \(the first: HTTP 502 upstream_unreachable\): not scored \(an infrastructure failure\)/,
    );
  },
);

Given('a provider profile {string} whose back end cannot be reached', function (this: TrackerWorld, provider: string) {
  // Port 9 (discard) on loopback: nothing listens there, so every connection is refused at once.
  const profile = { driver: 'scripted', model: 'scripted-steady', upstream: 'http://127.0.0.1:9', description: 'a back end that is down' };
  writeFileSync(join(this.workDir, 'profiles.json'), JSON.stringify({ providers: { [provider]: profile } }));
});

/**
 * An arm that could not run stops the run: its summary on stdout, then the one line naming the failure on stderr and
 * exit 7 (cli/commands/experiment-run.ts).
 */
function expectPendingArm(self: TrackerWorld, provider: string, note: RegExp): void {
  const result = self.expectFailure();
  assert.equal(result.exitCode, 7, result.stderr);
  assert.match(result.stderr, /^experiment: arm \d+: infrastructure failure \(/m);
  const parsed = JSON.parse(result.stdout) as { results: { provider: string; outcome: string; notes: string[] }[] };
  const arm = parsed.results.find((result) => result.provider === provider);
  assert.ok(arm, `no arm of ${provider} ran: ${self.last.stdout.slice(0, 400)}`);
  assert.equal(arm.outcome, 'abandoned');
  assert.ok(
    arm.notes.some((line) => note.test(line)),
    arm.notes.join(' | '),
  );
  const windows = self.readRows('windows.jsonl').filter((row) => row.kind === 'window');
  assert.deepEqual(
    windows.filter((row) => row.provider === provider),
    [],
  );
}

Given('a provider profile {string} whose {word} CLI is missing', function (this: TrackerWorld, provider: string, driver: string) {
  const command = join(this.workDir, 'not-installed', driver);
  const profile = { driver, model: 'claude-sonnet-4-5', command, upstream: 'scripted', description: `a ${driver} that is not installed` };
  writeFileSync(join(this.workDir, 'profiles.json'), JSON.stringify({ providers: { [provider]: profile } }));
});
