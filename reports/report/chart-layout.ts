// What the report's charts share: their type, size, font, how many bars get labels, and scales fitted to the data: pure.
import type { TopLevelSpec } from 'vega-lite';

export type ChartKey = 'efficiency' | 'paired-differences' | 'confidence-sequence' | 'capacity';

export interface ChartSpec {
  key: ChartKey;
  title: string;
  spec: TopLevelSpec;
}

export const CHART_WIDTH = 560;
export const CHART_HEIGHT = 260;
/** Bars beyond this many would be unreadable: the latest ones are drawn and the title says so. */
export const MAX_BARS = 150;
/** Above this many bars a name per bar would overlap: the bars are numbered instead (every other number when they crowd). */
export const MAX_LABELS = 30;

/** Background and fonts of every chart, a panel of a stack of charts included. */
export const CHART_SHELL = {
  background: 'white',
  // labelLimit is the longest label in pixels: task names such as event-emitter-wildcard were cut at the default.
  config: { font: 'Helvetica, Arial, sans-serif', axis: { labelLimit: 220, titleLimit: 400 } },
} as const;

export const CHART_BASE = { ...CHART_SHELL, width: CHART_WIDTH, height: CHART_HEIGHT } as const;

/**
 * A scale domain that holds every given value (intervals' ends, means, reference lines) with `pad` of the
 * range to spare on each side, so nothing is drawn outside the plot and no part of it is left empty.
 * Non-finite values are ignored; with a single value the domain spans 10% of it (or 1) each way.
 */
export function fitDomain(values: readonly number[], pad = 0.06): [number, number] {
  const finite = values.filter((value) => Number.isFinite(value));
  if (finite.length === 0) return [0, 1];
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  const spare = high > low ? (high - low) * pad : Math.abs(high) * 0.1 || 1;
  return [low - spare, high + spare];
}

/**
 * The scale of {@link fitDomain}, to give every layer that draws on the axis (datum rules and notes included):
 * a layer without it would union its own domain in, and vega-lite's defaults (0 in view, nice round ends) would
 * widen the axis again past the data.
 */
export function fitScale(values: readonly number[], pad?: number): { domain: [number, number]; nice: false; zero: false } {
  return { domain: fitDomain(values, pad), nice: false, zero: false };
}

/** The x axis of one bar per item: names (tilted) when few, else numbers, thinned by vega when they would overlap. */
export function describeBarAxis(count: number, title: string): { title: string; axis: Record<string, unknown> } {
  return count > MAX_LABELS
    ? { title: `${title}, numbered`, axis: { labelAngle: 0, labelOverlap: 'parity', labelSeparation: 4 } }
    : { title, axis: { labelAngle: -45 } };
}
