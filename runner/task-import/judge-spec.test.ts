// findThinSpec: an issue reference and a verb are not a spec; a sentence is.
import { describe, expect, it } from 'vitest';
import { findThinSpec } from './judge-spec.js';

describe('findThinSpec', () => {
  it.each([
    ['# Fix #9', ''],
    ['Fix #123', 'Closes #123'],
    ['Merge pull request #4 from a/b', ''],
    ['bump version to 1.2.3', ''],
    ['fix typo', 'see https://example.com/issues/3'],
    ['Update README', ''],
  ])('calls %j thin', (subject, body) => {
    expect(findThinSpec(subject, body)).toMatch(/^thin-spec: /);
  });
  it.each([
    ['Add sub with its tests', ''],
    ['Fix #12', 'Parsing a quoted field with an escaped quote dropped the quote.'],
  ])('keeps %j', (subject, body) => {
    expect(findThinSpec(subject, body)).toBeNull();
  });
});
