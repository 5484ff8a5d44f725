// resolveTestCommand's environment: the task's declared variables, and a CARGO_HOME the runner was given for cargo.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { resolveTestCommand } from './resolve-test-command.js';

afterEach(() => vi.unstubAllEnvs());

describe('resolveTestCommand', () => {
  const request = { testsDir: '/nowhere', perTestTimeoutMs: 1000 };

  it("gives the tests the task's declared environment (an imported Python package's PYTHONPATH)", () => {
    const test = {
      command: ['python3', '-m', 'pytest'],
      report: 'pytest' as const,
      layout: 'overlay' as const,
      env: { PYTHONPATH: 'src:.pyenv' },
    };
    expect(resolveTestCommand({ ...request, test }).env).toEqual({ PYTHONPATH: 'src:.pyenv' });
  });

  it('passes a filled CARGO_HOME to cargo tests, readable in the sandbox; none when it holds no registry', () => {
    const home = mkdtempSync(join(tmpdir(), 'cargo-home-'));
    vi.stubEnv('CARGO_HOME', home);
    const test = { command: ['my-cargo', 'test'], report: 'cargo' as const, layout: 'overlay' as const };
    expect(resolveTestCommand({ ...request, test }).env).not.toHaveProperty('CARGO_HOME');
    mkdirSync(join(home, 'registry'));
    expect(resolveTestCommand({ ...request, test })).toMatchObject({ env: { CARGO_HOME: home, RUSTC_BOOTSTRAP: '1' }, expose: [home] });
    // Another report kind never gets it.
    expect(resolveTestCommand({ ...request, test: { ...test, report: 'go' as const } }).env).not.toHaveProperty('CARGO_HOME');
  });
});
