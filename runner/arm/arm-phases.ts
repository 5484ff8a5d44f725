// An arm runs as named phases, each timed, each failing with its own kind (after harbor's Trial phases).
import { AppError, isAppError } from '../../kernel/index.js';

export const ARM_PHASES = ['sandbox', 'before', 'agent', 'tests', 'churn', 'after', 'window'] as const;
export type ArmPhase = (typeof ARM_PHASES)[number];

/** The `kind` of the AppError a phase fails with when what it ran threw something else than an AppError. */
export const ARM_PHASE_FAILED = 'arm-phase';

export interface PhaseClock {
  /** Runs one phase and records its wall time, also when it throws. */
  run<T>(phase: ArmPhase, work: () => Promise<T> | T): Promise<T>;
  /** Milliseconds per phase run so far. */
  readonly ms: Partial<Record<ArmPhase, number>>;
  /** `phases: sandbox 0.12 s, before 0.03 s, ...`: for the window's notes. */
  describe(): string;
}

export function createPhaseClock(): PhaseClock {
  const ms: Partial<Record<ArmPhase, number>> = {};
  return {
    ms,
    async run(phase, work) {
      const started = performance.now();
      try {
        return await work();
      } catch (error) {
        // An AppError already says what went wrong and where (a flag, a file): it reaches the user unchanged.
        if (isAppError(error)) throw error;
        const message = error instanceof Error ? error.message : String(error);
        throw new AppError('IO', `the arm's ${phase} phase failed: ${message}`, {
          kind: ARM_PHASE_FAILED,
          details: { phase },
          cause: error,
        });
      } finally {
        ms[phase] = (ms[phase] ?? 0) + (performance.now() - started);
      }
    },
    describe() {
      const parts = ARM_PHASES.filter((phase) => ms[phase] !== undefined).map(
        (phase) => `${phase} ${((ms[phase] ?? 0) / 1000).toFixed(2)} s`,
      );
      return `phases: ${parts.join(', ')}`;
    },
  };
}
