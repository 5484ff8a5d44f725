// The tests and churn phases of an arm: the agent's work committed, the hidden tests run on it, its churn and evidence.
import type { AcceptanceResult } from '../acceptance/run-acceptance-tests.js';
import { runAcceptanceTests } from '../acceptance/run-acceptance-tests.js';
import type { Churn } from '../churn/parse-numstat.js';
import { commitAgentWork, restoreRunnerGitConfig } from '../sandbox/commit-work.js';
import { restoreTaskSetup } from '../task-bank/task-setup.js';
import type { ArmContext } from './arm-context.js';
import type { PhaseClock } from './arm-phases.js';
import { recordTestEvidence } from './record-arm-evidence.js';
import { recordArmChurn } from './record-arm-churn.js';

/** The longest the hidden tests of one arm may run. */
export const ACCEPTANCE_TIMEOUT_MS = 120_000;

export interface TestedWork {
  commitEnd: string;
  tests: AcceptanceResult;
}

/** From here on the agent has had the arm folder: the runner's git runs inside the isolation, not as the runner. */
function confineOf(ctx: ArmContext) {
  return { isolation: ctx.services.isolation, writable: ctx.sandbox.root };
}

/** The tests phase: the agent's work committed, the set-up put back as the task gave it, the hidden tests run. */
export async function runArmTests(ctx: ArmContext, setupTree: string | null, phases: PhaseClock): Promise<TestedWork> {
  const { job, services, sandbox, notes } = ctx;
  const { arm, task } = job;
  const commitEnd = await phases.run('tests', () =>
    commitAgentWork(sandbox.workDir, `agent: ${arm.provider} on ${task.meta.id} (${job.windowId})`, confineOf(ctx)),
  );
  if (setupTree) restoreTaskSetup(setupTree, task.fixture, sandbox.workDir);
  const tests = await phases.run('tests', () =>
    runAcceptanceTests({
      workDir: sandbox.workDir,
      testsDir: task.tests,
      test: task.meta.test,
      language: task.meta.language,
      homeDir: sandbox.homeDir,
      timeoutMs: ACCEPTANCE_TIMEOUT_MS,
      isolation: services.isolation,
      sandboxRoot: sandbox.root,
      lists: task.meta.fail_to_pass ? { fail_to_pass: task.meta.fail_to_pass, pass_to_pass: task.meta.pass_to_pass ?? [] } : undefined,
      measure: services.quality ?? 'resolved',
    }),
  );
  if (tests.note) notes.push(tests.note);
  restoreRunnerGitConfig(sandbox.workDir); // the hidden tests ran the agent's code, which may have rewritten it
  return { commitEnd, tests };
}

/** The churn phase: the diff's counts to the churn ledger, then the diff, per-test verdicts and log as evidence. */
export async function recordArmWork(ctx: ArmContext, { commitEnd, tests }: TestedWork, phases: PhaseClock): Promise<Churn> {
  const { job, services, sandbox, notes } = ctx;
  const confine = confineOf(ctx);
  const churn = await phases.run('churn', () =>
    recordArmChurn(services.dataDir, job, sandbox.workDir, sandbox.commitStart, commitEnd, confine),
  );
  // Timed with churn: the same git, in the same confinement.
  await phases.run('churn', () =>
    recordTestEvidence(
      services.dataDir,
      job,
      tests,
      { workDir: sandbox.workDir, commitStart: sandbox.commitStart, commitEnd, confine },
      notes,
    ),
  );
  return churn;
}
