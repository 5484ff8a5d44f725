// Repositories built to trap a scorer that counts tests instead of naming them: many old passing tests beside one
// new test (pytest), and a Go package that does not build on the fixture once the new tests are laid over it.
import type { NativeCommit } from './native-repos.js';

const PY_ADD = 'def add(a, b):\n    return a + b\n';
const PY_MUL = '\n\ndef mul(a, b):\n    return a * b\n';
const OLD_PY_TESTS = Array.from({ length: 20 }, (_, i) => `def test_add_${i}():\n    assert add(${i}, 1) == ${i + 1}\n`).join('\n\n');

/** 20 passing tests of add, then a commit adding mul and one test of it to the same file. */
export function pytestManyOldTests(): NativeCommit[] {
  return [
    {
      message: 'Start',
      write: {
        'pyproject.toml': '[project]\nname = "calc"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
        'calc.py': PY_ADD,
        'tests/test_calc.py': `from calc import add\n\n\n${OLD_PY_TESTS}`,
      },
    },
    {
      message: 'Add mul with its test',
      write: {
        'calc.py': `${PY_ADD}${PY_MUL}`,
        'tests/test_calc.py': `from calc import add, mul\n\n\n${OLD_PY_TESTS}\n\ndef test_mul():\n    assert mul(3, 4) == 12\n`,
      },
    },
  ];
}

const GO_ADD = 'func Add(a, b int) int {\n\treturn a + b\n}\n';
const GO_COMPARE = '\nfunc Compare(a, b int) int {\n\tif a < b {\n\t\treturn -1\n\t}\n\tif a > b {\n\t\treturn 1\n\t}\n\treturn 0\n}\n';
const GO_TEST_ADD = 'func TestAdd(t *testing.T) {\n\tif Add(2, 2) != 4 {\n\t\tt.Fatal("2+2")\n\t}\n}\n';
const GO_TEST_COMPARE =
  '\nfunc TestCompareLess(t *testing.T) {\n\tif Compare(1, 2) != -1 {\n\t\tt.Fatal("1<2")\n\t}\n}\n\nfunc TestCompareEqual(t *testing.T) {\n\tif Compare(2, 2) != 0 {\n\t\tt.Fatal("2=2")\n\t}\n}\n';

/** The stub a careless agent writes: it compiles, and passes only the equal case. */
export const GO_COMPARE_STUB = `package calc\n\n${GO_ADD}\nfunc Compare(a, b int) int {\n\treturn 0\n}\n`;

/** TestAdd passes before; the commit adds Compare and two tests to the same file, which then does not build on the fixture. */
export function goBuildBreak(): NativeCommit[] {
  return [
    {
      message: 'Start',
      write: {
        'go.mod': 'module example.com/calc\n\ngo 1.19\n',
        'calc.go': `package calc\n\n${GO_ADD}`,
        'calc_test.go': `package calc\n\nimport "testing"\n\n${GO_TEST_ADD}`,
      },
    },
    {
      message: 'Add Compare with its tests',
      write: {
        'calc.go': `package calc\n\n${GO_ADD}${GO_COMPARE}`,
        'calc_test.go': `package calc\n\nimport "testing"\n\n${GO_TEST_ADD}${GO_TEST_COMPARE}`,
      },
    },
  ];
}

/** The new test calls compareInts, a helper the change adds without making it public (go's lowercase). */
export function goInternalHelper(): NativeCommit[] {
  const [start, change] = goBuildBreak() as [NativeCommit, NativeCommit];
  const helper = '\nfunc compareInts(a, b int) int {\n\treturn Compare(a, b)\n}\n';
  const test = '\nfunc TestCompareInts(t *testing.T) {\n\tif compareInts(1, 2) != -1 {\n\t\tt.Fatal("1<2")\n\t}\n}\n';
  return [
    start,
    {
      message: 'Add Compare and a helper, tested',
      write: {
        'calc.go': `${change.write['calc.go']}${helper}`,
        'calc_test.go': `${change.write['calc_test.go']}${test}`,
      },
    },
  ];
}

/** A change whose whole message is an issue reference. */
export function pytestThinMessage(): NativeCommit[] {
  const [start, change] = pytestManyOldTests() as [NativeCommit, NativeCommit];
  return [start, { ...change, message: '# Fix #9' }];
}

/**
 * A pytest configuration that adds --timeout (pytest-timeout, not installed) beside pytest-cov's --cov (dropped by the
 * import: coverage never changes a verdict), then four changes each adding a tested function.
 */
export function pytestMissingPlugin(): NativeCommit[] {
  const config = '[project]\nname = "calc"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\naddopts = "--cov=calc --timeout=30"\n';
  const commits: NativeCommit[] = [{ message: 'Start', write: { 'pyproject.toml': config, 'calc.py': PY_ADD } }];
  let source = PY_ADD;
  for (const name of ['double', 'triple', 'square', 'negate']) {
    source += `\n\ndef ${name}(a):\n    return a\n`;
    commits.push({
      message: `Add ${name} with its test`,
      write: { 'calc.py': source, [`tests/test_${name}.py`]: `from calc import ${name}\n\n\ndef test_${name}():\n    assert ${name}(1) == 1\n` },
    });
  }
  return commits;
}

/** goBuildBreak from before go modules: no go.mod, so the tests run in GOPATH mode. */
export function goWithoutModule(): NativeCommit[] {
  return goBuildBreak().map((commit) => ({ ...commit, write: Object.fromEntries(Object.entries(commit.write).filter(([path]) => path !== 'go.mod')) }));
}

/**
 * Before go modules, a subpackage importing its repository's root package by its import path (named by the root's
 * import comment): it builds only with the tree laid out at that path in GOPATH.
 */
export function goGopathSubpackage(): NativeCommit[] {
  const si = (body: string) => `package si\n\nimport "github.com/x/calc"\n\nfunc Twice(a int) int {\n\treturn calc.Add(a, a)\n}\n${body}`;
  const test = (body: string) => `package si\n\nimport "testing"\n\nfunc TestTwice(t *testing.T) {\n\tif Twice(2) != 4 {\n\t\tt.Fatal("2*2")\n\t}\n}\n${body}`;
  return [
    { message: 'Start', write: { 'calc.go': `package calc // import "github.com/x/calc"\n\n${GO_ADD}`, 'si/si.go': si(''), 'si/si_test.go': test('') } },
    {
      message: 'Add Quad with its test',
      write: {
        'si/si.go': si('\nfunc Quad(a int) int {\n\treturn calc.Add(Twice(a), Twice(a))\n}\n'),
        'si/si_test.go': test('\nfunc TestQuad(t *testing.T) {\n\tif Quad(2) != 8 {\n\t\tt.Fatal("4*2")\n\t}\n}\n'),
      },
    },
  ];
}

/** A Node package with a dependency and no lockfile whose new code imports it: offline, no set-up can install it. */
export function nodeUnpinnedDependency(): NativeCommit[] {
  const pkg = '{"type":"module","scripts":{"test":"node --test"},"dependencies":{"is-number":"7.0.0"}}\n';
  const commits: NativeCommit[] = [{ message: 'Start', write: { 'package.json': pkg, 'calc.js': 'export const one = 1;\n' } }];
  let source = "import isNumber from 'is-number';\nexport const one = 1;\n";
  for (const name of ['double', 'triple', 'square', 'negate']) {
    source += `export const ${name} = (a) => { if (!isNumber(a)) throw new TypeError('a'); return a; };\n`;
    commits.push({
      message: `Add ${name} with its test`,
      write: {
        'calc.js': source,
        [`test/${name}.test.js`]: `import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { ${name} } from '../calc.js';\ntest('${name}', () => assert.equal(${name}(1), 1));\n`,
      },
    });
  }
  return commits;
}

const RS_MODULE = (tests: string) => `\n#[cfg(test)]\nmod tests {\n    use super::*;\n${tests}}\n`;
const RS_TEST_ADD = '\n    #[test]\n    fn adds() {\n        assert_eq!(add(2, 2), 4);\n    }\n';
const RS_TEST_SUB = '\n    #[test]\n    fn subtracts() {\n        assert_eq!(sub(3, 1), 2);\n    }\n';

/** A crate whose tests all live in `#[cfg(test)] mod tests` of src/lib.rs: the new test is spliced, the old one is pass_to_pass. */
export function rustUnitTests(): NativeCommit[] {
  const toml = '[package]\nname = "calc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n';
  const add = 'pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n';
  const sub = '\npub fn sub(a: i32, b: i32) -> i32 {\n    a - b\n}\n';
  return [
    { message: 'Start', write: { 'Cargo.toml': toml, 'src/lib.rs': `${add}${RS_MODULE(RS_TEST_ADD)}` } },
    { message: 'Add sub with its unit test', write: { 'src/lib.rs': `${add}${sub}${RS_MODULE(`${RS_TEST_ADD}${RS_TEST_SUB}`)}` } },
  ];
}

/**
 * rust-shlex's layout: tests are top-level `#[test]` functions beside the code, a `#[cfg(test)]` table they read, no
 * test module (0 of 28 commits imported).
 */
export function rustTopLevelTests(): NativeCommit[] {
  const toml = '[package]\nname = "calc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n';
  const add = 'pub fn add(a: i32, b: i32) -> i32 {\n    a + b\n}\n';
  const sub = '\npub fn sub(a: i32, b: i32) -> i32 {\n    a - b\n}\n';
  const table = (rows: string) => `\n#[cfg(test)]\nstatic CASES: &[(i32, i32, i32)] = &[${rows}];\n`;
  const adds = '\n#[test]\nfn adds() {\n    for &(a, b, sum) in CASES { assert_eq!(add(a, b), sum); }\n}\n';
  const subs = '\n/// The new function.\n#[test]\nfn subtracts() {\n    assert_eq!(sub(3, 1), 2);\n}\n';
  return [
    { message: 'Start', write: { 'Cargo.toml': toml, 'src/lib.rs': `${add}${table('(1, 1, 2)')}${adds}` } },
    { message: 'Add sub with its test', write: { 'src/lib.rs': `${add}${table('(1, 1, 2), (2, 2, 4)')}${adds}${sub}${subs}` } },
  ];
}

/**
 * buger/jsonparser's layout: a root module and a nested one (`bench/` with its own go.mod). One change touches tests
 * in both; one only the nested module's (such commits were environment failures that stopped the
 * import); one only those of a nested module that requires another (`tools/`, set aside without --setup-network).
 */
export function goNestedModule(): NativeCommit[] {
  const test = (pkg: string, body: string) => `package ${pkg}\n\nimport "testing"\n\n${body}\n`;
  const add = 'func Add(a, b int) int {\n\treturn a + b\n}\n';
  const sub = '\nfunc Sub(a, b int) int {\n\treturn a - b\n}\n';
  const bench = (n: number) => `package bench\n\nfunc Size() int { return ${n} }\n`;
  const tools = (n: number) => `package tools\n\nfunc Count() int { return ${n} }\n`;
  const counts = (n: number) => test('tools', `func TestCount(t *testing.T) {\n\tif Count() != ${n} {\n\t\tt.Fatal()\n\t}\n}`);
  return [
    {
      message: 'Start',
      write: {
        'go.mod': 'module example.com/calc\n\ngo 1.19\n',
        'calc.go': `package calc\n\n${add}`,
        'bench/go.mod': 'module example.com/calc/bench\n\ngo 1.18\n',
        'bench/bench.go': bench(1),
        'bench/bench_test.go': test('bench', 'func TestSize(t *testing.T) {}'),
        'tools/go.mod': 'module example.com/calc/tools\n\ngo 1.21\n\nrequire example.com/greet v1.0.0\n',
        'tools/tools.go': tools(1),
        'tools/tools_test.go': counts(1),
      },
    },
    {
      message: 'Add sub with its tests',
      write: {
        'calc.go': `package calc\n\n${add}${sub}`,
        'sub_test.go': test('calc', 'func TestSub(t *testing.T) {\n\tif Sub(3, 1) != 2 {\n\t\tt.Fatal("3-1")\n\t}\n}'),
        'bench/bench_test.go': test('bench', 'func TestSize(t *testing.T) {\n\tif Size() < 1 {\n\t\tt.Fatal()\n\t}\n}'),
      },
    },
    {
      message: 'Grow the benchmark input to two',
      write: {
        'bench/bench.go': bench(2),
        'bench/bench_test.go': test('bench', 'func TestSize(t *testing.T) {\n\tif Size() != 2 {\n\t\tt.Fatal()\n\t}\n}'),
      },
    },
    { message: 'Count the tools to two', write: { 'tools/tools.go': tools(2), 'tools/tools_test.go': counts(2) } },
  ];
}

/**
 * css-what's layout: a spec file loops over rows of a fixture module; a fix adds a row there and changes no spec file
 * (15 such fixes were refused "no test command found").
 */
export function nodeDataRows(): NativeCommit[] {
  const pkg = '{"type":"module","scripts":{"test":"node --test"}}\n';
  const rows = (extra: string) => `export const cases = [\n  ['a b', 'a b'],\n${extra}];\n`;
  const spec =
    "import { test } from 'node:test';\nimport assert from 'node:assert';\nimport { squeeze } from '../src/squeeze.js';\nimport { cases } from './__fixtures__/cases.js';\n\nfor (const [input, output] of cases) test(`squeeze ${JSON.stringify(input)}`, () => assert.equal(squeeze(input), output));\n";
  return [
    {
      message: 'Start',
      write: {
        'package.json': pkg,
        'src/squeeze.js': "export const squeeze = (text) => text.replace(/ +/g, ' ');\n",
        'test/__fixtures__/cases.js': rows(''),
        'test/squeeze.test.js': spec,
      },
    },
    {
      message: 'Squeeze tabs too, not only spaces',
      write: {
        'src/squeeze.js': "export const squeeze = (text) => text.replace(/[ \\t]+/g, ' ');\n",
        'test/__fixtures__/cases.js': rows("  ['a\\t\\tb', 'a b'],\n"),
      },
    },
  ];
}
