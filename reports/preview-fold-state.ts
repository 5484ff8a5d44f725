// What a preview builder carries across scans (through the ledger's view checkpoint): its tallies and recent windows after the completed windows.
import type { CapacityUnit, WindowView } from '../ledger/index.js';
import type { RunningStats } from './running-stats.js';

export interface ProviderTally {
  provider: string;
  unit: CapacityUnit;
  windows: number;
  stats: RunningStats;
  qualitySum: number;
  qualityCount: number;
}

/** Bumped whenever the tallies change meaning: a stored state of another version is refused (a full scan follows). */
export const FOLD_VERSION = 1;

export interface PreviewFoldState {
  version: number;
  /** The builder's name: its filter and how many recent windows it keeps; only a builder of that name takes the state. */
  name: string;
  total: number;
  shown: WindowView[];
  tallies: ProviderTally[];
}

/** Whether `state` is one this builder saved (the checkpoint is derived data: anything else means a full scan). */
export function isFoldState(state: unknown, name: string): state is PreviewFoldState {
  if (typeof state !== 'object' || state === null) return false;
  const candidate = state as Partial<PreviewFoldState>;
  return (
    candidate.version === FOLD_VERSION &&
    candidate.name === name &&
    Number.isSafeInteger(candidate.total) &&
    Array.isArray(candidate.shown) &&
    Array.isArray(candidate.tallies) &&
    candidate.tallies.every((tally) => typeof tally?.provider === 'string' && typeof tally.stats?.n === 'number')
  );
}

export function createFoldState(name: string, total: number, shown: WindowView[], tallies: ProviderTally[]): PreviewFoldState {
  // Copies: the builder goes on changing its own tallies after the state was taken.
  return {
    version: FOLD_VERSION,
    name,
    total,
    shown: [...shown],
    tallies: tallies.map((tally) => ({ ...tally, stats: { ...tally.stats } })),
  };
}
