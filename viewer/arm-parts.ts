// The arms as the reader thread sends them: parts of 5,000 rows in two typed arrays and a few strings, moved, not cloned.
import type { ArmRow } from './arm-rows.js';

/** The arm fields that repeat from row to row: a code per row into the part's `texts`. */
export const TEXT_FIELDS = ['plan_id', 'task', 'provider', 'sequence', 'outcome', 'isolation'] as const;
/**
 * The numeric fields, NaN for null (JSON has no NaN, so no ledger value is one); `resolved` is 1, 0 or NaN. `id_rank`
 * and `time_rank` are the row's place among all rows' window ids and completion times in localeCompare's order (the
 * Arms page sorted by these texts; ranked once in the reader, where the texts are held, a request makes no string).
 */
export const NUMBER_FIELDS = [
  'epoch',
  'period',
  'quality',
  'resolved',
  'tests_passed',
  'tests_total',
  'broken',
  'usd',
  'tokens',
  'duration_ms',
  'completed_ms',
  'id_rank',
  'time_rank',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];
export type NumberField = (typeof NUMBER_FIELDS)[number];

/** Rows per part: one message each, taken by the server before the next is posted (ledger-worker.ts). */
export const ARMS_PER_PART = 5000;

/**
 * A part of the arms table, row-major: row r's text field f is `codes[r * TEXT_FIELDS.length + f]` (0 for null, k for
 * `texts[k - 1]`), its number field f is `numbers[r * NUMBER_FIELDS.length + f]`. 100,000 arms were 39-51 MB of
 * the server's heap as objects; as parts they are about 14 MB of typed arrays, moved between threads without a copy,
 * and the few strings they repeat (the server's heap hardly grows as they come: bench: viewer).
 */
export interface ArmPart {
  count: number;
  /**
   * The window ids as UTF-8, end to end: row r's is `ids[id_ends[r - 1] ?? 0, id_ends[r])` (no string per row). The
   * ledger's ids are ASCII (WindowIdSchema); a lone surrogate, which the schema refuses, would come back as U+FFFD.
   */
  ids: Uint8Array;
  id_ends: Uint32Array;
  texts: string[];
  codes: Uint32Array;
  numbers: Float64Array;
  /** Completion times whose text is not what Date's toISOString gives for them, kept as written, by row. */
  times: [number, string][];
  /** Rows whose window recorded errors, with them (most have none). */
  errors: [number, string[]][];
}

/** The buffers a part's message moves to the other thread (the sender's views of them are emptied). */
export function listPartBuffers(part: ArmPart): ArrayBuffer[] {
  return [part.ids, part.id_ends, part.codes, part.numbers].map((array) => array.buffer as ArrayBuffer);
}

/** Date's own text for a time, or null when there is none (NaN, out of Date's range). */
export function formatIsoTime(ms: number): string | null {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

/** Each item's place in the order of its text (localeCompare; equal texts share a place). */
export function rankTexts<T>(items: readonly T[], text: (item: T) => string): Float64Array {
  const read = (index: number): string => text(items[index] as T);
  const order = Array.from(items.keys()).sort((a, b) => read(a).localeCompare(read(b)));
  const ranks = new Float64Array(items.length);
  let rank = 0;
  for (let i = 0; i < order.length; i += 1) {
    if (i > 0 && read(order[i - 1] as number).localeCompare(read(order[i] as number)) !== 0) rank += 1;
    ranks[order[i] as number] = rank;
  }
  return ranks;
}

/** The places of the rows to be packed, in the order they will be added: rankTexts of their window ids and times. */
export interface ArmRanks {
  ids: Float64Array;
  times: Float64Array;
}

/** Packs rows as they come into parts of ARMS_PER_PART; `finish` returns every part, the last one cut to its rows. */
export function createArmPacker(ranks: ArmRanks): { add(row: ArmRow): void; finish(): ArmPart[] } {
  const parts: ArmPart[] = [];
  let added = 0;
  let part = startPart();
  let texts = new Map<string, number>();
  const code = (value: string | null): number => {
    if (value === null) return 0;
    let held = texts.get(value);
    if (held === undefined) {
      part.texts.push(value);
      held = part.texts.length;
      texts.set(value, held);
    }
    return held;
  };
  return {
    add(row) {
      if (part.count === ARMS_PER_PART) {
        parts.push(cutPart(part));
        part = startPart();
        texts = new Map();
      }
      const r = part.count;
      const from = r === 0 ? 0 : (part.id_ends[r - 1] as number);
      const bytes = Buffer.byteLength(row.window_id);
      if (from + bytes > part.ids.length) part.ids = growBytes(part.ids, from + bytes);
      Buffer.from(part.ids.buffer, part.ids.byteOffset, part.ids.length).write(row.window_id, from);
      part.id_ends[r] = from + bytes;
      for (const [f, field] of TEXT_FIELDS.entries()) part.codes[r * TEXT_FIELDS.length + f] = code(row[field]);
      const completed = Date.parse(row.completed_at);
      if (formatIsoTime(completed) !== row.completed_at) part.times.push([r, row.completed_at]);
      const extra = { completed_ms: completed, id_rank: ranks.ids[added] ?? Number.NaN, time_rank: ranks.times[added] ?? Number.NaN };
      for (const [f, field] of NUMBER_FIELDS.entries()) {
        const value = field in extra ? extra[field as keyof typeof extra] : row[field as Exclude<NumberField, keyof typeof extra>];
        part.numbers[r * NUMBER_FIELDS.length + f] = value === null ? Number.NaN : Number(value);
      }
      if (row.errors.length > 0) part.errors.push([r, row.errors]);
      part.count += 1;
      added += 1;
    },
    finish() {
      if (part.count > 0) parts.push(cutPart(part));
      part = startPart();
      return parts.splice(0);
    },
  };
}

/** The part with its arrays cut to its rows (the room left in the ids' bytes is ~25% of them: kept by the server). */
function cutPart(part: ArmPart): ArmPart {
  const { count } = part;
  const cut = <T extends Uint8Array | Uint32Array | Float64Array>(array: T, length: number): T =>
    array.length === length ? array : (array.slice(0, length) as T);
  part.ids = cut(part.ids, part.id_ends[count - 1] as number);
  part.id_ends = cut(part.id_ends, count);
  part.codes = cut(part.codes, count * TEXT_FIELDS.length);
  part.numbers = cut(part.numbers, count * NUMBER_FIELDS.length);
  return part;
}

/** Room per window id to start with: the runner's `<plan>-a<NNN>-<provider>` is 30-40 bytes. */
const BYTES_PER_ID = 48;

function growBytes(bytes: Uint8Array, needed: number): Uint8Array {
  const grown = new Uint8Array(Math.max(needed, bytes.length * 2));
  grown.set(bytes);
  return grown;
}

function startPart(): ArmPart {
  return {
    count: 0,
    ids: new Uint8Array(ARMS_PER_PART * BYTES_PER_ID),
    id_ends: new Uint32Array(ARMS_PER_PART),
    texts: [],
    codes: new Uint32Array(ARMS_PER_PART * TEXT_FIELDS.length),
    numbers: new Float64Array(ARMS_PER_PART * NUMBER_FIELDS.length),
    times: [],
    errors: [],
  };
}
