// resolveTestCommand's environment: the task's declared variables, a CARGO_HOME the runner was given for cargo, and what
// the TypeScript hook must read in the sandbox.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
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

  it("exposes the TypeScript hook, esbuild and the folder of esbuild's native binary, which its API starts", () => {
    const testsDir = mkdtempSync(join(tmpdir(), 'ts-tests-'));
    writeFileSync(join(testsDir, 'a.test.ts'), '');
    const { argv, expose } = resolveTestCommand({ testsDir, perTestTimeoutMs: 1000, language: 'typescript' });
    expect(argv.slice(1, 3)).toEqual(['--import', expect.stringMatching(/typescript-tests\/register\.mjs$/)]);
    expect(expose.map((dir) => basename(dir))).toEqual(['typescript-tests', 'esbuild', `${process.platform}-${process.arch}`]);
    expect(existsSync(join(expose[2] ?? '', 'bin', 'esbuild'))).toBe(true);
  });
});
