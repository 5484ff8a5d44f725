// Leaves an arm's evidence on disk (docs/data-format.md, evidence/): its diff, its tests' results and log, its summary.
import {
  type ArmEvidenceSummary,
  EVIDENCE_CAPS,
  type TestsEvidence,
  writeArmSummary,
  writeDiffPatch,
  writeTestLog,
  writeTestsEvidence,
} from '../../ledger/evidence/index.js';
import type { AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import type { TestLists } from '../acceptance/score-by-identity.js';
import type { IsolationPlan } from '../isolation/resolve-isolation.js';
import { type GitConfinement, runGit } from '../sandbox/run-git.js';
import type { ArmJob, ArmResult } from './arm-types.js';

/** Runs one write; a failure becomes a note on the arm (evidence is for reading, it never fails an arm). */
async function tryWrite(notes: string[], file: string, write: () => unknown): Promise<void> {
  try {
    await write();
  } catch (error) {
    notes.push(`evidence: could not write ${file}: ${(error as Error).message}`);
  }
}

/**
 * diff.patch, tests.json and tests.log, after the hidden tests. The diff is taken by git run inside the arm's
 * isolation (as churn is): the agent had the repo, and git follows whatever links it finds in `.git`.
 */
export async function recordTestEvidence(
  dataDir: string,
  job: ArmJob,
  tests: AcceptanceResult,
  git: { workDir: string; commitStart: string; commitEnd: string; confine: GitConfinement },
  notes: string[],
): Promise<void> {
  const lists = job.task.meta.fail_to_pass
    ? { fail_to_pass: job.task.meta.fail_to_pass, pass_to_pass: job.task.meta.pass_to_pass ?? [] }
    : null;
  await tryWrite(notes, 'diff.patch', async () => {
    const args = ['diff', '--no-color', '--no-ext-diff', '--no-textconv', '--no-renames', git.commitStart, git.commitEnd, '--'];
    // Read to twice the cap: what is kept is cut at the cap after redaction, which may shorten the text.
    const diff = await runGit(git.workDir, args, git.confine, 2 * EVIDENCE_CAPS.diff);
    writeDiffPatch(dataDir, job.windowId, diff === '' ? '' : `${diff}\n`);
  });
  await tryWrite(notes, 'tests.json', () => writeTestsEvidence(dataDir, job.windowId, buildTestsEvidence(tests, lists)));
  await tryWrite(notes, 'tests.log', () => writeTestLog(dataDir, job.windowId, tests.outputTail));
}

/** Each named test with its verdict and list; a listed test the run never reported is `missing` (it did not pass). */
export function buildTestsEvidence(tests: AcceptanceResult, lists: TestLists | null): TestsEvidence {
  const listOf = new Map<string, 'fail_to_pass' | 'pass_to_pass'>();
  for (const name of lists?.pass_to_pass ?? []) listOf.set(name, 'pass_to_pass');
  for (const name of lists?.fail_to_pass ?? []) listOf.set(name, 'fail_to_pass');
  const rows: TestsEvidence['tests'] = [];
  for (const [name, verdict] of tests.verdicts ?? []) rows.push({ name, verdict, list: listOf.get(name) ?? null });
  for (const [name, list] of listOf) if (!tests.verdicts?.has(name)) rows.push({ name, verdict: 'missing', list });
  const notes = tests.note ? [tests.note] : [];
  if (rows.length > EVIDENCE_CAPS.tests) notes.push(`${rows.length - EVIDENCE_CAPS.tests} of ${rows.length} tests not listed here`);
  const identity = tests.identity;
  return {
    command: tests.command,
    exit_code: tests.exitCode,
    timed_out: tests.timedOut,
    tests: rows.slice(0, EVIDENCE_CAPS.tests),
    fail_to_pass: identity?.fail_to_pass ?? null,
    pass_to_pass: identity?.pass_to_pass ?? null,
    resolved: identity?.resolved ?? null,
    note: notes.length > 0 ? notes.join('; ') : null,
  };
}

/** arm.json for an arm that ran to its end (whatever its outcome). */
export async function recordArmSummary(
  dataDir: string,
  job: ArmJob,
  result: ArmResult,
  isolation: IsolationPlan | undefined,
): Promise<void> {
  const summary: ArmEvidenceSummary = {
    ...describeJob(job, isolation),
    outcome: result.outcome,
    agent_outcome: result.agent_outcome,
    infra_failure: result.infra_failure,
    quality: result.quality,
    tests: result.tests,
    ...(result.resolved !== undefined ? { resolved: result.resolved } : {}),
    ...(result.broken !== undefined ? { broken: result.broken.slice(0, 50) } : {}),
    tokens: result.tokens,
    duration_ms: result.duration_ms,
    phases_ms: result.phases_ms,
    commit_start: result.commit_start,
    commit_end: result.commit_end,
    notes: result.notes,
  };
  await tryWrite(result.notes, 'arm.json', () => writeArmSummary(dataDir, summary));
}

/** arm.json for an arm that stopped before it had a result (its sandbox, its set-up or a budget refused it). */
export function recordArmFailure(
  dataDir: string,
  job: ArmJob,
  isolation: IsolationPlan | undefined,
  error: unknown,
  phasesMs: Record<string, number>,
): void {
  const reason = error instanceof Error ? error.message : String(error);
  const summary: ArmEvidenceSummary = {
    ...describeJob(job, isolation),
    outcome: 'abandoned',
    agent_outcome: null,
    infra_failure: reason,
    quality: null,
    tests: null,
    tokens: null,
    duration_ms: null,
    phases_ms: phasesMs,
    commit_start: null,
    commit_end: null,
    notes: [],
  };
  try {
    writeArmSummary(dataDir, summary);
  } catch {
    // The arm's own error is what the run reports; a second one about its evidence would hide it.
  }
}

function describeJob(job: ArmJob, isolation: IsolationPlan | undefined) {
  const { arm } = job;
  return {
    plan_id: job.planId,
    window_id: job.windowId,
    task_id: job.task.meta.id,
    provider: arm.provider,
    arm_index: arm.arm_index,
    sequence: arm.sequence,
    period: arm.period,
    epoch: arm.epoch,
    attempt: job.attempt,
    isolation: isolation?.mode ?? 'none',
    written_at: new Date().toISOString(),
  };
}
