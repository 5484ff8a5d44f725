// The live captures a preview checkpoint keeps, stored by column: a few large JSON arrays parse faster than many small ones.
import type { SnapshotFields } from './read-snapshot-fields.js';

/**
 * The kept rows by column: each key and source once, with an index per row (a window's two captures share a key),
 * the four numbers of each point in one flat list. Parsing this is a few large arrays, not 160k small ones.
 */
export interface StoredKept {
  ids: string[];
  keys: string[];
  keyOf: number[];
  sources: string[];
  sourceOf: number[];
  /** One character a row: b(efore) or a(fter). */
  phases: string;
  /** at, pct5h, tokens, reset5h for each row. */
  points: StoredNumber[];
}

/** A number of a hand-written row may be NaN or 1e400 (Infinity), which JSON cannot hold: those are kept as text. */
type StoredNumber = number | string | null;

export function storeKept(rows: SnapshotFields[]): StoredKept {
  const kept: StoredKept = { ids: [], keys: [], keyOf: [], sources: [], sourceOf: [], phases: '', points: [] };
  const keyIndex = new Map<string, number>();
  const sourceIndex = new Map<string, number>();
  const phases: string[] = [];
  for (const { id, key, source, phase, point } of rows) {
    kept.ids.push(id);
    kept.keyOf.push(indexOf(keyIndex, kept.keys, key));
    kept.sourceOf.push(indexOf(sourceIndex, kept.sources, source));
    phases.push(phase === 'before' ? 'b' : 'a');
    kept.points.push(storeNumber(point.at), storeNumber(point.pct5h), storeNumber(point.tokens), storeNumber(point.reset5h));
  }
  kept.phases = phases.join('');
  return kept;
}

/** The rows back; throws on a body that is not ours in shape (the checkpoint's loader then scans everything). */
export function restoreKept(kept: StoredKept): SnapshotFields[] {
  const { ids, keys, keyOf, sources, sourceOf, phases, points } = kept;
  const lists = [ids, keys, keyOf, sources, sourceOf, points];
  if (!lists.every(Array.isArray) || typeof phases !== 'string') throw new TypeError('kept captures: not columns');
  if (keyOf.length !== ids.length || sourceOf.length !== ids.length || phases.length !== ids.length || points.length !== ids.length * 4)
    throw new TypeError('kept captures: columns of different lengths');
  const rows: SnapshotFields[] = new Array(ids.length);
  for (let row = 0; row < rows.length; row += 1) {
    const at = row * 4;
    const id = ids[row];
    const key = keys[keyOf[row] as number];
    const source = sources[sourceOf[row] as number];
    if (typeof id !== 'string' || typeof key !== 'string' || typeof source !== 'string')
      throw new TypeError(`kept capture ${row}: not text`);
    rows[row] = {
      id,
      key,
      source,
      phase: phases.charCodeAt(row) === 98 ? 'before' : 'after',
      point: {
        at: restoreNumber(points[at] ?? null) ?? Number.NaN,
        pct5h: restoreNumber(points[at + 1] ?? null),
        tokens: restoreNumber(points[at + 2] ?? null),
        reset5h: restoreNumber(points[at + 3] ?? null),
      },
    };
  }
  return rows;
}

function indexOf(index: Map<string, number>, list: string[], value: string): number {
  let at = index.get(value);
  if (at === undefined) {
    at = list.push(value) - 1;
    index.set(value, at);
  }
  return at;
}

function storeNumber(value: number | null): StoredNumber {
  return value === null || Number.isFinite(value) ? value : String(value);
}

function restoreNumber(value: StoredNumber): number | null {
  if (value === null || typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  throw new TypeError('kept capture: a number that is not one');
}
