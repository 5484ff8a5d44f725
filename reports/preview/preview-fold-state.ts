// What a preview builder carries across scans (through the ledger's view checkpoint): its tallies and recent windows after the completed windows.
import type { CapacityUnit, WindowView } from '../../ledger/index.js';
import type { RunningStats } from '../running-stats.js';

export interface ProviderTally {
  provider: string;
  unit: CapacityUnit;
  windows: number;
  stats: RunningStats;
  qualitySum: number;
  qualityCount: number;
}

/** Bumped whenever the state changes meaning: a stored state of another version is refused (a full scan follows). */
export const FOLD_VERSION = 2;

export interface PreviewFoldState {
  version: number;
  /** The builder's name: its filter and how many recent windows it keeps; only a builder of that name takes the state. */
  name: string;
  total: number;
  shown: WindowView[];
  tallies: ProviderTally[];
  /** The providers of every window folded, whatever the filter (a --provider naming none of them is refused). */
  providers: string[];
}

type Folded = Omit<PreviewFoldState, 'version' | 'name'>;

/**
 * Whether `state` has the shape this builder saves. The checkpoint is derived data behind a digest, so this only
 * guards against a body that is not ours (another build, a hand edit): anything else means a full scan, never a crash.
 */
export function isFoldState(state: unknown, name: string): state is PreviewFoldState {
  if (typeof state !== 'object' || state === null) return false;
  const candidate = state as Partial<PreviewFoldState>;
  return (
    candidate.version === FOLD_VERSION &&
    candidate.name === name &&
    Number.isSafeInteger(candidate.total) &&
    Array.isArray(candidate.providers) &&
    candidate.providers.every((provider) => typeof provider === 'string') &&
    Array.isArray(candidate.shown) &&
    candidate.shown.every(isViewShaped) &&
    Array.isArray(candidate.tallies) &&
    candidate.tallies.every(isTallyShaped)
  );
}

export function createFoldState(name: string, folded: Folded): PreviewFoldState {
  // Copies: the builder goes on changing its own tallies after the state was taken.
  return {
    version: FOLD_VERSION,
    name,
    total: folded.total,
    shown: [...folded.shown],
    tallies: folded.tallies.map((tally) => ({ ...tally, stats: { ...tally.stats } })),
    providers: [...folded.providers],
  };
}

function isViewShaped(view: unknown): boolean {
  if (typeof view !== 'object' || view === null) return false;
  const { agentId, provider, windowId, errors } = view as Partial<WindowView>;
  return typeof agentId === 'string' && typeof provider === 'string' && typeof windowId === 'string' && Array.isArray(errors);
}

function isTallyShaped(tally: unknown): boolean {
  if (typeof tally !== 'object' || tally === null) return false;
  const { provider, unit, windows, qualitySum, qualityCount, stats } = tally as Partial<ProviderTally>;
  const numbers = [windows, qualitySum, qualityCount, stats?.n, stats?.mean, stats?.m2, stats?.scale, stats?.scaledMean, stats?.scaledM2];
  return (
    typeof provider === 'string' &&
    typeof unit === 'string' &&
    numbers.every((value) => typeof value === 'number') &&
    (stats?.na === null || typeof stats?.na === 'string')
  );
}
