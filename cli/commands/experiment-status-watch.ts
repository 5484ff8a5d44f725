// `experiment status --watch`: a live view of a run (arms, the primary estimate with its confidence sequence, the verdict so far).
import { readReportLedger } from '../../ledger/index.js';
import { buildReport, type ExperimentReport } from '../../reports/index.js';
import type { CommandContext } from '../global-options.js';
import { parsePositiveInt } from '../parse-flags.js';
import { createStoppableSleep } from './serve-until-signal.js';
import { parseDuration } from './watch.js';
import { formatStartHint } from './shell-hints.js';

/** What the view reads of a plan's status (experiment-status.ts's PlanStatus has it). */
interface WatchedPlan {
  plan_id: string;
  state: string;
  done: number;
  arms: number;
  pending: number;
}

export interface StatusFlags {
  plan?: string;
  watch?: boolean;
  every: string;
  count?: string;
}

/** What one look shows; two looks with the same view print nothing new. */
interface WatchView {
  at: string;
  plans: { plan_id: string; state: string; done: number; arms: number; pending: number }[];
  estimate: string | null;
  sequence: string | null;
  verdict: string | null;
}

/**
 * Looks every `--every` until the plan is no longer running (after at least one look), `--count` looks, or
 * Ctrl-C. A terminal is redrawn in place; a pipe or file gets a line per change, so a log stays readable.
 */
export async function watchStatus(
  ctx: CommandContext,
  flags: StatusFlags,
  read: (plan: string | undefined) => WatchedPlan[],
): Promise<void> {
  const everyMs = parseDuration(flags.every, '--every');
  const looks = flags.count === undefined ? Number.POSITIVE_INFINITY : parsePositiveInt(flags.count, '--count');
  const live = process.stdout.isTTY === true && !ctx.json;
  const pause = createStoppableSleep();
  let last = '';
  for (let look = 1; look <= looks && !pause.stopped; look += 1) {
    const statuses = read(flags.plan);
    const view = buildView(ctx.dataDir, statuses, flags.plan);
    const key = JSON.stringify({ ...view, at: '' });
    if (key !== last) {
      last = key;
      if (ctx.json) process.stdout.write(`${JSON.stringify(view)}\n`);
      else process.stdout.write(live ? `\x1b[H\x1b[2J${renderView(view, true, ctx.dataDir)}` : renderView(view, false, ctx.dataDir));
    }
    if (!statuses.some((status) => status.state === 'running') && flags.count === undefined) break;
    if (look < looks) await pause.sleep(everyMs);
  }
}

function buildView(dataDir: string, statuses: WatchedPlan[], plan: string | undefined): WatchView {
  const plans = statuses.map((s) => ({ plan_id: s.plan_id, state: s.state, done: s.done, arms: s.arms, pending: s.pending }));
  const at = new Date().toISOString();
  if (statuses.every((status) => status.done === 0)) return { at, plans, estimate: null, sequence: null, verdict: null };
  // Few resamples: the live view needs the estimate and the verdict, not a publication-grade bootstrap.
  const report = buildReport(readReportLedger(dataDir), {
    generatedAt: at,
    tasks: null,
    resamples: 1000,
    planId: plan ?? statuses.at(-1)?.plan_id,
  });
  return {
    at,
    plans,
    estimate: describeEstimate(report),
    sequence: describeSequence(report),
    // The two-line headline only: the detail is the report's (a live view has no room for it).
    verdict: (report.verdict.split('\n\n')[0] ?? '').replace(/\*\*/g, '').replace(/\n/g, '\n  '),
  };
}

function describeEstimate(report: ExperimentReport): string | null {
  const contrast = report.primary.contrasts[0];
  if (!contrast) return report.primary.na;
  const ci = contrast.low === null ? 'ci=n/a' : `[${contrast.low.toPrecision(3)}, ${contrast.high?.toPrecision(3)}]`;
  return `${contrast.a} - ${contrast.b} = ${contrast.estimate?.toPrecision(3) ?? 'n/a'} ${ci} on ${report.primary.tasks} tasks (${report.primary.method})`;
}

function describeSequence(report: ExperimentReport): string | null {
  const sequential = report.stop.sequential;
  if (!sequential) return null;
  return `${sequential.decision}: ${sequential.reason}`;
}

function renderView(view: WatchView, full: boolean, dataDir: string): string {
  const lines = view.plans.map(
    (p) => `${full ? '' : `${view.at} `}plan ${p.plan_id}: ${p.done}/${p.arms} arms done, ${p.pending} pending, ${p.state}`,
  );
  if (view.estimate) lines.push(`${full ? 'primary: ' : '  primary: '}${view.estimate}`);
  if (view.sequence) lines.push(`${full ? 'stop rule: ' : '  stop rule: '}${view.sequence}`);
  if (view.verdict) lines.push(`${full ? 'verdict so far: ' : '  verdict so far: '}${view.verdict}`);
  if (view.plans.length === 0) lines.push(formatStartHint(dataDir));
  if (full) lines.push('', `(updated ${view.at}; Ctrl-C to stop)`);
  return `${lines.join('\n')}\n`;
}
