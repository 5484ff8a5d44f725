// Control characters from outside reach a terminal only as visible escapes.
import { describe, expect, it } from 'vitest';
import { escapeControls } from './escape-controls.js';

describe('escapeControls', () => {
  it('makes clear-screen, set-title, a forged line and a bidi override visible, and leaves tabs and text alone', () => {
    expect(escapeControls('\x1b[2J\x1b]0;pwned\x07ok\nnote: forged\r\u202etxt.exe\tend')).toBe(
      '\\x1b[2J\\x1b]0;pwned\\x07ok\\x0anote: forged\\x0d\\u202etxt.exe\tend',
    );
    expect(escapeControls('plain 5h: 42% (résumé)')).toBe('plain 5h: 42% (résumé)');
    expect(escapeControls('\x9b31m\x7f')).toBe('\\x9b31m\\x7f');
  });
});
