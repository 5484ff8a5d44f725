// An arm's result and its window's test lines, from what its phases gave: no I/O.
import type { WindowRow, WindowTests } from '../../ledger/index.js';
import type { AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import type { Churn } from '../churn/parse-numstat.js';
import type { Sandbox } from '../sandbox/create-sandbox.js';
import { countTokens } from './arm-context.js';
import type { PhaseClock } from './arm-phases.js';
import type { ArmJob, ArmResult } from './arm-types.js';
import type { decideArmOutcome } from './decide-arm-outcome.js';
import type { AgentPhase } from './run-arm-agent.js';
import type { ArmEnds } from './run-arm-ends.js';

/** The tests as the window's notes say them, and the identity counts it keeps (broken tests capped at 50). */
export function describeArmTests(tests: AcceptanceResult): { testsLine: string; tests: WindowTests | undefined } {
  const identity = tests.identity;
  const testsLine = identity
    ? `fail_to_pass ${identity.fail_to_pass.passed}/${identity.fail_to_pass.total}, pass_to_pass ${identity.pass_to_pass.passed}/${identity.pass_to_pass.total}, ${identity.resolved ? 'resolved' : 'not resolved'} (quality: ${identity.measure})`
    : `tests ${tests.passed}/${tests.total} (scored by counts: the task names no fail_to_pass tests)`;
  const windowTests = identity && {
    fail_to_pass: identity.fail_to_pass,
    pass_to_pass: identity.pass_to_pass,
    resolved: identity.resolved,
    broken: identity.broken.slice(0, 50),
  };
  return { testsLine, tests: windowTests };
}

export interface ArmPhasesDone {
  job: ArmJob;
  sandbox: Sandbox;
  agent: AgentPhase;
  tests: AcceptanceResult;
  commitEnd: string;
  churn: Churn;
  taken: ArmEnds;
  window: WindowRow | null;
  outcome: ReturnType<typeof decideArmOutcome>;
  notes: string[];
  /** Wall time of the whole arm, in milliseconds. */
  duration: number;
}

export function buildArmResult(done: ArmPhasesDone, phases: PhaseClock): ArmResult {
  const { job, sandbox, agent, tests, commitEnd, churn, taken, window, outcome, notes, duration } = done;
  const { arm, task } = job;
  const identity = tests.identity;
  const agentMs = phases.ms.agent ?? 0;
  const testsMs = phases.ms.tests ?? 0;
  return {
    arm_index: arm.arm_index,
    period: arm.period,
    sequence: arm.sequence,
    task_id: task.meta.id,
    provider: arm.provider,
    window_id: job.windowId,
    agent_id: job.agentId,
    attempt: job.attempt,
    agent_outcome: agent.agent.outcome,
    outcome: window ? outcome : 'abandoned',
    // The window's: 0 for an arm stopped at its task budget, whatever its tests said (run-arm-ends.ts).
    quality: window?.quality_score ?? tests.quality,
    tests: { total: tests.total, passed: tests.passed, failed: tests.failed },
    ...(identity ? { resolved: identity.resolved, broken: identity.broken } : {}),
    capacity_delta: window?.capacity?.delta ?? null,
    capacity_unit: window?.capacity?.unit ?? null,
    tokens: countTokens(agent.agent.usage),
    commit_start: sandbox.commitStart,
    commit_end: commitEnd,
    churn: { files: churn.filesChanged, insertions: churn.insertions, deletions: churn.deletions },
    errors: window?.errors ?? [],
    anomalies: (taken.before.outcome?.anomalies.length ?? 0) + (taken.after?.outcome?.anomalies.length ?? 0),
    notes,
    infra_failure: agent.infraFailure,
    provider_refusal: agent.refusal,
    duration_ms: Math.round(duration),
    agent_ms: Math.round(agentMs),
    tests_ms: Math.round(testsMs),
    overhead_ms: Math.round(duration - agentMs - testsMs),
    phases_ms: roundPhases(phases),
  };
}

/** Milliseconds per phase, whole. */
export function roundPhases(phases: PhaseClock): Record<string, number> {
  return Object.fromEntries(Object.entries(phases.ms).map(([phase, ms]) => [phase, Math.round(ms)]));
}
