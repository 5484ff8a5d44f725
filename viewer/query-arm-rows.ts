// The Arms page's query on the server: filter, sort and page the arms table without making a row of every arm.
import type { ArmPage, ArmQuery } from './arm-rows.js';
import type { ArmField, ArmTable, ArmValue } from './arm-table.js';

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
  // Each matched row's value and window id read once (a completion time is made into its text, an id decoded from
  // its bytes, once per request, not at every comparison: sorting 100,000 arms by outcome, mostly ties, took 2x).
  const keys = new Map(matched.map((row) => [row, value(row, query.sort)]));
  const ids = new Map(matched.map((row) => [row, value(row, 'window_id') as string]));
  const sign = query.descending ? -1 : 1;
  const byWindow = (a: number, b: number): number => (ids.get(a) as string).localeCompare(ids.get(b) as string);
  matched.sort((a, b) => {
    const x = keys.get(a) as ArmValue;
    const y = keys.get(b) as ArmValue;
    if (x === null || y === null) return x === y ? byWindow(a, b) : x === null ? 1 : -1;
    const order = typeof x === 'string' ? x.localeCompare(String(y)) : Number(x) - Number(y);
    return order === 0 ? byWindow(a, b) : sign * order;
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
