// Ordinary least squares by Householder QR (no normal equations), with (X'X)^-1 for standard errors.
import { AppError } from '../../kernel/index.js';

/** An OLS fit of y on the columns of X. */
export interface LeastSquaresFit {
  coefficients: number[];
  /** (X'X)^-1: multiply by `sigma2` for the covariance of the coefficients. */
  unscaledCovariance: number[][];
  residualSumOfSquares: number;
  /** n - p. */
  df: number;
  /** RSS / df; NaN when df is 0. */
  sigma2: number;
}

/**
 * Fits y = X b by QR (Householder reflections on a copy of X), so an ill-conditioned design loses half as
 * many digits as the normal equations would. Refuses a rank-deficient X (a column that the others explain),
 * naming the column by `names` when given.
 */
export function fitLeastSquares(x: readonly (readonly number[])[], y: readonly number[], names: readonly string[] = []): LeastSquaresFit {
  const n = x.length;
  const p = x[0]?.length ?? 0;
  if (n !== y.length || p === 0 || n < p)
    throw new AppError('BAD_INPUT', `least squares needs at least as many observations (${n}) as parameters (${p})`);
  const a = x.map((row) => Float64Array.from(row));
  const b = Float64Array.from(y);
  const r = (i: number, j: number): number => (a[i] as Float64Array)[j] as number;
  const columnNorms = Array.from({ length: p }, (_, j) => Math.sqrt(a.reduce((sum, row) => sum + (row[j] as number) ** 2, 0)));
  for (let j = 0; j < p; j += 1) {
    // Reflect column j below the diagonal onto e_j.
    let norm = 0;
    for (let i = j; i < n; i += 1) norm += r(i, j) ** 2;
    norm = Math.sqrt(norm);
    if (norm <= 1e-10 * (columnNorms[j] as number)) {
      throw new AppError(
        'BAD_INPUT',
        `the design cannot separate ${names[j] ?? `column ${j + 1}`} from the other effects (rank-deficient)`,
      );
    }
    const alpha = r(j, j) > 0 ? -norm : norm;
    const v = new Float64Array(n);
    for (let i = j; i < n; i += 1) v[i] = r(i, j);
    v[j] = (v[j] as number) - alpha;
    const vv = v.reduce((sum, vi, i) => (i >= j ? sum + vi * vi : sum), 0);
    for (let k = j; k < p; k += 1) applyReflection(a, v, vv, j, k);
    let dot = 0;
    for (let i = j; i < n; i += 1) dot += (v[i] as number) * (b[i] as number);
    for (let i = j; i < n; i += 1) b[i] = (b[i] as number) - (2 * dot * (v[i] as number)) / vv;
  }
  const inverse = invertUpperTriangular(a, p);
  const coefficients = Array.from({ length: p }, (_, i) => {
    let sum = 0;
    for (let k = i; k < p; k += 1) sum += (inverse[i]?.[k] as number) * (b[k] as number);
    return sum;
  });
  let rss = 0;
  for (let i = p; i < n; i += 1) rss += (b[i] as number) ** 2;
  // (X'X)^-1 = R^-1 R^-T.
  const unscaledCovariance = Array.from({ length: p }, (_, i) =>
    Array.from({ length: p }, (_, k) => {
      let sum = 0;
      for (let m = Math.max(i, k); m < p; m += 1) sum += (inverse[i]?.[m] as number) * (inverse[k]?.[m] as number);
      return sum;
    }),
  );
  const df = n - p;
  return { coefficients, unscaledCovariance, residualSumOfSquares: rss, df, sigma2: df > 0 ? rss / df : Number.NaN };
}

/** Which columns of X the earlier columns already explain, and the rank of X. */
export interface ColumnAliasing {
  rank: number;
  /** Names (or `column j`, 1-based) of the columns that are linear combinations of the columns before them. */
  aliased: string[];
}

/**
 * Finds the columns that are aliased with the columns before them: the same Householder QR as
 * {@link fitLeastSquares}, with the same tolerance, but a column whose part orthogonal to the earlier
 * columns vanishes is recorded and skipped instead of refused. So put the effects that must be estimable
 * first and the one under test (e.g. carryover) last: an empty `aliased` means fitLeastSquares will accept X.
 */
export function findAliasedColumns(x: readonly (readonly number[])[], names: readonly string[] = []): ColumnAliasing {
  const n = x.length;
  const p = x[0]?.length ?? 0;
  const a = x.map((row) => Float64Array.from(row));
  const aliased: string[] = [];
  let rank = 0;
  for (let j = 0; j < p; j += 1) {
    const columnNorm = Math.sqrt(x.reduce((sum, row) => sum + (row[j] as number) ** 2, 0));
    let norm = 0;
    for (let i = rank; i < n; i += 1) norm += ((a[i] as Float64Array)[j] as number) ** 2;
    norm = Math.sqrt(norm);
    if (rank >= n || norm <= 1e-10 * columnNorm) {
      aliased.push(names[j] ?? `column ${j + 1}`);
      continue;
    }
    const pivot = (a[rank] as Float64Array)[j] as number;
    const v = new Float64Array(n);
    for (let i = rank; i < n; i += 1) v[i] = (a[i] as Float64Array)[j] as number;
    v[rank] = pivot - (pivot > 0 ? -norm : norm);
    const vv = v.reduce((sum, vi, i) => (i >= rank ? sum + vi * vi : sum), 0);
    for (let k = j; k < p; k += 1) applyReflection(a, v, vv, rank, k);
    rank += 1;
  }
  return { rank, aliased };
}

function applyReflection(a: Float64Array[], v: Float64Array, vv: number, j: number, k: number): void {
  let dot = 0;
  for (let i = j; i < a.length; i += 1) dot += (v[i] as number) * ((a[i] as Float64Array)[k] as number);
  const factor = (2 * dot) / vv;
  for (let i = j; i < a.length; i += 1) {
    const row = a[i] as Float64Array;
    row[k] = (row[k] as number) - factor * (v[i] as number);
  }
}

/** Inverse of the upper triangle of the first p rows of `a` (R from the QR step), by back substitution. */
function invertUpperTriangular(a: Float64Array[], p: number): number[][] {
  const inverse = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let col = 0; col < p; col += 1) {
    for (let i = col; i >= 0; i -= 1) {
      let sum = i === col ? 1 : 0;
      for (let k = i + 1; k <= col; k += 1) sum -= ((a[i] as Float64Array)[k] as number) * (inverse[k]?.[col] as number);
      (inverse[i] as number[])[col] = sum / ((a[i] as Float64Array)[i] as number);
    }
  }
  return inverse;
}
