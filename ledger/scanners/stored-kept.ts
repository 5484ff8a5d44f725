// The live captures a preview checkpoint keeps, stored by column in a few long strings: quick to write, parse and collect.
import type { SnapshotFields } from './read-snapshot-fields.js';

/**
 * The kept rows by column: each key and source once, with an index per row (a window's two captures share a key), and
 * the four numbers of each row as float64s. A text column is one string joined by newlines, which no id or key of a
 * line read in place can hold; one decoded by JSON.parse may, and its column is then a list. Writing 80k rows as lists
 * of small JSON values took ~0.2 s and reading them back ~0.12 s plus their collection (ADR 0019, format 4).
 */
export interface StoredKept {
  ids: string | string[];
  keys: string | string[];
  /** Base64 of an Int32Array: the row's index in `keys`. */
  keyOf: string;
  sources: string[];
  /** Base64 of an Int32Array: the row's index in `sources`. */
  sourceOf: string;
  /** One character a row: b(efore) or a(fter). */
  phases: string;
  /** Base64 of a Float64Array: at, pct5h, tokens, reset5h for each row (NaN and infinities as they are). */
  points: string;
  /** Base64 of a Uint8Array: a bit for each of the row's four numbers that is null. */
  nulls: string;
}

const SEPARATOR = '\n';

export function storeKept(rows: SnapshotFields[]): StoredKept {
  const keyIndex = new Map<string, number>();
  const sourceIndex = new Map<string, number>();
  const keys: string[] = [];
  const sources: string[] = [];
  const ids: string[] = new Array(rows.length);
  const keyOf = new Int32Array(rows.length);
  const sourceOf = new Int32Array(rows.length);
  const points = new Float64Array(rows.length * 4);
  const nulls = new Uint8Array(rows.length);
  let phases = '';
  rows.forEach(({ id, key, source, phase, point }, row) => {
    ids[row] = id;
    keyOf[row] = indexOf(keyIndex, keys, key);
    sourceOf[row] = indexOf(sourceIndex, sources, source);
    phases += phase === 'before' ? 'b' : 'a';
    nulls[row] = storePoint(points, row * 4, point.at) | (storePoint(points, row * 4 + 1, point.pct5h) << 1);
    nulls[row] |= (storePoint(points, row * 4 + 2, point.tokens) << 2) | (storePoint(points, row * 4 + 3, point.reset5h) << 3);
  });
  return {
    ids: joinTexts(ids),
    keys: joinTexts(keys),
    keyOf: toBase64(keyOf),
    sources,
    sourceOf: toBase64(sourceOf),
    phases,
    points: toBase64(points),
    nulls: toBase64(nulls),
  };
}

/** The rows back; throws on a body that is not ours in shape (the checkpoint's loader then scans everything). */
export function restoreKept(kept: StoredKept): SnapshotFields[] {
  const ids = splitTexts(kept.ids);
  const keys = splitTexts(kept.keys);
  const { sources, phases } = kept;
  if (!Array.isArray(sources) || typeof phases !== 'string') throw new TypeError('kept captures: not columns');
  const keyOf = new Int32Array(fromBase64(kept.keyOf, 4));
  const sourceOf = new Int32Array(fromBase64(kept.sourceOf, 4));
  const points = new Float64Array(fromBase64(kept.points, 8));
  const nulls = new Uint8Array(fromBase64(kept.nulls, 1));
  const count = ids.length;
  if ([keyOf.length, sourceOf.length, phases.length, nulls.length, points.length / 4].some((length) => length !== count))
    throw new TypeError('kept captures: columns of different lengths');
  const rows: SnapshotFields[] = new Array(count);
  for (let row = 0; row < count; row += 1) {
    const key = keys[keyOf[row] as number];
    const source = sources[sourceOf[row] as number];
    if (typeof key !== 'string' || typeof source !== 'string') throw new TypeError(`kept capture ${row}: not text`);
    const empty = nulls[row] as number;
    const at = row * 4;
    rows[row] = {
      id: ids[row] as string,
      key,
      source,
      phase: phases.charCodeAt(row) === 98 ? 'before' : 'after',
      point: {
        at: empty & 1 ? Number.NaN : (points[at] as number),
        pct5h: empty & 2 ? null : (points[at + 1] as number),
        tokens: empty & 4 ? null : (points[at + 2] as number),
        reset5h: empty & 8 ? null : (points[at + 3] as number),
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

/** 1 when the value is null (its slot stays 0), else 0. */
function storePoint(points: Float64Array, at: number, value: number | null): number {
  if (value === null) return 1;
  points[at] = value;
  return 0;
}

function joinTexts(texts: string[]): string | string[] {
  const joined = texts.join(SEPARATOR);
  // As many separators as joins: no text held one (one pass over the joined text, not a search of each of 80k texts). A
  // lone empty text would join to the empty string, which reads back as no rows.
  let separators = 0;
  for (let at = joined.indexOf(SEPARATOR); at !== -1; at = joined.indexOf(SEPARATOR, at + 1)) separators += 1;
  const split = separators === Math.max(texts.length - 1, 0) && !(texts.length === 1 && texts[0] === '');
  return split ? joined : texts;
}

function splitTexts(stored: string | string[]): string[] {
  if (Array.isArray(stored) && stored.every((text) => typeof text === 'string')) return stored;
  if (typeof stored !== 'string') throw new TypeError('kept captures: a text column that is not text');
  // One string holds every row's text; no rows at all is the empty list, not one empty text.
  return stored === '' ? [] : stored.split(SEPARATOR);
}

function toBase64(array: Int32Array | Float64Array | Uint8Array): string {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength).toString('base64');
}

/** A copy of the decoded bytes in a buffer of its own: typed arrays need their offset aligned to their element size. */
function fromBase64(text: string, size: number): ArrayBuffer {
  if (typeof text !== 'string') throw new TypeError('kept captures: a number column that is not text');
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length % size !== 0) throw new TypeError('kept captures: a number column cut short');
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}
