import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromRoman, toRoman } from '../src/roman.js';

test('toRoman: simple additive numbers', () => {
  assert.equal(toRoman(1), 'I');
  assert.equal(toRoman(3), 'III');
  assert.equal(toRoman(8), 'VIII');
  assert.equal(toRoman(2000), 'MM');
});
test('toRoman: subtractive forms', () => {
  assert.equal(toRoman(4), 'IV');
  assert.equal(toRoman(9), 'IX');
  assert.equal(toRoman(40), 'XL');
  assert.equal(toRoman(90), 'XC');
  assert.equal(toRoman(400), 'CD');
  assert.equal(toRoman(900), 'CM');
  assert.equal(toRoman(1994), 'MCMXCIV');
  assert.equal(toRoman(3999), 'MMMCMXCIX');
});
test('toRoman: out of range or not an integer throws RangeError naming the value', () => {
  assert.throws(() => toRoman(0), (e) => e instanceof RangeError && /0/.test(e.message));
  assert.throws(() => toRoman(4000), (e) => e instanceof RangeError && /4000/.test(e.message));
  assert.throws(() => toRoman(2.5), (e) => e instanceof RangeError && /2\.5/.test(e.message));
  assert.throws(() => toRoman('5'), RangeError);
});
test('fromRoman: parses canonical numerals', () => {
  assert.equal(fromRoman('III'), 3);
  assert.equal(fromRoman('XLII'), 42);
  assert.equal(fromRoman('MCMXCIV'), 1994);
  assert.equal(fromRoman('MMMCMXCIX'), 3999);
});
test('fromRoman: lower case is accepted', () => {
  assert.equal(fromRoman('mcmxciv'), 1994);
  assert.equal(fromRoman('xiv'), 14);
});
test('fromRoman: round-trips every number', () => {
  for (let n = 1; n <= 3999; n++) assert.equal(fromRoman(toRoman(n)), n);
});
test('fromRoman: non-canonical input throws SyntaxError naming the input', () => {
  for (const bad of ['IIII', 'IC', 'VX', 'MMMM', 'ABC', 'XIIV']) {
    assert.throws(() => fromRoman(bad), (e) => e instanceof SyntaxError && e.message.includes(bad), bad);
  }
});
test('fromRoman: empty string and non-strings throw SyntaxError', () => {
  assert.throws(() => fromRoman(''), SyntaxError);
  assert.throws(() => fromRoman(12), SyntaxError);
});
