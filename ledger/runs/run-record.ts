// How the last run of a plan ended (state/runs/<plan>.json): what `experiment status` says of a plan nobody is running.
import { join } from 'node:path';
import { redactText } from '../../kernel/index.js';
import { readStateJson } from '../store/read-bounded-file.js';
import { writeJsonAtomically } from '../store/write-json-atomically.js';

export interface RunRecord {
  plan_id: string;
  /** `running` is written when a run starts: left as it is, the run died. */
  state: 'running' | 'complete' | 'stopped' | 'incomplete' | 'failed';
  /** Why it stopped: the stop rule or budget, or the error of a failed run. */
  stopped_by: string | null;
  pid: number;
  at: string;
  /** Arms of the last run that could not run (never scored, still pending), with why. */
  infrastructure_failures?: InfrastructureFailure[];
}

export interface InfrastructureFailure {
  /** null: every pending arm of the provider (skipped by the preflight or after a failure under --keep-going). */
  arm_index: number | null;
  provider: string;
  task_id: string;
  reason: string;
}

/** `experiment status`'s lines for them, one an arm. */
export function describeInfrastructureFailures(failures: readonly InfrastructureFailure[]): string[] {
  return failures.map((failure) =>
    failure.arm_index === null
      ? `  infrastructure failure, every remaining arm of ${failure.provider} skipped: ${failure.reason}; not scored, still pending`
      : `  infrastructure failure, arm #${String(failure.arm_index).padStart(3, '0')} ${failure.task_id} (${failure.provider}): ${failure.reason}; not scored, still pending`,
  );
}

function resolveRecordPath(dataDir: string, planId: string): string {
  return join(dataDir, 'state', 'runs', `${planId}.json`);
}

export function writeRunRecord(dataDir: string, record: Omit<RunRecord, 'pid' | 'at'>): void {
  // An error message can quote what it refused; keys and tokens in it never reach the file.
  const stoppedBy = record.stopped_by === null ? null : redactText(record.stopped_by);
  writeJsonAtomically(resolveRecordPath(dataDir, record.plan_id), {
    ...record,
    stopped_by: stoppedBy,
    ...(record.infrastructure_failures
      ? { infrastructure_failures: record.infrastructure_failures.map((failure) => ({ ...failure, reason: redactText(failure.reason) })) }
      : {}),
    pid: process.pid,
    at: new Date().toISOString(),
  });
}

/** The record, or null when the plan was never run here (or the file is unreadable: status then says interrupted). */
export function readRunRecord(dataDir: string, planId: string): RunRecord | null {
  const path = resolveRecordPath(dataDir, planId);
  const value = readStateJson(path);
  return typeof value === 'object' && value !== null ? (value as RunRecord) : null;
}
