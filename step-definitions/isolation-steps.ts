// Steps of the @isolation specs: a task bank whose hidden test attacks the machine, and what the windows say about it.
import assert from 'node:assert/strict';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given, Then, When } from '@cucumber/cucumber';
import { splitArgs } from './split-args.js';
import { allowSkip } from '../kernel/index.js';
import { probePodman } from '../runner/isolation/probe-podman.js';
import { buildIsolationPlan, probeBwrap } from '../runner/isolation/resolve-isolation.js';
import type { TrackerWorld } from './world.js';

const BANK = resolve(dirname(fileURLToPath(import.meta.url)), '../../task-bank');
/** Outside the private /tmp: a write here would land on the host for real. */
const planted = new WeakMap<TrackerWorld, string>();
/** The hostile file's tests; each passes only when its attack fails. */
const HOSTILE_TESTS = [
  'can still write its own work folder',
  'cannot list the data dir',
  'cannot read the ledger',
  'cannot write outside its sandbox',
  'does not run as root',
];

Given('bubblewrap works on this machine', function (this: TrackerWorld) {
  const failure = allowSkip(probeBwrap(buildIsolationPlan({ commands: [], dataDir: this.dataDir, env: process.env })));
  if (failure === null) return undefined;
  this.log(`skipped: bubblewrap does not work here (${failure}); .ci/run installs the Debian package bubblewrap`);
  return 'skipped';
});

Given('podman works on this machine', function (this: TrackerWorld) {
  const { runAs } = buildIsolationPlan({ commands: [], dataDir: this.dataDir, env: process.env });
  const engine = probePodman(runAs);
  if (typeof engine !== 'string') return undefined;
  allowSkip(engine);
  this.log(`skipped: podman does not work here (${engine}); .ci/run installs the Debian packages podman and runc`);
  return 'skipped';
});

Given(
  'a task bank {string} whose hidden test writes outside its sandbox, reads the data dir and checks its uid',
  function (this: TrackerWorld, name: string) {
    const bank = join(this.workDir, name);
    const task = join(bank, 'duration-parser');
    mkdirSync(bank, { recursive: true });
    cpSync(join(BANK, 'duration-parser'), task, { recursive: true });
    rmSync(join(task, 'tests'), { recursive: true, force: true });
    mkdirSync(join(task, 'tests'));
    // Scoring is by test identity: the hostile tests are the task's fail_to_pass, as verification would list them.
    const meta = JSON.parse(readFileSync(join(task, 'task.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(task, 'task.json'), JSON.stringify({ ...meta, fail_to_pass: HOSTILE_TESTS, pass_to_pass: [] }, null, 2));
    const outside = join('/var/tmp', `agent-tracker-planted-${process.pid}-${Date.now()}.txt`);
    planted.set(this, outside);
    this.addStop(() => rmSync(outside, { force: true }));
    // Each attack is one test: it passes only when the attack fails, so quality 1 means every attack was stopped.
    writeFileSync(
      join(task, 'tests', 'hostile.test.cjs'),
      [
        "const { test } = require('node:test');",
        "const assert = require('node:assert');",
        "const fs = require('node:fs');",
        `test('cannot write outside its sandbox', () => assert.throws(() => fs.writeFileSync(${JSON.stringify(outside)}, 'planted')));`,
        `test('cannot list the data dir', () => assert.throws(() => fs.readdirSync(${JSON.stringify(this.dataDir)})));`,
        `test('cannot read the ledger', () => assert.throws(() => fs.readFileSync(${JSON.stringify(join(this.dataDir, 'windows.jsonl'))})));`,
        "test('does not run as root', () => assert.notStrictEqual(process.getuid(), 0));",
        "test('can still write its own work folder', () => fs.writeFileSync('made-by-the-tests.txt', 'ok'));",
        '',
      ].join('\n'),
    );
  },
);

/** A root-only file outside every sandbox, and the text it must still hold after the run. */
const victims = new WeakMap<TrackerWorld, { path: string; text: string }>();

Given(
  'a task bank {string} whose hidden test links .git\\/config to a root-only file outside its sandbox',
  function (this: TrackerWorld, name: string) {
    const task = join(this.workDir, name, 'duration-parser');
    cpSync(join(BANK, 'duration-parser'), task, { recursive: true });
    const victim = {
      path: join('/var/tmp', `agent-tracker-victim-${process.pid}-${Date.now()}.conf`),
      text: 'root-only, never rewritten\n',
    };
    writeFileSync(victim.path, victim.text, { mode: 0o600 });
    victims.set(this, victim);
    this.addStop(() => rmSync(victim.path, { force: true }));
    // Passes once it has planted the link, so the arm scores as before; f9e718a's runner then wrote its git config through it.
    writeFileSync(
      join(task, 'tests', 'plant-link.test.cjs'),
      [
        "const { test } = require('node:test');",
        "const fs = require('node:fs');",
        `test('plants a link at .git/config', () => { fs.rmSync('.git/config', { force: true }); fs.symlinkSync(${JSON.stringify(victim.path)}, '.git/config'); });`,
        '',
      ].join('\n'),
    );
  },
);

Then('the root-only file outside the sandbox is unchanged', function (this: TrackerWorld) {
  const victim = victims.get(this);
  assert.ok(victim, 'no planted link in this scenario');
  assert.equal(readFileSync(victim.path, 'utf8'), victim.text, `${victim.path} was written through the planted link`);
});

function readWindows(world: TrackerWorld): Array<Record<string, unknown>> {
  const path = join(world.dataDir, 'windows.jsonl');
  assert.ok(existsSync(path), 'no windows.jsonl in the data dir');
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((row) => row.kind === 'window');
}

Then('every window has quality 1: the hostile test could not leave its sandbox', function (this: TrackerWorld) {
  const windows = readWindows(this);
  assert.ok(windows.length > 0, 'no windows');
  for (const window of windows)
    assert.equal(
      window.quality_score,
      1,
      `window ${String(window.window_id)}: quality ${String(window.quality_score)}, notes: ${String(window.notes)}`,
    );
});

Then('every window has quality below 1: the hostile test reached the host', function (this: TrackerWorld) {
  for (const window of readWindows(this))
    assert.ok((window.quality_score as number) < 1, `window ${String(window.window_id)}: quality ${String(window.quality_score)}`);
});

Then('nothing the hostile test planted exists outside its sandbox', function (this: TrackerWorld) {
  const file = planted.get(this);
  assert.ok(file, 'no hostile task bank in this scenario');
  assert.equal(existsSync(file), false, `${file} was written from inside the sandbox`);
});

Then("every window's methodology says {string}", function (this: TrackerWorld, text: string) {
  const windows = readWindows(this);
  assert.ok(windows.length > 0, 'no windows');
  for (const window of windows)
    assert.ok(String(window.methodology).includes(text), `window ${String(window.window_id)}: ${String(window.methodology)}`);
});

Given('a private folder {string} in the scenario folder, mode 0700 as mktemp -d makes it', function (this: TrackerWorld, name: string) {
  mkdirSync(join(this.workDir, name), { mode: 0o700 });
  chmodSync(this.workDir, 0o700);
});

/**
 * An old data dir below a root-owned 0700 folder outside /tmp (an old `mktemp -d` under /var/tmp): the runner's search
 * finds it, uid 65534 cannot enter it. Outside the scenario folder, which lies under /tmp, where no search goes.
 */
Given('an old data dir below a private folder in the machine var-tmp, mode 0700 as mktemp -d makes it', function (this: TrackerWorld) {
  const closed = mkdtempSync(join('/var/tmp', 'agent-tracker-spec-private-'));
  this.addStop(() => rmSync(closed, { recursive: true, force: true }));
  mkdirSync(join(closed, 'old', 'data'), { recursive: true });
  writeFileSync(join(closed, 'old', 'data', 'windows.jsonl'), '');
});

/**
 * A `bwrap` first on PATH that fails as bubblewrap does where user namespaces are off (a container without them), so
 * the probe says it cannot start: the real one stays installed for the rest of the suite.
 */
When('I run {string} where bubblewrap cannot start', async function (this: TrackerWorld, line: string) {
  const bin = join(this.workDir, 'broken-bwrap');
  mkdirSync(bin, { recursive: true });
  chmodSync(this.workDir, 0o711); // the probe runs it as uid 65534 (setpriv first), which must reach the script
  writeFileSync(join(bin, 'bwrap'), '#!/bin/sh\necho "bwrap: No permissions to create a new namespace" >&2\nexit 1\n', { mode: 0o755 });
  await this.runTracker(splitArgs(line), { env: { PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}` } });
});

Then('the data dir has no {string}', function (this: TrackerWorld, name: string) {
  assert.equal(existsSync(join(this.dataDir, name)), false, `${name} was written in the data dir`);
});

Then('the scenario folder has no {string}', function (this: TrackerWorld, name: string) {
  assert.equal(existsSync(join(this.workDir, name)), false, `${name} was written`);
});
