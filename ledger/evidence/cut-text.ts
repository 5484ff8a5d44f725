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
