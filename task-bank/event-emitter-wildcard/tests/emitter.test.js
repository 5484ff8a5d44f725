import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Emitter } from '../src/emitter.js';

test('on/emit in order with args; returns count', () => {
  const e = new Emitter();
  const seen = [];
  e.on('x', (a, b) => seen.push(['1', a, b]));
  e.on('x', (a) => seen.push(['2', a]));
  assert.equal(e.emit('x', 1, 2), 2);
  assert.deepEqual(seen, [['1', 1, 2], ['2', 1]]);
  assert.equal(e.emit('nothing'), 0);
});
test('unsubscribe handle and off', () => {
  const e = new Emitter();
  let n = 0;
  const f = () => n++;
  const un = e.on('x', f);
  e.on('x', f);
  un();
  assert.equal(e.listenerCount('x'), 1);
  assert.equal(e.off('x', f), true);
  assert.equal(e.off('x', f), false);
  e.emit('x');
  assert.equal(n, 0);
});
test('once runs once, even when re-emitted from inside', () => {
  const e = new Emitter();
  let n = 0;
  e.once('x', () => {
    n++;
    e.emit('x');
  });
  e.emit('x');
  e.emit('x');
  assert.equal(n, 1);
  assert.equal(e.listenerCount('x'), 0);
});
test('off removes a pending once', () => {
  const e = new Emitter();
  const f = () => assert.fail('should not run');
  e.once('x', f);
  assert.equal(e.off('x', f), true);
  e.emit('x');
});
test('wildcard listeners get the event name after specific ones', () => {
  const e = new Emitter();
  const seen = [];
  e.on('*', (name, v) => seen.push(`*:${name}:${v}`));
  e.on('a', (v) => seen.push(`a:${v}`));
  assert.equal(e.emit('a', 1), 2);
  e.emit('b', 2);
  assert.deepEqual(seen, ['a:1', '*:a:1', '*:b:2']);
  assert.throws(() => e.emit('*'), TypeError);
});
test('listeners added during emit wait for the next emit; bad args throw', () => {
  const e = new Emitter();
  let late = 0;
  e.on('x', () => e.on('x', () => late++));
  e.emit('x');
  assert.equal(late, 0);
  assert.throws(() => e.on('', () => {}), TypeError);
  assert.throws(() => e.on('x', 'nope'), TypeError);
});
