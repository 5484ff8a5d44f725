import { describe, expect, it } from 'vitest';
import { cutText, redactAndCut } from './cut-text.js';

describe('cutText', () => {
  it('keeps a text under the cap as it is', () => {
    expect(cutText('hello', 5)).toEqual({ text: 'hello', truncated: false });
  });

  it('cuts between characters and names the bytes dropped', () => {
    // "é" is two bytes: a cap of 3 falls inside the second one, so only one "é" is kept.
    const cut = cutText('ééé', 3);
    expect(cut.truncated).toBe(true);
    expect(cut.text.startsWith('é\n[... 4 more bytes cut')).toBe(true);
  });
});

describe('redactAndCut', () => {
  it('redacts a key before cutting, so a cut through it leaves no piece of it', () => {
    const key = `sk-ant-api03-${'A'.repeat(40)}`;
    const cut = redactAndCut(`key ${key} end`, 20);
    expect(cut.text).not.toContain('sk-ant-api03-AAAA');
    expect(cut.text.startsWith('key [REDACTED] end')).toBe(true);
    // Cut before redacting, the first 20 bytes would have held the key's start and escaped the pattern.
    expect(cutText(`key ${key} end`, 20).text).toContain('sk-ant-api03');
  });
});
