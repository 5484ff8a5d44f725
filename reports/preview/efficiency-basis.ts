// What the preview's efficiency figures are in and against: the unit, the plan, the baseline and the test's level (types only).

export type PreviewUnit = 'usd' | 'bars' | 'tokens';
export type BaselineSource = 'plan-reference' | 'flag' | 'first-by-name';

export interface EfficiencyBasis {
  unit: PreviewUnit;
  /** Why the unit is bars although $ was asked for (a window cannot be priced); null otherwise. */
  unit_reason: string | null;
  plan_id: string | null;
  baseline: string | null;
  baseline_source: BaselineSource | null;
  alpha: number;
  min_effect: number;
  /** Pairs Holm adjusts over: power is at alpha / pairs. */
  pairs: number;
}
