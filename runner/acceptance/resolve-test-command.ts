// The argv a task's hidden tests run with: task.json's own command, else a default for its report kind and language.
import { existsSync, lstatSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join } from 'node:path';
import { AppError, findPackageRoot } from '../../kernel/index.js';
import type { TaskMeta, TaskTest } from '../task-bank/task-schema.js';
import { resolveNativeTool } from './resolve-native-tool.js';

export interface TestCommand {
  argv: [string, ...string[]];
  /** Folders the command must read inside the sandbox besides node and this package (the TypeScript hook's esbuild, a rust toolchain). */
  expose: string[];
  /** Variables the report kind needs besides the tests' own few (build-test-env.ts): REPORT_ENV. */
  env: Record<string, string>;
  /** Folders put first on the tests' PATH (a rust toolchain's bin, where cargo finds rustc). */
  pathFirst: string[];
}

/**
 * go: GO111MODULE=auto runs a tree without go.mod in GOPATH mode, where the package is named `_<its folder>`.
 * cargo: libtest prints its json events only with -Z unstable-options, which stable toolchains since 1.70 accept only
 * under RUSTC_BOOTSTRAP=1 (ADR 0017). go: a go.mod naming a newer go must not make go 1.21+ download a toolchain.
 */
const REPORT_ENV: Partial<Record<TaskTest['report'], Record<string, string>>> = {
  cargo: { RUSTC_BOOTSTRAP: '1' },
  // auto: module mode where a go.mod is, GOPATH mode in a tree from before go modules (imported old commits).
  go: { GOTOOLCHAIN: 'local', GO111MODULE: 'auto' },
};

export interface TestCommandRequest {
  test?: TaskTest | undefined;
  language?: TaskMeta['language'] | undefined;
  /** The task's hidden tests: TypeScript test files are listed by name (Node 20's `--test tests/` finds only .js). */
  testsDir: string;
  perTestTimeoutMs: number;
}

/** `unittest` without a command: the stdlib runner over tests/, found on the sandbox's PATH (/usr/bin/python3 when HOME is hidden). */
const UNITTEST_COMMAND: [string, ...string[]] = ['python3', '-m', 'unittest', 'discover', '-s', 'tests', '-v'];

/** Throws BAD_INPUT for a report kind that has no default command, naming test.command. */
export function resolveTestCommand(request: TestCommandRequest): TestCommand {
  const { test, perTestTimeoutMs } = request;
  const report = test?.report ?? 'node-tap';
  // The task's own environment (an imported Python package's PYTHONPATH) next to what its report kind needs.
  const env = { ...REPORT_ENV[report], ...test?.env };
  if (test?.command) {
    const [program, ...args] = test.command as [string, ...string[]];
    const tool = resolveNativeTool(program, process.env.PATH);
    const cargoHome = report === 'cargo' ? readCargoHome(process.env) : undefined;
    const home = cargoHome === undefined ? { expose: [], env } : { expose: [cargoHome], env: { ...env, CARGO_HOME: cargoHome } };
    if (tool === null) return { argv: [program, ...args], expose: home.expose, env: home.env, pathFirst: [] };
    return { argv: [tool.file, ...args], expose: [...tool.expose, ...home.expose], env: home.env, pathFirst: tool.pathFirst };
  }
  if (report === 'unittest') return { argv: [...UNITTEST_COMMAND], expose: [], env, pathFirst: [] };
  if (report !== 'node-tap')
    throw new AppError(
      'BAD_INPUT',
      `expected test.command in task.json for report "${report}" (only node-tap and unittest have a default)`,
      {
        where: 'test.command',
      },
    );
  const tap = ['--test', '--test-reporter=tap', `--test-timeout=${perTestTimeoutMs}`];
  if (request.language !== 'typescript') return { argv: [process.execPath, ...tap, 'tests/'], expose: [], env, pathFirst: [] };
  const hook = findTypescriptHook();
  const files = listTestFiles(request.testsDir, '').map((file) => `tests/${file}`);
  if (files.length === 0) throw new AppError('BAD_INPUT', 'expected *.test.ts files in the hidden tests', { where: request.testsDir });
  return { argv: [process.execPath, '--import', hook.register, ...tap, ...files], expose: hook.expose, env, pathFirst: [] };
}

/**
 * The `--import` hook shipped in scripts/typescript-tests, the esbuild package it loads and the folder of esbuild's
 * native binary, which its JavaScript API starts as a child process (ADR 0039).
 */
function findTypescriptHook(): { register: string; expose: string[] } {
  const root = findPackageRoot();
  if (root === null) throw new AppError('NOT_FOUND', 'expected the agent-tracker package folder (for the TypeScript test hook)');
  const hookDir = join(root, 'scripts', 'typescript-tests');
  const fromHook = createRequire(join(hookDir, 'loader.mjs'));
  let esbuildDir: string;
  try {
    esbuildDir = dirname(fromHook.resolve('esbuild/package.json'));
  } catch {
    throw new AppError(
      'NOT_FOUND',
      'expected the npm package esbuild (a dependency of agent-tracker) for TypeScript tasks: run npm install',
      { where: hookDir },
    );
  }
  return { register: join(hookDir, 'register.mjs'), expose: [hookDir, esbuildDir, ...findEsbuildBinaryDir(esbuildDir)] };
}

/**
 * esbuild's binary ships in one optional package per platform, `@esbuild/<platform>-<arch>` (Node's own names on the
 * platforms bubblewrap runs on), resolved from esbuild's folder as its install script does; none when absent.
 */
function findEsbuildBinaryDir(esbuildDir: string): string[] {
  try {
    const fromEsbuild = createRequire(join(esbuildDir, 'package.json'));
    return [dirname(fromEsbuild.resolve(`@esbuild/${process.platform}-${process.arch}/package.json`))];
  } catch {
    return [];
  }
}

/** `*.test.ts` (and .mts) files under dir, sorted, as paths relative to it. */
function listTestFiles(dir: string, prefix: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    const rel = prefix ? `${prefix}/${name}` : name;
    if (lstatSync(join(dir, rel)).isDirectory()) files.push(...listTestFiles(dir, rel));
    else if (/\.test\.m?ts$/.test(name)) files.push(rel);
  }
  return files;
}

/**
 * The runner's own CARGO_HOME when it names one: a registry cache filled on the host (`cargo fetch`), which the tests
 * read offline through a read-only bind (cargo takes a shared lock where the cache is read-only, rust-lang/cargo#6940).
 * Without it the tests' cargo home is their empty HOME's, and a crate with any dependency cannot build.
 */
export function readCargoHome(env: NodeJS.ProcessEnv): string | undefined {
  const home = env.CARGO_HOME;
  return home !== undefined && isAbsolute(home) && existsSync(join(home, 'registry')) ? home : undefined;
}
