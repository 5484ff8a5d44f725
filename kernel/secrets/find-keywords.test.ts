// The keyword prefilter: every keyword a text holds, overlapping ones too, case aside, call after call.
import { describe, expect, it } from 'vitest';
import { createKeywordFinder } from './find-keywords.js';

function findWords(keywords: string[], text: string): string[] {
  const finder = createKeywordFinder(keywords);
  return finder
    .find(text)
    .map((id) => keywords[id] as string)
    .sort();
}

describe('createKeywordFinder', () => {
  it('finds keywords inside, overlapping and ending inside one another (Aho-Corasick)', () => {
    expect(findWords(['he', 'she', 'his', 'hers'], 'ushers')).toEqual(['he', 'hers', 'she']);
    expect(findWords(['xox', 'xoxb', 'oxb-'], 'token xoxb-1')).toEqual(['oxb-', 'xox', 'xoxb']);
  });

  it('reads upper case as lower case and lets nothing through a non-ASCII character', () => {
    expect(findWords(['akia', 'sk-ant-'], 'AKIA and SK-ANT-')).toEqual(['akia', 'sk-ant-']);
    expect(findWords(['token'], 'tok€en')).toEqual([]);
  });

  it('answers each call for its own text', () => {
    const finder = createKeywordFinder(['key', 'secret']);
    expect(finder.find('a key')).toEqual([0]);
    expect(finder.find('no such word')).toEqual([]);
    expect(finder.find('secret key, key')).toEqual([1, 0]);
  });
});
