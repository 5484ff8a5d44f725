// --isolation podman: its argv, its plan, and (where podman works) a real hostile command and a container outliving its client.
import { allowSkip } from '../../kernel/index.js';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPodmanArgv, listMounts, type PodmanEngine } from './build-podman-args.js';
import { probePodman } from './probe-podman.js';
import { buildHostileScript, expectIsolated, makeHostWithLedger, SAMPLE_SPEC } from './test-fixtures/sandbox-fixtures.js';
import { buildIsolationPlan, describeIsolation, resolveIsolation } from './resolve-isolation.js';
import { checkPodmanExposures, handOverSandbox, wrapCommand } from './wrap-command.js';

const engine: PodmanEngine = { globals: ['--root', '/r'], runFlags: ['--ulimit', 'nofile=4096:4096'], label: 'runc' };
const spec = { ...SAMPLE_SPEC, engine, name: 'agent-tracker-1-ab', envNames: ['HOME', 'ANTHROPIC_API_KEY'] };

describe('buildPodmanArgv', () => {
  it('runs the host root read-only as uid 65534, hides, exposes, binds the arm folder, and passes env names only', () => {
    const { file, args, cleanup } = buildPodmanArgv(spec);
    expect(file).toBe('podman');
    const line = args.join(' ');
    expect(line).toMatch(
      /^--root \/r run --rm --name agent-tracker-1-ab --init --network host --ulimit nofile=4096:4096 --user 65534:65534 /,
    );
    expect(line).toContain('--cap-drop all --security-opt no-new-privileges --read-only --read-only-tmpfs=false --unsetenv-all');
    expect(line).toContain('--env HOME --env ANTHROPIC_API_KEY');
    expect(line).toContain(
      '--tmpfs /tmp:rw,nosuid,nodev,notmpcopyup,exec,mode=1777 --tmpfs /root:rw,nosuid,nodev,notmpcopyup,mode=755 --volume /root/.nvm:/root/.nvm:ro --tmpfs /srv/data:rw,nosuid,nodev,notmpcopyup,mode=755 --volume /tmp/arm:/tmp/arm:rw',
    );
    expect(line).toMatch(/--workdir \/tmp\/arm\/work --rootfs \/:O claude -p$/);
    expect(line).not.toContain('/tmp/x');
    expect(cleanup).toEqual({ file: 'podman', args: ['--root', '/r', 'rm', '--force', '--ignore', '--time', '0', 'agent-tracker-1-ab'] });
  });

  it('gives the tests no network, and a rootless runner keeps its own uid', () => {
    const line = buildPodmanArgv({ ...spec, shareNet: false, runAs: null }).args.join(' ');
    expect(line).toContain('--network none');
    expect(line).toContain('--userns keep-id');
    expect(line).not.toContain('--user ');
  });

  it("gives a set-up with network podman's own slirp4netns, with no way to the host's loopback", () => {
    expect(buildPodmanArgv({ ...spec, shareNet: 'outbound' }).args.join(' ')).toContain('--network slirp4netns:allow_host_loopback=false');
  });

  it('mounts each folder once, the later kind winning (podman refuses a duplicate destination)', () => {
    expect(listMounts({ writable: '/w', hide: ['/h', '/d'], expose: ['/h'], hideAlways: ['/d'] })).toEqual([
      ['tmp', '/tmp'],
      ['expose', '/h'],
      ['hide', '/d'],
      ['bind', '/w'],
    ]);
  });

  it("refuses a path podman's -v would split, and a variable name --env would read as a pattern", () => {
    expect(() => buildPodmanArgv({ ...spec, writable: '/tmp/a:b' })).toThrow(/without ':' or ','.*\/tmp\/a:b/);
    expect(() => buildPodmanArgv({ ...spec, envNames: ['A*'] })).toThrow(/names for podman --env, got "A\*"/);
  });
});

describe('resolveIsolation --isolation podman', () => {
  const base = { commands: [], dataDir: '/srv/data', env: { HOME: '/home/u' }, uid: 0, optOut: false, drivers: ['claude'] };
  it('keeps the engine the probe found, and says so in the methodology', () => {
    const plan = resolveIsolation({ ...base, mode: 'podman', probePodman: () => engine });
    expect(plan.mode).toBe('podman');
    expect(plan.engine).toEqual(engine);
    expect(describeIsolation(plan)).toMatch(
      /^isolation: podman \(agent and hidden tests as uid 65534 \(the runner is root\), .*, engine: runc\)$/,
    );
    expect(describeIsolation(plan)).not.toContain(';');
  });

  it('is an error naming --isolation and what failed when podman does not work, and never combines with --no-isolation', () => {
    expect(() => resolveIsolation({ ...base, mode: 'podman', probePodman: () => 'podman is not installed' })).toThrow(
      /expected a working podman for --isolation podman, got: podman is not installed \(install the Debian packages podman and runc/,
    );
    expect(() => resolveIsolation({ ...base, mode: 'podman', optOut: true, probePodman: () => engine })).toThrow(
      /either --isolation podman or --no-isolation/,
    );
  });

  it('refuses an exposure uid 65534 cannot reach: a hidden folder keeps its host mode under runc', () => {
    const closed = mkdtempSync(join(tmpdir(), 'closed-'));
    chmodSync(closed, 0o700);
    const plan = { ...resolveIsolation({ ...base, mode: 'podman', probePodman: () => engine }), expose: [join(closed, 'nvm')] };
    expect(() => checkPodmanExposures(plan)).toThrow(
      /reachable by uid 65534 under --isolation podman, got .*nvm behind .*closed-.* with mode 700/,
    );
    expect(() => checkPodmanExposures({ ...plan, runAs: null })).not.toThrow();
    rmSync(closed, { recursive: true });
  });

  it('accepts a file exposure (package.json, mode 644) in a folder uid 65534 can search', () => {
    const open = mkdtempSync(join(tmpdir(), 'open-'));
    chmodSync(open, 0o755);
    writeFileSync(join(open, 'package.json'), '{}', { mode: 0o644 });
    const plan = { ...resolveIsolation({ ...base, mode: 'podman', probePodman: () => engine }), expose: [join(open, 'package.json')] };
    expect(() => checkPodmanExposures({ ...plan, runAs: { uid: 65534, gid: 65534 } })).not.toThrow();
    rmSync(open, { recursive: true });
  });
});

// A real container: only where podman works (CI installs podman and runc: .ci/run).
const { root, dataDir, ledger, remove } = makeHostWithLedger('podman-test-');
afterAll(remove);
const bwrapPlan = buildIsolationPlan({ commands: [], dataDir, env: process.env });
const probed = spawnSync('podman', ['--version']).status === 0 ? probePodman(bwrapPlan.runAs) : 'podman is not installed';
allowSkip(typeof probed === 'string' ? probed : null);
const found = probed;
const plan = typeof found === 'string' ? bwrapPlan : { ...bwrapPlan, mode: 'podman' as const, engine: found };

describe.skipIf(typeof found === 'string')(`a hostile command in podman${typeof found === 'string' ? ` (skipped: ${found})` : ''}`, () => {
  const makeArm = (): string => {
    const arm = mkdtempSync(join(tmpdir(), 'agent-tracker-arm-'));
    mkdirSync(join(arm, 'work'));
    handOverSandbox(plan, arm);
    return arm;
  };

  it('writes its arm folder only, cannot read the ledger, is not root, sees a private /tmp, and gets only its env', () => {
    const arm = makeArm();
    const outside = join('/var/tmp', `agent-tracker-planted-${process.pid}.txt`);
    writeFileSync(join(root, 'host-marker'), 'x');
    const script = buildHostileScript({ outside, ledger, hostTmp: join(root, 'host-marker') });
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: arm, SECRET_TOKEN: 'value-never-on-argv' };
    const command = wrapCommand(
      plan,
      { file: process.execPath, args: ['-e', script], env, cwd: join(arm, 'work') },
      { writable: arm, shareNet: false },
    );
    expect(command.args.join(' ')).not.toContain('value-never-on-argv');
    const out = execFileSync(command.file, command.args, { cwd: command.cwd, env: command.env, encoding: 'utf8' });
    expectIsolated(out);
    expect(out).toContain('env:HOME,PATH,SECRET_TOKEN\n');
    expect(existsSync(outside)).toBe(false);
    expect(readFileSync(join(arm, 'work', 'inside.txt'), 'utf8')).toBe('ok');
    if (process.getuid?.() === 0) expect(statSync(join(arm, 'work', 'inside.txt')).uid).toBe(65534);
    rmSync(arm, { recursive: true, force: true });
  });

  it('outlives a SIGKILL of its podman client (conmon keeps it), and its cleanup command removes it', async () => {
    const arm = makeArm();
    const marker = `${process.pid}.${Date.now() % 1000}`;
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: arm };
    const command = wrapCommand(plan, { file: 'sleep', args: [marker], env, cwd: arm }, { writable: arm, shareNet: false });
    const client = spawn(command.file, command.args, { env: command.env, stdio: 'ignore' });
    const running = (): boolean => spawnSync('pgrep', ['-f', `^sleep ${marker}$`]).status === 0;
    // Started when its sleep shows up, however long podman takes on a busy machine (the test's limit is the hang guard).
    while (!running()) await new Promise((done) => setTimeout(done, 100));
    expect(running()).toBe(true);
    client.kill('SIGKILL');
    await new Promise((done) => setTimeout(done, 1000));
    expect(running()).toBe(true); // why the cleanup exists
    const { file, args } = command.cleanup ?? { file: 'false', args: [] };
    execFileSync(file, args, { stdio: 'ignore' });
    expect(running()).toBe(false);
    rmSync(arm, { recursive: true, force: true });
  });
});
