// The JavaScript/TypeScript lister: each kind at its site, one edit each, nothing in comments, strings or outside functions.
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { listJsMutations } from './list-js-mutations.js';
import { applyMutation, locateSites } from './mutation.js';
import { describeEdits, JS_SOURCE, TS_SOURCE } from './test-fixtures/mutation-sources.js';

function list(path: string, source: string) {
  return locateSites(path, Buffer.from(source), listJsMutations(ts, path, source));
}

/** Syntax errors of a JavaScript or TypeScript text (no type checking). */
function findSyntaxErrors(path: string, text: string): string[] {
  const out = ts.transpileModule(text, { fileName: path, reportDiagnostics: true, compilerOptions: { target: ts.ScriptTarget.ES2022 } });
  return (out.diagnostics ?? []).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('listJsMutations', () => {
  it('lists every kind in a function, each one edit, and none in the comment, the string or outside the function', () => {
    expect(describeEdits(JS_SOURCE, list('src/clamp.js', JS_SOURCE))).toEqual([
      'remove-body 3:3 "if (value < min) return min;\\n  const limit = Math.min(max, 100);\\n  log(\\"clamped\\", value);\\n  return value > limit ? limit : value;" -> "throw new Error(\\"not implemented\\");"',
      'invert-condition 3:7 "value < min" -> "!(value < min)"',
      'change-operator 3:13 "<" -> "<="',
      'swap-arguments 4:26 "max, 100" -> "100, max"',
      'drop-statement 5:3 "log(\\"clamped\\", value);" -> ""',
      'swap-arguments 5:7 "\\"clamped\\", value" -> "value, \\"clamped\\""',
      'invert-condition 6:10 "value > limit" -> "!(value > limit)"',
      'change-operator 6:16 ">" -> ">="',
    ]);
  });

  it('reads TypeScript: a compound assignment is a statement to drop, a string concatenation is no operator to change', () => {
    expect(describeEdits(TS_SOURCE, list('src/counter.ts', TS_SOURCE))).toEqual([
      'remove-body 4:5 "this.count += step;\\n    return this.count * 2;" -> "throw new Error(\\"not implemented\\");"',
      'drop-statement 4:5 "this.count += step;" -> ""',
      'change-operator 5:23 "*" -> "/"',
    ]);
  });

  it('leaves every mutated program free of syntax errors', () => {
    for (const [path, source] of [
      ['src/clamp.js', JS_SOURCE],
      ['src/counter.ts', TS_SOURCE],
    ] as const)
      for (const mutation of list(path, source)) {
        const mutated = applyMutation(Buffer.from(source), mutation).toString('utf8');
        expect(findSyntaxErrors(path, mutated), `${mutation.kind} at ${mutation.line}:${mutation.column}`).toEqual([]);
      }
  });

  it('counts offsets in UTF-8 bytes after a non-ASCII character', () => {
    const source = 'function f(a, b) {\n  const s = "héllo";\n  return a - b;\n}\n';
    const operator = list('f.js', source).find((mutation) => mutation.kind === 'change-operator');
    expect(operator).toMatchObject({ line: 3, replacement: '+' });
    expect(Buffer.from(source).subarray(operator?.start, operator?.end).toString('utf8')).toBe('-');
  });

  it('never drops the unbraced body of an if, which would take the next statement with it', () => {
    const source = 'function f(x) {\n  if (x) g();\n  h();\n}\n';
    const dropped = list('f.js', source).filter((mutation) => mutation.kind === 'drop-statement');
    expect(dropped.map((mutation) => mutation.line)).toEqual([3]);
  });
});
