// pickRunTasks: the built-in bank's default subset, --all-tasks, --only and a bank of the user's own.
import { describe, expect, it } from 'vitest';
import type { BankTask } from '../../runner/index.js';
import { pickRunTasks } from './experiment-run-setup.js';

const task = (id: string, tags: string[]): BankTask =>
  ({ meta: { id, tags }, dir: id, spec: '', fixture: '', tests: '', solution: '' }) as unknown as BankTask;
const BANK = [task('aaa-one', ['default']), task('bbb-two', []), task('ccc-three', ['default', 'python'])];
const ids = (picked: { bank: BankTask[] }) => picked.bank.map((t) => t.meta.id);

describe('pickRunTasks', () => {
  it('runs only the default-tagged tasks of the built-in bank, and says so', () => {
    const picked = pickRunTasks(BANK, {});
    expect(ids(picked)).toEqual(['aaa-one', 'ccc-three']);
    expect(picked.subsetNote).toBe('tasks: the 2 built-in tasks tagged default (of 3); --all-tasks runs them all, --only picks some');
  });

  it('runs the whole bank with --all-tasks or --tasks, and what --only names', () => {
    expect(pickRunTasks(BANK, { allTasks: true })).toEqual({ bank: BANK, subsetNote: null });
    expect(ids(pickRunTasks(BANK, { tasks: '/my/bank' }))).toEqual(['aaa-one', 'bbb-two', 'ccc-three']);
    expect(ids(pickRunTasks(BANK, { only: 'bbb-two' }))).toEqual(['bbb-two']);
  });

  it('runs every task of a built-in bank with none tagged default, and refuses --all-tasks with --only', () => {
    expect(ids(pickRunTasks([task('aaa-one', [])], {}))).toEqual(['aaa-one']);
    expect(() => pickRunTasks(BANK, { allTasks: true, only: 'aaa-one' })).toThrow(/either --all-tasks or --only/);
  });
});
