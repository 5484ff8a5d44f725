// Completions of many windows in typed columns: a map from window key to a row index, no object per window.
import { OUTCOMES, ROW_SOURCES, type Capacity, type Outcome } from '../schemas/index.js';
import type { CompletionFields } from './read-completion-fields.js';

/** What a completion contributes to a window's view: its fields, less the row's identity. */
export type Completion = Omit<CompletionFields, 'id' | 'key'>;

const UNITS = [null, 'pct_5h', 'tokens'] as const;
/** quality, before, after, delta (NaN when absent). */
const COLUMNS = 4;
const NO_ERRORS: string[] = [];

/** Grows like an array list; a 460k-window ledger costs a key and a few column cells per window. */
export class CompletionTable {
  private readonly index = new Map<string, number>();
  private numbers = new Float64Array(COLUMNS * 1024);
  private codes = new Uint8Array(3 * 1024);
  private featureIds: (string | null)[] = [];
  /** Errors and a token side are rare: kept only for the rows that have them. */
  private errors = new Map<number, string[]>();
  private tokenSides = new Map<number, NonNullable<Capacity['tokens']>>();

  get size(): number {
    return this.index.size;
  }

  has(key: string): boolean {
    return this.index.has(key);
  }

  /** Later completions of the same window replace earlier ones (corrections come after what they correct). */
  set(key: string, completion: Completion): void {
    let row = this.index.get(key);
    if (row === undefined) {
      row = this.featureIds.length;
      this.index.set(key, row);
      this.featureIds.push(null);
      this.ensureCapacity(row + 1);
    }
    const { capacity } = completion;
    this.numbers.set([completion.quality, capacity?.before ?? Number.NaN, capacity?.after ?? Number.NaN, capacity?.delta ?? Number.NaN], row * COLUMNS);
    if (capacity?.tokens) this.tokenSides.set(row, capacity.tokens);
    else this.tokenSides.delete(row);
    this.codes[row * 3] = OUTCOMES.indexOf(completion.outcome);
    this.codes[row * 3 + 1] = UNITS.indexOf(capacity?.unit ?? null);
    this.codes[row * 3 + 2] = Math.max(0, ROW_SOURCES.indexOf(completion.source as (typeof ROW_SOURCES)[number]));
    this.featureIds[row] = completion.featureId;
    if (completion.errors.length > 0) this.errors.set(row, completion.errors);
    else this.errors.delete(row);
  }

  /** Visits every completion in the order windows were first completed. */
  forEach(visit: (key: string, completion: Completion) => void): void {
    for (const [key, row] of this.index) visit(key, this.read(row));
  }

  /** Frees everything but the keys, once the completions were handed on: `has` keeps working. */
  releaseValues(): void {
    this.numbers = new Float64Array(0);
    this.codes = new Uint8Array(0);
    this.featureIds = [];
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
    return {
      quality: this.numbers[at] as number,
      outcome: OUTCOMES[this.codes[row * 3] as number] as Outcome,
      source: ROW_SOURCES[this.codes[row * 3 + 2] as number] ?? 'manual',
      featureId: this.featureIds[row] ?? null,
      capacity: unit === null ? null : { unit, before: number(1), after: number(2), delta: number(3), ...this.readTokenSide(row) },
      errors: this.errors.get(row) ?? NO_ERRORS,
    };
  }

  private readTokenSide(row: number): { tokens?: NonNullable<Capacity['tokens']> } {
    const tokens = this.tokenSides.get(row);
    return tokens ? { tokens } : {};
  }

  private ensureCapacity(rows: number): void {
    if (rows * 3 <= this.codes.length) return;
    const numbers = new Float64Array(this.numbers.length * 2);
    numbers.set(this.numbers);
    this.numbers = numbers;
    const codes = new Uint8Array(this.codes.length * 2);
    codes.set(this.codes);
    this.codes = codes;
  }
}
