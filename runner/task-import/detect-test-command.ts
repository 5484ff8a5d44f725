// Picks a repository's test command, report format, set-up and language from the files it holds (npm, node:test, vitest, jest, pytest, unittest, go, cargo).
import type { TaskMeta, TaskTest } from '../task-bank/task-schema.js';
import { NPM_LOCKFILES } from '../task-bank/npm-lockfiles.js';
import { RUST_TEST_MODULE_SUFFIX } from '../acceptance/splice-rust-tests.js';
import { buildPytestOptions, usesPytest } from './read-pytest-config.js';
import { chooseCargoFeatures } from './read-cargo-features.js';
import { deriveGoImportPath } from './derive-go-import-path.js';
import type { RepoView } from './repo-view.js';
import { readNodeLoaders } from './read-node-loaders.js';
import { buildPythonPath, declaresPythonPackage, PYTHON_ENV_SETUP } from './python-env.js';

export interface DetectedTest {
  test: Required<Pick<TaskTest, 'command' | 'report'>> & Pick<TaskTest, 'setup' | 'env' | 'go_import_path'>;
  language: TaskMeta['language'];
}

export type { RepoView } from './repo-view.js';

/**
 * The cache first, the registry for what it lacks: with `--setup-network` it installs, without it only vendored or
 * cached packages do (`--offline` would refuse the registry even when the network is allowed). Lifecycle scripts are
 * not run: they are the repository's code, run before anyone looked at it.
 */
const NPM_SETUP = ['npm', 'ci', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'];
/**
 * No lockfile: npm resolves the ranges itself, so only with the registry (`--setup-network`); offline there is no
 * set-up and the import says so once (check-installable.ts). `--no-package-lock` leaves the fixture's files as they were.
 */
const NPM_INSTALL = ['npm', 'install', '--no-package-lock', '--prefer-offline', '--ignore-scripts', '--no-audit', '--no-fund'];

export function readPackageJson(repo: RepoView): { test?: string; deps: Set<string> } | undefined {
  const text = repo.read('package.json');
  if (text === undefined) return undefined;
  try {
    const json = JSON.parse(text) as { scripts?: Record<string, unknown>; dependencies?: object; devDependencies?: object };
    const scripts = json.scripts ?? {};
    // `npm run test:unit && ...`: the scripts the test script runs are read too (one level), so "c8 node --test"
    // under test:unit is still node's runner.
    const own = typeof scripts.test === 'string' ? scripts.test : undefined;
    const called = [...(own ?? '').matchAll(/\bnpm run ([\w:.-]+)/g)].map((match) => scripts[match[1] as string]);
    const test = own === undefined ? undefined : [own, ...called.filter((text): text is string => typeof text === 'string')].join(' ; ');
    return { test, deps: new Set([...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})]) };
  } catch {
    return { deps: new Set() }; // an unreadable package.json still marks a Node project
  }
}

function detectNode(
  repo: RepoView,
  pkg: { test?: string; deps: Set<string> },
  testPaths: string[],
  network: boolean,
): DetectedTest | undefined {
  const language = repo.paths.has('tsconfig.json') || testPaths.some((path) => /\.[cm]?tsx?$/.test(path)) ? 'typescript' : 'javascript';
  const locked = NPM_LOCKFILES.some((lock) => repo.paths.has(lock));
  const setup = pkg.deps.size === 0 ? undefined : locked ? NPM_SETUP : network ? NPM_INSTALL : undefined;
  const script = pkg.test ?? '';
  // Only the hidden test files run (the score is theirs, not the whole suite's); data files and helpers beside them do not.
  // Files in fixture folders are data the tests import (css-what's __fixtures__/tests.ts), never tests of their own.
  const scripts = testPaths.filter(
    (path) => /\.[cm]?[jt]sx?$/.test(path) && !/(?:^|\/)(?:__fixtures__|fixtures|__mocks__|test[-_]fixtures)\//.test(path),
  );
  const named = scripts.filter((path) => /\.(?:test|spec)\.[cm]?[jt]sx?$/.test(path));
  // A test script that chains other steps (lint, build) still names its runner in the dependencies: run that on the hidden tests.
  // With no file to name, vitest and jest would run the whole suite: no command then (the import says so). The local bin,
  // not npx: without the set-up's node_modules it fails at once, where npx waits on a registry the sandbox cannot reach.
  if (/\bvitest\b/.test(script) || pkg.deps.has('vitest'))
    return named.length === 0
      ? undefined
      : { language, test: { command: ['node_modules/.bin/vitest', 'run', '--reporter=json', ...named], report: 'vitest', setup } };
  if (/\bjest\b/.test(script) || pkg.deps.has('jest'))
    return named.length === 0
      ? undefined
      : { language, test: { command: ['node_modules/.bin/jest', '--json', ...named], report: 'jest', setup } };
  if (/\bmocha\b/.test(script) || pkg.deps.has('mocha'))
    return named.length === 0 && scripts.length === 0
      ? undefined
      : { language, test: { command: ['node_modules/.bin/mocha', '--reporter', 'json', ...scripts], report: 'mocha', setup } };
  const node = /(?:^|[\s;&|])node\b([^&|;]*?)--test\b/.exec(script);
  if (script === '' || node)
    return {
      language,
      test: {
        command: ['node', ...readNodeLoaders(node?.[1] ?? ''), '--test', '--test-reporter=tap', ...scripts],
        report: 'node-tap',
        setup,
      },
    };
  // tsx's own runner (`tsx --test`): node's, with TypeScript loaded.
  if (/(?:^|[\s;&|])tsx\b[^&|;]*--test\b/.test(script))
    return {
      language,
      test: { command: ['node_modules/.bin/tsx', '--test', '--test-reporter=tap', ...scripts], report: 'node-tap', setup },
    };
  // A script that lints or formats decides its exit code by style too (css-what's eslint, prettier, jshint): no
  // command then, so the import asks for --test-command rather than scoring tasks by formatting.
  if (/\b(?:eslint|prettier|jshint|jscs|tslint|standard|xo|biome|lint)\b/.test(script)) return undefined;
  return { language, test: { command: ['npm', 'test', '--silent'], report: 'exit-code', setup } };
}

/**
 * Every test binary runs (--no-fail-fast: the first failing one would stop the rest, whose tests then report
 * nothing), offline, and prints libtest's json events, the only output the cargo report reads (ADR 0017).
 */
const CARGO_TEST = ['cargo', 'test', '--offline', '--no-fail-fast', '--', '-Z', 'unstable-options', '--format', 'json'];

/**
 * Only the hidden tests' binaries (`--test stem` for each tests/stem.rs), so tests the agent adds elsewhere neither
 * count nor dilute the score; every binary when a hidden test lies elsewhere (a workspace member's tests/).
 */
function buildCargoTest(testPaths: string[], features: string[]): string[] {
  const rust = testPaths.filter((path) => path.endsWith('.rs'));
  const base = [...CARGO_TEST.slice(0, 4), ...features, ...CARGO_TEST.slice(4)];
  const stems = rust.map((path) => /^tests\/([^/]+)\.rs$/.exec(path)?.[1]);
  // A unit-test module spliced into a source file (`src/lib.rs.cfg-test`) runs in the library's own test binary.
  const unit = testPaths.some((path) => path.endsWith(`.rs${RUST_TEST_MODULE_SUFFIX}`));
  if (rust.length === 0 || unit || stems.some((stem) => stem === undefined)) return base;
  const split = base.indexOf('--');
  return [...base.slice(0, split), ...stems.flatMap((stem) => ['--test', stem as string]), ...base.slice(split)];
}

const GO_TEST_FUNC = /^func\s+(Test\w*)\s*\(\s*\w+\s+\*testing\.T\s*\)/gm;

/**
 * `-run '^(TestA|TestB)$'`: go runs every test of a package, the agent's own included; only the hidden files' top-level
 * tests (and their subtests) run. No filter when the files name none (helpers only).
 */
function selectGoTests(repo: RepoView, testPaths: string[]): string[] {
  const names = testPaths
    .filter((path) => path.endsWith('_test.go'))
    .flatMap((path) => [...(repo.read(path) ?? '').matchAll(GO_TEST_FUNC)].map((match) => match[1] as string));
  return names.length === 0 ? [] : ['-run', `^(${[...new Set(names)].sort().join('|')})$`];
}

/** A given `cargo test ...` with --no-fail-fast and libtest's json format added where it lacks them. */
function addLibtestJson(argv: string[]): string[] {
  const split = argv.indexOf('--');
  const cargoArgs = split < 0 ? argv : argv.slice(0, split);
  const testArgs = split < 0 ? [] : argv.slice(split + 1);
  const fast = cargoArgs.includes('--no-fail-fast') ? cargoArgs : [...cargoArgs, '--no-fail-fast'];
  const json =
    testArgs.includes('--format') || testArgs.some((arg) => arg.startsWith('--format='))
      ? testArgs
      : ['-Z', 'unstable-options', '--format', 'json', ...testArgs];
  return [...fast, '--', ...json];
}

/** Go runs packages, not files: the hidden Go files' folders (a workspace's go.work and test data are no package). */
function listGoPackages(testPaths: string[]): string[] {
  const goFiles = testPaths.filter((path) => path.endsWith('.go'));
  const folders = new Set(
    (goFiles.length > 0 ? goFiles : testPaths).map((path) => (path.includes('/') ? `./${path.slice(0, path.lastIndexOf('/'))}` : '.')),
  );
  return [...folders].sort();
}

/**
 * The test command for the hidden tests `testPaths`, from the tree's manifests; undefined when no convention applies or
 * the runner has none of them to run. `network`: the set-up may reach the registry (`--setup-network`).
 */
export function detectTestCommand(repo: RepoView, testPaths: string[], network = false): DetectedTest | undefined {
  const pkg = readPackageJson(repo);
  if (pkg) return detectNode(repo, pkg, testPaths, network);
  if (testPaths.some((path) => path.endsWith('.py')) || repo.paths.has('pyproject.toml') || repo.paths.has('setup.py')) {
    const files = testPaths.filter((path) => path.endsWith('.py'));
    // A package is installed as its tests expect (python-env.ts): metadata made once per manifests, source on the path.
    const env = declaresPythonPackage(repo) ? { setup: PYTHON_ENV_SETUP, env: { PYTHONPATH: buildPythonPath(repo) } } : {};
    return usesPytest(repo, files)
      ? {
          language: 'python',
          test: {
            command: ['python3', '-m', 'pytest', '-v', '--continue-on-collection-errors', ...buildPytestOptions(repo), ...files],
            report: 'pytest',
            ...env,
          },
        }
      : { language: 'python', test: { command: ['python3', '-m', 'unittest', '-v', ...files], report: 'unittest', ...env } };
  }
  // Before go.mod (GOPATH-era commits) the same command runs in GOPATH mode (GO111MODULE=auto, resolve-test-command.ts).
  // There a package imports its siblings by the repository's import path: the tests run with the tree laid out at it.
  if (repo.paths.has('go.mod') || testPaths.some((path) => path.endsWith('_test.go'))) {
    const importPath = deriveGoImportPath(repo);
    return {
      language: 'go',
      test: {
        command: ['go', 'test', '-json', ...selectGoTests(repo, testPaths), ...listGoPackages(testPaths)],
        report: 'go',
        ...(importPath === undefined ? {} : { go_import_path: importPath }),
      },
    };
  }
  if (repo.paths.has('Cargo.toml'))
    return { language: 'rust', test: { command: buildCargoTest(testPaths, chooseCargoFeatures(repo)), report: 'cargo' } };
  return undefined;
}

/** The report format of a command the user gave (`--test-command`); `node --test` gets the TAP reporter it is scored by. */
export function describeGivenCommand(argv: string[]): Pick<DetectedTest['test'], 'command' | 'report'> {
  const words = new Set(argv);
  // Scored by test identity: vitest and jest print a report naming each test only with their json output.
  // By its path too (`node_modules/.bin/vitest run`, `node /x/vitest/vitest.mjs run`), as mocha below.
  if (words.has('vitest') || argv.slice(0, 2).some((arg) => /\/vitest(?:\.mjs)?$/.test(arg)))
    return { command: argv.some((arg) => arg.startsWith('--reporter')) ? argv : [...argv, '--reporter=json'], report: 'vitest' };
  if (words.has('mocha') || argv[0]?.endsWith('/mocha'))
    return {
      command: words.has('--reporter') || argv.some((arg) => arg.startsWith('--reporter=')) ? argv : [...argv, '--reporter', 'json'],
      report: 'mocha',
    };
  if (words.has('jest')) return { command: words.has('--json') ? argv : [...argv, '--json'], report: 'jest' };
  if (words.has('pytest')) return { command: argv, report: 'pytest' };
  if (words.has('unittest')) return { command: argv, report: 'unittest' };
  if ((argv[0] === 'node' || /(?:^|\/)tsx$/.test(argv[0] ?? '')) && words.has('--test')) {
    const command = argv.some((arg) => arg.startsWith('--test-reporter'))
      ? argv
      : [...argv.slice(0, argv.indexOf('--test') + 1), '--test-reporter=tap', ...argv.slice(argv.indexOf('--test') + 1)];
    return { command, report: 'node-tap' };
  }
  // The go and cargo reports read test events only (ADR 0017): the flags that print them are added when missing.
  if (argv[0] === 'go' && argv[1] === 'test')
    return {
      command: words.has('-json') ? argv : [...argv.slice(0, 2), '-json', ...argv.slice(2).filter((arg) => arg !== '-v')],
      report: 'go',
    };
  if (argv[0] === 'cargo' && argv[1] === 'test') return { command: addLibtestJson(argv), report: 'cargo' };
  return { command: argv, report: 'exit-code' };
}
