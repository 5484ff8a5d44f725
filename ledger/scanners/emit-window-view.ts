// The view of one window as the preview scan hands it on, and the one place that builds it from a key.
import type { Capacity, Outcome } from '../schemas/index.js';
import type { Completion } from './completion-table.js';
import type { CapacityPoint } from '../windows/compute-capacity.js';
import { splitWindowKey, type WindowKey } from './row-head.js';

export interface WindowView {
  agentId: string;
  provider: string;
  windowId: string;
  /** The captures, for windows not yet completed (a completed window carries its capacity instead). */
  before: CapacityPoint | null;
  after: CapacityPoint | null;
  capacity: Capacity | null;
  /** Data problems of the capacity: negative-delta, reset-crossed, no-common-unit. */
  errors: string[];
  completed: boolean;
  /** Who wrote it: the completion's writer, or for an open window its before's (manual, alias, automation, ...). */
  source: string;
  quality: number | null;
  outcome: Outcome | null;
  featureId: string | null;
}

export type ViewParts = Omit<WindowView, 'agentId' | 'provider' | 'windowId'>;

/** Calls `visit` with the whole view of `key`, counting each in `count.windows`. */
export function createViewEmitter(
  visit: (view: WindowView) => void,
  count: { windows: number },
): (key: WindowKey, view: ViewParts) => void {
  return (key, view) => {
    count.windows += 1;
    const { agentId, provider, windowId } = splitWindowKey(key);
    // Spelled out: an object spread on this path cost a third of the whole scan over a 1M-row ledger.
    visit({
      agentId,
      provider,
      windowId,
      before: view.before,
      after: view.after,
      capacity: view.capacity,
      errors: view.errors,
      completed: view.completed,
      source: view.source,
      quality: view.quality,
      outcome: view.outcome,
      featureId: view.featureId,
    });
  };
}

/** A completed window's view: its completion carries the capacity, so no capture is needed. */
export function toCompletedView(done: Completion): ViewParts {
  return {
    before: null,
    after: null,
    capacity: done.capacity,
    errors: done.errors,
    completed: true,
    source: done.source,
    quality: done.quality,
    outcome: done.outcome,
    featureId: done.featureId,
  };
}
