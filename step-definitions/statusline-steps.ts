// Steps that feed Claude Code statusLine payloads to `tracker statusline`, as Claude Code does on each prompt.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Then, When } from '@cucumber/cucumber';
import { execa } from 'execa';
import { fingerprintAccount } from '../ledger/index.js';
import { type CliResult, TRACKER_BIN, type TrackerWorld } from './world.js';

const runs = new WeakMap<TrackerWorld, CliResult[]>();

When('the statusline receives {string} {int} time(s)', async function (this: TrackerWorld, file: string, times: number) {
  const input = readFileSync(join(this.workDir, file));
  const mine = runs.get(this) ?? [];
  for (let i = 0; i < times; i += 1) mine.push(await this.runTracker(['statusline'], { input }));
  runs.set(this, mine);
});

When(
  'the statusline receives {string} from a Claude Code signed in to organization {string}',
  async function (this: TrackerWorld, file: string, organization: string) {
    // A second login is its own config dir (CLAUDE_CONFIG_DIR), whose .claude.json names the account it is signed in to.
    const config = join(this.workDir, `claude-config-${organization}`);
    mkdirSync(config, { recursive: true });
    const state = {
      projects: { '/work': { history: [] } },
      oauthAccount: { accountUuid: `u-${organization}`, organizationUuid: organization },
    };
    writeFileSync(join(config, '.claude.json'), JSON.stringify(state));
    const input = readFileSync(join(this.workDir, file));
    runs.set(this, [...(runs.get(this) ?? []), await this.runTracker(['statusline'], { input, env: { CLAUDE_CONFIG_DIR: config } })]);
  },
);

Then(
  'the readings of {string} name the account of organization {string}',
  function (this: TrackerWorld, file: string, organization: string) {
    const accounts = readFileSync(join(this.dataDir, file), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { kind: string; account?: string })
      .filter((row) => row.kind === 'reading')
      .map((row) => row.account);
    assert.ok(accounts.includes(fingerprintAccount('organization', organization)), JSON.stringify(accounts));
  },
);

When('the statusline receives {string}, killed if it hangs', async function (this: TrackerWorld, file: string) {
  const input = readFileSync(join(this.workDir, file));
  runs.set(this, [...(runs.get(this) ?? []), await this.runTracker(['statusline'], { input, killAfterMs: 15_000 })]);
});

Then('no run printed a control or bidirectional character', function (this: TrackerWorld) {
  for (const run of runs.get(this) ?? [])
    assert.ok(
      !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/.test(run.stdout),
      JSON.stringify(run.stdout),
    );
});

When('the statusline receives {string} with its stdin left open', async function (this: TrackerWorld, file: string) {
  // The payload is written and stdin never closed: the line must come all the same (killed after 15 s if it does not).
  const child = execa(process.execPath, [TRACKER_BIN, 'statusline'], {
    cwd: this.workDir,
    env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC' },
    extendEnv: true,
    reject: false,
    timeout: 15_000,
    stdin: 'pipe',
  });
  child.stdin?.write(readFileSync(join(this.workDir, file)));
  const ended = await child;
  child.stdin?.destroy();
  const run = {
    command: 'tracker statusline (stdin left open)',
    exitCode: ended.timedOut ? -1 : (ended.exitCode ?? -1),
    stdout: String(ended.stdout),
    stderr: String(ended.stderr),
  };
  runs.set(this, [...(runs.get(this) ?? []), run]);
});

Then('every run exited 0 and printed one line starting with {string}', function (this: TrackerWorld, prefix: string) {
  const mine = runs.get(this) ?? [];
  assert.ok(mine.length > 0, 'the statusline has not run in this scenario');
  for (const run of mine) {
    assert.equal(run.exitCode, 0, run.stderr);
    const lines = run.stdout.split('\n').filter((line) => line !== '');
    assert.equal(lines.length, 1, `expected one line, got ${JSON.stringify(run.stdout)}`);
    assert.ok(lines[0]?.startsWith(prefix), `expected a line starting with ${JSON.stringify(prefix)}, got ${JSON.stringify(lines[0])}`);
    assert.equal(run.stderr, '', 'the statusline wrote to stderr');
  }
});

Then('every run printed a line ending with {string}', function (this: TrackerWorld, suffix: string) {
  const mine = runs.get(this) ?? [];
  assert.ok(mine.length > 0, 'the statusline has not run in this scenario');
  for (const run of mine)
    assert.ok(
      run.stdout.trimEnd().endsWith(suffix),
      `expected a line ending with ${JSON.stringify(suffix)}, got ${JSON.stringify(run.stdout)}`,
    );
});

Then('statusline run {int} printed a line matching {string}', function (this: TrackerWorld, index: number, pattern: string) {
  const run = (runs.get(this) ?? [])[index - 1];
  assert.ok(run, `the statusline has not run ${index} times in this scenario`);
  assert.match(run.stdout.trimEnd(), new RegExp(pattern));
});

When(
  'the statusLine command the help printed runs from another directory with {string}',
  async function (this: TrackerWorld, file: string) {
    const found = /"command": ("(?:[^"\\]|\\.)*")/.exec(this.last.stdout);
    assert.ok(found?.[1], `the help printed no "command": line:\n${this.last.stdout}`);
    const command = JSON.parse(found[1]) as string;
    assert.ok(!command.includes('npx'), `the help still advises npx: ${command}`);
    assert.ok(command.includes(TRACKER_BIN), `the command names no absolute path to this install's bin: ${command}`);
    // Claude Code runs the command through a shell, in the session's project directory, not this package's.
    const elsewhere = mkdtempSync(join(tmpdir(), 'statusline-elsewhere-'));
    try {
      const child = await execa('sh', ['-c', command], {
        cwd: elsewhere,
        env: { TRACKER_DATA_DIR: this.dataDir, TZ: 'UTC' },
        extendEnv: true,
        reject: false,
        input: readFileSync(join(this.workDir, file)),
      });
      const run = { command, exitCode: child.exitCode ?? -1, stdout: String(child.stdout), stderr: String(child.stderr) };
      runs.set(this, [...(runs.get(this) ?? []), run]);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  },
);

Then("the built statusline loads {int} of the package's own files", async function (this: TrackerWorld, most: number) {
  // A module hook (Node's register) sees every file Node loads; the bin's path is counted, not Node's own modules.
  const hook = join(this.workDir, 'count-loads.mjs');
  writeFileSync(
    hook,
    "export async function load(url, context, next) { if (url.startsWith('file:')) process.stderr.write('loaded ' + url + '\\n'); return next(url, context); }\n",
  );
  const child = await execa(
    process.execPath,
    [
      '--import',
      `data:text/javascript,import {register} from "node:module"; register(${JSON.stringify(pathToFileURL(hook).href)})`,
      TRACKER_BIN,
      'statusline',
    ],
    {
      cwd: this.workDir,
      env: { TRACKER_DATA_DIR: this.dataDir },
      extendEnv: true,
      reject: false,
      input: readFileSync(join(this.workDir, 'status.json')),
    },
  );
  assert.equal(child.exitCode, 0, String(child.stderr));
  const loaded = String(child.stderr)
    .split('\n')
    .filter((line) => line.startsWith('loaded ') && !line.endsWith('count-loads.mjs'));
  assert.ok(loaded.length <= most, `the statusline loaded ${loaded.length} files:\n${loaded.join('\n')}`);
});
