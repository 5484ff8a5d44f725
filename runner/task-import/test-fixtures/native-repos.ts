// Tiny Go, Rust and Python (pytest) repositories built with real git: per language, one change to keep and one of each rejection.
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { execa } from 'execa';

export const GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@example.invalid',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@example.invalid',
};

/** One commit: its subject and the files it writes. */
export interface NativeCommit {
  message: string;
  write: Record<string, string>;
  /** Symlinks to make: path -> target (relative to the link's folder). */
  links?: Record<string, string>;
  /** Files of `write` to commit as executable (git's mode 100755). */
  executable?: string[];
}

/** The subjects every language's history uses, in order, and what an import must decide for each (reasons up to their first parenthesis). */
export const EXPECTED = {
  Start: 'root commit',
  'Add sub with its tests': 'kept',
  'Rename the add parameters': 'no tests changed',
  'Test add, which already works': 'tests pass before the change',
} as const;

export async function buildRepo(dir: string, commits: NativeCommit[]): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await execa('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  for (const commit of commits) {
    for (const [path, text] of Object.entries(commit.write)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
      if (commit.executable?.includes(path)) chmodSync(join(dir, path), 0o755);
    }
    for (const [path, target] of Object.entries(commit.links ?? {})) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      rmSync(join(dir, path), { force: true });
      symlinkSync(target, join(dir, path));
    }
    await execa('git', ['add', '-A'], { cwd: dir });
    await execa('git', ['commit', '-q', '-m', commit.message], { cwd: dir, env: GIT_ENV });
  }
}

/** The four commits of EXPECTED from a language's files: the source of each step, the sub tests, the add tests. */
function history(files: { start: Record<string, string>; withSub: [string, string]; renamed: [string, string]; subTest: [string, string]; addTest: [string, string]; touched: [string, string] }): NativeCommit[] {
  return [
    { message: 'Start', write: files.start },
    { message: 'Add sub with its tests', write: Object.fromEntries([files.withSub, files.subTest]) },
    { message: 'Rename the add parameters', write: Object.fromEntries([files.renamed]) },
    { message: 'Test add, which already works', write: Object.fromEntries([files.addTest, files.touched]) },
  ];
}

const GO_ADD = 'func Add(a, b int) int {\n\treturn a + b\n}\n';
const GO_SUB = '\nfunc Sub(a, b int) int {\n\treturn a - b\n}\n';
const GO_RENAMED = 'func Add(x, y int) int {\n\treturn x + y\n}\n';

/** A Go module: calc.Add, then calc.Sub with sub_test.go (TestSub, with two subtests, and TestSubZero). */
export function goHistory(): NativeCommit[] {
  return history({
    start: { 'go.mod': 'module example.com/calc\n\ngo 1.19\n', 'calc.go': `package calc\n\n${GO_ADD}` },
    withSub: ['calc.go', `package calc\n\n${GO_ADD}${GO_SUB}`],
    subTest: [
      'sub_test.go',
      'package calc\n\nimport "testing"\n\nfunc TestSub(t *testing.T) {\n\tt.Run("pos", func(t *testing.T) {\n\t\tif Sub(3, 1) != 2 {\n\t\t\tt.Fatal("3-1")\n\t\t}\n\t})\n\tt.Run("neg", func(t *testing.T) {\n\t\tif Sub(1, 3) != -2 {\n\t\t\tt.Fatal("1-3")\n\t\t}\n\t})\n}\n\nfunc TestSubZero(t *testing.T) {\n\tif Sub(5, 0) != 5 {\n\t\tt.Fatal("5-0")\n\t}\n}\n',
    ],
    renamed: ['calc.go', `package calc\n\n${GO_RENAMED}${GO_SUB}`],
    addTest: ['add_test.go', 'package calc\n\nimport "testing"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(2, 2) != 4 {\n\t\tt.Fatal("2+2")\n\t}\n}\n'],
    touched: ['calc.go', `package calc\n\n// Add sums two ints.\n${GO_RENAMED}${GO_SUB}`],
  });
}

const RS_ADD = 'pub fn add(a: i64, b: i64) -> i64 {\n    a + b\n}\n';
const RS_SUB = '\npub fn sub(a: i64, b: i64) -> i64 {\n    a - b\n}\n';
const RS_RENAMED = 'pub fn add(x: i64, y: i64) -> i64 {\n    x + y\n}\n';

/** A cargo crate with no dependencies: add, then sub with tests/sub.rs (two tests). */
export function cargoHistory(): NativeCommit[] {
  return history({
    start: { 'Cargo.toml': '[package]\nname = "calc"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\n', 'src/lib.rs': RS_ADD },
    withSub: ['src/lib.rs', `${RS_ADD}${RS_SUB}`],
    subTest: ['tests/sub.rs', '#[test]\nfn subtracts() {\n    assert_eq!(calc::sub(3, 1), 2);\n}\n\n#[test]\nfn goes_negative() {\n    assert_eq!(calc::sub(1, 3), -2);\n}\n'],
    renamed: ['src/lib.rs', `${RS_RENAMED}${RS_SUB}`],
    addTest: ['tests/add.rs', '#[test]\nfn adds() {\n    assert_eq!(calc::add(2, 2), 4);\n}\n'],
    touched: ['src/lib.rs', `/// Sums two numbers.\n${RS_RENAMED}${RS_SUB}`],
  });
}

const PY_ADD = 'def add(a, b):\n    return a + b\n';
const PY_SUB = '\n\ndef sub(a, b):\n    return a - b\n';
const PY_RENAMED = 'def add(x, y):\n    return x + y\n';

/** A Python package tested with pytest (pyproject's [tool.pytest.ini_options]): add, then sub with tests/test_sub.py. */
export function pytestHistory(): NativeCommit[] {
  return history({
    start: { 'pyproject.toml': '[project]\nname = "calc"\nversion = "0.1.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n', 'calc.py': PY_ADD },
    withSub: ['calc.py', `${PY_ADD}${PY_SUB}`],
    subTest: ['tests/test_sub.py', 'from calc import sub\n\n\ndef test_subtracts():\n    assert sub(3, 1) == 2\n\n\ndef test_goes_negative():\n    assert sub(1, 3) == -2\n'],
    renamed: ['calc.py', `${PY_RENAMED}${PY_SUB}`],
    addTest: ['tests/test_add.py', 'from calc import add\n\n\ndef test_adds():\n    assert add(2, 2) == 4\n'],
    touched: ['calc.py', `# add sums two numbers.\n${PY_RENAMED}${PY_SUB}`],
  });
}
