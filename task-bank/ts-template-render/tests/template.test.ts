import assert from 'node:assert/strict';
import { test } from 'node:test';
import { greet } from '../src/greeting.js';
import { render } from '../src/template.js';

test('replaces names, including dotted ones', () => {
  assert.equal(render('{a} and {b_2}', { a: 1, b_2: 'two' }), '1 and two');
  assert.equal(render('{user.name} ({user.address.city})', { user: { name: 'Ann', address: { city: 'Oslo' } } }), 'Ann (Oslo)');
  assert.equal(greet({ name: 'Bo', city: 'Rome' }), 'Hello Bo from Rome!');
});

test('renders null and 0, escapes doubled braces', () => {
  assert.equal(render('{x}/{y}', { x: null, y: 0 }), 'null/0');
  assert.equal(render('{{literal}} {v}}}', { v: 'x' }), '{literal} x}');
});

test('missing variables', () => {
  assert.throws(() => render('{nope}', {}), { name: 'Error', message: 'missing variable: nope' });
  assert.throws(() => render('{a.b.c}', { a: { b: 5 } }), { message: 'missing variable: a.b.c' });
});

test('syntax errors name the position', () => {
  assert.throws(() => render('ab {x', { x: 1 }), { name: 'SyntaxError', message: 'bad template at 3' });
  assert.throws(() => render('{}', {}), { name: 'SyntaxError', message: 'bad template at 0' });
  assert.throws(() => render('a } b', {}), { name: 'SyntaxError', message: 'bad template at 2' });
  assert.throws(() => render('{a-b}', { 'a-b': 1 }), { name: 'SyntaxError', message: 'bad template at 0' });
});
