// The command `experiment status` prints to resume an interrupted plan: every flag that decides what the plan measures.
import { resolve } from 'node:path';
import { ANALYSIS_DEFAULTS, type AnalysisPlanRow } from '../../ledger/index.js';
import type { PlanStatus } from '../../ledger/runs/index.js';
import { loadTaskBank } from '../../runner/index.js';
import { pickRunTasks } from '../pick-run-tasks.js';
import { resolveTaskBankDir } from '../resolve-task-bank.js';
import { quoteForShell } from './shell-hints.js';

/**
 * A command that resumes this plan when pasted into a shell: `npx experiment run` with the seed, providers,
 * `--only` when its tasks are not the built-in bank's default subset (`--all-tasks` for the whole bank), the flags of
 * its registered analysis (`--plan`, `--upstream`, `--estimand`, and the others where not the default; a resume with
 * others is refused), and the data dir, each shell-quoted. A plan run from a `--tasks` folder, or with a `--plans` or
 * `--profiles` file, needs them again: the ledger does not record where they were.
 */
export function formatResumeCommand(status: PlanStatus, dataDir: string, registered?: AnalysisPlanRow): string {
  const tasks = [...new Set(status.arm_states.map((arm) => arm.task_id))].sort();
  let bank: string[] = [];
  let subset: string[] = [];
  try {
    const all = loadTaskBank(resolveTaskBankDir(undefined));
    bank = all.map((task) => task.meta.id);
    subset = pickRunTasks(all, {}).bank.map((task) => task.meta.id);
  } catch {
    // no built-in bank to compare with: name the tasks
  }
  // A plain run takes the default subset; the whole bank needs --all-tasks; anything else is named.
  const key = tasks.join(',');
  const only = key === subset.join(',') ? [] : key === bank.join(',') ? ['--all-tasks'] : ['--only', key];
  const outside = tasks.some((task) => !bank.includes(task));
  const argv = [
    'npx',
    'experiment',
    'run',
    '--seed',
    status.seed,
    '--providers',
    status.providers.join(','),
    ...only,
    // The plan id covers K: a resume without it would start another plan.
    ...(status.epochs > 1 ? ['--epochs', String(status.epochs)] : []),
    ...(registered ? listAnalysisFlags(registered) : []),
    '--data-dir',
    resolve(dataDir),
  ];
  return `${argv.map(quoteForShell).join(' ')}${outside ? ' --tasks <the task folder it ran>' : ''}`;
}

/** The registered analysis as flags: the estimand always (its default depends on the plans), the rest where not the default. */
function listAnalysisFlags(row: AnalysisPlanRow): string[] {
  const flags: string[] = [];
  for (const [provider, plan] of Object.entries(row.run_flags?.plans ?? {})) flags.push('--plan', `${provider}=${plan}`);
  if (row.run_flags?.upstream) flags.push('--upstream', row.run_flags.upstream);
  flags.push('--estimand', row.estimand);
  if (row.alpha !== ANALYSIS_DEFAULTS.alpha) flags.push('--alpha', String(row.alpha));
  if (row.min_effect !== ANALYSIS_DEFAULTS.min_effect) flags.push('--min-effect', String(row.min_effect));
  if (row.reference !== null) flags.push('--reference', row.reference);
  if (row.quality !== undefined && row.quality !== ANALYSIS_DEFAULTS.quality) flags.push('--quality', row.quality);
  if (row.sequential?.rule === 'none') flags.push('--no-stop-rules');
  return flags;
}
