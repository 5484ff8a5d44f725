// A Go task from before go modules runs with its work folder at its import path in a GOPATH of the run's own.
import { existsSync, mkdtempSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBwrapArgv } from '../isolation/build-bwrap-args.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';
import { layGopath } from './lay-gopath.js';

describe('layGopath', () => {
  it('isolated: binds the work folder at $GOPATH/src/<path> inside the sandbox, and makes nothing on the host', () => {
    const plan = { mode: 'bwrap' } as IsolationPlan;
    const layout = layGopath(plan, '/arm/work', '/arm/work', 'github.com/x/calc');
    expect(layout.binds).toEqual([{ source: '/arm/work', target: '/tmp/.agent-tracker-gopath/src/github.com/x/calc' }]);
    expect(layout.env).toEqual({ GOPATH: '/tmp/.agent-tracker-gopath', PWD: layout.chdir });
    expect(layout.chdir).toBe('/tmp/.agent-tracker-gopath/src/github.com/x/calc');
    const argv = buildBwrapArgv({
      writable: '/arm',
      hide: [],
      expose: [],
      hideAlways: [],
      shareNet: false,
      runAs: null,
      file: 'go',
      args: [],
      cwd: layout.chdir,
      binds: layout.binds,
    }).args;
    // After the private /tmp and the arm folder, so it lands in the sandbox's own /tmp; the tests start inside it.
    expect(argv.join(' ')).toMatch(
      /--tmpfs \/tmp .*--bind \/arm \/arm .*--bind \/arm\/work \/tmp\/\.agent-tracker-gopath\/src\/github\.com\/x\/calc --chdir \/tmp\/\.agent-tracker-gopath\/src\/github\.com\/x\/calc --/,
    );
  });

  it('unisolated: a link in a fresh folder of its own, removed afterwards without touching the work folder', () => {
    const work = mkdtempSync(join(tmpdir(), 'lay-gopath-'));
    try {
      writeFileSync(join(work, 'calc.go'), 'package calc\n');
      const layout = layGopath(undefined, work, work, 'github.com/x/calc');
      expect(layout.binds).toEqual([]);
      expect(layout.chdir).toBe(join(layout.env.GOPATH as string, 'src/github.com/x/calc'));
      expect(readlinkSync(layout.chdir)).toBe(work);
      expect(realpathSync(join(layout.chdir, 'calc.go'))).toBe(realpathSync(join(work, 'calc.go')));
      layout.remove();
      expect(existsSync(layout.env.GOPATH as string)).toBe(false);
      expect(existsSync(join(work, 'calc.go'))).toBe(true);
    } finally {
      removeScratch(work);
    }
  });
});
