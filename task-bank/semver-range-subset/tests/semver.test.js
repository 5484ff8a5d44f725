import { test } from 'node:test';
import assert from 'node:assert/strict';
import { satisfies } from '../src/semver.js';

const check = (cases) => {
  for (const [version, range, expected] of cases) assert.equal(satisfies(version, range), expected, `${version} in "${range}"`);
};

test('exact and comparison operators', () => {
  check([
    ['1.2.3', '1.2.3', true], ['v1.2.3', '=1.2.3', true], ['1.2.4', '1.2.3', false],
    ['1.10.0', '>1.9.0', true], ['1.2.3', '>=1.2.3', true], ['1.2.3', '<1.2.3', false], ['1.2.3', '<=1.2.3', true],
  ]);
});
test('caret and tilde', () => {
  check([
    ['1.9.9', '^1.2.3', true], ['2.0.0', '^1.2.3', false], ['1.2.2', '^1.2.3', false],
    ['0.2.9', '^0.2.3', true], ['0.3.0', '^0.2.3', false], ['0.0.3', '^0.0.3', true], ['0.0.4', '^0.0.3', false],
    ['1.2.9', '~1.2.3', true], ['1.3.0', '~1.2.3', false],
  ]);
});
test('AND, OR and star', () => {
  check([
    ['1.5.0', '>=1.0.0 <2.0.0', true], ['2.0.0', '>=1.0.0 <2.0.0', false],
    ['3.1.0', '^1.0.0 || ^3.0.0', true], ['2.1.0', '^1.0.0||^3.0.0', false],
    ['9.9.9', '*', true], ['0.0.1', '', true],
  ]);
});
test('prerelease ordering', () => {
  check([
    ['1.0.0-alpha', '<1.0.0-alpha.1', true], ['1.0.0-alpha.1', '<1.0.0-alpha.beta', true],
    ['1.0.0-beta.2', '<1.0.0-beta.11', true], ['1.0.0-rc.1', '<1.0.0', false],
  ]);
});
test('prereleases only match comparators on the same tuple', () => {
  check([
    ['1.2.3-beta.2', '>=1.2.3-beta.1', true], ['1.2.4-beta.1', '>=1.2.3-beta.1', false],
    ['1.2.3-beta.1', '^1.2.0', false], ['1.0.0-rc.1', '*', false], ['1.2.3-rc.1', '^1.2.3-beta.1', true],
  ]);
});
test('invalid input throws TypeError', () => {
  assert.throws(() => satisfies('1.2', '*'), TypeError);
  assert.throws(() => satisfies('1.2.3', '>=banana'), TypeError);
  assert.throws(() => satisfies('1.2.3', '!1.2.3'), TypeError);
});
