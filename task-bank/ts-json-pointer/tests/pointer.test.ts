import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonDocument } from '../src/document.js';
import { PointerError } from '../src/errors.js';
import { getPointer, removePointer, setPointer, type Json } from '../src/pointer.js';

const DOC: Json = { foo: ['bar', 'baz'], '': 0, 'a/b': 1, 'm~n': 8, '~1': 9, nested: { list: [{ x: 1 }] } };

test('get follows RFC 6901, escapes included', () => {
  assert.equal(getPointer(DOC, ''), DOC);
  assert.deepEqual(getPointer(DOC, '/foo'), ['bar', 'baz']);
  assert.equal(getPointer(DOC, '/foo/0'), 'bar');
  assert.equal(getPointer(DOC, '/'), 0);
  assert.equal(getPointer(DOC, '/a~1b'), 1);
  assert.equal(getPointer(DOC, '/m~0n'), 8);
  assert.equal(getPointer(DOC, '/~01'), 9);
  assert.equal(getPointer(DOC, '/nested/list/0/x'), 1);
});

test('get errors', () => {
  for (const pointer of ['/nope', '/foo/2', '/foo/01', '/foo/-', '/foo/x', '/foo/0/length', '/nested/list/0/x/y'])
    assert.throws(() => getPointer(DOC, pointer), (error: unknown) => error instanceof PointerError && error.message === `not found: ${pointer}`);
  for (const pointer of ['foo', '/a~2', '/x~'])
    assert.throws(() => getPointer(DOC, pointer), { name: 'PointerError', message: `bad pointer: ${pointer}` });
});

test('set copies the path and leaves the input alone', () => {
  const doc: Json = { a: { b: [1, 2] }, other: { keep: true } };
  const copy = structuredClone(doc);
  const next = setPointer(doc, '/a/b/-', 3) as Record<string, Json>;
  assert.deepEqual(next, { a: { b: [1, 2, 3] }, other: { keep: true } });
  assert.deepEqual(doc, copy);
  assert.equal(next.other, (doc as Record<string, Json>).other);
  assert.deepEqual(setPointer(doc, '/a/b/0', 'x'), { a: { b: ['x', 2] }, other: { keep: true } });
  assert.deepEqual(setPointer(doc, '/a/b/2', 9), { a: { b: [1, 2, 9] }, other: { keep: true } });
  assert.deepEqual(setPointer(doc, '/a/c~1d', 'new'), { a: { b: [1, 2], 'c/d': 'new' }, other: { keep: true } });
  assert.equal(setPointer(doc, '', 5), 5);
  assert.throws(() => setPointer(doc, '/a/b/5', 0), { message: 'not found: /a/b/5' });
  assert.throws(() => setPointer(doc, '/x/y', 0), { message: 'not found: /x/y' });
});

test('remove closes gaps and refuses the root', () => {
  const doc: Json = { list: [1, 2, 3], k: 'v' };
  assert.deepEqual(removePointer(doc, '/list/1'), { list: [1, 3], k: 'v' });
  assert.deepEqual(removePointer(doc, '/k'), { list: [1, 2, 3] });
  assert.deepEqual(doc, { list: [1, 2, 3], k: 'v' });
  assert.throws(() => removePointer(doc, '/list/3'), { message: 'not found: /list/3' });
  assert.throws(() => removePointer(doc, ''), { name: 'PointerError', message: 'cannot remove the root' });
});

test('the document keeps each version', () => {
  const document = new JsonDocument({ items: [] });
  document.set('/items/-', 'a');
  document.set('/items/-', 'b');
  document.remove('/items/0');
  assert.deepEqual(document.current, { items: ['b'] });
  assert.deepEqual(document.version(2), { items: ['a', 'b'] });
  assert.equal(document.get('/items/0'), 'b');
});
