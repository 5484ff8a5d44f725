// The Arms table's rows: one per completed window, built once per ledger change, then filtered, sorted and paged per request.
import { type ReportWindow, type ReportWindowTests, SIMULATED_MARK } from '../ledger/index.js';
import type { WindowUsage } from '../reports/index.js';

export interface ArmRow {
  window_id: string;
  plan_id: string | null;
  task: string | null;
  provider: string;
  epoch: number | null;
  period: number | null;
  sequence: string | null;
  outcome: string;
  quality: number;
  resolved: boolean | null;
  /** fail_to_pass and pass_to_pass together, when the window recorded its tests by identity. */
  tests_passed: number | null;
  tests_total: number | null;
  /** pass_to_pass tests the agent broke. */
  broken: number | null;
  /** API-equivalent dollars of the window's proxied requests; null when unpriced or never proxied. */
  usd: number | null;
  tokens: number | null;
  duration_ms: number | null;
  isolation: string | null;
  completed_at: string;
  errors: string[];
}

/** An arm's tests by identity as the table shows them. */
export type TestCounts = Pick<ArmRow, 'resolved' | 'tests_passed' | 'tests_total' | 'broken'>;

/** fail_to_pass and pass_to_pass together, and the pass_to_pass tests the agent broke. */
export function countTests(tests: ReportWindowTests): TestCounts {
  return {
    resolved: tests.resolved,
    tests_passed: tests.fail_to_pass.passed + tests.pass_to_pass.passed,
    tests_total: tests.fail_to_pass.total + tests.pass_to_pass.total,
    broken: tests.pass_to_pass.total - tests.pass_to_pass.passed,
  };
}

/** Columns a client may sort and filter by. */
export const ARM_COLUMNS = [
  'window_id',
  'task',
  'provider',
  'epoch',
  'period',
  'outcome',
  'quality',
  'resolved',
  'tests_passed',
  'broken',
  'usd',
  'tokens',
  'duration_ms',
  'isolation',
  'completed_at',
] as const;
export type ArmColumn = (typeof ARM_COLUMNS)[number];

/** The runner names the isolation in a window's methodology as `isolation: bwrap (...)`. */
const ISOLATION = /\bisolation:\s*([a-z][\w-]*)/i;

/** The isolation the runner names in a window's methodology, when it does. */
function readIsolation(methodology: string): string | null {
  return ISOLATION.exec(methodology)?.[1] ?? null;
}

/** One copy of each kept text: a match is a slice that keeps its whole methodology alive (V8's sliced strings). */
const CLAUSES = new Map<string, string>();

/**
 * All the viewer reads of a methodology (the rest is ~600 bytes a window that 100,000 windows need not hold): the
 * isolation clause, for the Arms table, and the simulated mark, for the Runs page.
 */
export function keepArmClauses(methodology: string): string {
  const isolation = ISOLATION.exec(methodology)?.[0];
  const clause = `${methodology.includes(SIMULATED_MARK) ? `${SIMULATED_MARK} ` : ''}${isolation ?? ''}`;
  if (clause === '') return '';
  let kept = CLAUSES.get(clause);
  if (kept === undefined) {
    // A flat copy (Buffer round trip), so not even the first window's methodology is held through it.
    kept = Buffer.from(clause).toString();
    if (CLAUSES.size < 64) CLAUSES.set(kept, kept);
  }
  return kept;
}

/** The window's arm; its tests are counted when the window was read with them (ReportNarrowing's `tests`). */
export function buildArmRow(window: ReportWindow, usage: ReadonlyMap<string, WindowUsage>): ArmRow {
  const tests = window.tests === undefined ? undefined : countTests(window.tests);
  const used = usage.get(window.window_id);
  const start = window.started_at === null ? Number.NaN : Date.parse(window.started_at);
  const end = window.ended_at === null ? Number.NaN : Date.parse(window.ended_at);
  return {
    window_id: window.window_id,
    plan_id: window.plan_id ?? null,
    task: window.feature_id,
    provider: window.provider,
    epoch: window.epoch ?? null,
    period: window.period ?? null,
    sequence: window.sequence ?? null,
    outcome: window.outcome,
    quality: window.quality,
    resolved: tests?.resolved ?? null,
    tests_passed: tests?.tests_passed ?? null,
    tests_total: tests?.tests_total ?? null,
    broken: tests?.broken ?? null,
    usd: used?.cost_usd ?? null,
    tokens: used?.tokens ?? window.capacity?.tokens?.delta ?? null,
    duration_ms: Number.isFinite(start) && Number.isFinite(end) && end >= start ? end - start : null,
    isolation: readIsolation(window.methodology),
    completed_at: window.completed_at,
    errors: window.errors,
  };
}

export interface ArmQuery {
  /** Words that must all appear in the row's task, provider, outcome, window id or isolation (case-insensitive). */
  filter: string;
  /** Exact column filters, e.g. provider=claude. */
  where: Partial<Record<'plan_id' | 'provider' | 'outcome' | 'task', string>>;
  sort: ArmColumn;
  descending: boolean;
  offset: number;
  limit: number;
}

export interface ArmPage {
  total: number;
  matched: number;
  offset: number;
  rows: ArmRow[];
  /** Distinct values of the exact filters, for the page's drop-downs. */
  choices: { provider: string[]; outcome: string[]; plan_id: string[] };
}
