// Text from outside (an endpoint's body, a file's line) shown on a terminal: control characters made visible, not obeyed.

/**
 * C0 controls (newline and carriage return included: a message is one line), DEL, C1 controls and the Unicode
 * line separators and bidi overrides become visible escapes (`\x1b`, `\u202e`): an endpoint that answers with
 * `ESC [2J` or a forged second line cannot clear the screen, set the title or pass for the tool's own output.
 */
const CONTROLS = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

export function escapeControls(text: string): string {
  return text.replace(CONTROLS, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
