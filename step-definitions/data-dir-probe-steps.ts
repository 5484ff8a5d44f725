// Steps of the data dir probe: data dirs in the package folder and elsewhere, and a hidden test that looks for them from its arm.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Given } from '@cucumber/cucumber';
import { EXAMPLES_DIR, REPO_ROOT, type TrackerWorld } from './world.js';

const BANK = resolve(dirname(fileURLToPath(import.meta.url)), '../../task-bank');

/** Each passes only when its data dir stays out of sight (or, the last one, when the arm still works). */
const PROBES = [
  'sees no data dir in the package folder',
  'sees only the package runtime files',
  'cannot read another data dir outside the package',
  'cannot read a copy of a data dir',
  'cannot read an unmarked data dir from before the marker',
  "cannot read the run's own ledger",
  'can still write its own work folder',
];

/** Makes a data dir the way the product does (a `tracker snapshot before` into it), marker included. */
async function makeDataDir(world: TrackerWorld, dir: string): Promise<void> {
  const input = join(EXAMPLES_DIR, 'codex-status-before.txt');
  const made = await world.runTracker(['snapshot', 'before', '--provider', 'codex', '--input', input, '--data-dir', dir]);
  assert.equal(made.exitCode, 0, made.stderr);
}

Given(
  'a task bank {string} whose hidden test probes the data dirs in the package folder and elsewhere',
  async function (this: TrackerWorld, name: string) {
    // The package's ./tracker-data as the README's commands make it: left alone when a checkout already has one.
    const packageData = join(REPO_ROOT, 'tracker-data');
    if (!existsSync(packageData)) {
      await makeDataDir(this, packageData);
      this.addStop(() => rmSync(packageData, { recursive: true, force: true }));
    }
    const unique = `${process.pid}-${Date.now()}`;
    const artifacts = join(REPO_ROOT, 'test-artifacts', `data-dir-probe-${unique}`);
    this.addStop(() => rmSync(artifacts, { recursive: true, force: true }));
    await makeDataDir(this, join(artifacts, 'other-experiment'));
    // /var/tmp is the host's own, readable through the sandbox's read-only root: any data dir there must be found.
    const elsewhere = join('/var/tmp', `agent-tracker-other-data-${unique}`);
    this.addStop(() => rmSync(elsewhere, { recursive: true, force: true }));
    const other = join(elsewhere, 'experiments', 'data');
    await makeDataDir(this, other);
    cpSync(other, join(elsewhere, 'backup', 'data-copy'), { recursive: true });
    const unmarked = join(elsewhere, 'old', 'data');
    mkdirSync(unmarked, { recursive: true });
    writeFileSync(join(unmarked, 'windows.jsonl'), '{"kind":"window","secret":"an old run"}\n', { mode: 0o644 });

    const task = join(this.workDir, name, 'duration-parser');
    cpSync(join(BANK, 'duration-parser'), task, { recursive: true });
    rmSync(join(task, 'tests'), { recursive: true, force: true });
    mkdirSync(join(task, 'tests'));
    const meta = JSON.parse(readFileSync(join(task, 'task.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(task, 'task.json'), JSON.stringify({ ...meta, fail_to_pass: PROBES, pass_to_pass: [] }, null, 2));
    const json = JSON.stringify;
    writeFileSync(
      join(task, 'tests', 'probe.test.cjs'),
      [
        "const { test } = require('node:test');",
        "const assert = require('node:assert');",
        "const fs = require('node:fs');",
        "const path = require('node:path');",
        // A hidden data dir is absent, or an empty tmpfs: nothing of it can be listed or read.
        'const list = (dir) => { try { return fs.readdirSync(dir); } catch { return []; } };',
        'const unreadable = (dir, file) => { assert.deepStrictEqual(list(dir), []); assert.throws(() => fs.readFileSync(path.join(dir, file))); };',
        `test(${json(PROBES[0])}, () => { unreadable(${json(packageData)}, 'snapshots.jsonl'); unreadable(${json(join(artifacts, 'other-experiment'))}, 'snapshots.jsonl'); });`,
        `test(${json(PROBES[1])}, () => { for (const name of ['tracker-data', 'test-artifacts', 'features', '.git', 'step-definitions', 'docs']) assert.ok(!list(${json(REPO_ROOT)}).includes(name), name); assert.ok(list(${json(REPO_ROOT)}).includes('dist')); });`,
        `test(${json(PROBES[2])}, () => unreadable(${json(other)}, 'snapshots.jsonl'));`,
        `test(${json(PROBES[3])}, () => unreadable(${json(join(elsewhere, 'backup', 'data-copy'))}, 'snapshots.jsonl'));`,
        `test(${json(PROBES[4])}, () => unreadable(${json(unmarked)}, 'windows.jsonl'));`,
        `test(${json(PROBES[5])}, () => assert.throws(() => fs.readFileSync(${json(join(this.dataDir, 'assignments.jsonl'))})));`,
        `test(${json(PROBES[6])}, () => fs.writeFileSync('made-by-the-tests.txt', 'ok'));`,
        '',
      ].join('\n'),
    );
  },
);
