// Steps that run tracker commands and check how they ended.
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Given, Then, When } from '@cucumber/cucumber';
import type { Phase } from '../ledger/index.js';
import { recordCapture } from './ledger-givens.js';
import { splitArgs } from './split-args.js';
import { REPO_ROOT, type TrackerWorld } from './world.js';

function captureArgs(phase: string, provider: string, file: string, at: string): string[] {
  return ['snapshot', phase, '--provider', provider, '--input', file, '--at', at];
}

Given(
  'agent {string} has recorded a(n) {word} for {string} from {string} at {string}',
  function (this: TrackerWorld, agent: string, phase: string, provider: string, file: string, at: string) {
    // Through the ledger library (ledger-givens.ts): the When-step twin below runs the command.
    recordCapture(this, { agentId: agent, provider, phase: phase as Phase, file, at: new Date(at) });
  },
);

When(
  'agent {string} records a(n) {word} for {string} from {string} at {string}',
  async function (this: TrackerWorld, agent: string, phase: string, provider: string, file: string, at: string) {
    await this.runTracker(captureArgs(phase, provider, file, at), { agent });
  },
);

Given('agent {string} has run {string}', async function (this: TrackerWorld, agent: string, line: string) {
  await this.runTracker(splitArgs(line), { agent });
  this.expectSuccess();
});

When('agent {string} runs {string}', async function (this: TrackerWorld, agent: string, line: string) {
  await this.runTracker(splitArgs(line), { agent });
});

When('I run {string}', async function (this: TrackerWorld, line: string) {
  await this.runTracker(splitArgs(line));
});

When('I run {string} with input:', async function (this: TrackerWorld, line: string, input: string) {
  await this.runTracker(splitArgs(line), { input });
});

Then('the command succeeds', function (this: TrackerWorld) {
  this.expectSuccess();
});

Then('the command fails with {string}', function (this: TrackerWorld, expected: string) {
  const result = this.expectFailure();
  const lines = result.stderr.split('\n').filter((line) => line.length > 0);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${result.stderr}`);
  assert.ok(lines[0]?.includes(expected), `expected stderr to contain ${JSON.stringify(expected)}, got:\n${result.stderr}`);
  assert.ok(!/\n\s+at /.test(result.stderr), 'stderr shows a stack trace');
});

Then('stdout contains {string}', function (this: TrackerWorld, expected: string) {
  assert.ok(this.last.stdout.includes(expected), `expected stdout to contain ${JSON.stringify(expected)}, got:\n${this.last.stdout}`);
});

Then('stdout does not contain {string}', function (this: TrackerWorld, unexpected: string) {
  assert.ok(
    !this.last.stdout.includes(unexpected),
    `expected stdout not to contain ${JSON.stringify(unexpected)}, got:\n${this.last.stdout}`,
  );
});

Then('stderr contains {string}', function (this: TrackerWorld, expected: string) {
  assert.ok(this.last.stderr.includes(expected), `expected stderr to contain ${JSON.stringify(expected)}, got:\n${this.last.stderr}`);
});

Then('stdout has a line matching {string}', function (this: TrackerWorld, pattern: string) {
  const regex = new RegExp(pattern);
  assert.ok(
    this.last.stdout.split('\n').some((line) => regex.test(line)),
    `no stdout line matches /${pattern}/:\n${this.last.stdout}`,
  );
});

When('I run in bash with AGENT_ID {string}: {string}', async function (this: TrackerWorld, agent: string, script: string) {
  await this.runShell(script, { AGENT_ID: agent });
});

When('I run in bash without AGENT_ID: {string}', async function (this: TrackerWorld, script: string) {
  // An empty AGENT_ID counts as unset for the aliases (`${AGENT_ID:-main}`), whatever the parent shell has.
  await this.runShell(script, { AGENT_ID: '' });
});

/** The aliases sourced from a copy of the checkout's scripts/ that has no dist/ beside it (never built). */
When('I run in bash, the aliases sourced from a checkout that is not built: {string}', async function (this: TrackerWorld, script: string) {
  const checkout = join(this.workDir, 'unbuilt');
  mkdirSync(join(checkout, 'scripts'), { recursive: true });
  copyFileSync(join(REPO_ROOT, 'scripts', 'tracker-aliases.sh'), join(checkout, 'scripts', 'tracker-aliases.sh'));
  await this.runShell(script, { TRACKER_BIN: '' }, join(checkout, 'scripts', 'tracker-aliases.sh'));
});

Then('the exit code is {int}', function (this: TrackerWorld, code: number) {
  assert.equal(this.last.exitCode, code, this.last.stderr);
  if (code !== 0) this.expectFailure();
});

Then('stderr does not contain {string}', function (this: TrackerWorld, unexpected: string) {
  assert.ok(
    !this.last.stderr.includes(unexpected),
    `expected stderr not to contain ${JSON.stringify(unexpected)}, got:\n${this.last.stderr}`,
  );
});

When('I pipe {string} slowly into {string}', async function (this: TrackerWorld, file: string, line: string) {
  await this.runTracker(splitArgs(line), { input: readFileSync(join(this.workDir, file)), slowly: true });
});

When('I run {string} through npx in the project', async function (this: TrackerWorld, line: string) {
  await this.runInProject('npx', ['--no-install', ...line.split(' ')]);
});

Then('stdout has {int} line(s)', function (this: TrackerWorld, count: number) {
  assert.equal(this.last.stdout.split('\n').filter((line) => line !== '').length, count, this.last.stdout);
});

Then('the file {string} contains {string}', function (this: TrackerWorld, name: string, expected: string) {
  const text = readFileSync(join(this.workDir, name), 'utf8');
  assert.ok(text.includes(expected), `expected ${name} to contain ${JSON.stringify(expected)}, got:\n${text}`);
});

Then('the file {string} exists', function (this: TrackerWorld, name: string) {
  assert.ok(existsSync(join(this.workDir, name)), `expected ${name} in the scenario's working directory`);
});

Then('the file {string} does not exist', function (this: TrackerWorld, name: string) {
  assert.ok(!existsSync(join(this.workDir, name)), `expected no ${name} in the scenario's working directory`);
});
