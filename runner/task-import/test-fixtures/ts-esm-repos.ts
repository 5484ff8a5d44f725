// A TypeScript history in the common ESM style (`import { sub } from './sub.js'` names sub.ts), tested with vitest or node:test under tsx.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NativeCommit } from './native-repos.js';

/** A fake service key, built in pieces so that this file itself does not read as a credential. */
export const TS_PLANTED_SECRET = ['sk', 'ant', 'api03', 'Hq3vLm8tR2wX6yN4bC9dF1kZ'].join('-');

/** The project's own node_modules (vitest, tsx), which the sandbox can read: the fixture histories are tested with them. */
export function findOwnNodeModules(): string {
  // The nearest folder above this file (under runner/, or dist/runner/ for the specs) with the project's vitest.
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir))
    if (existsSync(join(dir, 'node_modules', 'vitest'))) return realpathSync(join(dir, 'node_modules'));
  throw new Error(`expected the project's node_modules above ${import.meta.dirname}`);
}

/**
 * A set-up (`sh -c SCRIPT`) giving a candidate offline the runner the import detects for the history: for vitest a
 * `node_modules/.bin/vitest` script running the project's own vitest (a set-up may leave no link out of its folder);
 * for node:test (`node --import tsx --test`) a copy of the project's own tsx and esbuild, its one dependency.
 */
export function setUpOwnRunner(runner: 'vitest' | 'node-test', modules: string): string[] {
  // The script's `\$@` stays `$@` for the wrapper; printf turns each `\n` into a line end.
  const vitest = `printf "#!/bin/sh\\nexec node ${join(modules, 'vitest', 'vitest.mjs')} \\$@\\n" > node_modules/.bin/vitest`;
  const script =
    runner === 'vitest'
      ? `mkdir -p node_modules/.bin && ${vitest} && chmod +x node_modules/.bin/vitest`
      : `mkdir -p node_modules && cp -r ${['tsx', 'esbuild', '@esbuild'].map((name) => join(modules, name)).join(' ')} node_modules/`;
  return ['sh', '-c', script];
}

/** The same set-up as `--setup-command` takes it (no single quote is in the script). */
export function formatSetupFlag(argv: readonly string[]): string {
  return `${argv[0]} ${argv[1]} '${argv[2]}'`;
}

/** vitest's or node:test's way to write one test file checking `call` against `expected`. */
function testFile(runner: 'vitest' | 'node-test', module: string, name: string, call: string, expected: string): string {
  const head =
    runner === 'vitest'
      ? "import { expect, test } from 'vitest';\n"
      : "import assert from 'node:assert/strict';\nimport { test } from 'node:test';\n";
  const check = runner === 'vitest' ? `expect(${call}).toBe(${expected})` : `assert.equal(${call}, ${expected})`;
  return `${head}import { ${name} } from '${module}';\n\ntest('${name}', () => {\n  ${check};\n});\n`;
}

const SETTINGS_USER = (name: string, body: string) =>
  `import { precision } from './settings.js';\n\nexport function ${name}(value: number): string {\n  ${body}\n}\n`;

/**
 * Oldest first: a calculator whose modules import one another as `./x.js`. Newest first, as an import examines it:
 * div imports `./checks.js`, which its commit forgot (the tests do not load at that commit); mul (kept); three changes
 * whose new code imports `./settings.js`, the file holding the service key that every fixture leaves out (the tests
 * fail to import it: a left-out module, never a package to install); the settings (no tests); sub (kept, through
 * `./ops/index.js`). Before, the three stopped the import after mul was kept, "node module ./settings.js is not
 * installed", and sub was never examined.
 */
export function tsEsmHistory(runner: 'vitest' | 'node-test'): NativeCommit[] {
  const pkg =
    runner === 'vitest'
      ? { name: 'calc', type: 'module', scripts: { test: 'vitest run' }, devDependencies: { vitest: '^4.1.12' } }
      : { name: 'calc', type: 'module', scripts: { test: 'node --import tsx --test test/*.test.ts' }, devDependencies: { tsx: '^4.23.15' } };
  const tsconfig = { compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true } };
  const test = (module: string, name: string, call: string, expected: string) => testFile(runner, module, name, call, expected);
  return [
    {
      message: 'Start the calculator with add',
      write: {
        'package.json': `${JSON.stringify(pkg, null, 2)}\n`,
        'tsconfig.json': `${JSON.stringify(tsconfig, null, 2)}\n`,
        'src/add.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
        'src/index.ts': "export { add } from './add.js';\n",
        'test/add.test.ts': test('../src/index.js', 'add', 'add(2, 3)', '5'),
      },
    },
    {
      message: 'Add sub, which subtracts the second number from the first',
      write: {
        'src/ops/sub.ts': 'export function sub(a: number, b: number): number {\n  return a - b;\n}\n',
        'src/ops/index.ts': "export { sub } from './sub.js';\n",
        'src/index.ts': "export { add } from './add.js';\nexport { sub } from './ops/index.js';\n",
        'test/sub.test.ts': test('../src/index.js', 'sub', 'sub(5, 3)', '2'),
      },
    },
    {
      message: 'Add the service settings: the key and the precision',
      write: { 'src/settings.ts': `export const serviceKey = "${TS_PLANTED_SECRET}";\nexport const precision = 2;\n` },
    },
    ...(
      [
        ['round', 'Round a number to the configured precision, as text', 'return value.toFixed(precision);', 'round(1.234)', "'1.23'"],
        ['percent', 'Show a share as a percentage with the configured precision', 'return `${(value * 100).toFixed(precision)}%`;', 'percent(0.5)', "'50.00%'"],
        ['money', 'Show an amount of money with the configured precision and its sign', 'return `$${value.toFixed(precision)}`;', 'money(3)', "'$3.00'"],
      ] as const
    ).map(([name, message, body, call, expected]) => ({
      message,
      write: { [`src/${name}.ts`]: SETTINGS_USER(name, body), [`test/${name}.test.ts`]: test(`../src/${name}.js`, name, call, expected) },
    })),
    {
      message: 'Add mul, which multiplies two numbers',
      write: {
        'src/mul.ts': 'export function mul(a: number, b: number): number {\n  return a * b;\n}\n',
        'test/mul.test.ts': test('../src/mul.js', 'mul', 'mul(4, 5)', '20'),
      },
    },
    {
      message: 'Add div, which refuses to divide by zero',
      write: {
        'src/div.ts':
          "import { checkNonZero } from './checks.js';\n\nexport function div(a: number, b: number): number {\n  return a / checkNonZero(b);\n}\n",
        'test/div.test.ts': test('../src/div.js', 'div', 'div(6, 3)', '2'),
      },
    },
  ];
}
