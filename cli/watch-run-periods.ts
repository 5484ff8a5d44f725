// After each period of a run, the preview G1 reads; on a resume, the previews a killed run owed, as they would have been.
import { LEDGER_FILES, scanLedger } from '../ledger/index.js';
import { findDoneArms, type Plan, type RunEvent } from '../runner/index.js';
import type { CommandContext } from './global-options.js';
import { recordPlanPreview } from './record-preview.js';

/**
 * After every period whose arms are all done, a preview of the plan (G1 reads "the last two previews with new windows
 * between them"), so the gates can be judged from the experiment alone. A preview that cannot be written (a full
 * disk) is a note, never the end of the run: the windows are what matter. On a (re)start, each period already complete
 * after the last one a preview row names was owed by a run killed between its last window and its preview (a
 * resumed seed-42 run had 3 previews where the uninterrupted one had 4, and G1 turned from pass to not
 * evaluable): it is recorded first, as of that period (the plan's later windows left out), so the resumed report is
 * the uninterrupted one's.
 */
export function watchPeriods(ctx: CommandContext, plan: Plan): { handle: (event: RunEvent) => void; settled: () => Promise<void> } {
  const done = new Set(findDoneArms(ctx.dataDir, plan.plan_id).keys());
  const recorded = new Set<number>();
  const stamp = { ...ctx.stamp, source: 'runner' as const };
  let chain: Promise<void> = Promise.resolve();
  const record = (period: number, late: boolean): void => {
    chain = chain
      .then(() => recordPlanPreview(ctx.dataDir, stamp, { plan_id: plan.plan_id, period, ...(late ? { upToPeriod: period } : {}) }))
      .catch((error: unknown) => {
        process.stderr.write(`note: the preview after period ${period} was not recorded: ${(error as Error).message}\n`);
      });
  };
  const isComplete = (period: number) => plan.arms.every((arm) => arm.period !== period || done.has(arm.arm_index));
  const previewed = findLastPreviewedPeriod(ctx.dataDir, plan.plan_id);
  for (const period of [...new Set(plan.arms.map((arm) => arm.period))].sort((a, b) => a - b)) {
    if (!isComplete(period)) continue;
    recorded.add(period);
    if (period > previewed) record(period, true);
  }
  return {
    handle(event) {
      if (event.type !== 'arm-done' || event.result.outcome === 'abandoned') return;
      done.add(event.job.arm.arm_index);
      const { period } = event.job.arm;
      if (recorded.has(period) || !isComplete(period)) return;
      recorded.add(period);
      record(period, false);
    },
    settled: () => chain,
  };
}

/** The highest period of `planId` a preview row names (0 when none). */
function findLastPreviewedPeriod(dataDir: string, planId: string): number {
  let last = 0;
  scanLedger(
    dataDir,
    LEDGER_FILES.previews,
    (row) => {
      if (row.kind === 'preview' && row.plan_id === planId && typeof row.period === 'number') last = Math.max(last, row.period);
    },
    { needles: [planId] },
  );
  return last;
}
