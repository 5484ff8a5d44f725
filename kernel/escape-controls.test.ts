// Control characters from outside reach a terminal only as visible escapes, and HTML from the ledger reaches markdown only as text.
import { describe, expect, it } from 'vitest';
import { escapeControls, escapeLines, escapeMarkup, escapeStrings } from './escape-controls.js';

describe('escapeControls', () => {
  it('makes clear-screen, set-title, a forged line and a bidi override visible, and leaves tabs and text alone', () => {
    expect(escapeControls('\x1b[2J\x1b]0;pwned\x07ok\nnote: forged\r\u202etxt.exe\tend')).toBe(
      '\\x1b[2J\\x1b]0;pwned\\x07ok\\x0anote: forged\\x0d\\u202etxt.exe\tend',
    );
    expect(escapeControls('plain 5h: 42% (résumé)')).toBe('plain 5h: 42% (résumé)');
    expect(escapeControls('\x9b31m\x7f')).toBe('\\x9b31m\\x7f');
  });

  it('neutralises every bidi embedding, override and isolate (U+202A-U+202E, U+2066-U+2069) and every C1 control', () => {
    const bidi = [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069].map((code) => String.fromCharCode(code));
    for (const char of bidi) expect(escapeControls(`a${char}b`)).toMatch(/^a\\u20[26][0-9a-f]b$/);
    for (let code = 0x80; code <= 0x9f; code += 1) expect(escapeControls(String.fromCharCode(code))).toBe(`\\x${code.toString(16)}`);
    // Escaping twice gives the same text: a renderer's output may pass the guard of print-output.ts again.
    expect(escapeControls(escapeControls('\x1b]0;t\x07'))).toBe(escapeControls('\x1b]0;t\x07'));
  });
});

describe('escapeLines', () => {
  it("keeps a command's own line breaks and escapes everything else", () => {
    expect(escapeLines('one\x1b[2J\ntwo\r\n\u202ethree\n')).toBe('one\\x1b[2J\ntwo\\x0d\n\\u202ethree\n');
  });
});

describe('escapeMarkup', () => {
  it("turns a row's HTML into text", () => {
    expect(escapeMarkup('<img src=x onerror=alert(1)> & <!-- c --> </p> &lt; &#60; &#x3C;')).toBe(
      '&lt;img src=x onerror=alert(1)> & &lt;!-- c --> &lt;/p> &amp;lt; &amp;#60; &amp;#x3C;',
    );
    expect(escapeMarkup('plain')).toBe('plain');
  });

  it('leaves what no renderer reads as HTML as it is: a failover portfolio, comparisons, a lone ampersand, line breaks', () => {
    expect(escapeMarkup('sim-claude-tiny>sim-glm')).toBe('sim-claude-tiny>sim-glm');
    expect(escapeMarkup('p < 0.001, n >= 3, x<2, R&D & co\nNext: ...')).toBe('p < 0.001, n >= 3, x<2, R&D & co\nNext: ...');
  });
});

describe('escapeStrings', () => {
  it('escapes every string and key of plain rows, copying only what changed', () => {
    const clean = { id: 'a', n: 1, tags: ['x'] };
    const hostile = { reason: 'stop\r\nERROR forged', nested: { 'k\x1b': ['\u202e'] } };
    const rows: object[] = [clean, hostile];
    const escaped = escapeStrings(rows);
    expect(escaped).toEqual([clean, { reason: 'stop\\x0d\\x0aERROR forged', nested: { 'k\\x1b': ['\\u202e'] } }]);
    expect(escaped[0]).toBe(clean);
    expect(hostile.reason).toBe('stop\r\nERROR forged');
    expect(escapeStrings(clean)).toBe(clean);
    const date = new Date(0);
    expect(escapeStrings({ at: date }).at).toBe(date);
    expect(escapeStrings({ note: '<b>' }, escapeMarkup)).toEqual({ note: '&lt;b>' });
  });
});
