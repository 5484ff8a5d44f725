import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '../src/render.js';

test('replaces placeholders and copies text', () => {
  assert.equal(render('Hello, {{name}}!', { name: 'Ada' }), 'Hello, Ada!');
  assert.equal(render('no placeholders', {}), 'no placeholders');
});
test('whitespace inside braces is ignored', () => {
  assert.equal(render('{{  name }}', { name: 'x' }), 'x');
});
test('dotted paths and array indices', () => {
  const data = { user: { name: 'Ada', tags: ['a', 'b'] }, n: 0 };
  assert.equal(render('{{user.name}}/{{user.tags.1}}/{{n}}', data), 'Ada/b/0');
});
test('values are HTML-escaped', () => {
  assert.equal(render('{{v}}', { v: `<a href="x">'&'</a>` }), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
});
test('triple braces insert raw values', () => {
  assert.equal(render('{{{ v }}}', { v: '<b>&</b>' }), '<b>&</b>');
});
test('missing values render empty by default', () => {
  assert.equal(render('[{{a.b.c}}][{{x}}][{{nul}}]', { a: {}, nul: null }), '[][][]');
});
test('strict mode throws ReferenceError naming the path', () => {
  assert.throws(() => render('{{a.b.c}}', { a: {} }, { strict: true }), (e) => e instanceof ReferenceError && e.message.includes('a.b.c'));
  assert.equal(render('{{a}}', { a: false }, { strict: true }), 'false');
});
test('backslash escapes a literal {{', () => {
  assert.equal(render('\\{{name}} is {{name}}', { name: 'x' }), '{{name}} is x');
});
test('unclosed placeholder throws SyntaxError with its index', () => {
  assert.throws(() => render('ab {{name', {}), (e) => e instanceof SyntaxError && e.message.includes('3'));
  assert.throws(() => render('{{{raw}}', {}), (e) => e instanceof SyntaxError && e.message.includes('0'));
});
