import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wrapText } from '../src/wrap.js';

test('fills lines greedily', () => {
  assert.deepEqual(wrapText('the quick brown fox jumps over the lazy dog', 10), [
    'the quick',
    'brown fox',
    'jumps over',
    'the lazy',
    'dog',
  ]);
});
test('a line may be exactly width long', () => {
  assert.deepEqual(wrapText('abcde fghij', 5), ['abcde', 'fghij']);
  assert.deepEqual(wrapText('ab cd', 5), ['ab cd']);
});
test('collapses runs of whitespace and trims', () => {
  assert.deepEqual(wrapText('  a \t  b   c  ', 80), ['a b c']);
});
test('paragraphs wrap on their own and empty paragraphs stay', () => {
  assert.deepEqual(wrapText('one two\n\nthree', 3), ['one', 'two', '', 'thr', 'ee']);
  assert.deepEqual(wrapText('', 5), ['']);
  assert.deepEqual(wrapText('a\n   \nb', 5), ['a', '', 'b']);
});
test('splits long words into width-sized chunks', () => {
  assert.deepEqual(wrapText('abcdefghij', 4), ['abcd', 'efgh', 'ij']);
  assert.deepEqual(wrapText('hi abcdefgh yo', 4), ['hi', 'abcd', 'efgh', 'yo']);
  assert.deepEqual(wrapText('hi abcdefg yo', 5), ['hi', 'abcde', 'fg yo']);
});
test('indent prefixes the first line of each paragraph and counts in its length', () => {
  assert.deepEqual(wrapText('aaa bbb ccc\nddd', 8, { indent: '> ' }), ['> aaa', 'bbb ccc', '> ddd']);
  assert.deepEqual(wrapText('x\n\ny', 8, { indent: '  ' }), ['  x', '', '  y']);
});
test('no line has trailing spaces', () => {
  for (const line of wrapText('a b c d e f g h i j k', 3)) assert.equal(line, line.trimEnd());
});
test('bad width throws RangeError', () => {
  assert.throws(() => wrapText('a', 0), (e) => e instanceof RangeError && /width/.test(e.message));
  assert.throws(() => wrapText('a', 2.5), RangeError);
});
