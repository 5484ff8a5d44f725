import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSlugger, slugify } from '../src/slugify.js';

test('lower-cases and joins words with dashes', () => {
  assert.equal(slugify('Hello World'), 'hello-world');
});
test('folds accents and special letters', () => {
  assert.equal(slugify('Crème Brûlée à la Straße'), 'creme-brulee-a-la-strasse');
  assert.equal(slugify('Łódź Æsir Øre'), 'lodz-aesir-ore');
});
test('collapses runs of punctuation and trims separators', () => {
  assert.equal(slugify('  --Hello,   world!!  '), 'hello-world');
});
test('custom separator', () => {
  assert.equal(slugify('a b c', { separator: '_' }), 'a_b_c');
});
test('maxLength cuts and strips a trailing separator', () => {
  assert.equal(slugify('hello world again', { maxLength: 6 }), 'hello');
  assert.equal(slugify('hello world', { maxLength: 8 }), 'hello-wo');
});
test('empty results and type errors', () => {
  assert.equal(slugify(''), '');
  assert.equal(slugify('!!! ???'), '');
  assert.throws(() => slugify(42), TypeError);
});
test('createSlugger keeps slugs unique', () => {
  const slug = createSlugger();
  assert.deepEqual(['Hello', 'hello!', 'Héllo', '', '?'].map(slug), ['hello', 'hello-1', 'hello-2', '', '']);
  const other = createSlugger({ separator: '_' });
  assert.deepEqual(['a b', 'a b', 'a_b_1', 'a b'].map(other), ['a_b', 'a_b_1', 'a_b_1_1', 'a_b_2']);
});
