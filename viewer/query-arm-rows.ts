// The Arms page's query on the server: filter, sort and page the arms table without making a row of every arm.
import type { NumberField, TextField } from './arm-parts.js';
import type { ArmColumn, ArmPage, ArmQuery } from './arm-rows.js';
import type { ArmField, ArmTable, ArmValue } from './arm-table.js';

const TEXT_COLUMNS = new Set<ArmColumn>(['task', 'provider', 'outcome', 'isolation']);

/** A number per row that orders the rows as the column's values do (NaN for null; true after false). */
function readSortKey(table: ArmTable, column: ArmColumn): (row: number) => number {
  if (column === 'window_id') return (row) => table.readNumberValue(row, 'id_rank');
  if (column === 'completed_at') return (row) => table.readNumberValue(row, 'time_rank');
  if (TEXT_COLUMNS.has(column)) return table.rankTextField(column as TextField);
  return (row) => table.readNumberValue(row, column as NumberField);
}

/** Filters, sorts (nulls last either way, then by window id for a stable order) and cuts one page. */
export function queryArmRows(table: ArmTable, query: ArmQuery): ArmPage {
  const words = query.filter.toLowerCase().split(/\s+/).filter(Boolean);
  const where = Object.entries(query.where).filter((entry): entry is [ArmField, string] => Boolean(entry[1]));
  const value = (row: number, field: ArmField): ArmValue => table.readValue(row, field);
  const matched: number[] = [];
  for (let row = 0; row < table.count; row += 1) {
    if (where.some(([field, wanted]) => value(row, field) !== wanted)) continue;
    if (words.length > 0) {
      const text =
        `${value(row, 'task') ?? ''} ${value(row, 'provider')} ${value(row, 'outcome')} ${value(row, 'window_id')} ${value(row, 'isolation') ?? ''}`.toLowerCase();
      if (!words.every((word) => text.includes(word))) continue;
    }
    matched.push(row);
  }
  // Texts are compared by their places (ranked once in the reader, or among a field's few distinct texts): a request
  // makes no string to sort 100,000 arms, where reading them made one per arm (and decoded ids at every tie).
  const key = readSortKey(table, query.sort);
  const ids = (row: number): number => table.readNumberValue(row, 'id_rank');
  const sign = query.descending ? -1 : 1;
  matched.sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) && Number.isNaN(y) ? ids(a) - ids(b) : Number.isNaN(x) ? 1 : -1;
    const order = x - y;
    return order === 0 ? ids(a) - ids(b) : sign * order;
  });
  const distinct = (field: ArmField): string[] => {
    const seen = new Set<string>();
    for (let row = 0; row < table.count; row += 1) {
      const held = value(row, field);
      if (typeof held === 'string') seen.add(held);
    }
    return [...seen].sort();
  };
  return {
    total: table.count,
    matched: matched.length,
    offset: query.offset,
    rows: matched.slice(query.offset, query.offset + query.limit).map((row) => table.readRow(row)),
    choices: { provider: distinct('provider'), outcome: distinct('outcome'), plan_id: distinct('plan_id') },
  };
}
