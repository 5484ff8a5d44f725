// The windows not completed, from their live captures: each is handed on once its before and after are both read.
import { computeCapacity, type CapacityPoint } from '../windows/compute-capacity.js';
import type { SnapshotFields } from './read-snapshot-fields.js';
import type { WindowKey } from './row-head.js';

export interface OpenView {
  before: CapacityPoint | null;
  after: CapacityPoint | null;
  capacity: ReturnType<typeof computeCapacity>['capacity'];
  errors: string[];
  completed: false;
  source: string;
  quality: null;
  outcome: null;
  featureId: null;
}

interface OpenWindow {
  before: CapacityPoint | null;
  after: CapacityPoint | null;
  source: string;
}

/**
 * `add` takes live snapshot rows in file order. Once a window's live before and after have both been read,
 * no later row can change them (a retraction or correction would have put them among the dead ids), so
 * the view goes to `emit` and the window is forgotten; `finish` hands on the ones still waiting.
 */
export function createOpenWindows(emit: (key: WindowKey, view: OpenView) => void): {
  add: (fields: SnapshotFields) => void;
  finish: () => void;
} {
  const open = new Map<WindowKey, OpenWindow>();
  const emitOpen = (key: WindowKey, entry: OpenWindow): void => {
    const computed = entry.before && entry.after ? computeCapacity(entry.before, entry.after) : null;
    emit(key, {
      before: entry.before,
      after: entry.after,
      capacity: computed?.capacity ?? null,
      errors: computed?.errors ?? [],
      completed: false,
      source: entry.source,
      quality: null,
      outcome: null,
      featureId: null,
    });
  };
  return {
    add(fields) {
      let entry = open.get(fields.key);
      if (!entry) {
        entry = { before: null, after: null, source: fields.source };
        open.set(fields.key, entry);
      }
      entry[fields.phase] = fields.point;
      if (fields.phase === 'before') entry.source = fields.source;
      if (entry.before && entry.after) {
        open.delete(fields.key);
        emitOpen(fields.key, entry);
      }
    },
    finish() {
      for (const [key, entry] of open) emitOpen(key, entry);
    },
  };
}
