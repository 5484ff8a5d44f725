// Measures an arm's code churn (git diff --numstat between its two commits) and appends it to Churn_Ledger.csv.
import { appendCsvRecords, CHURN_COLUMNS, CSV_LEDGERS } from '../../ledger/index.js';
import { TOOL_VERSION } from '../../kernel/index.js';
import { parseNumstat, type Churn } from '../churn/parse-numstat.js';
import { type GitConfinement, runGit } from '../sandbox/run-git.js';
import type { ArmJob } from './arm-types.js';

/**
 * Written before the window is finalized: a run killed in between then leaves a churn row for a window
 * that gets redone (keyed by window id, harmless), never a finalized window whose churn is lost with its
 * sandbox. Both commits are the runner's own, so measureChurn's checks of them (three git runs) are skipped.
 */
export async function recordArmChurn(
  dataDir: string,
  job: ArmJob,
  workDir: string,
  commitStart: string,
  commitEnd: string,
  confine?: GitConfinement,
): Promise<Churn> {
  // Confined: the hidden tests ran the agent's code with the repo writable (see GitConfinement).
  const churn = parseNumstat(await runGit(workDir, ['diff', '--numstat', '--no-renames', commitStart, commitEnd, '--'], confine));
  appendCsvRecords(dataDir, CSV_LEDGERS.churn, CHURN_COLUMNS, [
    {
      recorded_at: new Date().toISOString(),
      agent_id: job.agentId,
      provider: job.arm.provider,
      window_id: job.windowId,
      feature_id: job.task.meta.id,
      commit_start: commitStart,
      commit_end: commitEnd,
      files_changed: churn.filesChanged,
      insertions: churn.insertions,
      deletions: churn.deletions,
      binary_files: churn.binaryFiles,
      source: 'runner',
      tool_version: TOOL_VERSION,
    },
  ]);
  return churn;
}
