// A set-up shared by candidates verified side by side runs once, one that hits its time limit names its candidate, and
// one with --setup-network (in a real bwrap sandbox) has a route out of its own and no way to the host's loopback.
import { allowSkip } from '../../kernel/index.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { findCommandFile } from '../isolation/find-command-file.js';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { explainEnvironment } from './explain-environment.js';
import { type BankTask, loadTaskBank } from './load-task-bank.js';
import { prepareTaskSetup } from './task-setup.js';

const scratch = mkdtempSync(join(tmpdir(), 'run-task-setup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A python task imported from `commit`, whose set-up is `setup` and whose manifest is `requirements`. */
function writeTask(id: string, setup: string[], requirements = 'helper==1.0\n'): void {
  const dir = join(scratch, 'bank', id);
  for (const part of ['fixture', 'tests', 'solution']) mkdirSync(join(dir, part), { recursive: true });
  writeFileSync(join(dir, 'spec.md'), '# spec\n');
  const source = { repo: 'lib', commit: `${id === 'slow' ? 'abc1234' : 'def5678'}0000`, parent: 'fedcba9' };
  const meta = { id, title: 'T', estimated_lines: 1, timeout_s: 60, status: 'ready', language: 'python', source };
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ...meta, test: { report: 'unittest', setup } }));
  writeFileSync(join(dir, 'fixture', 'requirements.txt'), requirements);
  writeFileSync(join(dir, 'fixture', 'app.py'), `# ${id}\n`);
}

const counter = join(scratch, 'installs');
const COUNTING = ['python3', '-c', `import time; open(${JSON.stringify(counter)}, 'a').write('x'); time.sleep(1)`];
writeTask('first', COUNTING);
writeTask('second', COUNTING);
writeTask('other-lockfile', COUNTING, 'helper==2.0\n');
writeTask('slow', ['python3', '-c', 'import time; time.sleep(60)']);
const tasks = loadTaskBank(join(scratch, 'bank'));
const byId = (id: string) => tasks.find((task) => task.meta.id === id)!;

describe('set-ups of an import', () => {
  it('run once for candidates with the same set-up and manifests verified at the same time, once more for another lockfile', async () => {
    const cacheDir = join(scratch, 'cache');
    const trees = await Promise.all(['first', 'second', 'other-lockfile'].map((id) => prepareTaskSetup(byId(id), { cacheDir })));
    expect(trees[0]).toBe(trees[1]);
    expect(trees[2]).not.toBe(trees[0]);
    expect(readFileSync(counter, 'utf8')).toBe('xx');
    // And later candidates find it done.
    await prepareTaskSetup(byId('second'), { cacheDir });
    expect(readFileSync(counter, 'utf8')).toBe('xx');
  });

  it('stop at their time limit, naming the candidate and the limit, with a cause that is the same for every candidate', async () => {
    const cacheDir = join(scratch, 'slow-cache');
    const setup = prepareTaskSetup(byId('slow'), { cacheDir, timeoutMs: 1000 });
    await expect(setup).rejects.toThrow(
      /^the set-up of slow \(commit abc1234\) hit its time limit of 1 s \(--setup-timeout\) and was stopped: "python3 -c import time; time.sleep\(60\)"$/,
    );
    const message = await setup.catch((error: Error) => error.message);
    expect(explainEnvironment(message as string).cause).toBe('the set-up hit its time limit of 1 s');
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]); // nothing stored for a set-up that did not end
  });
});

const plan = buildIsolationPlan({ commands: [], dataDir: join(scratch, 'data'), env: process.env });
const skipped = allowSkip(
  spawnSync('which', ['bwrap']).status !== 0
    ? 'bwrap is not installed'
    : findCommandFile('slirp4netns', process.env.PATH) === null
      ? 'slirp4netns is not installed'
      : probeBwrap(plan),
);

/** Tries the host's 127.0.0.1 and slirp's host alias 10.0.2.2 at `port`, and keeps the routes and resolver it sees. */
function buildProbe(port: number): string {
  return [
    "const net = require('node:net'); const fs = require('node:fs');",
    'const connect = (host) => new Promise((done) => {',
    `  const socket = net.connect({ host, port: ${port}, timeout: 3000 });`,
    "  socket.once('connect', () => { socket.destroy(); done('reached'); });",
    "  socket.once('error', (error) => done(error.code));",
    "  socket.once('timeout', () => { socket.destroy(); done('timeout'); });",
    '});',
    "Promise.all([connect('127.0.0.1'), connect('10.0.2.2')]).then(([loopback, gateway]) => fs.writeFileSync('network.json', JSON.stringify({",
    "  loopback, gateway, routes: fs.readFileSync('/proc/net/route', 'utf8'), resolv: fs.readFileSync('/etc/resolv.conf', 'utf8'),",
    '})));',
  ].join('\n');
}

/** A task of the bank `net-bank` whose set-up is `setup`. */
function writeNetworkTask(id: string, setup: string[]): BankTask {
  const dir = join(scratch, 'net-bank', id);
  for (const part of ['fixture', 'tests', 'solution']) mkdirSync(join(dir, part), { recursive: true });
  writeFileSync(join(dir, 'spec.md'), '# spec\n');
  const meta = { id, title: 'T', estimated_lines: 1, timeout_s: 60, status: 'ready', language: 'javascript' };
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ...meta, test: { report: 'node-tap', setup } }));
  writeFileSync(join(dir, 'fixture', 'index.js'), '');
  return loadTaskBank(join(scratch, 'net-bank')).find((task) => task.meta.id === id)!;
}

describe.skipIf(skipped !== null)(`a set-up with --setup-network in bwrap${skipped ? ` (skipped: ${skipped})` : ''}`, () => {
  afterEach(() => vi.unstubAllEnvs());

  it("has a default route of its own and cannot reach a listener on the host's 127.0.0.1", async () => {
    const server = createServer((socket) => socket.end('host\n')).listen(0, '127.0.0.1');
    await new Promise((listening) => server.once('listening', listening));
    try {
      const task = writeNetworkTask('net', [process.execPath, '-e', buildProbe((server.address() as { port: number }).port)]);
      const tree = await prepareTaskSetup(task, { cacheDir: join(scratch, 'net-cache'), isolation: plan, allowNetwork: true });
      const seen = JSON.parse(readFileSync(join(tree as string, 'network.json'), 'utf8'));
      expect(seen.loopback).toBe('ECONNREFUSED'); // the sandbox's own loopback, with nothing listening
      expect(seen.gateway).not.toBe('reached');
      // A default route (destination 00000000) through an interface that is not the loopback: slirp4netns's tap0.
      expect(seen.routes).toMatch(/^(?!lo\s)\S+\s+00000000\s+[0-9A-F]{8}\s/m);
      expect(seen.resolv).toBe('nameserver 10.0.2.3\n');
    } finally {
      server.close();
    }
  });

  it('fails, saying why, when slirp4netns cannot attach: never runs on with no network or the host one', async () => {
    const bin = join(scratch, 'bin');
    mkdirSync(bin);
    const failing =
      'echo "WARNING: Support for seccomp is experimental" >&2; echo "setns(CLONE_NEWNET): Operation not permitted" >&2; exit 1';
    writeFileSync(join(bin, 'slirp4netns'), `#!/bin/sh\n${failing}\n`, { mode: 0o755 });
    vi.stubEnv('PATH', `${bin}:${process.env.PATH}`);
    const task = writeNetworkTask('no-slirp', ['sh', '-c', 'echo ran']);
    const setup = prepareTaskSetup(task, { cacheDir: join(scratch, 'no-slirp-cache'), isolation: plan, allowNetwork: true });
    await expect(setup).rejects.toThrow(
      /^expected the set-up command sh to get its outbound network \(slirp4netns\), got: slirp4netns exited \(code 1\): setns\(CLONE_NEWNET\): Operation not permitted$/,
    );
  });
});
