// The TOML escaper: every value reads back as itself through a full TOML 1.0 parser (smol-toml).
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { formatTomlInlineTable, formatTomlKey, formatTomlString } from './toml-string.js';

/** The value of one written string, read as a whole document (so nothing may trail the closing quote). */
const readBack = (text: string): unknown => parse(`v = ${text}`).v;

describe('formatTomlString', () => {
  it('escapes quotes, backslashes and the short-escape control characters', () => {
    expect(formatTomlString('plain')).toBe('"plain"');
    expect(formatTomlString('say "hi"')).toBe('"say \\"hi\\""');
    expect(formatTomlString('C:\\dir\\')).toBe('"C:\\\\dir\\\\"');
    expect(formatTomlString('a\nb\r\tc\b\f')).toBe('"a\\nb\\r\\tc\\b\\f"');
  });

  it('writes other control characters as \\uXXXX', () => {
    expect(formatTomlString('\u0000\u001b\u007f')).toBe('"\\u0000\\u001B\\u007F"');
  });

  it('keeps non-ASCII text as it is', () => {
    expect(formatTomlString('café ☕ 𝄞')).toBe('"café ☕ 𝄞"');
  });

  it.each([
    '',
    'x-tracker-window',
    'quote " inside',
    'back \\ slash and \\" both',
    'line one\nline two\r\n',
    '\\u0041 is not an escape here',
    '"""triple"""',
    "single ' quote",
    'tab\tand nul \u0000 and del \u007f and esc \u001b',
    'unicode é 漢字 🎉',
  ])('round-trips %j', (value) => {
    expect(readBack(formatTomlString(value))).toBe(value);
  });

  it('refuses a lone surrogate, which no TOML file can hold', () => {
    expect(() => formatTomlString('bad \ud800 half')).toThrow(/expected text TOML can hold/);
  });
});

describe('formatTomlKey and formatTomlInlineTable', () => {
  it('leaves bare keys bare and quotes the rest', () => {
    expect(formatTomlKey('x-tracker-window')).toBe('x-tracker-window');
    expect(formatTomlKey('has.dot')).toBe('"has.dot"');
    expect(formatTomlKey('a "b"')).toBe('"a \\"b\\""');
  });

  it('writes an inline table that reads back as the same pairs', () => {
    const pairs: Array<[string, string]> = [
      ['x-tracker-window', 'W "1" \\ 2'],
      ['odd.key', 'new\nline'],
    ];
    const text = `t = ${formatTomlInlineTable(pairs)}`;
    expect(parse(text)).toEqual({ t: { 'x-tracker-window': 'W "1" \\ 2', 'odd.key': 'new\nline' } });
    expect(formatTomlInlineTable([])).toBe('{}');
  });
});
