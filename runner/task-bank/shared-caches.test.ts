// The caches an import's sandboxes share: cargo target dirs leased one command at a time, and a set-up's node_modules
// bound read-only into a real bwrap sandbox (readable, not writable, with writable tool caches below it).
import { allowSkip } from '../../kernel/index.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runTestProcess } from '../acceptance/run-test-process.js';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { handOverSandbox, wrapCommand } from '../isolation/wrap-command.js';
import { createSharedCaches } from './shared-caches.js';

const scratch = mkdtempSync(join(tmpdir(), 'shared-caches-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const plan = buildIsolationPlan({ commands: [], dataDir: join(scratch, 'data'), env: process.env });
const skipped = allowSkip(spawnSync('which', ['bwrap']).status === 0 ? probeBwrap(plan) : 'bwrap is not installed');
const runAs = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : null;

describe('shared caches', () => {
  it('lease a cargo target dir no running command holds, reuse a released one, and share go and pip caches', () => {
    const caches = createSharedCaches(null);
    const first = caches.lease();
    const second = caches.lease();
    expect(first.env.CARGO_TARGET_DIR).not.toBe(second.env.CARGO_TARGET_DIR);
    expect(first.env.GOCACHE).toBe(second.env.GOCACHE);
    expect(first.jestCache).toBe(second.jestCache);
    expect(first.env).toMatchObject({ GOFLAGS: '-count=1', PIP_CACHE_DIR: second.env.PIP_CACHE_DIR });
    first.release();
    expect(caches.lease().env.CARGO_TARGET_DIR).toBe(first.env.CARGO_TARGET_DIR);
    const root = join(first.env.GOCACHE as string, '..');
    caches.remove();
    expect(existsSync(root)).toBe(false);
  });

  it.skipIf(skipped !== null)(
    `bind a set-up's node_modules read-only into a sandboxed run, copied once${skipped ? ` (skipped: ${skipped})` : ''}`,
    async () => {
      const tree = join(scratch, 'tree');
      const fixture = join(scratch, 'fixture');
      mkdirSync(join(tree, 'node_modules', 'dep'), { recursive: true });
      mkdirSync(fixture);
      writeFileSync(join(tree, 'index.js'), '');
      writeFileSync(join(fixture, 'index.js'), '');
      writeFileSync(join(tree, 'node_modules', 'dep', 'index.js'), 'module.exports = 7;\n');
      const caches = createSharedCaches(runAs);
      const mounted = caches.mountSetup(tree, fixture);
      expect(caches.mountSetup(tree, fixture)).toBe(mounted); // once per set-up
      expect(mounted.map((entry) => [entry.name, entry.scratch])).toEqual([['node_modules', ['.cache', '.vite', '.vite-temp', '.vitest']]]);
      const arm = mkdtempSync(join(scratch, 'arm-'));
      const work = join(arm, 'work');
      mkdirSync(work);
      handOverSandbox(plan, arm);
      const lease = caches.lease();
      const script = [
        "const fs = require('node:fs');",
        "const out = [String(require('./node_modules/dep'))];",
        "try { fs.writeFileSync('node_modules/dep/index.js', 'module.exports = 0;'); out.push('wrote'); } catch (e) { out.push(e.code); }",
        "fs.writeFileSync('node_modules/.cache/tool.json', '{}'); out.push('cache ok');",
        "fs.writeFileSync(process.env.GOCACHE + '/entry', 'x'); out.push('gocache ok');",
        'console.log(out.join(","));',
      ].join(' ');
      const command = { file: process.execPath, args: ['-e', script], env: { PATH: '/usr/bin:/bin', ...lease.env }, cwd: work };
      const run = await runTestProcess(
        wrapCommand(plan, command, {
          writable: arm,
          shareNet: false,
          shared: lease.writable,
          readOnly: mounted.map((entry) => ({ source: entry.source, target: join(work, entry.name) })),
          scratch: mounted.flatMap((entry) => entry.scratch.map((dir) => join(work, entry.name, dir))),
        }),
        60_000,
        'node',
      );
      expect(run.stdout.trim()).toBe('7,EROFS,cache ok,gocache ok');
      expect(readFileSync(join(mounted[0]?.source as string, 'dep', 'index.js'), 'utf8')).toBe('module.exports = 7;\n');
      expect(existsSync(join(work, 'node_modules', 'dep'))).toBe(false); // nothing was copied into the work folder
      caches.remove();
    },
  );
});
