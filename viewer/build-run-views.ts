// The Runs page's rows: each plan's progress per provider, its estimated finish, its pre-registered analysis and the verdict's headline.
import type { AnalysisPlanRow } from '../ledger/index.js';
import { ageOutPlanState, type PlanStatus } from '../ledger/runs/index.js';
import type { ArmTable } from './arm-table.js';
import type { ReportView } from './read-ledger-view.js';

/** A plan's status as the server keeps it: its arms counted per provider and state, not listed (10,000 arms a plan). */
export interface PlanSummary extends Omit<PlanStatus, 'arm_states'> {
  by_provider: { provider: string; done: number; open: number; pending: number }[];
}

export interface RunView extends PlanSummary {
  finish: { at: string | null; remaining_ms: number | null; reason: string | null };
  analysis: AnalysisPlanRow | null;
  headline: string[] | null;
  /** Why there is no headline yet (computing, no windows). */
  headline_reason: string | null;
  /** Its providers whose finished arms the scripted model server answered; null while the ledger is being read. */
  simulated: string[] | null;
}

/** Each plan's arms done and the earliest start among them (completion less duration), read once per table. */
const PLAN_TIMES = new WeakMap<ArmTable, Map<string | null, { done: number; first: number }>>();

function readPlanTimes(arms: ArmTable): Map<string | null, { done: number; first: number }> {
  let times = PLAN_TIMES.get(arms);
  if (times) return times;
  times = new Map();
  for (let row = 0; row < arms.count; row += 1) {
    const plan = arms.readValue(row, 'plan_id') as string | null;
    const duration = arms.readNumberValue(row, 'duration_ms');
    // NaN (a completion time Date cannot read) carries through Math.min, as it did through the rows' Date.parse.
    const start = arms.readNumberValue(row, 'completed_ms') - (Number.isNaN(duration) ? 0 : duration);
    const held = times.get(plan);
    if (held) {
      held.done += 1;
      held.first = Math.min(held.first, start);
    } else times.set(plan, { done: 1, first: start });
  }
  PLAN_TIMES.set(arms, times);
  return times;
}

/**
 * Throughput so far (arms done over the time since the first one started), applied to the arms left: it counts
 * parallel arms and pauses as they happened. n/a with a reason while fewer than two arms are done or nothing runs.
 */
export function estimateFinish(status: Omit<PlanStatus, 'arm_states'>, arms: ArmTable, now: Date): RunView['finish'] {
  const left = status.arms - status.done;
  if (left === 0) return { at: null, remaining_ms: 0, reason: null };
  if (status.state !== 'running' && status.state !== 'elsewhere')
    return { at: null, remaining_ms: null, reason: `n/a: the plan is ${status.state}` };
  const done = readPlanTimes(arms).get(status.plan_id) ?? { done: 0, first: Number.NaN };
  if (done.done < 2) return { at: null, remaining_ms: null, reason: 'n/a: fewer than two arms done so far' };
  const elapsed = now.getTime() - done.first;
  if (!(elapsed > 0)) return { at: null, remaining_ms: null, reason: 'n/a: the arms carry no usable times' };
  const remaining = Math.round((elapsed / done.done) * left);
  return { at: new Date(now.getTime() + remaining).toISOString(), remaining_ms: remaining, reason: null };
}

/** Counts a plan's arms per provider and state (in the reader: the server is sent the counts, not the 100,000 arms). */
export function summarizePlanStatus({ arm_states, ...status }: PlanStatus): PlanSummary {
  const providers = new Map<string, { provider: string; done: number; open: number; pending: number }>();
  for (const provider of status.providers) providers.set(provider, { provider, done: 0, open: 0, pending: 0 });
  for (const arm of arm_states) {
    const entry = providers.get(arm.provider) ?? { provider: arm.provider, done: 0, open: 0, pending: 0 };
    entry[arm.state] += 1;
    providers.set(arm.provider, entry);
  }
  return { ...status, by_provider: [...providers.values()] };
}

export function buildRunViews(
  statuses: readonly PlanSummary[],
  arms: ArmTable | null,
  analyses: readonly AnalysisPlanRow[],
  reports: readonly ReportView[] | null,
  now: Date,
  simulated: Readonly<Record<string, string[]>> | null = null,
): RunView[] {
  return statuses.map((read) => {
    // Read when the ledger last changed: a teammate's run that has since gone quiet is no longer taken as running.
    const status = { ...read, state: ageOutPlanState(read.state, read.last_finished_at, now.getTime()) };
    const report = reports?.find((candidate) => candidate.plan_id === status.plan_id) ?? null;
    return {
      ...status,
      finish: arms === null ? { at: null, remaining_ms: null, reason: 'computing' } : estimateFinish(status, arms, now),
      analysis: analyses.findLast((row) => row.plan_id === status.plan_id) ?? null,
      headline: report?.headline ?? null,
      headline_reason: report ? null : status.done === 0 ? 'n/a: no arm finished yet' : 'computing the report',
      simulated: simulated === null ? null : (simulated[status.plan_id] ?? []),
    };
  });
}
