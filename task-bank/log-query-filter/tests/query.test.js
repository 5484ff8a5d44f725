import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LogStore } from '../src/store.js';

// Loaded leniently: a missing module or export fails only the tests that use it, not the whole file.
const load = (path) => import(path).catch(() => ({}));
const { compileQuery, QueryError } = await load('../src/query.js');

const LOG = [
  'ts=1 level=info service=api msg="request done" ms=12',
  'ts=2 level=warn service=db msg="slow query" ms=950',
  'ts=3 level=error service=api msg="Disk almost full" pct=97',
  'ts=4 level=debug service=worker msg="tick"',
  'ts=5 level=fatal service=db msg="disk gone" ms=n/a',
  'ts=6 level=info msg="say \\"hi\\""',
].join('\n');

function store() {
  const s = new LogStore();
  s.ingest(LOG);
  return s;
}
const ts = (entries) => entries.map((e) => e.ts);

test('field=value and field!=value', () => {
  assert.deepEqual(ts(store().query('service=api')), ['1', '3']);
  assert.deepEqual(ts(store().query('service!=db')), ['1', '3', '4', '6']);
});
test('terms are ANDed; an empty query matches everything', () => {
  assert.deepEqual(ts(store().query('service=api level=error')), ['3']);
  assert.equal(store().query('   ').length, 6);
  assert.equal(store().query('').length, 6);
});
test('level comparisons use severity ranks and aliases', () => {
  assert.deepEqual(ts(store().query('level>=warn')), ['2', '3', '5']);
  assert.deepEqual(ts(store().query('level<info')), ['4']);
  assert.deepEqual(ts(store().query('level=WARNING')), ['2']);
  assert.deepEqual(ts(store().query('level>error')), ['5']);
});
test('numeric comparisons skip missing and non-numeric values', () => {
  assert.deepEqual(ts(store().query('ms>100')), ['2']);
  assert.deepEqual(ts(store().query('ms<=12')), ['1']);
});
test('~ is a case-insensitive contains on a field', () => {
  assert.deepEqual(ts(store().query('msg~DISK')), ['3', '5']);
  assert.deepEqual(ts(store().query('service~work')), ['4']);
});
test('bare words and quoted phrases search msg', () => {
  assert.deepEqual(ts(store().query('disk')), ['3', '5']);
  assert.deepEqual(ts(store().query('"almost full"')), ['3']);
  assert.deepEqual(ts(store().query('msg~"slow q"')), ['2']);
  assert.deepEqual(ts(store().query('"say \\"hi\\""')), ['6']);
});
test('a leading - negates a term', () => {
  assert.deepEqual(ts(store().query('-service=db -disk')), ['1', '4', '6']);
  assert.deepEqual(ts(store().query('-level>=info')), ['4']);
});
test('limit keeps the last matches in order', () => {
  assert.deepEqual(ts(store().query('level>=info', { limit: 2 })), ['5', '6']);
  assert.deepEqual(ts(store().query('service=api', { limit: 10 })), ['1', '3']);
});
test('query returns copies', () => {
  const s = store();
  s.query('service=api')[0].service = 'changed';
  assert.deepEqual(ts(s.query('service=api')), ['1', '3']);
});
test('compileQuery returns a predicate', () => {
  const match = compileQuery('service=api level>=warn');
  assert.equal(match({ service: 'api', level: 'error' }), true);
  assert.equal(match({ service: 'api', level: 'info' }), false);
  assert.equal(match({ level: 'fatal' }), false);
});
test('bad queries throw QueryError naming the term', () => {
  const bad = [['level=', 'level='], ['level>=loud', 'level>=loud'], ['pct>lots', 'pct>lots'], ['msg~"open', 'unterminated']];
  for (const [query, part] of bad) {
    assert.throws(() => compileQuery(query), (e) => e instanceof QueryError && e.name === 'QueryError' && e.message.includes(part), query);
  }
  assert.throws(() => store().query('level>=loud'), (e) => e instanceof QueryError);
});
