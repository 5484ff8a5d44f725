// Code under test that prints fake pass lines, and adds passing tests of its own, scored with the real go, cargo,
// pytest and unittest: the score is the hidden tests' honest one. Each tool absent here skips, saying so.
import { allowSkip } from '../../kernel/index.js';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainToolMissing } from '../task-import/test-fixtures/probe-tool.js';
import { runAcceptanceTests } from './run-acceptance-tests.js';
import type { TaskTest } from '../task-bank/task-schema.js';
import { removeScratch } from '../test-fixtures/remove-scratch.js';

const parent = mkdtempSync(join(tmpdir(), 'native-forgery-'));
chmodSync(parent, 0o755);
afterAll(() => removeScratch(parent));

/** Writes `work` and `hidden` under a fresh folder and scores the hidden tests on the host. */
async function score(name: string, work: Record<string, string>, hidden: Record<string, string>, test: TaskTest) {
  const root = join(parent, name);
  for (const [dir, files] of [
    ['work', work],
    ['hidden', hidden],
  ] as const)
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, dir, path)), { recursive: true });
      writeFileSync(join(root, dir, path), text);
    }
  return runAcceptanceTests({ workDir: join(root, 'work'), testsDir: join(root, 'hidden'), test, timeoutMs: 180_000 });
}

const FAKE_GO = [
  '=== RUN   TestFake',
  '--- PASS: TestFake (0.00s)',
  '--- PASS: TestSub (0.00s)',
  '{"Action":"pass","Package":"example.com/calc","Test":"TestSubZero"}',
  'ok  \\texample.com/calc\\t0.001s',
];
const goMissing = allowSkip(explainToolMissing(['go', 'version']));
describe.skipIf(goMissing !== null)(`go test -json${goMissing ? ` (skipped: ${goMissing})` : ''}`, () => {
  it('scores a wrong Sub that prints fake passes and brings five passing tests of its own 1 of 2, as the hidden tests honestly say', async () => {
    const result = await score(
      'go',
      {
        'go.mod': 'module example.com/calc\n\ngo 1.19\n',
        'calc.go': `package calc\n\nimport "fmt"\n\nfunc Sub(a, b int) int {\n${FAKE_GO.map((line) => `\tfmt.Println("${line.replaceAll('"', '\\"')}")\n`).join('')}\treturn a + b\n}\n`,
        'own_test.go': `package calc\n\nimport "testing"\n\n${[1, 2, 3, 4, 5].map((i) => `func TestOwn${i}(t *testing.T) {}\n`).join('')}`,
      },
      {
        'sub_test.go':
          'package calc\n\nimport "testing"\n\nfunc TestSub(t *testing.T) {\n\tif Sub(3, 1) != 2 {\n\t\tt.Fatal("3-1")\n\t}\n}\n\nfunc TestSubZero(t *testing.T) {\n\tif Sub(5, 0) != 5 {\n\t\tt.Fatal("5-0")\n\t}\n}\n',
      },
      { report: 'go', layout: 'overlay', command: ['go', 'test', '-json', '-run', '^(TestSub|TestSubZero)$', '.'] },
    );
    // Sub(5, 0) is right even when Sub adds: honestly 1 of 2.
    expect(result).toMatchObject({ total: 2, passed: 1, failed: 1 });
  });
});

const cargoMissing = allowSkip(explainToolMissing(['cargo', '--version']));
const CARGO_FAKES = [
  'test result: ok. 99 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s',
  '{ "type": "test", "event": "started", "name": "fake" }',
  '{ "type": "test", "name": "fake", "event": "ok" }',
];
describe.skipIf(cargoMissing !== null)(`cargo test, libtest json${cargoMissing ? ` (skipped: ${cargoMissing})` : ''}`, () => {
  it('scores a wrong sub that println!s fake results, and brings a passing test binary of its own, by the hidden tests alone', async () => {
    const prints = CARGO_FAKES.map((line) => `    println!("{}", ${JSON.stringify(line)});\n`).join('');
    const result = await score(
      'cargo',
      {
        'Cargo.toml': '[package]\nname = "calc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n',
        'src/lib.rs': `pub fn sub(a: i64, b: i64) -> i64 {\n${prints}    a + b\n}\n`,
        'tests/own.rs': [1, 2, 3].map((i) => `#[test]\nfn own${i}() {}\n`).join(''),
      },
      {
        'tests/sub.rs':
          '#[test]\nfn subtracts() {\n    assert_eq!(calc::sub(3, 1), 2);\n}\n\n#[test]\nfn zero() {\n    assert_eq!(calc::sub(5, 0), 5);\n}\n',
      },
      {
        report: 'cargo',
        layout: 'overlay',
        command: ['cargo', 'test', '--offline', '--no-fail-fast', '--test', 'sub', '--', '-Z', 'unstable-options', '--format', 'json'],
      },
    );
    expect(result).toMatchObject({ total: 2, passed: 1, failed: 1 });
  });
});

const FAKE_PY = ['==== 50 passed in 0.01s ====', 'Ran 50 tests in 0.001s', '', 'OK'];
const SUB_PY = `import sys\n\nfor _line in ${JSON.stringify(FAKE_PY)}:\n    print(_line)\n    print(_line, file=sys.stderr)\n\n\ndef sub(a, b):\n    print("==== 60 passed in 0.01s ====")\n    print("Ran 60 tests in 0.001s\\n\\nOK", file=sys.stderr)\n    return a + b\n`;
const PY_TESTS =
  'from calc import sub\n\n\ndef test_subtracts():\n    assert sub(3, 1) == 2\n\n\ndef test_zero():\n    assert sub(5, 0) == 5\n';
const UNITTESTS =
  'import unittest\nfrom calc import sub\n\n\nclass T(unittest.TestCase):\n    def test_subtracts(self):\n        self.assertEqual(sub(3, 1), 2)\n\n    def test_zero(self):\n        self.assertEqual(sub(5, 0), 5)\n';
const pytestMissing = allowSkip(explainToolMissing(['python3', '-c', 'import pytest']));

describe('python reports, a wrong sub printing fake summaries at import and in the call', () => {
  it.skipIf(pytestMissing !== null)(`pytest scores it 1 of 2${pytestMissing ? ` (skipped: ${pytestMissing})` : ''}`, async () => {
    const result = await score(
      'pytest',
      { 'calc.py': SUB_PY },
      { 'test_sub.py': PY_TESTS },
      {
        report: 'pytest',
        layout: 'tests-dir',
        command: ['python3', '-m', 'pytest', '-v', '-p', 'no:cacheprovider', 'tests/test_sub.py'],
      },
    );
    expect(result).toMatchObject({ total: 2, passed: 1, failed: 1 });
  });

  it.skipIf(!existsSync('/usr/bin/python3') && explainToolMissing(['python3', '--version']) !== null)(
    'unittest scores it 1 of 2',
    async () => {
      const result = await score(
        'unittest',
        { 'calc.py': SUB_PY },
        { 'test_sub.py': UNITTESTS },
        { report: 'unittest', layout: 'tests-dir' },
      );
      expect(result).toMatchObject({ total: 2, passed: 1, failed: 1 });
    },
  );
});
