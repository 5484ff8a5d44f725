// Steps of the @e2e features that set up and run the real Claude Code and Codex through `tracker proxy` in front of scripted servers.
// Every step that starts a real client first asserts the loopback-only network namespace (see e2e-clients.ts).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Before, Given, Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { BUILTIN_SCRIPTS } from '../model-server/index.js';
import {
  assertLoopbackOnly,
  claudeArgs,
  claudeEnv,
  clientPath,
  codexLaunch,
  e2eOf,
  finishClient,
  freshRepo,
  lastRun,
  parseLines,
  startClient,
  type ClientName,
} from './e2e-clients.js';
import { labOf } from './proxy-lab.js';
import { splitArgs } from './split-args.js';
import { EXPERIMENT_BIN, type TrackerWorld } from './world.js';

// Real clients start only inside the loopback-only namespace: checked before every @e2e scenario, and again before each launch.
Before({ tags: '@e2e' }, () => {
  assertLoopbackOnly();
  for (const name of ['claude', 'codex', 'ccusage'] as const) clientPath(name);
});

import { asClient, proxyUrl } from './e2e-shared.js';

// ---- bench -------------------------------------------------------------------------------------------------------------

Given('the real clients are installed and this network namespace has only loopback', function (this: TrackerWorld) {
  assertLoopbackOnly();
  for (const name of ['claude', 'codex', 'ccusage'] as const) clientPath(name);
});

Given('the tracker proxy runs in front of {string} for the real clients', async function (this: TrackerWorld, name: string) {
  const lab = labOf(this);
  await lab.startProxy(['--upstream', lab.urlOf(name)]);
});

Given(
  'the tracker proxy runs in front of {string} with haiku routed to {string} as model {string}',
  async function (this: TrackerWorld, name: string, second: string, model: string) {
    const lab = labOf(this);
    await lab.startProxy([
      '--upstream',
      lab.urlOf(name),
      '--backend',
      `glm=${lab.urlOf(second)}`,
      '--route',
      `claude-haiku-*=glm,model=${model}`,
    ]);
  },
);

Given(
  'the tracker proxy runs in front of {string} with budget flags {string}',
  async function (this: TrackerWorld, name: string, flags: string) {
    const lab = labOf(this);
    await lab.startProxy(['--upstream', lab.urlOf(name), ...splitArgs(flags)]);
  },
);

Given(
  'a scripted model server {string} that is cut after {int} events once, then answers',
  async function (this: TrackerWorld, name: string, events: number) {
    await labOf(this).startScripted(name, 'hello', {
      name: 'cut-once',
      steps: [
        { type: 'disconnect', after_events: events, text: 'This answer will be cut short by the back end.', events: 20, chunk_delay_ms: 5 },
        ...(BUILTIN_SCRIPTS.hello?.steps ?? []),
      ],
    });
  },
);

// ---- running the real clients ----------------------------------------------------------------------------------------

async function runClient(world: TrackerWorld, client: ClientName, prompt: string, windowId: string, model?: string): Promise<void> {
  const url = proxyUrl(world);
  const cwd = await freshRepo(world, `${client}-${e2eOf(world).runs.length + 1}`);
  const headers = { 'x-tracker-window': windowId, 'x-tracker-agent': `e2e-${client}` };
  if (client === 'claude') {
    const extra = ['--permission-mode', 'acceptEdits', ...(model ? ['--model', model] : [])];
    await finishClient(
      world,
      client,
      windowId,
      cwd,
      startClient(world, client, claudeArgs(prompt, extra), claudeEnv(world, url, headers), cwd),
    );
  } else {
    const launch = codexLaunch(world, url, prompt, headers);
    await finishClient(world, client, windowId, cwd, startClient(world, client, launch.args, launch.env, cwd));
  }
}

When(
  'the real {word} client runs {string} in window {string}',
  async function (this: TrackerWorld, client: string, prompt: string, windowId: string) {
    await runClient(this, asClient(client), prompt, windowId);
  },
);

When(
  'the real claude client runs {string} with model {string} in window {string}',
  async function (this: TrackerWorld, prompt: string, model: string, windowId: string) {
    await runClient(this, 'claude', prompt, windowId, model);
  },
);

When(
  'the real claude client starts {string} in window {string} and is killed with SIGKILL mid-stream',
  async function (this: TrackerWorld, prompt: string, windowId: string) {
    const lab = labOf(this);
    const cwd = await freshRepo(this, 'claude-killed');
    const child = startClient(this, 'claude', claudeArgs(prompt), claudeEnv(this, proxyUrl(this), { 'x-tracker-window': windowId }), cwd);
    const servers = [...lab.scripted.values()];
    const deadline = Date.now() + 60_000;
    while (!servers.some((server) => server.received > 0)) {
      assert.ok(Date.now() < deadline, 'the real claude sent no request within 60 s');
      assert.equal(child.exitCode, null, 'the real claude ended before it sent a request');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await new Promise((resolve) => setTimeout(resolve, 700)); // mid-stream: the long answer takes ~3 s
    child.kill('SIGKILL');
    const run = await finishClient(this, 'claude', windowId, cwd, child);
    assert.equal(run.signal, 'SIGKILL', `the real claude ended by itself (exit ${run.exitCode}) before the kill`);
  },
);

When(
  'the real claude client runs {string} under {string} with budget flags {string} in window {string}',
  async function (this: TrackerWorld, prompt: string, runner: string, flags: string, windowId: string) {
    assertLoopbackOnly();
    assert.equal(runner, 'experiment budget run');
    const url = proxyUrl(this);
    const cwd = await freshRepo(this, 'claude-budget');
    const env = { ...claudeEnv(this, url, { 'x-tracker-window': windowId }), TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC' };
    const args = [
      'budget',
      'run',
      ...splitArgs(flags),
      '--window',
      windowId,
      '--provider',
      'claude',
      '--grace-ms',
      '2000',
      '--timeout-ms',
      '120000',
      '--proxy-url',
      url,
      '--',
      clientPath('claude'),
      ...claudeArgs(prompt),
    ];
    const result = await execa(process.execPath, [EXPERIMENT_BIN, ...args], {
      cwd,
      env,
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
      timeout: 180_000,
    });
    e2eOf(this).runs.push({
      client: 'claude',
      windowId,
      exitCode: result.exitCode ?? -1,
      signal: result.signal ?? null,
      stdout: String(result.stdout),
      stderr: String(result.stderr),
      events: parseLines(String(result.stdout)),
      cwd,
    });
  },
);

// ---- outcomes of a client run ----------------------------------------------------------------------------------------

Then('the real {word} client succeeded', function (this: TrackerWorld, word: string) {
  const run = lastRun(this, asClient(word));
  assert.equal(run.exitCode, 0, `the real ${word} exited ${run.exitCode}:\n${run.stderr.slice(-2000)}\n${run.stdout.slice(-2000)}`);
  const final = run.client === 'claude' ? run.events.find((e) => e.type === 'result') : run.events.find((e) => e.type === 'turn.completed');
  assert.ok(
    final,
    `the real ${word} printed no ${run.client === 'claude' ? 'result' : 'turn.completed'} line:\n${run.stdout.slice(-2000)}`,
  );
  if (run.client === 'claude') assert.equal(final.is_error, false, `claude's result is an error: ${JSON.stringify(final).slice(0, 500)}`);
});

Then('the real {word} client wrote {string} in its work tree', function (this: TrackerWorld, word: string, file: string) {
  const run = lastRun(this, asClient(word));
  assert.ok(existsSync(join(run.cwd, file)), `${file} is not in ${run.cwd}`);
});
