// A set-up shared by candidates verified side by side runs once, and one that hits its time limit names its candidate.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explainEnvironment } from './explain-environment.js';
import { loadTaskBank } from './load-task-bank.js';
import { prepareTaskSetup } from './task-setup.js';

const scratch = mkdtempSync(join(tmpdir(), 'run-task-setup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A python task imported from `commit`, whose set-up is `setup` and whose manifest is `requirements`. */
function writeTask(id: string, setup: string[], requirements = 'helper==1.0\n'): void {
  const dir = join(scratch, 'bank', id);
  for (const part of ['fixture', 'tests', 'solution']) mkdirSync(join(dir, part), { recursive: true });
  writeFileSync(join(dir, 'spec.md'), '# spec\n');
  const source = { repo: 'lib', commit: `${id === 'slow' ? 'abc1234' : 'def5678'}0000`, parent: 'fedcba9' };
  const meta = { id, title: 'T', estimated_lines: 1, timeout_s: 60, status: 'ready', language: 'python', source };
  writeFileSync(join(dir, 'task.json'), JSON.stringify({ ...meta, test: { report: 'unittest', setup } }));
  writeFileSync(join(dir, 'fixture', 'requirements.txt'), requirements);
  writeFileSync(join(dir, 'fixture', 'app.py'), `# ${id}\n`);
}

const counter = join(scratch, 'installs');
const COUNTING = ['python3', '-c', `import time; open(${JSON.stringify(counter)}, 'a').write('x'); time.sleep(1)`];
writeTask('first', COUNTING);
writeTask('second', COUNTING);
writeTask('other-lockfile', COUNTING, 'helper==2.0\n');
writeTask('slow', ['python3', '-c', 'import time; time.sleep(60)']);
const tasks = loadTaskBank(join(scratch, 'bank'));
const byId = (id: string) => tasks.find((task) => task.meta.id === id)!;

describe('set-ups of an import', () => {
  it('run once for candidates with the same set-up and manifests verified at the same time, once more for another lockfile', async () => {
    const cacheDir = join(scratch, 'cache');
    const trees = await Promise.all(['first', 'second', 'other-lockfile'].map((id) => prepareTaskSetup(byId(id), { cacheDir })));
    expect(trees[0]).toBe(trees[1]);
    expect(trees[2]).not.toBe(trees[0]);
    expect(readFileSync(counter, 'utf8')).toBe('xx');
    // And later candidates find it done.
    await prepareTaskSetup(byId('second'), { cacheDir });
    expect(readFileSync(counter, 'utf8')).toBe('xx');
  });

  it('stop at their time limit, naming the candidate and the limit, with a cause that is the same for every candidate', async () => {
    const cacheDir = join(scratch, 'slow-cache');
    const setup = prepareTaskSetup(byId('slow'), { cacheDir, timeoutMs: 1000 });
    await expect(setup).rejects.toThrow(
      /^the set-up of slow \(commit abc1234\) hit its time limit of 1 s \(--setup-timeout\) and was stopped: "python3 -c import time; time.sleep\(60\)"$/,
    );
    const message = await setup.catch((error: Error) => error.message);
    expect(explainEnvironment(message as string).cause).toBe('the set-up hit its time limit of 1 s');
    expect(existsSync(cacheDir) ? readdirSync(cacheDir) : []).toEqual([]); // nothing stored for a set-up that did not end
  });
});
