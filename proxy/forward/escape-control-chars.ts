// Makes request-chosen text safe to print: control characters become visible escapes.

/** C0 controls, DEL and C1 controls (ECMA-48): ESC and CSI start terminal escape sequences that could rewrite a user's screen. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;

/** The text with each control character written as \\xNN (so `\x1b[2J` cannot clear a terminal that shows a log line). */
export function escapeControlChars(text: string): string {
  return text.replace(CONTROL, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
