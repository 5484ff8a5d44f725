// The solver's turn order with and without a delegated sub-agent survey first.
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSolverStep } from './build-solver-step.js';
import { decideSolverTurn } from './decide-solver-turn.js';
import { DEFAULT_SOLVER_PROFILE } from './solver-profiles.js';
import { makeTaskBank } from './test-fixtures/make-task-bank.js';

const bank = makeTaskBank();
afterAll(() => rmSync(bank, { recursive: true, force: true }));
const ask = (toolRounds: number, delegate: boolean) =>
  decideSolverTurn({
    tasksDirs: [bank],
    rawText: 'Task id: two-files',
    model: 'claude-sonnet-4-5',
    toolRounds,
    readsBeforeWrite: true,
    delegate,
  });

describe('decideSolverTurn with delegation', () => {
  it('spends round 0 on the sub-agent, then plays the same writes one round later, then finishes', () => {
    expect([0, 1, 2, 3].map((round) => ask(round, true).kind)).toEqual(['delegate', 'write', 'write', 'done']);
    expect([0, 1, 2].map((round) => ask(round, false).kind)).toEqual(['write', 'write', 'done']);
    const fileOf = (turn: ReturnType<typeof ask>): string | null => (turn.kind === 'write' ? turn.file.rel : null);
    expect(fileOf(ask(1, true))).toBe(fileOf(ask(0, false)));
    expect(fileOf(ask(1, true))).not.toBeNull();
  });

  it('delegates through the Agent tool on the haiku tier, in the foreground', () => {
    const step = buildSolverStep(ask(0, true), 'anthropic-messages', DEFAULT_SOLVER_PROFILE, '/work');
    expect(step).toMatchObject({
      type: 'tool_use',
      name: 'Agent',
      input: { subagent_type: 'general-purpose', model: 'haiku', run_in_background: false },
    });
  });
});

describe('decideSolverTurn over several task banks', () => {
  const empty = makeTaskBank();
  afterAll(() => rmSync(empty, { recursive: true, force: true }));
  rmSync(`${empty}/two-files`, { recursive: true, force: true });
  const turn = (tasksDirs: string[]) =>
    decideSolverTurn({ tasksDirs, rawText: 'Task id: two-files', model: 'claude-sonnet-4-5', toolRounds: 0, readsBeforeWrite: false });

  it('finds a task in whichever bank holds it, and none in a bank without it', () => {
    expect(turn([empty, bank])).toMatchObject({ kind: 'write', taskId: 'two-files' });
    expect(turn([empty])).toEqual({ kind: 'unknown_task', taskId: 'two-files', round: 0 });
  });
});
