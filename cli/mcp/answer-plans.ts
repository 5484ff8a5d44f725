// `tracker mcp`'s bars and plans tools: each account's bars and headroom in tasks, and the plans advice, as `tracker plans --json` reckons them.
import * as z from 'zod';
import { buildPlansAdvice, type Portfolio } from '../../reports/plans/index.js';
import { readPlansAdvice, readPlansInputs, refuseNoUse, type PlansReadFlags } from '../read-plans-advice.js';
import { ProviderArg } from './answer-usage.js';
import { boundNotes, boundRows, DEFAULT_ROWS, MAX_ROWS, sendAnswer, type ToolAnswer } from './bound-answer.js';

const TimeArg = z
  .string()
  .max(40)
  .regex(
    /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:\d{2}))?$/,
    'expected a day such as 2026-11-24 or an ISO time such as 2026-11-24T12:30:00Z',
  );

export const BarsArgs = z
  .object({
    at: TimeArg.optional().describe('the instant to reckon the bars at (default: now); a day means its end'),
    providers: z.array(ProviderArg).max(20).optional().describe('only these providers'),
  })
  .strict();

export const PlansArgs = z
  .object({
    weeks: z.number().int().min(1).max(52).default(4).describe('weeks of history up to `until` (default 4)'),
    since: TimeArg.optional().describe('first day or instant of the history (wins over weeks)'),
    until: TimeArg.optional().describe('last day or instant of the history (default: now)'),
    providers: z.array(ProviderArg).max(20).optional().describe('only these providers'),
    plans: z
      .array(
        z
          .string()
          .max(100)
          .regex(/^[a-z0-9][a-z0-9._+>@-]{0,80}=[a-z0-9][a-z0-9._+-]{0,63}$/, 'expected provider=plan such as claude=claude-max-5x'),
      )
      .max(10)
      .optional()
      .describe('the plan each provider is on, provider=plan (default: its last window’s, else its login’s)'),
    limit: z.number().int().min(1).max(MAX_ROWS).default(DEFAULT_ROWS).describe('portfolios at most'),
  })
  .strict();

/** Each account's bars now (used %, reset) and the tasks like its recent ones that fit before each binds, as the status line says it. */
export function answerBars(dataDir: string, args: z.infer<typeof BarsArgs>, now: number): ToolAnswer {
  const inputs = readPlansInputs(dataDir, readFlags({ until: args.at, providers: args.providers, weeks: 4 }), now);
  const { headroom } = buildPlansAdvice(inputs.ledger, inputs.options);
  return sendAnswer({
    at: new Date(inputs.options.until_ms).toISOString(),
    accounts: headroom.slice(0, MAX_ROWS),
    truncated: headroom.length > MAX_ROWS,
  });
}

/** The advice summarized: the plans held, the headline portfolios, the few worth reading (bounded), the seat gates' decision, the notes. */
export function answerPlans(dataDir: string, args: z.infer<typeof PlansArgs>, now: number): ToolAnswer {
  const flags = readFlags(args);
  const { report } = readPlansAdvice(dataDir, flags, readPlansInputs(dataDir, flags, now));
  if (report.accounts.length === 0) throw refuseNoUse(dataDir, report.arms_left_out);
  const shown = boundRows(
    report.portfolios.filter((portfolio) => portfolio.worth_reading !== false),
    args.limit,
    'first',
  );
  return sendAnswer({
    since: report.since,
    until: report.until,
    days: report.days,
    accounts: report.accounts.map(({ provider, held, asked_tokens }) => ({ provider, held, asked_tokens })),
    cheapest_covering: summarize(report.cheapest_covering),
    cheapest_covering_surely: summarize(report.cheapest_covering_surely),
    most_tokens_per_usd: summarize(report.most_tokens_per_usd),
    most_work_per_usd: summarize(report.most_work_per_usd),
    portfolios: shown.rows.map(summarize),
    portfolios_total: report.portfolios.length,
    truncated: shown.truncated,
    seat_decision: report.seat_evidence?.decision ?? null,
    notes: boundNotes(report.notes),
  });
}

/** A portfolio's figures without its per-seat detail. */
function summarize(portfolio: Portfolio | null): Record<string, unknown> | null {
  if (portfolio === null) return null;
  const { plans, holdings, usd_per_month, hits, waited_hours, tokens_a_month, tokens_per_usd, work_per_usd, na } = portfolio;
  return { plans, holdings, usd_per_month, hits, waited_hours, tokens_a_month, tokens_per_usd, work_per_usd, na };
}

function readFlags(args: { since?: string; until?: string; providers?: string[]; plans?: string[]; weeks: number }): PlansReadFlags {
  return {
    plan: args.plans ?? [],
    confidence: '0.95',
    weeks: String(args.weeks),
    ...(args.since === undefined ? {} : { since: args.since }),
    ...(args.until === undefined ? {} : { until: args.until }),
    ...(args.providers === undefined ? {} : { provider: args.providers.join(',') }),
  };
}
