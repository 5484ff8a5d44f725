// explainEnvironment on failures met on real repositories: the real cause, not "no summary".
import { describe, expect, it } from 'vitest';
import { explainEnvironment } from './explain-environment.js';

describe('explainEnvironment', () => {
  it.each([
    [
      'ERROR: usage: __main__.py [options] [file_or_dir] [file_or_dir] [...]\n__main__.py: error: unrecognized arguments: --cov=src --cov-report=term\n  inifile: /w/setup.cfg',
      /^pytest: unrecognized arguments --cov=src --cov-report=term \(the repository's pytest configuration needs a plugin/,
    ],
    [
      "ImportError while importing test module\nE   ModuleNotFoundError: No module named 'requests'",
      /^python module requests is not installed$/,
    ],
    ["Error: Cannot find module 'mocha'\nRequire stack:", /^node module mocha is not installed$/],
    ["Error: Cannot find module './build/Release/fs_ext.node'", /^native addon \.\/build\/Release\/fs_ext\.node is not built/],
    ['sh: 1: node_modules/.bin/mocha: not found', /^the test command node_modules\/\.bin\/mocha is not installed$/],
    [
      'calc_test.go:4:2: no required module provides package github.com/google/uuid; to add it:',
      /^go module for github.com\/google\/uuid is not in the module cache/,
    ],
    [
      'error: no matching package named `serde` found\nlocation searched: registry `crates-io`',
      /^cargo dependency serde is not in the registry cache/,
    ],
    [
      "bwrap: Can't mkdir parents for /var/tmp/tmp.x/old/data: Permission denied",
      /^the sandbox could not start \(an infrastructure failure, not the commit's\): bwrap: Can't mkdir parents/,
    ],
    [
      "error: could not read '/root/.rustup/settings.toml': Permission denied (os error 13)",
      /^a file the tests need is not readable inside the sandbox: error: could not read/,
    ],
  ])('names the cause in %j', (output, cause) => {
    const failure = explainEnvironment(output);
    expect(failure.cause).toMatch(cause);
    expect(failure.fix).not.toBe('');
  });
  it('tells a Python module missing to come from the host, never from --setup-network, which reaches no index for Python', () => {
    const { fix } = explainEnvironment("E   ModuleNotFoundError: No module named 'requests'");
    expect(fix).not.toContain('--setup-network');
    expect(fix).toContain("Debian's python3-* package");
  });
  it('tells a cargo dependency missing offline to be vendored or brought in a CARGO_HOME, never --setup-network, which fetches no crate', () => {
    const { fix } = explainEnvironment('error: no matching package named `serde` found\nlocation searched: registry `crates-io`');
    expect(fix).not.toContain('--setup-network');
    expect(fix).toMatch(/cargo vendor.*CARGO_HOME=DIR cargo fetch.*CARGO_HOME=DIR set/);
  });
  // A relative or absolute specifier names a file of the repository (a TypeScript `./x.js` is its x.ts): never a package.
  it.each([
    [
      '{"message":"Cannot find module \'./secret-rules.js\' imported from /tmp/arm/work/kernel/redact-secrets.ts","name":"x"}',
      { language: 'node', name: './secret-rules.js', importer: '/tmp/arm/work/kernel/redact-secrets.ts' },
    ],
    [
      "# Error [ERR_MODULE_NOT_FOUND]: Cannot find module '/tmp/arm/work/src/settings.js' imported from /tmp/arm/work/src/calc/round.ts",
      { language: 'node', name: '../settings.js', importer: '/tmp/arm/work/src/calc/round.ts' },
    ],
    [
      "src/round.ts(1,27): error TS2307: Cannot find module './settings.js' or its corresponding type declarations.",
      { language: 'node', name: './settings.js', importer: 'src/round.ts' },
    ],
    [
      'Error: Failed to resolve import "./settings.js" from "src/round.ts". Does the file exist?',
      { language: 'node', name: './settings.js', importer: 'src/round.ts' },
    ],
    [
      'Error: Failed to load url ./conf (resolved id: ./conf) in /w/src/round.ts. Does the file exist?',
      { language: 'node', name: './conf', importer: '/w/src/round.ts' },
    ],
    [
      // vitest's default reporter, coloured.
      "\u001b[31m\u001b[1mError\u001b[22m: Cannot find module './checks.js' imported from /tmp/arm/work/src/div.ts\u001b[39m",
      { language: 'node', name: './checks.js', importer: '/tmp/arm/work/src/div.ts' },
    ],
    [
      "Error: Cannot find module './conf'\nRequire stack:\n- /w/src/round.js\n- /w/test/round.test.js",
      { language: 'node', name: './conf', importer: '/w/src/round.js' },
    ],
  ])('names a file of the repository, with its importer, in %j', (output, module) => {
    const failure = explainEnvironment(output);
    expect(failure.module).toEqual(module);
    expect(failure.cause).toBe(
      `node module ${module.name} is a file of the repository's own, not a package, and the tests could not load it`,
    );
    expect(failure.fix).toMatch(/^nothing to install/);
  });

  it('still names a package by its name, with the fix to install dependencies', () => {
    expect(explainEnvironment("Error [ERR_MODULE_NOT_FOUND]: Cannot find package 'is-number' imported from /w/calc.js")).toMatchObject({
      cause: 'node module is-number is not installed',
      fix: expect.stringMatching(/^install the repository's dependencies/),
      module: { language: 'node', name: 'is-number', importer: '/w/calc.js' },
    });
  });

  it('keeps the last 40 lines and falls back to the last line', () => {
    const output = Array.from({ length: 60 }, (_, i) => `line ${i}`).join('\n');
    expect(explainEnvironment(output)).toMatchObject({
      cause: 'the tests did not run: line 59',
      tail: expect.arrayContaining(['line 20', 'line 59']),
    });
    expect(explainEnvironment(output).tail).toHaveLength(40);
  });
  it("names vitest's start-up error by its error line, not the `}` closing the error object after it", () => {
    const output = [
      'failed to load config from /arm/work/vitest.config.ts',
      '',
      '⎯⎯⎯⎯⎯⎯⎯ Startup Error ⎯⎯⎯⎯⎯⎯⎯⎯',
      "Error: ENOENT: no such file or directory, mkdir '/arm/work/node_modules/.vite-temp'",
      '    at async loadConfigFromBundledFile (file:///arm/work/node_modules/vite/dist/node/chunks/node.js:38161:4)',
      '{',
      '  errno: -2,',
      "  code: 'ENOENT',",
      '}',
    ].join('\n');
    expect(explainEnvironment(output).cause).toBe(
      "the tests did not run: Error: ENOENT: no such file or directory, mkdir '/arm/work/node_modules/.vite-temp'",
    );
    expect(explainEnvironment('running 3 tests\n    at x (y.js:1:1)\n}').cause).toBe('the tests did not run: running 3 tests');
  });
});
