// Redacts secrets from a text, then cuts it to a cap in UTF-8 bytes: redaction first, so a cut never leaves half a key.
import { redactText } from '../../kernel/index.js';

export interface CutText {
  text: string;
  truncated: boolean;
}

/** The marker ending a cut text, naming how much was dropped. */
export function describeCut(droppedBytes: number): string {
  return `\n[... ${droppedBytes} more bytes cut by agent-tracker ...]\n`;
}

/** Redacted, then at most `capBytes` bytes of it plus a marker line; never splits a UTF-8 character. */
export function redactAndCut(text: string, capBytes: number): CutText {
  return cutText(redactText(text), capBytes);
}

/** At most `capBytes` bytes of `text` (whole characters) plus a marker line when cut; no redaction. */
export function cutText(text: string, capBytes: number): CutText {
  // A JS string of n UTF-16 units is at most 3n UTF-8 bytes: a short one needs no encoding.
  if (text.length * 3 <= capBytes) return { text, truncated: false };
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length <= capBytes) return { text, truncated: false };
  let end = capBytes;
  // Back up over continuation bytes (10xxxxxx) so the cut falls between characters.
  while (end > 0 && ((bytes[end] as number) & 0xc0) === 0x80) end -= 1;
  return { text: bytes.subarray(0, end).toString('utf8') + describeCut(bytes.length - end), truncated: true };
}

/**
 * Where a text has to be cut before it can be redacted (a stream's bytes kept up to a cap, the tail of a log), a key
 * cut in two no longer has its shape, and its visible half would stay. These drop the run of key characters (letters,
 * digits and `._~+/=-`, which the shapes in kernel/secrets/, base64 and JWTs are made of) at the cut side:
 * a word of ordinary text may go with it, never a piece of a key. A loop, not a regex: `[...]+$` backtracks
 * quadratically over a long run.
 */
export function dropPartialKeyAtEnd(text: string): string {
  let end = text.length;
  while (end > 0 && isKeyChar(text.charCodeAt(end - 1))) end -= 1;
  return end === text.length ? text : text.slice(0, end);
}

/** dropPartialKeyAtEnd for a text whose start was cut (a tail). */
export function dropPartialKeyAtStart(text: string): string {
  let start = 0;
  while (start < text.length && isKeyChar(text.charCodeAt(start))) start += 1;
  return start === 0 ? text : text.slice(start);
}

function isKeyChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || // 0-9
    (code >= 65 && code <= 90) || // A-Z
    (code >= 97 && code <= 122) || // a-z
    code === 46 || // .
    code === 95 || // _
    code === 126 || // ~
    code === 43 || // +
    code === 47 || // /
    code === 61 || // =
    code === 45 // -
  );
}
