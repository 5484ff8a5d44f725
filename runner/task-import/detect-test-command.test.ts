// detectTestCommand and describeGivenCommand: the command, report and set-up a repository's files call for.
import { describe, expect, it } from 'vitest';
import { describeGivenCommand, detectTestCommand } from './detect-test-command.js';

describe('detectTestCommand', () => {
  const repo = (files: Record<string, string>) => ({ paths: new Set(Object.keys(files)), read: (path: string) => files[path] });

  it('runs the hidden JavaScript tests with node --test and TAP, set up with npm ci when a lockfile pins dependencies', () => {
    const detected = detectTestCommand(
      repo({ 'package.json': '{"scripts":{"test":"node --test"},"dependencies":{"x":"1"}}', 'package-lock.json': '{}' }),
      ['test/a.test.js', 'test/data.json'],
    );
    expect(detected).toEqual({
      language: 'javascript',
      test: {
        command: ['node', '--test', '--test-reporter=tap', 'test/a.test.js'],
        report: 'node-tap',
        setup: ['npm', 'ci', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'],
      },
    });
  });

  it('sets up a repository whose dependencies no lockfile pins with npm install when the network is allowed, else not at all', () => {
    const unpinned = repo({ 'package.json': '{"scripts":{"test":"node --test"},"devDependencies":{"x":"1"}}' });
    expect(detectTestCommand(unpinned, ['test/a.test.js'])?.test.setup).toBeUndefined();
    expect(detectTestCommand(unpinned, ['test/a.test.js'], true)?.test.setup).toEqual([
      'npm',
      'install',
      '--no-package-lock',
      '--prefer-offline',
      '--ignore-scripts',
      '--no-audit',
      '--no-fund',
    ]);
  });

  it('reads node\'s runner under a script the test script runs (fastify\'s "c8 --100 node --test")', () => {
    const pkg =
      '{"scripts":{"test":"npm run test:unit && npm run test:typescript","test:unit":"c8 --100 node --test","test:typescript":"tstyche"}}';
    expect(detectTestCommand(repo({ 'package.json': pkg }), ['test/a.test.js'])?.test).toMatchObject({
      command: ['node', '--test', '--test-reporter=tap', 'test/a.test.js'],
      report: 'node-tap',
    });
  });

  it("keeps the flags that let node load TypeScript (node --import tsx --test), and runs tsx's own --test", () => {
    const ts = (test: string) =>
      repo({ 'package.json': JSON.stringify({ scripts: { test }, devDependencies: { tsx: '4' } }), 'tsconfig.json': '{}' });
    const files = ['test/sub.test.ts'];
    expect(detectTestCommand(ts('node --import tsx --test test/*.test.ts'), files)?.test).toMatchObject({
      command: ['node', '--import', 'tsx', '--test', '--test-reporter=tap', 'test/sub.test.ts'],
      report: 'node-tap',
    });
    expect(detectTestCommand(ts('node --enable-source-maps --loader=ts-node/esm -r ./setup.cjs --test'), files)?.test.command).toEqual([
      'node',
      '--loader',
      'ts-node/esm',
      '-r',
      './setup.cjs',
      '--test',
      '--test-reporter=tap',
      'test/sub.test.ts',
    ]);
    expect(detectTestCommand(ts('node --experimental-strip-types --test'), files)?.test.command.slice(0, 3)).toEqual([
      'node',
      '--experimental-strip-types',
      '--test',
    ]);
    expect(detectTestCommand(ts('tsx --test test/*.test.ts'), files)?.test).toMatchObject({
      command: ['node_modules/.bin/tsx', '--test', '--test-reporter=tap', 'test/sub.test.ts'],
      report: 'node-tap',
    });
    expect(describeGivenCommand(['npx', 'tsx', '--test']).report).toBe('exit-code');
    // vitest by its path, as mocha: it was scored by its exit code.
    expect(describeGivenCommand(['/p/node_modules/.bin/vitest', 'run'])).toEqual({
      command: ['/p/node_modules/.bin/vitest', 'run', '--reporter=json'],
      report: 'vitest',
    });
    expect(describeGivenCommand(['node', '/p/node_modules/vitest/vitest.mjs', 'run']).report).toBe('vitest');
    expect(describeGivenCommand(['node_modules/.bin/tsx', '--test', 'a.test.ts'])).toEqual({
      command: ['node_modules/.bin/tsx', '--test', '--test-reporter=tap', 'a.test.ts'],
      report: 'node-tap',
    });
  });

  it('runs mocha with its json reporter over the changed test files', () => {
    const pkg = '{"scripts":{"test":"mocha test"},"devDependencies":{"mocha":"10"}}';
    expect(detectTestCommand(repo({ 'package.json': pkg }), ['test/parse.js'])?.test).toMatchObject({
      command: ['node_modules/.bin/mocha', '--reporter', 'json', 'test/parse.js'],
      report: 'mocha',
    });
    expect(describeGivenCommand(['npx', 'mocha', 'test']).command).toEqual(['npx', 'mocha', 'test', '--reporter', 'json']);
  });

  it('knows vitest, jest, pytest, unittest, go and cargo', () => {
    expect(
      detectTestCommand(repo({ 'package.json': '{"scripts":{"test":"vitest run"}}', 'tsconfig.json': '{}' }), ['a.test.ts'])?.test.report,
    ).toBe('vitest');
    expect(detectTestCommand(repo({ 'package.json': '{"devDependencies":{"jest":"29"}}' }), ['a.test.js'])?.test.command).toEqual([
      'node_modules/.bin/jest',
      '--json',
      'a.test.js',
    ]);
    expect(detectTestCommand(repo({ 'pyproject.toml': '[tool.pytest.ini_options]\n' }), ['tests/test_a.py'])?.test.report).toBe('pytest');
    expect(detectTestCommand(repo({ 'src/a.py': '' }), ['tests/test_a.py'])?.test).toEqual({
      command: ['python3', '-m', 'unittest', '-v', 'tests/test_a.py'],
      report: 'unittest',
    });
    expect(detectTestCommand(repo({ 'go.mod': '' }), ['pkg/a_test.go', 'b_test.go'])?.test.command).toEqual([
      'go',
      'test',
      '-json',
      '.',
      './pkg',
    ]);
    expect(detectTestCommand(repo({ 'Cargo.toml': '' }), ['tests/a.rs'])?.test).toEqual({
      command: ['cargo', 'test', '--offline', '--no-fail-fast', '--test', 'a', '--', '-Z', 'unstable-options', '--format', 'json'],
      report: 'cargo',
    });
    expect(detectTestCommand(repo({ Makefile: '' }), ['tests/a.sh'])).toBeUndefined();
  });

  it('runs pytest where the hidden tests use it with no configuration file: an import, a bare test function, fixtures', () => {
    const inPackage = (text: string) =>
      detectTestCommand(repo({ 'setup.py': '', 'pkg/__init__.py': '', 'pkg/tests/test_a.py': text }), ['pkg/tests/test_a.py'])?.test;
    expect(inPackage('import pytest\n\nclass TestA:\n    def test_a(self):\n        with pytest.raises(ValueError): f()\n')).toMatchObject({
      command: ['python3', '-m', 'pytest', '-v', '--continue-on-collection-errors', 'pkg/tests/test_a.py'],
      report: 'pytest',
    });
    expect(inPackage('from pkg import f\n\ndef test_a():\n    assert f() == 1\n')?.report).toBe('pytest');
    expect(inPackage('def test_a(tmp_path):\n    assert tmp_path\n')?.report).toBe('pytest');
    // A TestCase with nothing of pytest's stays under unittest: its test names are unittest's.
    expect(inPackage('import unittest\n\nclass A(unittest.TestCase):\n    def test_a(self):\n        pass\n')?.report).toBe('unittest');
  });

  it("sets up a Python package as its tests expect: its metadata made once, its src/ root on the tests' path", () => {
    const src = detectTestCommand(repo({ 'pyproject.toml': '[project]\nname = "calc"\n', 'src/calc/__init__.py': '' }), [
      'tests/test_a.py',
    ]);
    expect(src?.test).toMatchObject({
      setup: ['python3', '-c', expect.stringContaining('--no-build-isolation')],
      env: { PYTHONPATH: 'src:.pyenv' },
    });
    expect(detectTestCommand(repo({ 'setup.py': '', 'calc/__init__.py': '' }), ['calc/test_a.py'])?.test.env).toEqual({
      PYTHONPATH: '.pyenv',
    });
    // No package to install (scripts and their tests): nothing is set up.
    expect(detectTestCommand(repo({ 'calc.py': '' }), ['test_calc.py'])?.test).not.toHaveProperty('setup');
  });

  it('prefers a runner named in the dependencies to a test script that chains other steps', () => {
    const detected = detectTestCommand(
      repo({ 'package.json': '{"scripts":{"test":"npm run lint && npm run unit"},"devDependencies":{"vitest":"4"}}' }),
      ['a.test.ts'],
    );
    expect(detected?.test.command).toEqual(['node_modules/.bin/vitest', 'run', '--reporter=json', 'a.test.ts']);
    expect(
      detectTestCommand(repo({ 'package.json': '{"devDependencies":{"vitest":"4"}}' }), ['features/a.feature', 'test/helper.ts']),
    ).toBeUndefined();
    expect(detectTestCommand(repo({ 'package.json': '{"scripts":{"test":"make check"}}' }), ['a.test.js'])?.test).toEqual({
      command: ['npm', 'test', '--silent'],
      report: 'exit-code',
    });
    // A script that also lints or formats would score a task by its style (css-what): no command, ask for one.
    for (const test of ['jshint && node test.js', 'eslint . && ./run-tests', 'prettier --check . && make check'])
      expect(detectTestCommand(repo({ 'package.json': JSON.stringify({ scripts: { test } }) }), ['a.test.js'])).toBeUndefined();
  });

  it('reads the report from a given command', () => {
    expect(describeGivenCommand(['node', '--test', 'test/'])).toEqual({
      command: ['node', '--test', '--test-reporter=tap', 'test/'],
      report: 'node-tap',
    });
    expect(describeGivenCommand(['make', 'check']).report).toBe('exit-code');
  });

  it('runs only the hidden go tests and cargo test binaries: the agent’s own tests in the package neither count nor dilute', () => {
    const goTests = 'package m\n\nfunc TestSub(t *testing.T) {}\nfunc helper(t *testing.T) {}\nfunc TestAdd(tt *testing.T) {}\n';
    expect(detectTestCommand(repo({ 'go.mod': '', 'm_test.go': goTests }), ['m_test.go'])?.test.command).toEqual([
      'go',
      'test',
      '-json',
      '-run',
      '^(TestAdd|TestSub)$',
      '.',
    ]);
    // A hidden test outside tests/*.rs (a workspace member's): every binary runs.
    expect(detectTestCommand(repo({ 'Cargo.toml': '' }), ['tests/a.rs', 'crates/b/tests/b.rs'])?.test.command).not.toContain('--test');
  });

  it("runs cargo tests with the features the repository's CI enables, else all of them", () => {
    const manifest = '[package]\nname = "c"\n\n[features]\ndefault = []\nserde = ["dep:serde"]\nunicode = []\n';
    const command = (files: Record<string, string>) =>
      detectTestCommand(repo({ 'Cargo.toml': manifest, ...files }), ['tests/a.rs'])?.test.command.slice(4, -5);
    expect(command({})).toEqual(['--all-features', '--test', 'a']);
    expect(
      command({ '.github/workflows/ci.yml': 'steps:\n  - run: cargo test --features unicode\n  - run: cargo test -F "serde unicode"\n' }),
    ).toEqual(['--features', 'serde,unicode', '--test', 'a']);
    expect(command({ '.github/workflows/ci.yml': '  - run: cargo test --all-features --workspace\n' })).toEqual([
      '--all-features',
      '--test',
      'a',
    ]);
    expect(command({ '.github/workflows/ci.yml': `  - run: cargo test --features ${'$'}{{ matrix.features }}\n` })).toEqual([
      '--all-features',
      '--test',
      'a',
    ]);
    expect(detectTestCommand(repo({ 'Cargo.toml': '[package]\nname = "c"\n' }), ['tests/a.rs'])?.test.command.slice(4, 6)).toEqual([
      '--test',
      'a',
    ]);
  });

  it('gives a given go or cargo command the event output its report reads (ADR 0017)', () => {
    expect(describeGivenCommand(['go', 'test', '-v', './...']).command).toEqual(['go', 'test', '-json', './...']);
    expect(describeGivenCommand(['go', 'test', '-json', '-v', './...']).command).toEqual(['go', 'test', '-json', '-v', './...']);
    expect(describeGivenCommand(['cargo', 'test']).command).toEqual([
      'cargo',
      'test',
      '--no-fail-fast',
      '--',
      '-Z',
      'unstable-options',
      '--format',
      'json',
    ]);
    expect(describeGivenCommand(['cargo', 'test', '--lib', '--', '--test-threads=1']).command).toEqual([
      'cargo',
      'test',
      '--lib',
      '--no-fail-fast',
      '--',
      '-Z',
      'unstable-options',
      '--format',
      'json',
      '--test-threads=1',
    ]);
  });
});
