// A repository for one collection: validated create/update, lookups, listing and paged queries over a MemoryStore.
import { NotFoundError, QueryError } from './errors.js';
import { decodeCursor, encodeCursor, fingerprint } from './query/cursor.js';
import { compileFilter } from './query/filter.js';
import { compareKeys, parseSort, sortValues } from './query/sort.js';
import { checkSchema, validateRecord } from './validate.js';

const QUERY_KEYS = new Set(['filter', 'sort', 'limit', 'cursor']);

export class Repository {
  #store;
  #collection;
  #schema;

  constructor(store, collection, schema) {
    checkSchema(schema);
    this.#store = store;
    this.#collection = collection;
    this.#schema = schema;
  }

  get schema() {
    return this.#schema;
  }

  create(data) {
    validateRecord(this.#schema, data);
    return this.#store.insert(this.#collection, data);
  }

  findById(id) {
    const record = this.#store.get(this.#collection, id);
    if (!record) throw new NotFoundError(this.#collection, id);
    return record;
  }

  /** Merges the changes into the record (id cannot change). */
  update(id, changes) {
    validateRecord(this.#schema, changes, { partial: true });
    const record = { ...this.findById(id), ...changes, id };
    this.#store.put(this.#collection, record);
    return record;
  }

  delete(id) {
    if (!this.#store.delete(this.#collection, id)) throw new NotFoundError(this.#collection, id);
  }

  count() {
    return this.#store.all(this.#collection).length;
  }

  /** Every record, in insertion order. */
  list() {
    return this.#store.all(this.#collection);
  }

  /** One page of the records matching a filter, in sort order, continuing after a cursor (keyset pagination). */
  find(query = {}) {
    for (const key of Object.keys(query)) {
      if (!QUERY_KEYS.has(key)) throw new QueryError(`unknown query key ${key}`);
    }
    const { filter = {}, sort = '', limit = 20, cursor } = query;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new QueryError(`limit must be 1..100, got ${limit}`);
    const matches = compileFilter(this.#schema, filter);
    const keys = parseSort(this.#schema, sort);
    const print = fingerprint(filter, sort);
    const after = cursor === undefined ? undefined : decodeCursor(cursor, print, keys.length);
    const rows = this.#store
      .all(this.#collection)
      .filter(matches)
      .map((record) => ({ record, values: sortValues(keys, record) }))
      .sort((a, b) => compareKeys(keys, a.values, b.values));
    const rest = after === undefined ? rows : rows.filter((row) => compareKeys(keys, row.values, after) > 0);
    const page = rest.slice(0, limit);
    const nextCursor = rest.length > limit ? encodeCursor(page.at(-1).values, print) : null;
    return { items: page.map((row) => row.record), total: rows.length, nextCursor };
  }
}
