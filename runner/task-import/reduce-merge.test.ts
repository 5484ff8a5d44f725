// A merge is reduced to the one branch commit that changes both tests and code, or refused as mixed; on tiny git repos.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { importTasks } from './import-tasks.js';
import { DEFAULT_LIMITS } from './judge-change.js';
import { listCommits } from './read-git.js';
import { reduceMerge } from './reduce-merge.js';
import { GIT_ENV } from './test-fixtures/native-repos.js';

const roots: string[] = [];

async function run(repo: string, args: string[]): Promise<string> {
  return (await execa('git', args, { cwd: repo, env: GIT_ENV })).stdout;
}

async function commit(repo: string, message: string, files: Record<string, string>): Promise<string> {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, path)), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  await run(repo, ['add', '-A']);
  await run(repo, ['commit', '-q', '-m', message]);
  return run(repo, ['rev-parse', 'HEAD']);
}

/** A repository whose main branch moved on while `topic` got `branch`'s commits, merged with --no-ff. */
async function makeMerge(branch: Array<[string, Record<string, string>]>): Promise<{ repo: string; hashes: string[] }> {
  const root = mkdtempSync(join(tmpdir(), 'reduce-merge-'));
  roots.push(root);
  const repo = join(root, 'repo');
  mkdirSync(repo);
  await run(repo, ['init', '-q', '-b', 'main']);
  await commit(repo, 'Start', { 'toolz/core.py': 'def a():\n    return 1\n', 'toolz/tests/test_core.py': 'from toolz.core import a\n' });
  await run(repo, ['checkout', '-q', '-b', 'topic']);
  const hashes: string[] = [];
  for (const [message, files] of branch) hashes.push(await commit(repo, message, files));
  await run(repo, ['checkout', '-q', 'main']);
  await commit(repo, 'Elsewhere', { 'README.md': 'toolz\n' });
  await run(repo, ['merge', '-q', '--no-ff', 'topic', '-m', 'Merge pull request #7 from someone/topic']);
  return { repo, hashes };
}

const FIX: [string, Record<string, string>] = [
  'curry: keep the signature of a partial\n\nA curried partial reports its remaining arguments.',
  { 'toolz/functoolz.py': 'def curry():\n    pass\n', 'toolz/tests/test_functoolz.py': 'def test_curry():\n    pass\n' },
];
const FASTER: [string, Record<string, string>] = [
  'Faster imports',
  { 'toolz/__init__.py': 'from .core import a\n', 'toolz/tests/test_imports.py': 'def test_import():\n    pass\n' },
];
const DOCS: [string, Record<string, string>] = ['Document curry', { 'doc/curry.rst': 'curry\n' }];

async function reduceHead(repo: string) {
  const [head] = await listCommits(repo);
  if (!head) throw new Error('no commit');
  return reduceMerge(repo, head);
}

afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('reduceMerge', () => {
  it('reduces a merge to the one branch commit that changes both tests and code', async () => {
    const { repo, hashes } = await makeMerge([FIX, DOCS]);
    const reduced = await reduceHead(repo);
    expect(reduced).toEqual({ ok: true, commit: expect.objectContaining({ hash: hashes[0], subject: FIX[0].split('\n')[0] }) });
    if (reduced.ok) expect(reduced.commit.body).toBe('A curried partial reports its remaining arguments.');
  });

  it('takes a branch of one commit as that commit', async () => {
    const { repo, hashes } = await makeMerge([DOCS]);
    expect(await reduceHead(repo)).toEqual({ ok: true, commit: expect.objectContaining({ hash: hashes[0], subject: 'Document curry' }) });
  });

  it('refuses as mixed a merge that brings two such commits, naming them', async () => {
    const { repo } = await makeMerge([FASTER, FIX]);
    expect(await reduceHead(repo)).toEqual({
      ok: false,
      reason:
        'mixed merge: it brings 2 commits and 2 of them change both tests and code ("Faster imports", "curry: keep the signature of a partial"): a spec cannot state them all',
    });
  });

  it('takes a branch of a test commit and a fix commit as one task: the pull request, titled by the merge', async () => {
    const { repo } = await makeMerge([
      ['Test a', { 'toolz/tests/test_core.py': 'from toolz.core import a\ndef test_a():\n    assert a() == 2\n' }],
      ['Fix a: return two\n\na() returns 2, as the docs say.', { 'toolz/core.py': 'def a():\n    return 2\n' }],
      DOCS,
    ]);
    await run(repo, ['commit', '--amend', '-q', '-m', 'Merge pull request #7 from someone/topic\n\nMake a() return two']);
    const [head] = await listCommits(repo);
    const reduced = await reduceHead(repo);
    expect(reduced).toEqual({
      ok: true,
      commit: {
        hash: head?.hash,
        parents: [head?.parents[0]],
        subject: 'Make a() return two',
        body: 'Fix a: return two\n\na() returns 2, as the docs say.',
      },
    });
  });

  it('refuses a split branch that also changes code no test of the branch names, naming the commit and the rule', async () => {
    const { repo } = await makeMerge([
      ['Fix a', { 'toolz/core.py': 'def a():\n    return 2\n' }],
      ['Tidy dicttoolz', { 'toolz/dicttoolz.py': 'def merge():\n    pass\n' }],
      ['Test a', { 'toolz/tests/test_core.py': 'from toolz.core import a\ndef test_a():\n    pass\n' }],
    ]);
    const reduced = await reduceHead(repo);
    expect(reduced.ok ? '' : reduced.reason).toBe(
      'mixed merge: it brings 3 commits and "Tidy dicttoolz" changes toolz/dicttoolz.py, which no test the branch changes names (toolz/tests/test_core.py): unrelated changes',
    );
  });

  it('refuses a split branch whose tests name none of its code', async () => {
    const { repo } = await makeMerge([
      ['Fix a', { 'toolz/core.py': 'def a():\n    return 2\n' }],
      ['Test b', { 'toolz/tests/test_other.py': 'def test_b():\n    pass\n' }],
    ]);
    const reduced = await reduceHead(repo);
    expect(reduced.ok ? '' : reduced.reason).toMatch(
      /^mixed merge: it brings 2 commits and "Fix a" changes toolz\/core\.py, which no test/,
    );
  });

  it('leaves a merge whose branch changes no tests as it is, to be judged as any change', async () => {
    const { repo } = await makeMerge([DOCS, ['Tidy a', { 'toolz/core.py': 'def a():\n    return 1  # one\n' }]]);
    const [head] = await listCommits(repo);
    expect(await reduceHead(repo)).toEqual({ ok: true, commit: head });
  });

  it('leaves a commit that is not a merge as it is', async () => {
    const { repo } = await makeMerge([FIX]);
    const [, elsewhere] = await listCommits(repo);
    if (!elsewhere) throw new Error('no commit');
    expect(await reduceMerge(repo, elsewhere)).toEqual({ ok: true, commit: elsewhere });
  });

  it('imports the reduced commit: its message as the spec, its own parent as the fixture, the merge recorded', async () => {
    const { repo, hashes } = await makeMerge([FIX, DOCS]);
    const out = join(dirname(repo), 'bank');
    const summary = await importTasks({
      repo,
      out,
      max: 5,
      limits: DEFAULT_LIMITS,
      verify: async () => ({ ok: true, solutionTotal: 1, lists: { fail_to_pass: ['test_curry'], pass_to_pass: [] } }),
    });
    const id = summary.kept[0]?.id ?? '';
    expect(id).toBe(`curry-keep-the-signature-of-a-partial-${hashes[0]?.slice(0, 7)}`);
    const spec = readFileSync(join(out, id, 'spec.md'), 'utf8');
    expect(spec).toMatch(
      /^# curry: keep the signature of a partial\n\nA curried partial reports its remaining arguments\.\n\nFiles to change: `toolz\/functoolz\.py`\./,
    );
    expect(spec).not.toMatch(/Merge pull request|Document curry|Faster/);
    const merge = await run(repo, ['rev-parse', 'HEAD']);
    const source = JSON.parse(readFileSync(join(out, id, 'task.json'), 'utf8')).source;
    expect(source).toMatchObject({ commit: hashes[0], merge, subject: 'curry: keep the signature of a partial' });
    expect(source.parent).toBe(await run(repo, ['rev-parse', `${hashes[0]}^`]));
  });

  it('imports a test-plus-fix pull request as one task: the merge against its first parent', async () => {
    const { repo } = await makeMerge([
      ['Test a', { 'toolz/tests/test_core.py': 'from toolz.core import a\ndef test_a():\n    assert a() == 2\n' }],
      ['Fix a: return two', { 'toolz/core.py': 'def a():\n    return 2\n' }],
    ]);
    const out = join(dirname(repo), 'bank');
    const summary = await importTasks({
      repo,
      out,
      max: 5,
      allowThinSpecs: true,
      limits: DEFAULT_LIMITS,
      verify: async () => ({ ok: true, solutionTotal: 1, lists: { fail_to_pass: ['test_a'], pass_to_pass: [] } }),
    });
    const merge = await run(repo, ['rev-parse', 'HEAD']);
    expect(summary.kept.map((task) => task.commit)).toEqual([merge]);
    const id = summary.kept[0]?.id ?? '';
    expect(readFileSync(join(out, id, 'spec.md'), 'utf8')).toMatch(/^# Fix a: return two\n\nFiles to change: `toolz\/core\.py`\./);
    const source = JSON.parse(readFileSync(join(out, id, 'task.json'), 'utf8')).source;
    expect(source).toMatchObject({ commit: merge, merge, parent: await run(repo, ['rev-parse', 'HEAD^1']) });
    expect(readFileSync(join(out, id, 'tests', 'toolz', 'tests', 'test_core.py'), 'utf8')).toMatch(/assert a\(\) == 2/);
  });
});
