// Dummy-coded design matrices of the crossover model y = subject + period + treatment [+ first-order carryover].

/** One observation with the treatment its subject had in the period before (null: none, the first period). */
export interface CrossoverRow {
  subject: string;
  period: number;
  treatment: string;
  y: number;
  /** undefined: the previous period's treatment is not known (the subject has no observation there). */
  previous: string | null | undefined;
}

/** X, y and where each effect sits in the columns of X. */
export interface DesignMatrix {
  x: number[][];
  y: number[];
  names: string[];
  subjects: string[];
  periods: number[];
  /** Column of each treatment's effect (treatment - reference); the reference has none. */
  treatmentColumns: Map<string, number>;
  /** Column of each carryover effect (carryover of t - carryover of `carryoverReference`); empty without carryover. */
  carryoverColumns: Map<string, number>;
  /** The treatment whose carryover the others are measured against (the reference when it precedes anything). */
  carryoverReference: string | null;
}

/**
 * Attaches to each observation the treatment of the period before, so a carryover column can be coded:
 * `previousTreatment` when the caller gives it (it knows what ran even when the outcome was not measured),
 * else none in the first period of the data and the subject's own observation in the previous period, or
 * undefined (unknown) when the subject has no observation there. "None" is only codable in the first
 * period: in a later one an all-zero carryover row would read as the reference's carryover, so a
 * `previousTreatment: null` there counts as unknown.
 */
export function resolvePreviousTreatments(
  observations: readonly { subject: string; period: number; treatment: string; y: number; previousTreatment?: string | null }[],
): CrossoverRow[] {
  const periods = [...new Set(observations.map((o) => o.period))].sort((a, b) => a - b);
  const byKey = new Map(observations.map((o) => [JSON.stringify([o.subject, o.period]), o.treatment]));
  return observations.map((o) => {
    const index = periods.indexOf(o.period);
    if (index === 0) return { subject: o.subject, period: o.period, treatment: o.treatment, y: o.y, previous: o.previousTreatment ?? null };
    const previous =
      o.previousTreatment === undefined ? byKey.get(JSON.stringify([o.subject, periods[index - 1]])) : (o.previousTreatment ?? undefined);
    return { subject: o.subject, period: o.period, treatment: o.treatment, y: o.y, previous };
  });
}

/**
 * Reference-coded fixed-effects design (Jones & Kenward, Design and Analysis of Cross-Over Trials, 3rd ed.,
 * ch. 5): intercept, subjects 2..s, periods 2..p, treatments other than `treatments[0]`, then,
 * with `carryover`, one column per treatment that precedes another other than the carryover reference,
 * set to 1 when the previous period had that treatment. Carryover comes last so an aliasing check blames it,
 * not the effects that must stay estimable. Only differences of carryover effects are estimable: the
 * carryover columns of all treatments sum to the periods after the first, which the period columns span.
 * Rows whose previous treatment is unknown must be left out by the caller when `carryover` is set.
 */
export function buildDesignMatrix(rows: readonly CrossoverRow[], treatments: readonly string[], carryover: boolean): DesignMatrix {
  const subjects = [...new Set(rows.map((r) => r.subject))];
  const periods = [...new Set(rows.map((r) => r.period))].sort((a, b) => a - b);
  const present = treatments.filter((t) => rows.some((r) => r.treatment === t));
  const names = ['intercept', ...subjects.slice(1).map((s) => `subject ${s}`), ...periods.slice(1).map((p) => `period ${p}`)];
  const treatmentColumns = new Map<string, number>();
  for (const t of present.slice(1)) treatmentColumns.set(t, names.push(`treatment ${t}`) - 1);
  const preceding = carryover ? [...new Set(rows.flatMap((r) => (typeof r.previous === 'string' ? [r.previous] : [])))] : [];
  const ordered = [...treatments.filter((t) => preceding.includes(t)), ...preceding.filter((t) => !treatments.includes(t)).sort()];
  const carryoverReference = ordered[0] ?? null;
  const carryoverColumns = new Map<string, number>();
  for (const t of ordered.slice(1)) carryoverColumns.set(t, names.push(`carryover of ${t}`) - 1);
  const x = rows.map((r) => {
    const row = new Array<number>(names.length).fill(0);
    row[0] = 1;
    const s = subjects.indexOf(r.subject);
    if (s > 0) row[s] = 1;
    const p = periods.indexOf(r.period);
    if (p > 0) row[subjects.length + p - 1] = 1;
    const t = treatmentColumns.get(r.treatment);
    if (t !== undefined) row[t] = 1;
    const c = typeof r.previous === 'string' ? carryoverColumns.get(r.previous) : undefined;
    if (c !== undefined) row[c] = 1;
    return row;
  });
  return { x, y: rows.map((r) => r.y), names, subjects, periods, treatmentColumns, carryoverColumns, carryoverReference };
}

/**
 * Least-squares means (Searle, Speed & Milliken 1980, "Population marginal means in the linear model"): each
 * treatment's prediction averaged with equal weight over the subjects and the periods, with the carryover
 * columns at their mean in the data, so the differences between them are exactly the treatment contrasts.
 */
export function computeLeastSquaresMeans(
  matrix: DesignMatrix,
  coefficients: readonly number[],
  treatments: readonly string[],
): { treatment: string; lsMean: number }[] {
  const coefficient = (j: number): number => coefficients[j] as number;
  let common = coefficient(0);
  for (let j = 1; j < matrix.subjects.length; j += 1) common += coefficient(j) / matrix.subjects.length;
  for (let j = 1; j < matrix.periods.length; j += 1) common += coefficient(matrix.subjects.length + j - 1) / matrix.periods.length;
  for (const j of matrix.carryoverColumns.values())
    common += (coefficient(j) * matrix.x.reduce((sum, row) => sum + (row[j] as number), 0)) / matrix.x.length;
  return treatments.map((treatment) => {
    const j = matrix.treatmentColumns.get(treatment);
    return { treatment, lsMean: common + (j === undefined ? 0 : coefficient(j)) };
  });
}
