// Completions of many windows in typed columns: a key table gives each window a row index, no object per window.
import type { Capacity, Outcome } from '../schemas/index.js';
import { OUTCOMES, ROW_SOURCES } from '../vocabulary/index.js';
import { KeyTable, type SharedKeys } from './key-table.js';
import type { CompletionFields } from './read-completion-fields.js';
import type { CompletionRow } from './read-completion-bytes.js';
import { hashWindowKey } from './row-head.js';

/** What a completion contributes to a window's view: its fields, less the row's identity. */
export type Completion = Omit<CompletionFields, 'id' | 'key'>;
type TokenSide = NonNullable<Capacity['tokens']>;

/** A table built on another thread, handed over without copying its keys (see share and addTable). */
export interface SharedCompletions {
  keys: SharedKeys;
  numbers: Float64Array;
  codes: Uint8Array;
  features: Int32Array;
  featureNames: string[];
  errors: Map<number, string[]>;
  tokenSides: Map<number, TokenSide>;
}

const UNITS = [null, 'pct_5h', 'tokens'] as const;
/** quality, before, after, delta (NaN when absent). */
const COLUMNS = 4;
const NO_ERRORS: string[] = [];

/** Grows like an array list; a 460k-window ledger costs a key's bytes and a few column cells per window. */
export class CompletionTable {
  /** Which windows are completed; the snapshot scan probes it with the bytes of each row's key. */
  readonly keys: KeyTable;
  private numbers: Float64Array;
  private codes: Uint8Array;
  /** Feature ids repeat (a few hundred tasks over many windows): each is kept once, rows hold its index. */
  private readonly featureKeys = new KeyTable();
  private featureNames: string[] = [];
  private features: Int32Array;
  /** Errors and a token side are rare: kept only for the rows that have them. */
  private errors = new Map<number, string[]>();
  private tokenSides = new Map<number, TokenSide>();

  /**
   * `expectedWindows`: a guess (see estimateWindows); a good one spares the copies growing would make.
   * `shareable`: whether other threads will probe the keys (else the table can only be moved, see share).
   */
  constructor(expectedWindows = 1024, shareable = true) {
    this.keys = new KeyTable({ expectedKeys: expectedWindows, shareable });
    this.numbers = new Float64Array(COLUMNS * expectedWindows);
    this.codes = new Uint8Array(3 * expectedWindows);
    this.features = new Int32Array(expectedWindows);
  }

  get size(): number {
    return this.keys.size;
  }

  has(key: string): boolean {
    return this.keys.find(key, hashWindowKey(key)) !== -1;
  }

  /**
   * A row read from its bytes (readCompletionBytes), as set() would take it. `dead` holds the ids that
   * retractions and corrections removed: such a row is left out.
   */
  setRow(bytes: Buffer, row: CompletionRow, dead: KeyTable | null): void {
    if (dead && dead.findBytes(bytes, row.idStart, row.idEnd) !== -1) return;
    const { span } = row;
    const window = this.keys.addBytes(bytes, span.keyStart, span.keyEnd, span.hash);
    if (window * 3 + 3 > this.codes.length) this.growRows();
    const at = window * COLUMNS;
    this.numbers[at] = row.quality;
    this.numbers[at + 1] = row.before;
    this.numbers[at + 2] = row.after;
    this.numbers[at + 3] = row.delta;
    this.tokenSides.delete(window);
    this.codes[window * 3] = row.outcome;
    this.codes[window * 3 + 1] = row.unit;
    this.codes[window * 3 + 2] = row.source;
    this.features[window] =
      row.featureStart === -1 ? -1 : this.nameFeature(this.featureKeys.addBytes(bytes, row.featureStart, row.featureEnd));
    this.errors.delete(window);
  }

  /** Later completions of the same window replace earlier ones (corrections come after what they correct). */
  set(key: string, completion: Completion): void {
    const row = this.keys.add(key, hashWindowKey(key));
    if (row * 3 + 3 > this.codes.length) this.growRows();
    const { capacity } = completion;
    const at = row * COLUMNS;
    this.numbers[at] = completion.quality;
    this.numbers[at + 1] = capacity?.before ?? Number.NaN;
    this.numbers[at + 2] = capacity?.after ?? Number.NaN;
    this.numbers[at + 3] = capacity?.delta ?? Number.NaN;
    replaceEntry(this.tokenSides, row, capacity?.tokens);
    this.codes[row * 3] = OUTCOMES.indexOf(completion.outcome);
    this.codes[row * 3 + 1] = UNITS.indexOf(capacity?.unit ?? null);
    this.codes[row * 3 + 2] = Math.max(0, ROW_SOURCES.indexOf(completion.source as (typeof ROW_SOURCES)[number]));
    this.features[row] = completion.featureId === null ? -1 : this.nameFeature(this.featureKeys.add(completion.featureId));
    replaceEntry(this.errors, row, completion.errors.length > 0 ? completion.errors : undefined);
  }

  /** The table for another thread: keys shared, columns trimmed copies to transfer (listTransferables). */
  share(): SharedCompletions {
    const rows = this.keys.size;
    return {
      keys: this.keys.share(),
      numbers: this.numbers.slice(0, rows * COLUMNS),
      codes: this.codes.slice(0, rows * 3),
      features: this.features.slice(0, rows),
      featureNames: this.featureNames,
      errors: this.errors,
      tokenSides: this.tokenSides,
    };
  }

  /**
   * Appends the windows of a table read from a later part of the same file: a window already here takes
   * the later completion's fields and keeps its place, as one pass over the whole file would have it.
   */
  addTable(later: SharedCompletions): void {
    const keys = new KeyTable({ shared: later.keys });
    for (let from = 0; from < keys.size; from += 1) {
      const row = this.keys.addFrom(keys, from);
      if (row * 3 + 3 > this.codes.length) this.growRows();
      this.numbers.set(later.numbers.subarray(from * COLUMNS, from * COLUMNS + COLUMNS), row * COLUMNS);
      this.codes.set(later.codes.subarray(from * 3, from * 3 + 3), row * 3);
      const feature = later.features[from] as number;
      this.features[row] = feature === -1 ? -1 : this.nameFeature(this.featureKeys.add(later.featureNames[feature] as string));
      replaceEntry(this.tokenSides, row, later.tokenSides.get(from));
      replaceEntry(this.errors, row, later.errors.get(from));
    }
  }

  /** Visits every completion in the order windows were first completed. */
  forEach(visit: (key: string, completion: Completion) => void): void {
    for (let row = 0; row < this.keys.size; row += 1) visit(this.keys.readKey(row), this.read(row));
  }

  /** Frees everything but the keys, once the completions were handed on: `has` keeps working. */
  releaseValues(): void {
    this.numbers = new Float64Array(0);
    this.codes = new Uint8Array(0);
    this.features = new Int32Array(0);
    this.featureNames = [];
    this.errors = new Map();
    this.tokenSides = new Map();
  }

  private read(row: number): Completion {
    const at = row * COLUMNS;
    const unit = UNITS[this.codes[row * 3 + 1] as number] ?? null;
    const number = (offset: number): number | null => {
      const value = this.numbers[at + offset] as number;
      return Number.isNaN(value) ? null : value;
    };
    const feature = this.features[row] as number;
    return {
      quality: this.numbers[at] as number,
      outcome: OUTCOMES[this.codes[row * 3] as number] as Outcome,
      source: ROW_SOURCES[this.codes[row * 3 + 2] as number] ?? 'manual',
      featureId: feature === -1 ? null : (this.featureNames[feature] as string),
      capacity: unit === null ? null : this.readCapacity(unit, number(1), number(2), number(3), this.tokenSides.get(row)),
      errors: this.errors.get(row) ?? NO_ERRORS,
    };
  }

  /** Spelled out rather than spread: this runs once per completed window. */
  private readCapacity(
    unit: Capacity['unit'],
    before: number | null,
    after: number | null,
    delta: number | null,
    tokens: TokenSide | undefined,
  ): Capacity {
    return tokens ? { unit, before, after, delta, tokens } : { unit, before, after, delta };
  }

  /** Keeps the text of a feature id seen for the first time (decoded from the key table: no slice pins a line). */
  private nameFeature(index: number): number {
    if (index === this.featureNames.length) this.featureNames.push(this.featureKeys.readKey(index));
    return index;
  }

  private growRows(): void {
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const codes = new Uint8Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
    const features = new Int32Array(this.features.length * 2);
    features.set(this.features);
    this.features = features;
  }
}

/** Sets or, for undefined, removes: a later completion without the rare part must not inherit the earlier one's. */
function replaceEntry<T>(map: Map<number, T>, row: number, value: T | undefined): void {
  if (value === undefined) map.delete(row);
  else map.set(row, value);
}

/** The buffers to list as transferable when posting a table (shared keys are not moved: they stay shared). */
export function listTransferables(shared: SharedCompletions): ArrayBuffer[] {
  const { slots, hashes, starts, arena } = shared.keys;
  return [shared.numbers, shared.codes, shared.features, slots, hashes, starts, arena]
    .map((array) => array.buffer)
    .filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
}

/** About how many windows `bytes` of windows.jsonl hold (its rows run to some 600 bytes). */
export function estimateWindows(bytes: number): number {
  return Math.max(1024, Math.ceil(bytes / 600));
}
