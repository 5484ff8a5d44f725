// Finds the lines of a chunk that may hold a retraction or correction, with one pass for both needles.
import type { FoundLine } from '../store/find-lines.js';
import { collectDeadIds, type FoldableRow } from '../store/fold-rows.js';

// Loose on purpose (a hand-formatted row may have spaces after colons); parsing decides what the row is.
const NEEDLES = ['retraction"', 'supersedes"'].map((needle) => Buffer.from(needle, 'latin1'));
const NEWLINE = 0x0a;

/**
 * Appends to `found`, in order, the lines of a chunk of whole lines (at file offset `base`) holding either
 * needle: what findLinesContaining finds with a memmem pass per needle, here in one pass over both.
 */
export function findChangerLines(bytes: Buffer, base: number, found: FoundLine[]): void {
  for (let match = findNeedle(bytes, 0); match !== -1; ) {
    const start = bytes.lastIndexOf(NEWLINE, match) + 1;
    const end = bytes.indexOf(NEWLINE, match);
    found.push({ text: bytes.toString('utf8', start, end), offset: base + start });
    // On from the next line: one holding both needles, or one twice, is found once.
    match = findNeedle(bytes, end + 1);
  }
}

const LENGTH = 11;
const LAST = LENGTH - 1;
const SHIFT = createShiftTable();

/**
 * Wu and Manber's shift on the last two bytes under the needles' end: a pair that ends neither needle moves them up to
 * 10 bytes. On one byte (Horspool) every `"` of a JSON line, one byte in eight or so, was a candidate: over the bench
 * ledger's files the pair search took 161-200 ms per 256 MB against 177-276 ms (the same run, docs/decisions/0020).
 */
function createShiftTable(): Uint8Array {
  const shift = new Uint8Array(1 << 16).fill(LAST);
  for (const needle of NEEDLES) {
    for (let end = 1; end < LENGTH; end += 1) {
      const pair = ((needle[end - 1] as number) << 8) | (needle[end] as number);
      shift[pair] = Math.min(shift[pair] as number, LAST - end);
    }
  }
  return shift;
}

/** The first offset at or after `from` where either needle starts, or -1. */
function findNeedle(bytes: Uint8Array, from: number): number {
  for (let at = from + LAST; at < bytes.length; ) {
    const shift = SHIFT[((bytes[at - 1] as number) << 8) | (bytes[at] as number)] as number;
    if (shift !== 0) {
      at += shift;
      continue;
    }
    for (const needle of NEEDLES) if (matchesAt(bytes, needle, at - LAST)) return at - LAST;
    at += 1;
  }
  return -1;
}

function matchesAt(bytes: Uint8Array, needle: Uint8Array, at: number): boolean {
  for (let i = 0; i < LENGTH; i += 1) if (bytes[at + i] !== needle[i]) return false;
  return true;
}

/** The ids that the found lines retract or supersede; a line that only looked like a changer names none. */
export function collectChangedIds(found: FoundLine[]): Set<string> {
  return collectDeadIds(found.flatMap(({ text }) => parseChanger(text)));
}

function parseChanger(line: string): FoldableRow[] {
  try {
    const row = JSON.parse(line) as FoldableRow;
    return typeof row === 'object' && row !== null && typeof row.id === 'string' ? [row] : [];
  } catch {
    return [];
  }
}
