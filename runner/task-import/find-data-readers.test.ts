// The spec files that read a changed data file: by import (extension optional) or by its path.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findDataReaders } from './find-data-readers.js';

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
