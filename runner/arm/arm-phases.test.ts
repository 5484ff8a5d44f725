// The phase clock: every phase timed (a failing one too), AppErrors passed through, anything else named by its phase.
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../../kernel/index.js';
import { ARM_PHASE_FAILED, createPhaseClock } from './arm-phases.js';

describe('createPhaseClock', () => {
  it('times each phase in order and describes them for the notes', async () => {
    const clock = createPhaseClock();
    expect(await clock.run('sandbox', () => 1)).toBe(1);
    expect(await clock.run('agent', async () => 'done')).toBe('done');
    expect(Object.keys(clock.ms)).toEqual(['sandbox', 'agent']);
    expect(clock.describe()).toMatch(/^phases: sandbox \d+\.\d\d s, agent \d+\.\d\d s$/);
  });

  it('passes an AppError through unchanged, and still times the phase', async () => {
    const clock = createPhaseClock();
    const refused = new AppError('RULE_VIOLATION', 'budget spent', { kind: 'arm-refused' });
    await expect(clock.run('before', () => Promise.reject(refused))).rejects.toBe(refused);
    expect(clock.ms.before).toBeGreaterThanOrEqual(0);
  });

  it('names the phase of any other failure, keeping the cause', async () => {
    const clock = createPhaseClock();
    const cause = new TypeError('boom');
    const error = await clock
      .run('tests', () => {
        throw cause;
      })
      .catch((caught: unknown) => caught);
    expect(isAppError(error, ARM_PHASE_FAILED)).toBe(true);
    expect((error as AppError).message).toBe("the arm's tests phase failed: boom");
    expect((error as AppError).details).toEqual({ phase: 'tests' });
    expect((error as AppError).cause).toBe(cause);
  });
});
