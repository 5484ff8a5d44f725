// The cells a ratio's betting confidence sequence tests: a grid in the ratio t and the nuisance w, fixed before any task (pure).

/**
 * Row r covers ratios [t0[r], t1[r]] (real units: A's work per $ over B's), column j covers B's work per unit of its
 * cap [w0[j], w1[j]]. The grid never depends on the data: each cell's wealth is a test supermartingale only if which
 * points it stands for is fixed before the first task. Rows and columns reach 0 and infinity (their last cell is a ray),
 * so every point of the plane belongs to some cell; 1 and the relevant ratios are row edges, so "ahead" and "within the
 * relevant difference" are unions of whole rows.
 */
export interface SequenceGrid {
  t0: Float64Array;
  t1: Float64Array;
  w0: Float64Array;
  w1: Float64Array;
}

/**
 * Ratios 1/4096 to 4096: 2.5% steps within 4x either way of 1 (where decisions and the margin are read), 15% beyond.
 * B's work per unit of its budget w from 1e-3 to 1e4: 4% steps from 0.1 to 100 (a task budget between a tenth of and
 * about 20 times a typical arm's cost puts w there), 15% beyond. About 51,000 cells: a sequence's cost is its live
 * cells, and far cells die within a few tasks (ADR 0041 measures it).
 */
const T_SPAN = 4096;
const T_FINE = 4;
const T_STEP = 1.025;
const COARSE_STEP = 1.15;
const W_LOW = 1e-3;
const W_FINE_LOW = 0.1;
const W_FINE_HIGH = 100;
const W_HIGH = 1e4;
const W_STEP = 1.04;

/**
 * `lines`: only degenerate rows [t, t] at those ratios (the decision's own, the simulations' cheap form:
 * decide-ratio-pair.ts says what it gives up); null: the whole grid [0, t1], [t1, t2], ..., [tn, infinity].
 */
export function buildSequenceGrid(relevant: number, lines: readonly number[] | null): SequenceGrid {
  // A simulation builds one sequence a run, every run with the same grid: made once, and never changed by a reader.
  const key = `${relevant}|${lines?.join(',') ?? 'grid'}`;
  const known = GRIDS.get(key);
  if (known) return known;
  const grid = makeGrid(relevant, lines);
  if (GRIDS.size >= 64) GRIDS.delete(GRIDS.keys().next().value as string);
  GRIDS.set(key, grid);
  return grid;
}

const GRIDS = new Map<string, SequenceGrid>();

function makeGrid(relevant: number, lines: readonly number[] | null): SequenceGrid {
  const ts = lines ?? buildRatioEdges(relevant);
  const t0 = lines ? [...ts] : [0, ...ts];
  const t1 = lines ? [...ts] : [...ts, Number.POSITIVE_INFINITY];
  const ws = [
    0,
    ...buildEdges(W_LOW, W_FINE_LOW, COARSE_STEP),
    ...buildEdges(W_FINE_LOW, W_FINE_HIGH, W_STEP),
    ...buildEdges(W_FINE_HIGH, W_HIGH, COARSE_STEP),
    W_HIGH,
  ];
  ws.push(Number.POSITIVE_INFINITY);
  return {
    t0: Float64Array.from(t0),
    t1: Float64Array.from(t1),
    w0: Float64Array.from(ws.slice(0, -1)),
    w1: Float64Array.from(ws.slice(1)),
  };
}

/** Geometric edges through 1 (fine, then coarse), with 1/relevant and relevant added where the steps fall between them. */
function buildRatioEdges(relevant: number): number[] {
  const edges = new Set<number>([1, relevant, 1 / relevant]);
  for (const t of [...buildEdges(1, T_FINE, T_STEP), ...buildEdges(T_FINE, T_SPAN, COARSE_STEP), T_SPAN]) edges.add(t).add(1 / t);
  return [...edges].sort((x, y) => x - y);
}

/** from, from x step, ... while below to (to itself not included). */
function buildEdges(from: number, to: number, step: number): number[] {
  const edges: number[] = [];
  for (let x = from; x < to * (1 - 1e-12); x *= step) edges.push(x);
  return edges;
}
