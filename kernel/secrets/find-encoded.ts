// Runs of base64, hex and percent-encoding that decode to printable text: where a secret may hide encoded (gitleaks detect/codec).

/** One encoded run and its decoded text. */
export interface EncodedSegment {
  start: number;
  end: number;
  decoded: string;
}

/**
 * gitleaks' candidates (detect/codec/encodings.go): base64 of 16+ characters, hex of 32+, a stretch of a line from
 * its first `%XX` to its last. A base64 run is taken from a word start, and then tried from each token boundary inside
 * it too: after a diff's `+`, a path's `/`, a flag's `-` a run read whole starts a character early and decodes to
 * noise, and gitleaks' match, which starts there, misses the key. A word start, not any character: a run tried at
 * every character costs twice as much (21 against 12 ms a MiB, measured), and base64 of text never starts with `+`
 * or `/` (its first character encodes a printable byte: `I` to `f`).
 */
const BASE64_RUN = /\b[\w+/-]{16,}={0,2}/g;
const PERCENT_RUN = /%[0-9A-Fa-f]{2}(?:[^\n]*%[0-9A-Fa-f]{2})?/g;
/** Boundaries tried inside one base64 run, at most: a diff line, a path, a flag come first. */
const MAX_BOUNDARIES = 8;

/** gitleaks' printable ASCII (detect/codec/ascii.go): tab to `~`. */
function isPrintableByte(code: number): boolean {
  return code > 8 && code < 127;
}

function isPrintable(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (!isPrintableByte(text.charCodeAt(i))) return false;
  return text.length > 0;
}

/** Each base64 character's 6 bits, standard and URL-safe alphabets alike; -1 for any other character. */
const SEXTETS = new Int8Array(128).fill(-1);
[...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'].forEach((char, value) => {
  SEXTETS[char.charCodeAt(0)] = value;
});
SEXTETS['-'.charCodeAt(0)] = 62;
SEXTETS['_'.charCodeAt(0)] = 63;

/**
 * Whether the 9 bytes the 12 characters from `at` decode to are printable, without decoding the run: random bytes
 * (ids, hashes, keys that are not text) fail there, all but one in a thousand, and most runs of a text are such.
 */
function startsPrintable(run: string, at: number): boolean {
  for (let quad = at; quad < at + 12; quad += 4) {
    let bits = 0;
    for (let i = quad; i < quad + 4; i += 1) {
      const sextet = SEXTETS[run.charCodeAt(i)] ?? -1;
      if (sextet < 0) return false;
      bits = (bits << 6) | sextet;
    }
    if (!isPrintableByte(bits >>> 16) || !isPrintableByte((bits >>> 8) & 0xff) || !isPrintableByte(bits & 0xff)) return false;
  }
  return true;
}

/** gitleaks' decodeBase64, from `at`: Node's decoder reads the standard and the URL-safe alphabet alike. */
function decodeBase64(run: string, at: number): string | null {
  if (!startsPrintable(run, at)) return null;
  const decoded = Buffer.from(at === 0 ? run : run.slice(at), 'base64').toString('latin1');
  return isPrintable(decoded) ? decoded : null;
}

/**
 * Whether a run may be base64 of text at all: gitleaks decodes only runs holding a digit or a sign (`+/-_`), else
 * words; base64 of text has both cases too. What a run lacks, its suffixes lack.
 */
function mayBeBase64(run: string): boolean {
  return /[0-9+/_-]/.test(run) && /[A-Z]/.test(run) && /[a-z]/.test(run);
}

/** gitleaks' decodeHex: an even run with a digit, every byte printable. */
function decodeHex(run: string): string | null {
  if (run.length % 2 !== 0 || !/[0-9]/.test(run)) return null;
  const decoded = Buffer.from(run, 'hex').toString('latin1');
  return decoded.length * 2 === run.length && isPrintable(decoded) ? decoded : null;
}

/** gitleaks' decodePercent: each `%XX` a printable byte; other characters as they are. */
function decodePercent(run: string): string | null {
  let printable = true;
  const decoded = run.replace(/%([0-9A-Fa-f]{2})/g, (_escape, hex: string) => {
    const code = Number.parseInt(hex, 16);
    if (!isPrintableByte(code)) printable = false;
    return String.fromCharCode(code);
  });
  return printable ? decoded : null;
}

const BOUNDARY = /[+/_-]/g;

/** The base64 run and the runs starting after each `+`, `/`, `-`, `_` in it that decode to printable text. */
function decodeRun(text: string, start: number, end: number, segments: EncodedSegment[]): void {
  const run = text.slice(start, end);
  if (/^[0-9A-Fa-f]+$/.test(run)) {
    const hex = run.length >= 32 ? decodeHex(run) : null;
    if (hex !== null) segments.push({ start, end, decoded: hex });
    return;
  }
  if (!mayBeBase64(run)) return;
  let offset = 0;
  BOUNDARY.lastIndex = 0;
  for (let tried = 0; tried < MAX_BOUNDARIES && run.length - offset >= 16; tried += 1) {
    const decoded = decodeBase64(run, offset);
    if (decoded !== null) {
      segments.push({ start: start + offset, end, decoded });
      return;
    }
    const boundary = BOUNDARY.exec(run);
    if (!boundary) return;
    offset = boundary.index + 1;
  }
}

/**
 * Every encoded run of the text that decodes to printable text: base64 and hex runs, then percent-encoded stretches.
 * Two scans, not one alternation: `[\w+/-]` with no alternative beside it is scanned faster (41 ms a MiB of docs and
 * code with the alternation, measured).
 */
export function findEncoded(text: string): EncodedSegment[] {
  const segments: EncodedSegment[] = [];
  BASE64_RUN.lastIndex = 0;
  for (let match = BASE64_RUN.exec(text); match; match = BASE64_RUN.exec(text))
    decodeRun(text, match.index, match.index + match[0].length, segments);
  if (!text.includes('%')) return segments;
  PERCENT_RUN.lastIndex = 0;
  for (let match = PERCENT_RUN.exec(text); match; match = PERCENT_RUN.exec(text)) {
    const decoded = decodePercent(match[0]);
    if (decoded !== null) segments.push({ start: match.index, end: match.index + match[0].length, decoded });
  }
  return segments;
}
