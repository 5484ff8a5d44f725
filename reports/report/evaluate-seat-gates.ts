// The seat gates (G1-G3) and the seat decision on their own: what `tracker plans` weighs a seat by, without the report.
import type { PriceTable } from '../../budget/prices/index.js';
import type { ReportLedger } from '../../ledger/index.js';
import { collectG3Input, type G3Input } from '../gates/collect-g3-input.js';
import { decideSeat, type SeatDecision } from '../gates/decide-seat.js';
import { evaluateG1, type G1Result } from '../gates/evaluate-g1.js';
import { evaluateG2, type G2Result, type TaskStatus } from '../gates/evaluate-g2.js';
import { evaluateG3, type G3Result } from '../gates/evaluate-g3.js';
import type { WindowMetrics } from '../metrics/compute-window-metrics.js';
import { measureWindows } from '../metrics/measure-plan-windows.js';
import type { ProviderCalibration } from '../metrics/price-window-metrics.js';
import { scopeLedgerToPlan } from '../metrics/scope-plan-ledger.js';
import { resolveAnalysisPlan } from './resolve-analysis-plan.js';

export interface SeatGates {
  g1: G1Result;
  g2: G2Result;
  g3: G3Result;
}

/** What the gates read of a measured plan: its previews' basis (plan, unit, baseline), its windows, its requests. */
export interface SeatGateInput {
  planId: string | null;
  unit: 'usd' | 'bars';
  reference: string | null;
  runs: readonly WindowMetrics[];
  prices: PriceTable;
  tasks: readonly TaskStatus[] | null;
}

/** The three gates of a measured plan (the report's and `tracker plans`' alike), with the routed cost G3 reads. */
export function collectSeatGates(
  ledger: Pick<ReportLedger, 'previews' | 'telemetry'>,
  input: SeatGateInput,
): { gates: SeatGates; cost: G3Input['cost'] } {
  // Runs, one per epoch: requests name their window, and a task-level window of epoch means has none of its own.
  const g3Input = collectG3Input(ledger.telemetry, input.runs, input.prices);
  const baseline = input.reference === null ? {} : { baseline: input.reference };
  return {
    gates: {
      g1: evaluateG1(ledger.previews, { plan_id: input.planId, unit: input.unit, ...baseline }),
      g2: evaluateG2(input.tasks),
      g3: evaluateG3(g3Input),
    },
    cost: g3Input.cost,
  };
}

/**
 * The gates and the seat decision of the data dir's experiment as its report gives them (the same plan, pricing and
 * baseline: resolveAnalysisPlan, measureWindows), without the analyses, bootstrap and power search the report adds.
 */
export function evaluateSeatGates(
  all: ReportLedger,
  options: {
    prices: PriceTable;
    calibrations?: ReadonlyMap<string, ProviderCalibration> | undefined;
    tasks: readonly TaskStatus[] | null;
    planId?: string | undefined;
    fallbackSeat?: string | undefined;
  },
): { gates: SeatGates; decision: SeatDecision } {
  const analysis = resolveAnalysisPlan(all.analysisPlans, all.windows, { planId: options.planId });
  const ledger = analysis.plan_id === null ? all : scopeLedgerToPlan(all, analysis.plan_id);
  const measured = measureWindows(ledger, analysis.estimand, {
    prices: options.prices,
    confidence: 1 - analysis.alpha,
    calibrations: options.calibrations,
  });
  const present = [...new Set(measured.windows.map((window) => window.provider))].sort();
  const { gates } = collectSeatGates(ledger, {
    planId: analysis.plan_id,
    unit: measured.priced.unit,
    reference: analysis.reference ?? present[0] ?? null,
    runs: measured.runs,
    prices: options.prices,
    tasks: options.tasks,
  });
  return { gates, decision: decideSeat(gates, options.fallbackSeat === undefined ? {} : { fallbackSeat: options.fallbackSeat }) };
}
