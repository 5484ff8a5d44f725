// Gauss-Legendre panels on [-half, half], finer where the integrand has a sharp feature, for the look recursion: pure.

/** Nodes per panel: exact for polynomials of degree 15, so a panel two feature widths wide is integrated to ~1e-12. */
const GAUSS_ORDER = 8;
/** Panels on each side of 0 at most: the bound on work (and on how close two looks may be: see `prepareLookStep`). */
export const MAX_PANELS = 1000;
/** Fine panels either side of a feature: 5 of two feature sds each reach 10 sds, past which the step is flat to 1e-23. */
const FEATURE_REACH = 5;

/** Gauss-Legendre nodes and weights on [-1, 1] (Numerical Recipes 3rd ed., section 4.6, `gauleg`). */
function computeGaussLegendre(order: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(order);
  const weights = new Float64Array(order);
  for (let i = 0; i < Math.ceil(order / 2); i += 1) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (order + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration += 1) {
      let current = 1;
      let previous = 0;
      for (let j = 1; j <= order; j += 1) {
        const older = previous;
        previous = current;
        current = ((2 * j - 1) * x * previous - (j - 1) * older) / j;
      }
      derivative = (order * (x * current - previous)) / (x * x - 1);
      const step = current / derivative;
      x -= step;
      if (Math.abs(step) < 1e-16) break;
    }
    nodes[i] = -x;
    nodes[order - 1 - i] = x;
    weights[i] = 2 / ((1 - x * x) * derivative * derivative);
    weights[order - 1 - i] = weights[i] as number;
  }
  return { nodes, weights };
}

const GAUSS = computeGaussLegendre(GAUSS_ORDER);

/** A sharp place in the integrand: a smoothed step at |z| = at, to be integrated in panels `width` wide. */
export interface QuadratureFeature {
  at: number;
  width: number;
}

/** Quadrature nodes (ascending, symmetric: node i is -node n-1-i) and their weights. */
export interface Quadrature {
  nodes: Float64Array;
  weights: Float64Array;
}

/** Panel edges on [0, half]: `width` apart, `feature.width` apart within FEATURE_REACH panels of the feature. */
function layOutEdges(half: number, width: number, feature: QuadratureFeature | undefined): number[] {
  const floor = half / MAX_PANELS;
  const coarse = Math.max(width, floor);
  const fine = feature === undefined ? coarse : Math.max(Math.min(feature.width, coarse), floor);
  const zoneStart = feature === undefined ? half : Math.max(0, feature.at - FEATURE_REACH * feature.width);
  const zoneEnd = feature === undefined ? half : Math.min(half, feature.at + FEATURE_REACH * feature.width);
  const edges = [0];
  let x = 0;
  while (x < half) {
    const inZone = x >= zoneStart && x < zoneEnd;
    const size = inZone ? fine : coarse;
    const limit = x < zoneStart ? zoneStart : inZone ? zoneEnd : half;
    // Run to the end of the region rather than leave a sliver before it.
    const next = x + size >= limit - 0.25 * size ? limit : x + size;
    edges.push(next);
    x = next;
  }
  return edges;
}

/**
 * Gauss-Legendre panels over [-half, half], about `width` wide (finer around a feature and its mirror image),
 * laid out symmetrically so an even integrand need be evaluated on one half only.
 */
export function layOutQuadrature(half: number, width: number, feature?: QuadratureFeature): Quadrature {
  const positive = layOutEdges(half, width, feature);
  const edges = [
    ...positive
      .slice(1)
      .map((edge) => -edge)
      .reverse(),
    ...positive,
  ];
  const panels = edges.length - 1;
  const nodes = new Float64Array(panels * GAUSS_ORDER);
  const weights = new Float64Array(panels * GAUSS_ORDER);
  for (let panel = 0; panel < panels; panel += 1) {
    const left = edges[panel] as number;
    const halfWidth = 0.5 * ((edges[panel + 1] as number) - left);
    for (let j = 0; j < GAUSS_ORDER; j += 1) {
      nodes[panel * GAUSS_ORDER + j] = left + halfWidth * (1 + (GAUSS.nodes[j] as number));
      weights[panel * GAUSS_ORDER + j] = halfWidth * (GAUSS.weights[j] as number);
    }
  }
  return { nodes, weights };
}
