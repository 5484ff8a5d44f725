// Repositories built to trap the test lists and the environment judgement: an extended Go test, a renamed
// Rust test beside a new one that stops the build, a helper linked into tests/, an RFC example URL, a feature-gated test.
import type { NativeCommit } from './native-repos.js';

const GO_CLAMP_LOW = 'func Clamp(x, lo, hi int) int {\n\tif x < lo {\n\t\treturn lo\n\t}\n\treturn x\n}\n';
const GO_CLAMP_BOTH = 'func Clamp(x, lo, hi int) int {\n\tif x < lo {\n\t\treturn lo\n\t}\n\tif x > hi {\n\t\treturn hi\n\t}\n\treturn x\n}\n';
const GO_TEST_LOW = '\tif Clamp(-5, 0, 10) != 0 {\n\t\tt.Fatal("below")\n\t}\n';
const GO_TEST_HIGH = '\tif Clamp(15, 0, 10) != 10 {\n\t\tt.Fatal("above")\n\t}\n';
const goTest = (body: string) => `package calc\n\nimport "testing"\n\nfunc TestClamp(t *testing.T) {\n${body}}\n`;

/** A bug fix that extends the existing TestClamp with the case it fixes (Masterminds/semver's TestVersionSegments64 kind). */
export function goExtendedTest(): NativeCommit[] {
  return [
    {
      message: 'Start',
      write: { 'go.mod': 'module example.com/calc\n\ngo 1.19\n', 'calc.go': `package calc\n\n${GO_CLAMP_LOW}`, 'calc_test.go': goTest(GO_TEST_LOW) },
    },
    {
      message: 'Clamp values above the upper bound too',
      write: { 'calc.go': `package calc\n\n${GO_CLAMP_BOTH}`, 'calc_test.go': goTest(`${GO_TEST_LOW}${GO_TEST_HIGH}`) },
    },
  ];
}

const RS_TOML = '[package]\nname = "calc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n';
const RS_PARSE = 'pub fn parse(s: &str) -> i64 {\n    s.parse().unwrap_or(0)\n}\n';
const RS_SEPARATED = '\npub fn parse_separated(s: &str) -> i64 {\n    parse(&s.replace(\'_\', ""))\n}\n';
/** The wrong but plausible parse_separated: it compiles and keeps the old behaviour, so "1_000" still gives 0. */
export const RS_SEPARATED_WRONG = `${RS_PARSE}\npub fn parse_separated(s: &str) -> i64 {\n    parse(s)\n}\n`;
const RS_PLAIN = '{\n    assert_eq!(calc::parse("12"), 12);\n    assert_eq!(calc::parse("x"), 0);\n}\n';

/**
 * parses_number is renamed parses_plain_number with its body unchanged, beside a new test of a new function that
 * stops tests/parse.rs building on the fixture: the renamed test is the old one (pass_to_pass), not new work.
 */
export function rustRenamedTest(): NativeCommit[] {
  return [
    { message: 'Start', write: { 'Cargo.toml': RS_TOML, 'src/lib.rs': RS_PARSE, 'tests/parse.rs': `#[test]\nfn parses_number() ${RS_PLAIN}` } },
    {
      message: 'Parse numbers with underscores between their digits',
      write: {
        'src/lib.rs': `${RS_PARSE}${RS_SEPARATED}`,
        'tests/parse.rs': `#[test]\nfn parses_plain_number() ${RS_PLAIN}\n#[test]\nfn parses_separated() {\n    assert_eq!(calc::parse_separated("1_000"), 1000);\n}\n`,
      },
    },
  ];
}

const PY_DOUBLE = 'def double(a):\n    return 2 * a\n';
/** calc.py's docstring holds the RFC 2606 example credential a documentation writer uses; the old scan dropped the file. */
const PY_CALC = '"""Numbers. Connect like postgres://user:pass@example.com/db (an example)."""\n\n\ndef add(a, b):\n    return a + b\n';
const PY_CONFTEST = 'import pytest\n\nfrom helper import double\n\n\n@pytest.fixture\ndef two():\n    return double(1)\n';

/**
 * python-semver's shape: `.pytest.ini` (read by pytest 8.1+ only) puts tests/ on the path and adds pytest-cov's
 * options; tests/conftest.py imports tests/helper.py, a link to docs/helper.py.
 */
export function pythonLinkedHelper(): NativeCommit[] {
  return [
    {
      message: 'Start',
      write: {
        '.pytest.ini': '[pytest]\npythonpath = . tests\naddopts =\n    --cov=calc\n    --cov-report=term-missing\n',
        'calc.py': PY_CALC,
        'docs/helper.py': PY_DOUBLE,
        'tests/conftest.py': PY_CONFTEST,
        'tests/test_calc.py': 'from calc import add\n\n\ndef test_add(two):\n    assert add(two, 1) == 3\n',
      },
      links: { 'tests/helper.py': '../docs/helper.py' },
    },
    {
      message: 'Add mul, tested with the doubled fixture',
      write: {
        'calc.py': `${PY_CALC}\n\ndef mul(a, b):\n    return a * b\n`,
        'tests/test_calc.py': 'from calc import add, mul\n\n\ndef test_add(two):\n    assert add(two, 1) == 3\n\n\ndef test_mul(two):\n    assert mul(two, 3) == 6\n',
      },
    },
  ];
}

/** A test binary that exists only with the crate's `extra` feature: no feature enabled, it never ran. */
export function rustFeatureGated(): NativeCommit[] {
  const toml = `${RS_TOML}\n[features]\nextra = []\n`;
  return [
    { message: 'Start', write: { 'Cargo.toml': toml, 'src/lib.rs': RS_PARSE } },
    {
      message: 'Add triple behind the extra feature',
      write: {
        'src/lib.rs': `${RS_PARSE}\n#[cfg(feature = "extra")]\npub fn triple(a: i64) -> i64 {\n    3 * a\n}\n`,
        'tests/extra.rs': '#![cfg(feature = "extra")]\n\n#[test]\nfn triples() {\n    assert_eq!(calc::triple(2), 6);\n}\n',
      },
    },
  ];
}

const PY_CLAMP_LOW = 'def clamp(x, lo, hi):\n    return lo if x < lo else x\n';
const PY_CLAMP_BOTH = 'def clamp(x, lo, hi):\n    return lo if x < lo else hi if x > hi else x\n';

/** pytest's `python_files = check_*.py`: the repository's tests are check_calc.py, never collected as test_*.py would be. */
export function pythonOwnTestNames(): NativeCommit[] {
  const check = (extra: string) => `from calc import clamp\n\n\ndef test_low():\n    assert clamp(-1, 0, 9) == 0\n${extra}`;
  return [
    {
      message: 'Start',
      write: { 'pytest.ini': '[pytest]\npython_files = check_*.py\n', 'calc.py': PY_CLAMP_LOW, 'check_calc.py': check('') },
    },
    {
      message: 'Clamp values above the upper bound too',
      write: { 'calc.py': PY_CLAMP_BOTH, 'check_calc.py': check('\n\ndef test_high():\n    assert clamp(12, 0, 9) == 9\n') },
    },
  ];
}

/** Django's layout without pytest: `app/tests.py`, a test module by its name (read-python-test-names.ts). */
export function unittestAppTests(): NativeCommit[] {
  const tests = (extra: string) =>
    `import unittest\n\nfrom app.calc import clamp\n\n\nclass ClampTest(unittest.TestCase):\n    def test_low(self):\n        self.assertEqual(clamp(-1, 0, 9), 0)\n${extra}`;
  return [
    { message: 'Start', write: { 'setup.py': '', 'app/__init__.py': '', 'app/calc.py': PY_CLAMP_LOW, 'app/tests.py': tests('') } },
    {
      message: 'Clamp values above the upper bound too',
      write: {
        'app/calc.py': PY_CLAMP_BOTH,
        'app/tests.py': tests('\n    def test_high(self):\n        self.assertEqual(clamp(12, 0, 9), 9)\n'),
      },
    },
  ];
}
