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

describe('findBareTitle and findTestsOnlyMessage', () => {
  it('calls a four-word title with nothing else stated thin, a five-word one not', async () => {
    const { findBareTitle, findTestsOnlyMessage } = await import('./judge-spec.js');
    expect(findBareTitle('Tidy up number parsing', '', 0)).toMatch(/^thin-spec: .*4 meaningful words/);
    expect(findBareTitle('Tidy up number parsing', '', 0)).toMatch(/^thin-spec:/);
    // A title that names what the code now does with an input is a spec in three or four words.
    expect(findBareTitle('Handle commas in bytes parsing.', '', 0)).toBeNull();
    expect(findBareTitle('SI: handle negative numbers', '', 0)).toBeNull();
    expect(findBareTitle('Fix #291: Disallow negative numbers in VersionInfo (#292)', '', 0)).toBeNull();
    expect(findBareTitle('Fix #291: negative numbers (#292)', '', 0)).toMatch(/^thin-spec:/);
    expect(findBareTitle('Handle numbers', '', 0)).toMatch(/^thin-spec:/);
    expect(findBareTitle('Fix #291: Disallow negative numbers in VersionInfo (#292)', '', 2)).toBeNull();
    expect(findBareTitle('Ensure equal versions have equal hashes', '', 0)).toBeNull();
    expect(findTestsOnlyMessage('Add tests about pre releases', '')).toMatch(/^unfair-spec: /);
    expect(findTestsOnlyMessage('Improve test coverage', '')).toMatch(/^unfair-spec: /);
    expect(findTestsOnlyMessage('Add more unit tests for parse', '')).toMatch(/^unfair-spec: /);
    // A conventional-commit type before it, or `test:` alone.
    expect(findTestsOnlyMessage('tests: Add missing tests for complete test coverage', '')).toMatch(/^unfair-spec: /);
    expect(findTestsOnlyMessage('test(parser): cover empty input', '')).toMatch(/^unfair-spec: /);
    expect(findTestsOnlyMessage('fix(parser): reject empty input', '')).toBeNull();
    expect(findTestsOnlyMessage('Add sub with its tests', '')).toBeNull();
    expect(findTestsOnlyMessage('Add tests and fix prerelease ordering', '')).toBeNull();
    expect(findTestsOnlyMessage('Add tests about pre releases', 'Pre-releases now sort before their release, per SemVer 11.')).toBeNull();
  });
});
