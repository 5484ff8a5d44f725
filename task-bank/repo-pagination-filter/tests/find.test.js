import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Repository } from '../src/repository.js';
import { MemoryStore } from '../src/store.js';

// Loaded leniently: a missing module or export fails only the tests that use it, not the whole file.
const load = (path) => import(path).catch(() => ({}));
const { QueryError } = await load('../src/errors.js');
const index = await load('../src/index.js');

const schema = {
  name: { type: 'string', required: true },
  age: { type: 'number' },
  city: { type: 'string' },
  active: { type: 'boolean' },
};
const PEOPLE = [
  { id: 'p01', name: 'Ada', age: 36, city: 'London', active: true },
  { id: 'p02', name: 'Bob', age: 25, city: 'Paris', active: false },
  { id: 'p03', name: 'Cleo', age: 31, city: 'london', active: true },
  { id: 'p04', name: 'Dan', city: 'Berlin', active: true },
  { id: 'p05', name: 'Eve', age: 25, city: null, active: false },
  { id: 'p06', name: 'Finn', age: 52, city: 'Paris', active: true },
  { id: 'p07', name: 'Gus', age: 31, city: 'Rome', active: true },
];
function repo() {
  const r = new Repository(new MemoryStore(), 'people', schema);
  for (const p of PEOPLE) r.create(p);
  return r;
}
const ids = (page) => page.items.map((p) => p.id);
const queryError = (part) => (e) => e instanceof QueryError && e.name === 'QueryError' && e.message.includes(part);

test('no query: everything ordered by id, with total and no cursor', () => {
  const page = repo().find();
  assert.deepEqual(ids(page), ['p01', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07']);
  assert.equal(page.total, 7);
  assert.equal(page.nextCursor, null);
});
test('plain values and eq/ne, with null matching missing values', () => {
  assert.deepEqual(ids(repo().find({ filter: { city: 'Paris', active: true } })), ['p06']);
  assert.deepEqual(ids(repo().find({ filter: { age: null } })), ['p04']);
  assert.deepEqual(ids(repo().find({ filter: { city: { ne: null }, active: { eq: false } } })), ['p02']);
});
test('range operators skip nulls and combine', () => {
  assert.deepEqual(ids(repo().find({ filter: { age: { gte: 30, lt: 40 } } })), ['p01', 'p03', 'p07']);
  assert.deepEqual(ids(repo().find({ filter: { age: { gt: 50 } } })), ['p06']);
  assert.deepEqual(ids(repo().find({ filter: { name: { lte: 'Bob' } } })), ['p01', 'p02']);
  assert.deepEqual(ids(repo().find({ filter: { id: { gt: 'p05' } } })), ['p06', 'p07']);
});
test('in, contains and startsWith', () => {
  assert.deepEqual(ids(repo().find({ filter: { age: { in: [25, 52] } } })), ['p02', 'p05', 'p06']);
  assert.deepEqual(ids(repo().find({ filter: { city: { contains: 'LOND' } } })), ['p01', 'p03']);
  assert.deepEqual(ids(repo().find({ filter: { name: { startsWith: 'e' } } })), ['p05']);
});
test('sort by several fields with direction, nulls largest, id breaking ties', () => {
  assert.deepEqual(ids(repo().find({ sort: 'age' })), ['p02', 'p05', 'p03', 'p07', 'p01', 'p06', 'p04']);
  assert.deepEqual(ids(repo().find({ sort: '-age' })), ['p04', 'p06', 'p01', 'p03', 'p07', 'p02', 'p05']);
  assert.deepEqual(ids(repo().find({ sort: 'active,-name' })), ['p05', 'p02', 'p07', 'p06', 'p04', 'p03', 'p01']);
  assert.deepEqual(ids(repo().find({ sort: 'city' })), ['p04', 'p01', 'p02', 'p06', 'p07', 'p03', 'p05']);
});
test('limit pages and total counts every match', () => {
  const page = repo().find({ filter: { active: true }, sort: 'name', limit: 2 });
  assert.deepEqual(ids(page), ['p01', 'p03']);
  assert.equal(page.total, 5);
  assert.equal(typeof page.nextCursor, 'string');
});
test('following cursors walks every page exactly once', () => {
  const r = repo();
  const seen = [];
  let cursor;
  let pages = 0;
  do {
    const page = r.find({ sort: '-age', limit: 3, ...(cursor ? { cursor } : {}) });
    seen.push(...ids(page));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  assert.equal(pages, 3);
  assert.deepEqual(seen, ['p04', 'p06', 'p01', 'p03', 'p07', 'p02', 'p05']);
});
test('an exact last page has no cursor', () => {
  const r = repo();
  const first = r.find({ filter: { active: false }, limit: 1 });
  const last = r.find({ filter: { active: false }, limit: 1, cursor: first.nextCursor });
  assert.deepEqual(ids(last), ['p05']);
  assert.equal(last.nextCursor, null);
});
test('cursors are keyset-based: changes between pages do not repeat or skip records', () => {
  const r = repo();
  const first = r.find({ sort: 'name', limit: 3 });
  assert.deepEqual(ids(first), ['p01', 'p02', 'p03']);
  r.delete('p02');
  r.create({ id: 'p00', name: 'Aaron', age: 1 });
  const second = r.find({ sort: 'name', limit: 3, cursor: first.nextCursor });
  assert.deepEqual(ids(second), ['p04', 'p05', 'p06']);
});
test('items are copies', () => {
  const r = repo();
  r.find({ limit: 1 }).items[0].name = 'Changed';
  assert.equal(r.findById('p01').name, 'Ada');
  // list() is unchanged.
  assert.deepEqual(
    r.list().map((p) => p.id),
    PEOPLE.map((p) => p.id),
  );
});
test('bad fields, operators and values are QueryErrors', () => {
  const r = repo();
  assert.throws(() => r.find({ filter: { height: 1 } }), queryError('height'));
  assert.throws(() => r.find({ filter: { age: { near: 3 } } }), queryError('near'));
  assert.throws(() => r.find({ filter: { age: { gt: '30' } } }), (e) => e instanceof QueryError);
  assert.throws(() => r.find({ filter: { active: { gt: true } } }), (e) => e instanceof QueryError);
  assert.throws(() => r.find({ filter: { age: { contains: '3' } } }), (e) => e instanceof QueryError);
  assert.throws(() => r.find({ filter: { age: { in: 25 } } }), (e) => e instanceof QueryError);
  assert.throws(() => r.find({ sort: 'name,-shoe' }), queryError('shoe'));
  assert.throws(() => r.find({ page: 2 }), queryError('page'));
});
test('bad limits and cursors are QueryErrors', () => {
  const r = repo();
  for (const limit of [0, 101, 2.5]) assert.throws(() => r.find({ limit }), queryError('limit'), String(limit));
  const { nextCursor } = r.find({ sort: 'name', limit: 2 });
  assert.throws(() => r.find({ sort: 'age', limit: 2, cursor: nextCursor }), queryError('cursor'));
  assert.throws(() => r.find({ sort: 'name', filter: { active: true }, cursor: nextCursor }), queryError('cursor'));
  assert.throws(() => r.find({ cursor: 'not-a-cursor' }), queryError('cursor'));
  assert.equal(typeof index.QueryError, 'function');
});
