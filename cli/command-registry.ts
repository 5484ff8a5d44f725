// Each executable's commands by name, loaded on use: running one command loads only its own modules (ADR 0023).
import type { Command } from 'commander';

/** Builds one command; its module is imported only when this is called. */
export type CommandLoader = () => Promise<Command>;

/** `tracker`'s commands in the order `tracker --help` lists them (statusline is added by the full program). */
export const TRACKER_COMMANDS: ReadonlyMap<string, CommandLoader> = new Map<string, CommandLoader>([
  ['snapshot', async () => (await import('./commands/snapshot.js')).createSnapshotCommand()],
  ['undo', async () => (await import('./commands/undo.js')).createUndoCommand()],
  ['complete', async () => (await import('./commands/complete.js')).createCompleteCommand()],
  ['churn', async () => (await import('./commands/churn.js')).createChurnCommand()],
  ['checkpoint', async () => (await import('./commands/checkpoint.js')).createCheckpointCommand()],
  ['ingest', async () => (await import('./commands/ingest.js')).createIngestCommand()],
  ['ledger', async () => (await import('./commands/ledger.js')).createLedgerCommand()],
  ['schedule', async () => (await import('./commands/schedule.js')).createScheduleCommand()],
  ['anomalies', async () => (await import('./commands/anomalies.js')).createAnomaliesCommand()],
  ['quota', async () => (await import('./commands/quota.js')).createQuotaCommand()],
  ['watch', async () => (await import('./commands/watch.js')).createWatchCommand()],
  ['preview', async () => (await import('./commands/preview.js')).createPreviewCommand()],
  ['compare-cost', async () => (await import('./commands/compare-cost.js')).createCompareCostCommand()],
  ['usage', async () => (await import('./commands/usage.js')).createUsageCommand()],
  ['status', async () => (await import('./commands/status.js')).createStatusCommand()],
  ['calibrate', async () => (await import('./commands/calibrate.js')).createCalibrateCommand()],
  ['plans', async () => (await import('./commands/plans.js')).createPlansCommand()],
  ['proxy', async () => (await import('./commands/proxy.js')).createProxyCommand()],
  ['otel', async () => (await import('./commands/otel.js')).createOtelCommand()],
  ['metrics', async () => (await import('./commands/metrics.js')).createMetricsCommand()],
  ['mcp', async () => (await import('./commands/mcp.js')).createMcpCommand()],
  ['model-server', async () => (await import('./commands/model-server.js')).createModelServerCommand()],
  // An alias of `experiment view`: the viewer shows the capture side (bars, usage) too.
  ['view', async () => (await import('./commands/experiment-view.js')).createViewCommand()],
]);

/** `experiment`'s commands in the order `experiment --help` lists them. */
export const EXPERIMENT_COMMANDS: ReadonlyMap<string, CommandLoader> = new Map<string, CommandLoader>([
  ['plan', async () => (await import('./commands/experiment-plan.js')).createPlanCommand()],
  ['run', async () => (await import('./commands/experiment-run.js')).createRunCommand()],
  ['worker', async () => (await import('./commands/experiment-worker.js')).createWorkerCommand()],
  ['status', async () => (await import('./commands/experiment-status.js')).createStatusCommand()],
  ['power', async () => (await import('./commands/experiment-power.js')).createPowerCommand()],
  ['sample-size', async () => (await import('./commands/experiment-power.js')).createSampleSizeCommand()],
  ['crossover', async () => (await import('./commands/experiment-crossover.js')).createCrossoverCommand()],
  ['simulate', async () => (await import('./commands/experiment-simulate.js')).createSimulateCommand()],
  ['report', async () => (await import('./commands/experiment-report.js')).createReportCommand()],
  ['budget', async () => (await import('./commands/experiment-budget.js')).createBudgetCommand()],
  ['tasks', async () => (await import('./commands/experiment-tasks.js')).createTasksCommand()],
  ['view', async () => (await import('./commands/experiment-view.js')).createViewCommand()],
]);

/** Global options that take a value (cli/global-options.ts): the word after them is not the command. */
const VALUED = new Set(['--data-dir', '--agent', '--ledger', '--source']);

/** Index in `args` (argv without node and the script) of the first word that is not a global option or its value. */
export function findCommandIndex(args: readonly string[]): number {
  let i = 0;
  while (i < args.length && (args[i] ?? '').startsWith('-')) i += VALUED.has(args[i] ?? '') ? 2 : 1;
  return i;
}

/** Every loader's command, in order: the full program, for `--help`, `--version` and a mistyped command. */
export async function loadAllCommands(registry: ReadonlyMap<string, CommandLoader>): Promise<Command[]> {
  return Promise.all([...registry.values()].map((load) => load()));
}
