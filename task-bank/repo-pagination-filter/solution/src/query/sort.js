// Sort specs ('-age,name') compiled into a total order: the fields in turn, then id; null sorts as the largest.
import { fieldType } from './filter.js';

/** The sort keys: [{ field, desc }], always ending with id ascending. */
export function parseSort(schema, sort = '') {
  const keys = String(sort)
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => ({ field: part.replace(/^-/, ''), desc: part.startsWith('-') }));
  for (const key of keys) fieldType(schema, key.field);
  return [...keys.filter((k) => k.field !== 'id'), { field: 'id', desc: keys.find((k) => k.field === 'id')?.desc ?? false }];
}

function compareValues(a, b) {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** The values a record is ordered by, one per key. */
export function sortValues(keys, record) {
  return keys.map((k) => record[k.field] ?? null);
}

/** Compares two lists of sort values under the keys. */
export function compareKeys(keys, a, b) {
  for (let i = 0; i < keys.length; i++) {
    const c = compareValues(a[i], b[i]);
    if (c !== 0) return keys[i].desc ? -c : c;
  }
  return 0;
}
