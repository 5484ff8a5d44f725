// The test files that read a changed data file: by import (extension optional), by its path, its name or its folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDataReaders } from './find-data-readers.js';
import { importTasks } from './import-tasks.js';
import { DEFAULT_LIMITS } from './judge-change.js';

const repo = mkdtempSync(join(tmpdir(), 'data-readers-'));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

describe('findDataReaders', () => {
  it("finds css-what's readers: an import of __fixtures__/tests and a readFileSync of __fixtures__/out.json", async () => {
    const files: Record<string, string> = {
      'src/__fixtures__/tests.ts': 'export const tests = [];\n',
      'src/__fixtures__/out.json': '{}\n',
      'src/parse.spec.ts': "import { tests } from './__fixtures__/tests';\n",
      'src/stringify.spec.ts': 'const out = JSON.parse(readFileSync(`${__dirname}/__fixtures__/out.json`, "utf8"));\n',
      'src/other.spec.ts': "import { parse } from './parse';\n",
      'src/parse.ts': "import { tests } from './__fixtures__/tests';\n",
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(repo, path)), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    const head = git('rev-parse', 'HEAD').trim();
    expect(await findDataReaders(repo, head, ['src/__fixtures__/tests.ts'])).toEqual(['src/parse.spec.ts']);
    expect(await findDataReaders(repo, head, ['src/__fixtures__/out.json'])).toEqual(['src/stringify.spec.ts']);
    // A changed spec file runs as itself: no readers are added.
    expect(await findDataReaders(repo, head, ['src/__fixtures__/out.json', 'src/other.spec.ts'])).toEqual([]);
  });
});

describe('findDataReaders beyond JavaScript specs', () => {
  const python = mkdtempSync(join(tmpdir(), 'data-readers-py-'));
  afterAll(() => rmSync(python, { recursive: true, force: true }));

  /** A repository of `files`, with `change` committed on top: the hash of that second commit. */
  function makeRepo(dir: string, files: Record<string, string>, change: Record<string, string>): string {
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', dir, '-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { encoding: 'utf8' });
    git('init', '-q', '-b', 'main');
    for (const step of [files, change]) {
      for (const [path, text] of Object.entries(step)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      git('add', '-A');
      git('commit', '-q', '-m', Object.keys(step).join(' '));
    }
    return git('rev-parse', 'HEAD').trim();
  }

  // Before: no reader (only *.test/*.spec files were read), so the import said "no test command found".
  it('finds the pytest file that reads a data file by its name, and the one that loops over its folder', async () => {
    const head = makeRepo(
      python,
      {
        'units/parse.py': 'def parse(text):\n    return int(text)\n',
        'tests/test_cases.py': 'HERE = os.path.dirname(__file__)\nCASES = json.load(open(os.path.join(HERE, "data", "cases.json")))\n',
        'tests/test_glob.py': 'for path in glob.glob(os.path.join(HERE, "golden/*.txt")):\n    pass\n',
        'tests/test_other.py': 'from units.parse import parse\n',
        'tests/data/cases.json': '[]\n',
        'tests/golden/one.txt': '1\n',
      },
      {
        'tests/data/cases.json': '[["2", 2]]\n',
        'tests/golden/two.txt': '2\n',
        'units/parse.py': 'def parse(text):\n    return int(text.strip())\n',
      },
    );
    expect(await findDataReaders(python, head, ['tests/data/cases.json'])).toEqual(['tests/test_cases.py']);
    expect(await findDataReaders(python, head, ['tests/golden/two.txt'])).toEqual(['tests/test_glob.py']);
    // A changed test module runs as itself.
    expect(await findDataReaders(python, head, ['tests/data/cases.json', 'tests/test_other.py'])).toEqual([]);
  });

  it('imports such a fix as a task running the unchanged pytest file (it was "no test command found")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'data-readers-import-'));
    try {
      const repo = join(dir, 'repo');
      mkdirSync(repo);
      makeRepo(
        repo,
        {
          'units/__init__.py': '',
          'units/parse.py': 'def parse(text):\n    return int(text)\n',
          'tests/test_cases.py':
            'import json, os\nfrom units.parse import parse\n\nHERE = os.path.dirname(__file__)\n\ndef test_cases():\n    for text, want in json.load(open(os.path.join(HERE, "data", "cases.json"))):\n        assert parse(text) == want\n',
          'tests/data/cases.json': '[["1", 1]]\n',
        },
        {
          'tests/data/cases.json': '[["1", 1], [" 2 ", 2]]\n',
          'units/parse.py': 'def parse(text):\n    return int(text.strip())\n',
        },
      );
      const summary = await importTasks({
        repo,
        out: join(dir, 'bank'),
        max: 5,
        allowThinSpecs: true,
        limits: DEFAULT_LIMITS,
        verify: async () => ({
          ok: true,
          solutionTotal: 1,
          lists: { fail_to_pass: ['tests/test_cases.py::test_cases'], pass_to_pass: [] },
        }),
      });
      expect(summary.rejected.map((entry) => entry.reason)).toEqual([expect.stringContaining('root commit')]);
      const id = summary.kept[0]?.id ?? '';
      const meta = JSON.parse(readFileSync(join(dir, 'bank', id, 'task.json'), 'utf8'));
      expect(meta.test.command.join(' ')).toMatch(/pytest .*tests\/test_cases\.py/);
      expect(existsSync(join(dir, 'bank', id, 'tests', 'tests', 'data', 'cases.json'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
