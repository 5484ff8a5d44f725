// The server's arms: the parts the reader sent, read a row or a value at a time (a page of rows is made per request).
import { AppError, createTextSharer } from '../kernel/index.js';
import {
  type ArmPart,
  createArmPacker,
  formatIsoTime,
  NUMBER_FIELDS,
  type NumberField,
  rankTexts,
  TEXT_FIELDS,
  type TextField,
} from './arm-parts.js';
import type { ArmRow } from './arm-rows.js';

/** A field of an arm that a value can be read of (errors only come with the whole row). */
export type ArmField = Exclude<keyof ArmRow, 'errors'>;
export type ArmValue = string | number | boolean | null;

const TEXT_INDEX = new Map<string, number>(TEXT_FIELDS.map((field, index) => [field, index]));
const NUMBER_INDEX = new Map<string, number>(NUMBER_FIELDS.map((field, index) => [field, index]));
const TEXT_WIDTH = TEXT_FIELDS.length;
const NUMBER_WIDTH = NUMBER_FIELDS.length;

/**
 * Rows are numbered in the order their parts came. The server never changes a row: a reading of a changed ledger
 * makes a new table. Texts the parts repeat (plan, task, provider, ...) are held once across parts.
 */
export class ArmTable {
  count = 0;
  private readonly parts: ArmPart[] = [];
  /** Row number of each part's first row. */
  private readonly starts: number[] = [];
  private readonly times: Map<number, string>[] = [];
  private readonly errors: Map<number, string[]>[] = [];
  /** Each part's window ids as a Buffer over its bytes, to decode one at a time. */
  private readonly ids: Buffer[] = [];
  private readonly share = createTextSharer(65_536);
  /** The part the last row read was in: rows are mostly read in order. */
  private last = 0;

  /** A table of these rows (tests, and readers without a thread). */
  static fromRows(rows: readonly ArmRow[]): ArmTable {
    const packer = createArmPacker({
      ids: rankTexts(rows, (row) => row.window_id),
      times: rankTexts(rows, (row) => row.completed_at),
    });
    for (const row of rows) packer.add(row);
    const table = new ArmTable();
    for (const part of packer.finish()) table.append(part);
    return table;
  }

  append(part: ArmPart): void {
    part.texts = part.texts.map((text) => this.share(text));
    this.starts.push(this.count);
    this.parts.push(part);
    this.times.push(new Map(part.times));
    this.errors.push(new Map(part.errors));
    this.ids.push(Buffer.from(part.ids.buffer, part.ids.byteOffset, part.ids.length));
    part.times = [];
    part.errors = [];
    this.count += part.count;
  }

  readValue(row: number, field: ArmField): ArmValue {
    const p = this.findPart(row);
    const part = this.parts[p] as ArmPart;
    const r = row - (this.starts[p] as number);
    if (field === 'window_id') return (this.ids[p] as Buffer).toString('utf8', r === 0 ? 0 : part.id_ends[r - 1], part.id_ends[r]);
    if (field === 'completed_at') return this.times[p]?.get(r) ?? (formatIsoTime(this.readNumber(part, r, 'completed_ms')) as string);
    const text = TEXT_INDEX.get(field);
    if (text !== undefined) {
      const code = part.codes[r * TEXT_WIDTH + text] as number;
      return code === 0 ? null : (part.texts[code - 1] as string);
    }
    const value = this.readNumber(part, r, field as NumberField);
    if (Number.isNaN(value)) return null;
    return field === 'resolved' ? value === 1 : value;
  }

  /** A number field as stored (NaN for null): the finish estimate reads completion times without making their text. */
  readNumberValue(row: number, field: NumberField): number {
    const p = this.findPart(row);
    return this.readNumber(this.parts[p] as ArmPart, row - (this.starts[p] as number), field);
  }

  /**
   * Each row's place among the rows' values of a repeated text field (localeCompare's order), NaN for null: read
   * from the parts' few distinct texts, not row by row.
   */
  rankTextField(field: TextField): (row: number) => number {
    const distinct = [...new Set(this.parts.flatMap((part) => part.texts))].sort((a, b) => a.localeCompare(b));
    const places = new Map<string, number>();
    let place = 0;
    for (const [index, text] of distinct.entries()) {
      if (index > 0 && text.localeCompare(distinct[index - 1] as string) !== 0) place += 1;
      places.set(text, place);
    }
    const byCode = this.parts.map((part) => Float64Array.from([Number.NaN, ...part.texts.map((text) => places.get(text) as number)]));
    const f = TEXT_INDEX.get(field) as number;
    return (row) => {
      const p = this.findPart(row);
      const part = this.parts[p] as ArmPart;
      return (byCode[p] as Float64Array)[part.codes[(row - (this.starts[p] as number)) * TEXT_WIDTH + f] as number] as number;
    };
  }

  readRow(row: number): ArmRow {
    const value = <T extends ArmValue>(field: ArmField): T => this.readValue(row, field) as T;
    const p = this.findPart(row);
    return {
      window_id: value('window_id'),
      plan_id: value('plan_id'),
      task: value('task'),
      provider: value('provider'),
      epoch: value('epoch'),
      period: value('period'),
      sequence: value('sequence'),
      outcome: value('outcome'),
      quality: value('quality'),
      resolved: value('resolved'),
      tests_passed: value('tests_passed'),
      tests_total: value('tests_total'),
      broken: value('broken'),
      usd: value('usd'),
      tokens: value('tokens'),
      duration_ms: value('duration_ms'),
      isolation: value('isolation'),
      completed_at: value('completed_at'),
      errors: [...(this.errors[p]?.get(row - (this.starts[p] as number)) ?? [])],
    };
  }

  private readNumber(part: ArmPart, r: number, field: NumberField): number {
    return part.numbers[r * NUMBER_WIDTH + (NUMBER_INDEX.get(field) as number)] as number;
  }

  private findPart(row: number): number {
    if (!(row >= 0 && row < this.count)) throw new AppError('RULE_VIOLATION', `no arm row ${row} in a table of ${this.count}`);
    const from = this.starts[this.last] as number;
    if (row >= from && row < from + (this.parts[this.last] as ArmPart).count) return this.last;
    let low = 0;
    let high = this.parts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= row) low = middle;
      else high = middle - 1;
    }
    this.last = low;
    return low;
  }
}
