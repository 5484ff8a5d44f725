// `experiment status`: how far each recorded plan got, arm by arm, read from the ledger (and whether a runner holds it now).
import { Command } from 'commander';
import { describeInfrastructureFailures, type PlanStatus, readPlanStatuses, readRegisteredAnalyses } from '../../ledger/runs/index.js';
import type { AnalysisPlanRow } from '../../ledger/index.js';
import { resolveContext } from '../global-options.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { printResult } from '../print-output.js';
import { formatResumeCommand } from './format-resume-command.js';
import { readPlanLeases, renderPlanLeases } from './experiment-status-leases.js';
import { watchStatus, type StatusFlags } from './experiment-status-watch.js';
import { formatStartHint } from './shell-hints.js';

export function createStatusCommand(): Command {
  return new Command('status')
    .description(
      'progress of the recorded experiment plans: arms done (outcome, quality, delta), cut short, pending; whether a runner is on it; --watch follows a run live',
    )
    .option('--plan <id>', 'only this plan')
    .option(
      '--watch',
      'a live dashboard while a run goes on: progress and ETA, the last arms, the bars with time to their limit, the verdict at the end; waits for a run to start (a block per change when not a terminal; --json: one JSON object per change)',
    )
    .option('--every <duration>', 'with --watch: how often to look (1s to 24h)', '2s')
    .option('--count <n>', 'with --watch: stop after this many looks (default: until the run ends, or Ctrl-C)')
    .action(async function (this: Command, flags: StatusFlags) {
      const ctx = resolveContext(this);
      // The providers its providers.json declares price the live verdict as the report does: docs/providers.md.
      if (flags.watch) return watchStatus(ctx, flags, (plan) => readPlanStatuses(ctx.dataDir, plan), loadProviderCatalog(ctx.dataDir));
      const statuses = readPlanStatuses(ctx.dataDir, flags.plan);
      const queues = await readPlanLeases(ctx.dataDir, flags.plan);
      printResult(
        ctx.json,
        queues === null ? { plans: statuses } : { plans: statuses, queues },
        (shown) =>
          renderStatuses(shown.plans, flags.plan, ctx.dataDir, readRegisteredAnalyses(ctx.dataDir, flags.plan)) +
          (shown.queues === undefined ? '' : renderPlanLeases(shown.queues)),
      );
    });
}

export function renderStatuses(
  statuses: PlanStatus[],
  plan: string | undefined,
  dataDir = '.',
  analyses: ReadonlyMap<string, AnalysisPlanRow> = new Map(),
): string {
  if (statuses.length === 0) return plan === undefined ? `${formatStartHint(dataDir)}\n` : `No plan ${plan} recorded in this data dir.\n`;
  const lines: string[] = [];
  for (const status of statuses) {
    const who =
      status.state === 'running'
        ? `running (process ${status.runner_pid})`
        : status.state === 'stopped'
          ? `stopped: ${status.stopped_by}`
          : status.state === 'failed'
            ? `failed: ${status.stopped_by} (fix that, then run the same command again)`
            : status.state === 'interrupted'
              ? `interrupted: to resume, run ${formatResumeCommand(status, dataDir, analyses.get(status.plan_id))}`
              : status.state === 'elsewhere'
                ? `running on another machine, it seems: no runner here, and an arm finished at ${status.last_finished_at} (shared ledger)`
                : status.state;
    lines.push(
      `Plan ${status.plan_id} (seed ${JSON.stringify(status.seed)}, ${status.providers.join(' vs ')}): ${status.done}/${status.arms} done, ${status.open} cut short or running, ${status.pending} pending; ${who}`,
      ...describeInfrastructureFailures(status.infrastructure_failures),
    );
    for (const arm of status.arm_states) {
      const detail =
        arm.state === 'done'
          ? `${String(arm.outcome).padEnd(15)} quality ${arm.quality?.toFixed(2)}  delta ${arm.capacity_delta === null ? 'n/a' : `${arm.capacity_delta}%`}`
          : arm.state === 'open'
            ? `started (${arm.window_id})`
            : '';
      lines.push(
        `  #${String(arm.arm_index + 1).padStart(3, '0')} ${arm.epoch === undefined ? '' : `e${arm.epoch} `}p${arm.period} ${arm.task_id.padEnd(24)} ${arm.provider.padEnd(12)} ${arm.state.padEnd(7)} ${detail}`.trimEnd(),
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
