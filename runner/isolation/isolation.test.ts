// The isolation plan, its bwrap argv, and (where bubblewrap works) a real hostile command kept in its arm folder.
import { allowSkip, isAppError } from '../../kernel/index.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBwrapArgv } from './build-bwrap-args.js';
import { buildHostileScript, expectIsolated, makeHostWithLedger, SAMPLE_SPEC } from './test-fixtures/sandbox-fixtures.js';
import { buildIsolationPlan, describeIsolation, probeBwrap, resolveIsolation, type IsolationPlan } from './resolve-isolation.js';
import { runTestProcess } from '../acceptance/run-test-process.js';
import { runGit } from '../sandbox/run-git.js';
import { checkReachable, handOverSandbox, pruneVanishedHides, wrapCommand } from './wrap-command.js';

const base = { commands: [], dataDir: '/srv/data', env: { HOME: '/home/u' }, uid: 1000 };
const works = () => null;
const broken = () => 'bwrap: No permissions to create a new namespace';

describe('resolveIsolation', () => {
  it('auto: bwrap when the probe works, dropping to 65534 for a root runner', () => {
    expect(resolveIsolation({ ...base, mode: 'auto', optOut: false, drivers: ['claude'], probe: works }).mode).toBe('bwrap');
    expect(resolveIsolation({ ...base, uid: 0, mode: 'auto', optOut: false, drivers: ['claude'], probe: works }).runAs).toEqual({
      uid: 65534,
      gid: 65534,
    });
    expect(resolveIsolation({ ...base, mode: 'auto', optOut: false, drivers: ['claude'], probe: works }).runAs).toBeNull();
  });

  it('auto without bwrap: refuses a real CLI and any task code not shipped with the package, naming --no-isolation', () => {
    expect(() => resolveIsolation({ ...base, mode: 'auto', optOut: false, drivers: ['scripted', 'codex'], probe: broken })).toThrow(
      /pass --no-isolation/,
    );
    // The scripted agent is no exception when the tasks are the user's (their hidden tests run task code).
    expect(() => resolveIsolation({ ...base, mode: 'auto', optOut: false, drivers: ['scripted'], probe: broken })).toThrow(
      /expected a working bubblewrap to isolate the hidden tests.*or pass --no-isolation/,
    );
    const plan = resolveIsolation({ ...base, mode: 'auto', optOut: false, drivers: ['scripted'], probe: broken, ownCodeOnly: true });
    expect(plan.mode).toBe('none');
    expect(describeIsolation(plan)).toMatch(/^isolation: none \(UNISOLATED: bubblewrap unavailable \(bwrap: No permissions/);
  });

  it('none needs --no-isolation for a real CLI; bwrap that does not work is an error naming --isolation', () => {
    expect(() => resolveIsolation({ ...base, mode: 'none', optOut: false, drivers: ['claude'], probe: works })).toThrow(
      /expected --no-isolation to run the real claude CLI/,
    );
    expect(resolveIsolation({ ...base, mode: 'none', optOut: false, drivers: ['scripted'], probe: works }).mode).toBe('none');
    expect(describeIsolation(resolveIsolation({ ...base, mode: 'auto', optOut: true, drivers: ['claude'], probe: broken }))).toMatch(
      /UNISOLATED: --no-isolation/,
    );
    expect(() => resolveIsolation({ ...base, mode: 'bwrap', optOut: false, drivers: ['scripted'], probe: broken })).toThrow(
      /expected a working bubblewrap for --isolation bwrap/,
    );
  });
});

describe('resolveIsolation --setup-network', () => {
  it('refuses, before anything starts, a sandbox with no slirp4netns on PATH, naming its Debian package', () => {
    const request = { ...base, mode: 'bwrap' as const, optOut: false, drivers: ['scripted'], probe: works, setupNetwork: true };
    expect(() => resolveIsolation({ ...request, env: { PATH: '/nonexistent' } })).toThrow(
      /^expected slirp4netns on PATH to give a set-up its outbound-only network \(--setup-network\), got none: install the Debian package slirp4netns, or drop --setup-network$/,
    );
    const bin = mkdtempSync(join(tmpdir(), 'agent-tracker-bin-'));
    try {
      writeFileSync(join(bin, 'slirp4netns'), '', { mode: 0o755 });
      expect(resolveIsolation({ ...request, env: { PATH: bin } }).mode).toBe('bwrap');
      expect(resolveIsolation({ ...request, env: { PATH: '/nonexistent' }, setupNetwork: false }).mode).toBe('bwrap');
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});

describe('buildBwrapArgv', () => {
  it('hides, re-exposes, hides the data dir again, then binds the arm folder last; setpriv drops root first', () => {
    const argv = buildBwrapArgv(SAMPLE_SPEC);
    expect(argv.file).toBe('setpriv');
    const line = argv.args.join(' ');
    expect(line).toMatch(
      /^--reuid=65534 --regid=65534 --clear-groups --inh-caps=-all -- bwrap --die-with-parent --unshare-all --share-net --ro-bind \/ \//,
    );
    expect(line).toContain(
      '--tmpfs /tmp --tmpfs /root --ro-bind /root/.nvm /root/.nvm --tmpfs /srv/data --bind /tmp/arm /tmp/arm --chdir /tmp/arm/work -- claude -p',
    );
    expect(line).not.toContain('/tmp/x');
  });

  it('gives the tests no network and runs bwrap directly for an unprivileged runner', () => {
    const argv = buildBwrapArgv({
      writable: '/a',
      hide: [],
      expose: [],
      hideAlways: [],
      shareNet: false,
      cwd: '/a',
      file: 'node',
      args: [],
      runAs: null,
    });
    expect(argv.file).toBe('bwrap');
    expect(argv.args).not.toContain('--share-net');
  });

  it('refuses, before anything starts, an arm folder the unprivileged uid cannot reach (a 0700 parent)', () => {
    const closed = mkdtempSync(join(tmpdir(), 'closed-'));
    chmodSync(closed, 0o700);
    expect(() => checkReachable(join(closed, 'boxes'), 65534)).toThrow(
      /searchable by uid 65534 .*, got .*closed-.* with mode 700: use another --sandbox-dir/,
    );
    chmodSync(closed, 0o711);
    expect(() => checkReachable(join(closed, 'boxes'), 65534)).not.toThrow();
    rmSync(closed, { recursive: true });
  });

  it('covers no data dir that is gone or a link now (bwrap cannot mount over a missing folder under a read-only root)', () => {
    const gone = join('/var/tmp', `agent-tracker-gone-${process.pid}`, 'data');
    const link = mkdtempSync(join(tmpdir(), 'agent-tracker-link-'));
    rmSync(link, { recursive: true });
    symlinkSync('/usr/bin', link);
    try {
      const plan: IsolationPlan = { ...buildIsolationPlan(base), hideAlways: ['/usr/lib', gone, link] };
      const { args } = wrapCommand(plan, { file: 'x', args: [], env: {}, cwd: '/srv/arms' }, { writable: '/srv/arms', shareNet: true });
      expect(args).toContain('/usr/lib');
      expect(args).not.toContain(gone);
      expect(args).not.toContain(link);
    } finally {
      rmSync(link, { force: true });
    }
  });

  it('prunes from the plan a data dir removed since it was found, so an arm that met it starts once more', () => {
    const kept = mkdtempSync(join(tmpdir(), 'agent-tracker-kept-'));
    const removed = mkdtempSync(join(tmpdir(), 'agent-tracker-removed-'));
    try {
      const plan: IsolationPlan = { ...buildIsolationPlan(base), hideAlways: [kept, removed] };
      expect(pruneVanishedHides(plan)).toBe(false);
      rmSync(removed, { recursive: true });
      expect(pruneVanishedHides(plan)).toBe(true);
      expect(plan.hideAlways).toEqual([kept]);
      expect(pruneVanishedHides({ ...plan, mode: 'none' })).toBe(false);
    } finally {
      rmSync(kept, { recursive: true, force: true });
    }
  });

  it('refuses an arm folder that holds the data dir', () => {
    const plan: IsolationPlan = { ...buildIsolationPlan(base), hideAlways: ['/srv/arms/data'] };
    expect(() => wrapCommand(plan, { file: 'x', args: [], env: {}, cwd: '/srv/arms' }, { writable: '/srv/arms', shareNet: true })).toThrow(
      /another --sandbox-dir/,
    );
  });
});

// A real sandbox: only where bubblewrap works (CI installs it: .ci/run); no timing is asserted.
const { root, dataDir, ledger, remove } = makeHostWithLedger('isolation-test-');
afterAll(remove);
const plan = buildIsolationPlan({ commands: [], dataDir, env: process.env });
const bwrapError = allowSkip(
  existsSync('/usr/bin/bwrap') || spawnSync('which', ['bwrap']).status === 0 ? probeBwrap(plan) : 'bwrap is not installed',
);

describe.skipIf(bwrapError !== null)(`a hostile command in bwrap${bwrapError ? ` (skipped: ${bwrapError})` : ''}`, () => {
  it('writes its arm folder only, cannot read the ledger, is not root, and sees a private /tmp', () => {
    const arm = mkdtempSync(join(tmpdir(), 'agent-tracker-arm-'));
    mkdirSync(join(arm, 'work'));
    handOverSandbox(plan, arm);
    // /var/tmp is the host's own (not the private /tmp): a write there would outlive the arm.
    const outside = join('/var/tmp', `agent-tracker-planted-${process.pid}.txt`);
    writeFileSync(join(root, 'host-marker'), 'x');
    const script = buildHostileScript({ outside, ledger, hostTmp: join(root, 'host-marker') });
    const command = wrapCommand(
      plan,
      {
        file: process.execPath,
        args: ['-e', script],
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: arm },
        cwd: join(arm, 'work'),
      },
      { writable: arm, shareNet: false },
    );
    const out = execFileSync(command.file, command.args, { cwd: command.cwd, env: command.env, encoding: 'utf8' });
    expectIsolated(out);
    expect(existsSync(outside)).toBe(false);
    expect(readFileSync(join(arm, 'work', 'inside.txt'), 'utf8')).toBe('ok');
    if (process.getuid?.() === 0) expect(statSync(join(arm, 'work', 'inside.txt')).uid).toBe(65534);
    rmSync(arm, { recursive: true, force: true });
  });

  // A root runner's found data dirs can lie below a 0700 folder the sandbox's uid cannot enter (an old `mktemp -d`
  // under /var/tmp): bwrap, started as that uid, cannot mount a hide there; every arm of every run stopped.
  it.each(['apart', 'beside the arm'])('starts with a data dir below a 0700 folder of /var/tmp (%s), which stays unread', async (where) => {
    const closed = mkdtempSync(join('/var/tmp', 'closed-'));
    chmodSync(closed, 0o700);
    const found = join(closed, 'old', 'data');
    mkdirSync(found, { recursive: true });
    writeFileSync(join(found, 'windows.jsonl'), '{"secret":true}\n');
    const arm = where === 'apart' ? mkdtempSync(join(tmpdir(), 'agent-tracker-arm-')) : join(closed, 'boxes', 'agent-tracker-arm-x');
    mkdirSync(join(arm, 'work'), { recursive: true });
    handOverSandbox(plan, arm);
    try {
      const command = wrapCommand(
        { ...plan, hideAlways: [...plan.hideAlways, found] },
        {
          file: 'sh',
          args: ['-c', `echo ok > inside.txt; cat ${found}/windows.jsonl || echo unread`],
          env: { PATH: '/usr/bin:/bin' },
          cwd: join(arm, 'work'),
        },
        { writable: arm, shareNet: false },
      );
      const run = await runTestProcess(command, 30_000, 'sh');
      expect(run.stdout.trim()).toBe('unread');
      expect(readFileSync(join(arm, 'work', 'inside.txt'), 'utf8')).toBe('ok\n');
    } finally {
      rmSync(closed, { recursive: true, force: true });
      rmSync(arm, { recursive: true, force: true });
    }
  });

  it("names a sandbox that could not start as such: the runner's git is not blamed", async () => {
    const arm = mkdtempSync(join(tmpdir(), 'agent-tracker-arm-'));
    handOverSandbox(plan, arm);
    const broken = { ...plan, hide: [...plan.hide, `/agent-tracker-absent-${process.pid}/x`] };
    try {
      const failure = await runGit(arm, ['status'], { isolation: broken, writable: arm }).then(
        () => null,
        (error: unknown) => error,
      );
      expect(isAppError(failure, 'sandbox-start')).toBe(true);
      expect((failure as Error).message).toMatch(/^the sandbox could not start git status \(an infrastructure failure.*\): bwrap: /);
    } finally {
      rmSync(arm, { recursive: true, force: true });
    }
  });

  // Another run's clean-up removed a hidden data dir between wrapCommand's look and bwrap's mount: a `bwrap` first on
  // PATH removes it, then runs the real one, which fails "Can't mkdir parents"; git runs once more without that hide.
  it("runs the runner's git once more when a hidden data dir vanished before bwrap mounted over it", async () => {
    const arm = mkdtempSync(join(tmpdir(), 'agent-tracker-arm-'));
    handOverSandbox(plan, arm);
    const open = mkdtempSync(join('/var/tmp', 'agent-tracker-vanish-'));
    chmodSync(open, 0o777); // the shim runs as the sandbox's uid (setpriv drops first): it must remove what root made
    const gone = join(open, 'data');
    mkdirSync(gone);
    const shim = join(open, 'bin');
    mkdirSync(shim);
    const real = execFileSync('sh', ['-c', 'command -v bwrap'], { encoding: 'utf8' }).trim();
    writeFileSync(join(shim, 'bwrap'), `#!/bin/sh\nrmdir ${gone} 2>/dev/null\nexec ${real} "$@"\n`, { mode: 0o755 });
    const path = process.env.PATH;
    process.env.PATH = `${shim}:${path ?? ''}`;
    try {
      const vanishing: IsolationPlan = { ...plan, hideAlways: [...plan.hideAlways, gone] };
      await expect(runGit(arm, ['--version'], { isolation: vanishing, writable: arm })).resolves.toMatch(/^git version/);
      expect(vanishing.hideAlways).not.toContain(gone);
    } finally {
      process.env.PATH = path;
      rmSync(open, { recursive: true, force: true });
      rmSync(arm, { recursive: true, force: true });
    }
  });

  // `mktemp -d` gives a 0700 folder; an arm folder below it is reached through a private mount, never skipped.
  it.each(['/var/tmp', tmpdir()])('runs an arm folder below a 0700 folder in %s, and that folder stays hidden', async (under) => {
    const closed = mkdtempSync(join(under, 'closed-'));
    chmodSync(closed, 0o700);
    writeFileSync(join(closed, 'private.txt'), 'the user private file');
    const arm = join(closed, 'boxes', 'agent-tracker-arm-abcdef');
    mkdirSync(join(arm, 'work'), { recursive: true });
    handOverSandbox(plan, arm);
    try {
      const command = wrapCommand(
        plan,
        {
          file: 'sh',
          args: ['-c', 'echo ok > inside.txt; cat ../../../private.txt || echo hidden'],
          env: { PATH: '/usr/bin:/bin' },
          cwd: join(arm, 'work'),
        },
        { writable: arm, shareNet: false },
      );
      expect(command.file).toBe(process.getuid?.() === 0 ? 'unshare' : 'bwrap');
      const run = await runTestProcess(command, 30_000, 'sh');
      expect(run.stdout.trim()).toBe('hidden');
      expect(readFileSync(join(arm, 'work', 'inside.txt'), 'utf8')).toBe('ok\n');
    } finally {
      rmSync(closed, { recursive: true, force: true });
    }
  });
});
