// `tracker mcp`'s experiment_verdict tool: the verdict `experiment report --json` gives for a plan, built without writing the report.
import * as z from 'zod';
import { escapeControls, escapeLines } from '../../kernel/index.js';
import { readReportLedger } from '../../ledger/index.js';
import { loadProviderCatalog } from '../load-provider-catalog.js';
import { buildExperimentReport } from '../write-experiment-report.js';
import { boundRows, sendAnswer, type ToolAnswer } from './bound-answer.js';

/** A plan id as the runner makes them (`plan-<12 hex>`) or any recorded one: one path segment, never `.`, `/` or `\`. */
export const VerdictArgs = z
  .object({
    plan_id: z
      .string()
      .max(128)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_:+-]*(?:\.[A-Za-z0-9_:+-]+)*$/, 'expected a plan id such as plan-0123456789ab')
      .optional()
      .describe('the recorded plan (default: the one `experiment report` reads, the plan with the most windows)'),
  })
  .strict();

/** The verdict paragraph, the seat decision, who is ahead with each pair's ratio, the gates' lines, and the plans there are. */
export function answerVerdict(dataDir: string, args: z.infer<typeof VerdictArgs>, now: Date): ToolAnswer {
  const report = buildExperimentReport({
    dataDir,
    catalog: loadProviderCatalog(dataDir),
    now,
    options: {
      ...(args.plan_id === undefined ? {} : { planId: args.plan_id }),
      pool: false,
      seed: 'experiment-report',
      resamples: 10_000,
      calibrationSource: 'readings',
    },
  });
  const ledger = readReportLedger(dataDir);
  const plans = [
    ...new Set([
      ...ledger.analysisPlans.map((row) => row.plan_id),
      ...ledger.windows.flatMap((window) => (window.plan_id ? [window.plan_id] : [])),
    ]),
  ];
  const { g1, g2, g3 } = report.gates;
  return sendAnswer(
    {
      plan_id: report.analysis.plan_id,
      registered: report.analysis.registered,
      providers: report.analysis.providers,
      unit: report.settings.unit,
      verdict: report.verdict,
      decision: report.decision,
      leader: report.primary.leader,
      best: report.primary.best,
      not_behind_best: report.primary.not_behind_best,
      pairs: report.primary.pairs
        .slice(0, 20)
        .map(({ a, b, tasks, unpaired, ratio, outcome, decided_at, na }) => ({ a, b, tasks, unpaired, ratio, outcome, decided_at, na })),
      gates: [g1, g2, g3].map(({ id, status, summary }) => ({ id, status, summary })),
      windows: { completed: report.windows.completed, last_completed_at: report.windows.last_completed_at },
      // Read raw here (the report's own ledger was escaped as it was read): one line each.
      plans: boundRows(plans, 20, 'last').rows.map(escapeControls),
    },
    escapeLines,
  );
}
