// tasks synthesize on a tiny real git repository, in bubblewrap when it works: every kept task verifies with sim-noop 0
// and sim-oracle 1, its spec never quotes the broken line, the same seed gives the same tasks, and no site serves twice.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allowSkip } from '../../kernel/index.js';
import { buildIsolationPlan, probeBwrap } from '../isolation/resolve-isolation.js';
import { loadTaskBank } from '../task-bank/load-task-bank.js';
import { verifyTask } from '../task-bank/verify-task.js';
import { buildRepo } from '../task-import/test-fixtures/native-repos.js';
import { synthesizeTasks } from './synthesize-tasks.js';
import { readMutatedLines } from './mutation.js';
import { CALC, calcHistory } from './test-fixtures/calc-repo.js';

const parent = mkdtempSync(join(tmpdir(), 'synthesize-'));
chmodSync(parent, 0o755); // the sandbox's uid (65534 under a root runner) must reach the task folders
afterAll(() => rmSync(parent, { recursive: true, force: true }));

const plan = buildIsolationPlan({ commands: [], dataDir: join(parent, 'data'), env: process.env });
const bwrapError = allowSkip(existsSync('/usr/bin/bwrap') ? probeBwrap(plan) : 'bwrap is not installed');
const isolation = bwrapError === null ? plan : undefined;

const repo = join(parent, 'calc');
const request = (out: string, seed: string) => ({
  repo,
  out,
  count: 3,
  seed,
  verify: { isolation, setupCacheDir: join(parent, 'task-setup'), reruns: { solution: 2, fixture: 1 } },
});

describe('tasks synthesize on a tiny node:test repository', () => {
  it('keeps tasks that fail on the mutation and pass on the original, scored sim-noop 0 and sim-oracle 1 by verify', async () => {
    await buildRepo(repo, calcHistory());
    const out = join(parent, 'bank');
    const summary = await synthesizeTasks(request(out, 'a'));
    expect(summary.kept.length, JSON.stringify(summary.rejected)).toBe(3);
    const bank = loadTaskBank(out);
    expect(bank.map((task) => task.meta.id).sort()).toEqual(summary.kept.map((task) => task.id).sort());
    for (const task of bank) {
      expect(task.meta.tags).toContain('synthesized');
      const verdict = await verifyTask(task, { isolation, setupCacheDir: join(parent, 'task-setup'), reruns: { solution: 2, fixture: 1 } });
      expect(verdict, `${task.meta.id}: ${verdict.reason}`).toMatchObject({ ok: true, lists: 'stored', noop: 0, oracle: 1 });
      // The spec names the file and the failing tests, never a line the mutation replaced.
      const mutation = task.meta.source?.mutation;
      const spec = readFileSync(task.spec, 'utf8');
      expect(spec).toContain('`src/calc.js`');
      for (const line of readMutatedLines(Buffer.from(CALC), mutation as { start: number; end: number }))
        if (line.trim().length >= 6) expect(spec).not.toContain(line.trim());
    }
    // No two tasks at one site or on overlapping edits.
    const ranges = bank.map((task) => task.meta.source?.mutation as { start: number; end: number });
    for (const [i, a] of ranges.entries()) for (const b of ranges.slice(i + 1)) expect(a.start < b.end && b.start < a.end).toBe(false);

    // The same seed gives the same tasks; another synthesis into the same bank never reuses a site.
    const again = await synthesizeTasks(request(join(parent, 'bank-again'), 'a'));
    expect(again.kept.map((task) => task.id)).toEqual(summary.kept.map((task) => task.id));
    const more = await synthesizeTasks({ ...request(out, 'b'), count: 2 });
    const sites = new Set(summary.kept.map((task) => task.site));
    for (const task of more.kept) expect(sites.has(task.site)).toBe(false);
  });
});

describe('tasks synthesize when a failing test prints a secret', () => {
  it('keeps no task whose bug report would carry it', async () => {
    const leaky = join(parent, 'leaky');
    // The key is built when the test runs: a test file holding it would be refused before any test ran.
    const history = calcHistory();
    const files = history[0]?.write as Record<string, string>;
    files['test/calc.test.js'] = (files['test/calc.test.js'] as string).replaceAll(
      '));\n',
      ", 'key ' + ['AKIA', 'Z7Q4M2XK7PLR3T6W'].join('')));\n",
    );
    await buildRepo(leaky, history);
    const summary = await synthesizeTasks({
      ...request(join(parent, 'leaky-bank'), 'a'),
      repo: leaky,
      count: 1,
      kinds: ['invert-condition'],
    });
    expect(summary.kept).toEqual([]);
    expect(summary.rejected.map((entry) => entry.reason)).toContainEqual(
      expect.stringMatching(/^secret in the bug report, line \d+ \(aws-access-token\)$/),
    );
  });
});

describe('tasks synthesize when two bugs read the same to the tests', () => {
  it('keeps one task and rejects the other as the same bug report (two pairs of specs were identical)', async () => {
    const twins = join(parent, 'twins');
    const history = calcHistory();
    const files = history[0]?.write as Record<string, string>;
    // Dropping either statement fails the one test with the same words: assert.ok says only "falsy".
    files['src/three.js'] = 'export function three() {\n  let n = 0;\n  n += 1;\n  n += 2;\n  return n;\n}\n';
    files['test/three.test.js'] =
      "import { test } from 'node:test';\nimport assert from 'node:assert/strict';\nimport { three } from '../src/three.js';\n\ntest('makes three', () => assert.ok(three() === 3));\n";
    await buildRepo(twins, history);
    const summary = await synthesizeTasks({
      ...request(join(parent, 'twins-bank'), 'a'),
      repo: twins,
      count: 5,
      kinds: ['drop-statement'],
    });
    const onThree = summary.kept.filter((task) => task.site.startsWith('src/three.js'));
    expect(onThree, JSON.stringify(summary.rejected)).toHaveLength(1);
    expect(summary.rejected.map((entry) => entry.reason)).toContainEqual(
      expect.stringMatching(new RegExp(`^same bug report as ${onThree[0]?.id}: `)),
    );
  });
});
