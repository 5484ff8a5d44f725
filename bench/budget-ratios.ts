// Budgets on against budgets off, per load: added latency over direct, throughput and CPU per request, as ratios.
import { summarizePath, type PathStats } from './latency-stats.js';
import type { PhaseResult } from './proxy-phases.js';

export const DIRECT = 'direct';
export const BUDGETS_OFF = 'proxy, budgets off';
export const BUDGETS_ON = 'proxy, budgets on';
/** A second proxy without budgets: how far two identical paths differ in this run (the noise floor). */
export const BUDGETS_OFF_TWIN = 'proxy, budgets off (twin)';
/** "Within 5%": on / off at most 1.05 for latency and CPU, at least 0.95 for throughput. */
export const TARGET_RATIO = 0.05;

export interface RatioSet {
  /** Added last-byte latency over direct (ms), p50 and p99, as on / off. */
  addedP50: number;
  addedP99: number;
  /** Whole last-byte latency as on / off (not over direct). */
  lastP50: number;
  perSecond: number;
  cpuPerRequest: number;
}

export interface LoadComparison {
  clients: number;
  paths: PathStats[];
  direct: PathStats;
  off: PathStats;
  on: PathStats;
  /** on / off, and twin / off (null without a twin). */
  onVsOff: RatioSet;
  twinVsOff: RatioSet | null;
}

export const addedLast = (path: PathStats, direct: PathStats, key: 'p50' | 'p99'): number => path.last[key] - direct.last[key];

/** One comparison per client count found in the phases; throws when a path is missing. */
export function compareLoads(phases: PhaseResult[]): LoadComparison[] {
  const byClients = new Map<number, PathStats[]>();
  for (const phase of phases) byClients.set(phase.clients, [...(byClients.get(phase.clients) ?? []), summarizePath(phase)]);
  return [...byClients].map(([clients, paths]) => {
    const find = (name: string): PathStats | undefined => paths.find((path) => path.target === name);
    const direct = find(DIRECT);
    const off = find(BUDGETS_OFF);
    const on = find(BUDGETS_ON);
    if (!direct || !off || !on)
      throw new Error(`the ${clients}-client phase lacks a path (have ${paths.map((path) => path.target).join(', ')})`);
    const twin = find(BUDGETS_OFF_TWIN);
    return {
      clients,
      paths,
      direct,
      off,
      on,
      onVsOff: compareTwo(on, off, direct),
      twinVsOff: twin ? compareTwo(twin, off, direct) : null,
    };
  });
}

function compareTwo(path: PathStats, base: PathStats, direct: PathStats): RatioSet {
  return {
    addedP50: addedLast(path, direct, 'p50') / addedLast(base, direct, 'p50'),
    addedP99: addedLast(path, direct, 'p99') / addedLast(base, direct, 'p99'),
    lastP50: path.last.p50 / base.last.p50,
    perSecond: path.perSecond / base.perSecond,
    cpuPerRequest: (path.cpuPerRequestMs ?? Number.NaN) / (base.cpuPerRequestMs ?? Number.NaN),
  };
}

/** True when budgets cost more than 5% in added latency (p50), throughput or CPU per request at some load. */
export function isOverTarget(comparisons: LoadComparison[]): boolean {
  return comparisons.some(
    ({ onVsOff: r }) => !(r.addedP50 <= 1 + TARGET_RATIO) || !(r.perSecond >= 1 - TARGET_RATIO) || !(r.cpuPerRequest <= 1 + TARGET_RATIO),
  );
}
