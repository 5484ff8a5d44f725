// Finds vitest tests, suites and hooks that set a time limit of their own instead of their tier's (vitest.config.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { FLOORS } from './floors.js';

/** Vitest's calls that take a time limit: after their function (`it(name, fn, ms)`) or in their options (`{ timeout }`). */
const LIMITED = new Set(['it', 'test', 'describe', 'suite', 'bench', 'beforeAll', 'afterAll', 'beforeEach', 'afterEach']);

/** The folders vitest.config.ts runs tests from. */
const TEST_FOLDERS = [...Object.keys(FLOORS), 'bench', 'architecture'];

/** Every `*.test.ts` vitest runs, as [path from the root, text]. */
export function readTestFiles(root: string): Array<[string, string]> {
  const files: Array<[string, string]> = [];
  for (const folder of TEST_FOLDERS)
    for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.test.ts')) continue;
      const file = join(entry.parentPath, entry.name);
      files.push([relative(root, file), readFileSync(file, 'utf8')]);
    }
  return files.sort(([a], [b]) => a.localeCompare(b));
}

/** `path:line name(...)` for each call of LIMITED (through `.skipIf(x)`, `.each(t)`, `.only`) or `vi.setConfig` given a limit. */
export function findOwnTimeLimits(files: Array<[string, string]>): string[] {
  const found: string[] = [];
  for (const [path, text] of files) {
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const name = readCalleeRoot(node.expression);
        const callee = node.expression.getText(source);
        if (callee === 'vi.setConfig' || (name !== null && LIMITED.has(name) && setsLimit(node))) {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          found.push(`${path}:${line} ${callee === 'vi.setConfig' ? callee : name}(...)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** `it` for `it`, `it.skipIf(x)`, `it.each(t)`, `it.concurrent.only`: the identifier the chain starts from. */
function readCalleeRoot(expression: ts.Expression): string | null {
  let node: ts.Expression = expression;
  for (;;) {
    if (ts.isIdentifier(node)) return node.text;
    if (ts.isPropertyAccessExpression(node) || ts.isCallExpression(node)) node = node.expression;
    else return null;
  }
}

/** An argument after the test's function (vitest's `timeout`), or an options object naming `timeout`. */
function setsLimit(call: ts.CallExpression): boolean {
  const fn = call.arguments.findIndex((argument) => ts.isArrowFunction(argument) || ts.isFunctionExpression(argument));
  if (fn >= 0 && call.arguments.length > fn + 1) return true;
  return call.arguments.some(
    (argument) =>
      ts.isObjectLiteralExpression(argument) &&
      argument.properties.some(
        (property) => property.name !== undefined && ts.isIdentifier(property.name) && property.name.text === 'timeout',
      ),
  );
}
