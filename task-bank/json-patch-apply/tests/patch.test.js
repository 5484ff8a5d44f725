import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Document } from '../src/document.js';

// Loaded leniently: a missing module or export fails only the tests that use it, not the whole file.
const load = (path) => import(path).catch(() => ({}));
const { PatchError } = await load('../src/errors.js');
const { applyPatch } = await load('../src/patch.js');

const base = () => ({ name: 'doc', tags: ['a', 'b'], meta: { size: 1, 'a/b': 2, 'm~n': 3 } });
const failsAt = (fn, index, part) =>
  assert.throws(fn, (e) => e instanceof PatchError && e.name === 'PatchError' && e.index === index && e.message.includes(`operation ${index}`) && (!part || e.message.includes(part)), part);

test('add sets object members and inserts into arrays', () => {
  const out = applyPatch(base(), [
    { op: 'add', path: '/owner', value: { id: 1 } },
    { op: 'add', path: '/tags/1', value: 'x' },
    { op: 'add', path: '/tags/-', value: 'z' },
    { op: 'add', path: '/tags/4', value: 'end' },
    { op: 'add', path: '/name', value: 'renamed' },
  ]);
  assert.deepEqual(out.tags, ['a', 'x', 'b', 'z', 'end']);
  assert.deepEqual(out.owner, { id: 1 });
  assert.equal(out.name, 'renamed');
});
test('the input value is not modified', () => {
  const value = base();
  applyPatch(value, [{ op: 'remove', path: '/tags/0' }, { op: 'add', path: '/meta/new', value: 1 }]);
  assert.deepEqual(value, base());
});
test('remove and replace, including escaped pointers and the root', () => {
  const out = applyPatch(base(), [
    { op: 'remove', path: '/tags/0' },
    { op: 'replace', path: '/meta/a~1b', value: null },
    { op: 'remove', path: '/meta/m~0n' },
  ]);
  assert.deepEqual(out, { name: 'doc', tags: ['b'], meta: { size: 1, 'a/b': null } });
  assert.deepEqual(applyPatch(base(), [{ op: 'replace', path: '', value: [1] }]), [1]);
  assert.deepEqual(applyPatch(base(), [{ op: 'add', path: '', value: 'x' }]), 'x');
});
test('move and copy', () => {
  const out = applyPatch(base(), [
    { op: 'move', from: '/tags/0', path: '/tags/-' },
    { op: 'copy', from: '/meta', path: '/backup' },
    { op: 'move', from: '/name', path: '/meta/name' },
  ]);
  assert.deepEqual(out.tags, ['b', 'a']);
  assert.deepEqual(out.backup, { size: 1, 'a/b': 2, 'm~n': 3 });
  assert.equal(out.meta.name, 'doc');
  assert.equal('name' in out, false);
  out.backup.size = 99;
  assert.equal(out.meta.size, 1);
});
test('test compares deeply regardless of key order', () => {
  const ok = [{ op: 'test', path: '/meta', value: { 'm~n': 3, size: 1, 'a/b': 2 } }];
  assert.deepEqual(applyPatch(base(), ok), base());
  failsAt(() => applyPatch(base(), [{ op: 'test', path: '/tags', value: ['a'] }]), 0, 'test failed');
  failsAt(() => applyPatch(base(), [{ op: 'test', path: '/nope', value: 1 }]), 0, '/nope');
});
test('missing locations name the pointer and operation', () => {
  failsAt(() => applyPatch(base(), [{ op: 'add', path: '/a', value: 1 }, { op: 'remove', path: '/missing' }]), 1, '/missing');
  failsAt(() => applyPatch(base(), [{ op: 'replace', path: '/tags/2', value: 1 }]), 0, '/tags/2');
  failsAt(() => applyPatch(base(), [{ op: 'add', path: '/no/parent', value: 1 }]), 0, '/no/parent');
  failsAt(() => applyPatch(base(), [{ op: 'add', path: '/tags/3', value: 1 }]), 0, '/tags/3');
  failsAt(() => applyPatch(base(), [{ op: 'copy', from: '/ghost', path: '/x' }]), 0, '/ghost');
});
test('bad array indices and - outside add', () => {
  failsAt(() => applyPatch(base(), [{ op: 'add', path: '/tags/01', value: 1 }]), 0, '/tags/01');
  failsAt(() => applyPatch(base(), [{ op: 'remove', path: '/tags/-' }]), 0);
  failsAt(() => applyPatch(base(), [{ op: 'replace', path: '/tags/x', value: 1 }]), 0);
});
test('a value cannot move into its own child', () => {
  failsAt(() => applyPatch(base(), [{ op: 'move', from: '/meta', path: '/meta/inner' }]), 0, '/meta');
});
test('malformed operations', () => {
  assert.throws(() => applyPatch(base(), { op: 'add' }), (e) => e instanceof PatchError && e.index === -1);
  failsAt(() => applyPatch(base(), [{ op: 'merge', path: '/a' }]), 0);
  failsAt(() => applyPatch(base(), [{ op: 'add', value: 1 }]), 0);
  failsAt(() => applyPatch(base(), [{ op: 'add', path: '/a' }]), 0);
  failsAt(() => applyPatch(base(), [{ op: 'move', path: '/a' }]), 0);
  failsAt(() => applyPatch(base(), [{ op: 'add', path: 'a', value: 1 }]), 0);
  assert.deepEqual(applyPatch(base(), [{ op: 'add', path: '/n', value: null }]).n, null);
  const err = (() => { try { applyPatch(base(), [{ op: 'test', path: '/x', value: 1 }]); } catch (e) { return e; } })();
  assert.equal(err.op, 'test');
});
test('Document#applyPatch bumps the version once and notifies once', () => {
  const doc = new Document(base());
  const seen = [];
  doc.onChange((e) => seen.push(e));
  const version = doc.applyPatch([
    { op: 'test', path: '/name', value: 'doc' },
    { op: 'add', path: '/tags/-', value: 'c' },
    { op: 'move', from: '/name', path: '/title' },
  ]);
  assert.equal(version, 1);
  assert.equal(doc.version, 1);
  assert.deepEqual(doc.get('/tags'), ['a', 'b', 'c']);
  assert.equal(doc.get('/title'), 'doc');
  assert.deepEqual(seen, [{ version: 1, changes: [{ op: 'add', path: '/tags/-' }, { op: 'move', path: '/title', from: '/name' }] }]);
});
test('Document#applyPatch is atomic', () => {
  const doc = new Document(base());
  let calls = 0;
  doc.onChange(() => calls++);
  assert.throws(() => doc.applyPatch([{ op: 'remove', path: '/tags/0' }, { op: 'test', path: '/name', value: 'other' }]), (e) => e instanceof PatchError);
  assert.deepEqual(doc.toJSON(), base());
  assert.equal(doc.version, 0);
  assert.equal(calls, 0);
});
test('a patch of only tests changes nothing', () => {
  const doc = new Document(base());
  let calls = 0;
  doc.onChange(() => calls++);
  assert.equal(doc.applyPatch([{ op: 'test', path: '/name', value: 'doc' }]), 0);
  assert.equal(doc.applyPatch([]), 0);
  assert.equal(calls, 0);
});
