// Several --tasks folders loaded as one bank (a task id twice is refused), and where each task came from.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countTaskSources, loadTaskBanks, resolveTaskBankDir } from './resolve-task-bank.js';

const root = mkdtempSync(join(tmpdir(), 'task-banks-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function writeTask(bank: string, id: string, tags: string[]): void {
  const dir = join(root, bank, id);
  for (const part of ['fixture', 'tests', 'solution']) mkdirSync(join(dir, part), { recursive: true });
  writeFileSync(join(dir, 'spec.md'), '# x\n');
  const meta = { id, title: id, estimated_lines: 1, timeout_s: 60, status: 'ready', language: 'javascript', tags };
  writeFileSync(join(dir, 'task.json'), JSON.stringify(meta));
}

writeTask('imported', 'fix-a-1234567', ['imported']);
writeTask('synthesized', 'calc-bug-abcdef0', ['synthesized', 'mutation-drop-statement']);
writeTask('mine', 'my-own-task', []);
writeTask('again', 'my-own-task', ['imported']);

describe('loadTaskBanks', () => {
  it('loads every folder, sorted by id, and counts built-in, imported, synthesized and own tasks', () => {
    const builtin = resolveTaskBankDir(undefined);
    const { dirs, bank } = loadTaskBanks([join(root, 'imported'), join(root, 'synthesized'), join(root, 'mine'), builtin]);
    expect(dirs).toHaveLength(4);
    const ids = bank.map((task) => task.meta.id);
    expect(ids).toEqual([...ids].sort());
    const sources = countTaskSources(bank);
    expect(sources).toEqual({ builtin: bank.length - 3, imported: 1, synthesized: 1, own: 1 });
    expect(sources.builtin).toBeGreaterThan(10);
  });

  it('refuses a task id found in two banks, naming both', () => {
    expect(() => loadTaskBanks([join(root, 'mine'), join(root, 'again')])).toThrow(
      `task my-own-task is in two banks, ${join(root, 'mine')} and ${join(root, 'again')}: give each task once`,
    );
  });

  it('takes one folder as given, and the built-in bank when none is', () => {
    expect(loadTaskBanks(join(root, 'mine')).bank.map((task) => task.meta.id)).toEqual(['my-own-task']);
    expect(loadTaskBanks(undefined).dirs).toEqual([resolveTaskBankDir(undefined)]);
  });
});
