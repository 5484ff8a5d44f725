// Attribution headers: one `Name: value` line each, and nothing that could split or forge a header.
import { describe, expect, it } from 'vitest';
import { checkHeaders, formatHeaderLines } from './check-headers.js';

describe('formatHeaderLines', () => {
  it('writes Name: value lines sorted by name and joined by a newline', () => {
    expect(formatHeaderLines({ 'x-tracker-window': 'W1', 'x-tracker-agent': 'main', 'x-tracker-feature': 'add-flag' })).toBe(
      'x-tracker-agent: main\nx-tracker-feature: add-flag\nx-tracker-window: W1',
    );
  });

  it('is empty for no headers', () => {
    expect(formatHeaderLines({})).toBe('');
  });

  it('keeps quotes, colons and backslashes in values', () => {
    expect(formatHeaderLines({ 'x-tracker-command': '/say "a: b" \\ c' })).toBe('x-tracker-command: /say "a: b" \\ c');
  });
});

describe('checkHeaders', () => {
  it.each([
    ['LF', 'W1\nx-evil: 1'],
    ['CR', 'W1\rx'],
    ['CRLF', 'W1\r\n'],
    ['NUL', 'W1\u0000'],
  ])('refuses a value with %s', (_label, value) => {
    expect(() => checkHeaders({ 'x-tracker-window': value })).toThrow(/expected a one-line value for header x-tracker-window/);
  });

  it.each(['', 'has space', 'colon:', 'new\nline', 'é'])('refuses the header name %j', (name) => {
    expect(() => checkHeaders({ [name]: 'v' })).toThrow(/expected a header name/);
  });

  it('returns the pairs in name order', () => {
    expect(checkHeaders({ b: '2', a: '1' })).toEqual([
      ['a', '1'],
      ['b', '2'],
    ]);
  });
});
