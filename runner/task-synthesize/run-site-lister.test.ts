// The Python (ast) and Go (go/ast, go/types) listers, run for real: each kind at its site, one edit each, and programs that still parse.
import { describe, expect, it } from 'vitest';
import { allowSkip } from '../../kernel/index.js';
import { explainToolMissing } from '../task-import/test-fixtures/probe-tool.js';
import { applyMutation, locateSites } from './mutation.js';
import { listSites } from './run-site-lister.js';
import { describeEdits, GO_SOURCE, PYTHON_SOURCE } from './test-fixtures/mutation-sources.js';

async function listOne(language: 'python' | 'go', path: string, source: string) {
  const listed = await listSites(language, [path], new Map([[path, Buffer.from(source)]]), undefined);
  expect(Object.fromEntries(listed.unreadable)).toEqual({});
  return locateSites(path, Buffer.from(source), listed.sites.get(path) ?? []);
}

/** Lists every mutated variant again: a variant the parser refuses comes back unreadable. */
async function findUnparsable(language: 'python' | 'go', path: string, source: string): Promise<string[]> {
  const variants = new Map(
    (await listOne(language, path, source)).map((mutation, i) => [`v${i}/${path}`, applyMutation(Buffer.from(source), mutation)]),
  );
  const listed = await listSites(language, [...variants.keys()], variants, undefined);
  return [...listed.unreadable.keys()];
}

const pythonMissing = allowSkip(explainToolMissing(['python3', '-c', 'import ast; ast.parse("x").body[0].end_lineno']));
describe.skipIf(pythonMissing !== null)("the Python lister (the standard library's ast)", () => {
  it('lists every kind inside functions only, each one edit, with the docstring and module level left alone', async () => {
    expect(describeEdits(PYTHON_SOURCE, await listOne('python', 'calc.py', PYTHON_SOURCE))).toEqual([
      'remove-body 3:5 "if value < low:\\n        return low\\n    limit = min(high, 100)\\n    log(\\"clamped\\", value)\\n    return limit if value > limit else value" -> "raise NotImplementedError"',
      'invert-condition 3:8 "value < low" -> "not (value < low)"',
      'change-operator 3:14 "<" -> "<="',
      'drop-statement 5:5 "limit = min(high, 100)" -> "pass"',
      'swap-arguments 5:17 "high, 100" -> "100, high"',
      'drop-statement 6:5 "log(\\"clamped\\", value)" -> "pass"',
      'swap-arguments 6:9 "\\"clamped\\", value" -> "value, \\"clamped\\""',
      'invert-condition 7:21 "value > limit" -> "not (value > limit)"',
      'change-operator 7:27 ">" -> ">="',
    ]);
  });

  it('leaves every mutated program parsable', async () => {
    expect(await findUnparsable('python', 'calc.py', PYTHON_SOURCE)).toEqual([]);
  });

  it('says which file it could not parse, and lists the others', async () => {
    const tree = new Map([
      ['bad.py', Buffer.from('def f(:\n')],
      ['good.py', Buffer.from('def f(a):\n    return a + 1\n')],
    ]);
    const listed = await listSites('python', ['bad.py', 'good.py'], tree, undefined);
    expect([...listed.unreadable.keys()]).toEqual(['bad.py']);
    expect(listed.sites.get('good.py')?.map((site) => site.kind)).toEqual(['remove-body', 'change-operator']);
  });
});

const goMissing = allowSkip(explainToolMissing(['go', 'version']));
describe.skipIf(goMissing !== null)('the Go lister (go/ast, with go/types where it can tell)', () => {
  it('lists every kind, and nothing that would not compile: a string +, a swap of two types, an import or a variable left unused', async () => {
    expect(describeEdits(GO_SOURCE, await listOne('go', 'calc/calc.go', GO_SOURCE))).toEqual([
      'remove-body 7:2 "if value < low {\\n\\t\\treturn low\\n\\t}\\n\\tlimit := min(high, 100)\\n\\ttotal = total + 1\\n\\trecord(value, \\"x\\")\\n\\treturn limit" -> "panic(\\"not implemented\\")"',
      'invert-condition 7:5 "value < low" -> "!(value < low)"',
      'change-operator 7:11 "<" -> "<="',
      'swap-arguments 10:15 "high, 100" -> "100, high"',
      'drop-statement 11:2 "total = total + 1" -> ""',
      'change-operator 11:16 "+" -> "-"',
      'drop-statement 12:2 "record(value, \\"x\\")" -> ""',
      // Not Join's body (its removal leaves "strings" imported and not used), nor Twice's record(d, "y") (d unused).
      'remove-body 22:26 "return a" -> "panic(\\"not implemented\\")"',
      'remove-body 27:2 "d := v * 2\\n\\trecord(d, \\"y\\")\\n\\treturn v" -> "panic(\\"not implemented\\")"',
      'change-operator 27:9 "*" -> "/"',
    ]);
  });

  it('leaves every mutated program parsable', async () => {
    expect(await findUnparsable('go', 'calc/calc.go', GO_SOURCE)).toEqual([]);
  });
});
