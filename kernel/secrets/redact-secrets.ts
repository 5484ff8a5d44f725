// Removes API keys, bearer tokens, auth headers and the other secret shapes from text and rows before anything is kept (invariant 10).
import { findSecrets } from './find-secrets.js';

export interface RedactionResult {
  text: string;
  redactions: number;
}

/** The ranges merged where they overlap or touch, in order. */
function mergeRanges(ranges: ReadonlyArray<{ start: number; end: number }>): Array<[number, number]> {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: Array<[number, number]> = [];
  for (const { start, end } of sorted) {
    const last = merged[merged.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

/** Whether the quote at `index` stands unescaped (an even number of backslashes before it). */
function isBareQuote(text: string, index: number): boolean {
  let slashes = 0;
  while (index - slashes - 1 >= 0 && text.charAt(index - slashes - 1) === '\\') slashes += 1;
  return slashes % 2 === 0;
}

/**
 * Replaces each secret with `[REDACTED]`. A range never removes a bare quote (a rule whose secret holds quotes, such as
 * gitleaks' hashicorp-tf-password, is redacted on either side of them) nor half an escape, so JSON stays JSON.
 */
export function redactSecrets(text: string): RedactionResult {
  const spans = findSecrets(text);
  if (spans.length === 0) return { text, redactions: 0 };
  let redactions = 0;
  let result = '';
  let at = 0;
  for (const [start, end] of mergeRanges(spans)) {
    result += text.slice(at, start);
    let piece = start;
    for (let index = start; index <= end; index += 1) {
      if (index < end && !(text.charAt(index) === '"' && isBareQuote(text, index))) continue;
      if (/\S/.test(text.slice(piece, index))) {
        result += '[REDACTED]';
        redactions += 1;
      } else result += text.slice(piece, index);
      if (index < end) result += '"';
      piece = index + 1;
    }
    at = end;
  }
  return { text: result + text.slice(at), redactions };
}

export function redactText(text: string): string {
  return redactSecrets(text).text;
}

/** A copy of a row with every string value redacted; rows without secrets come back as they were. */
export function redactRow<R>(row: R): R {
  if (typeof row === 'string') return redactText(row) as R;
  if (Array.isArray(row)) return row.map((item: unknown) => redactRow(item)) as R;
  if (row === null || typeof row !== 'object') return row;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) copy[key] = redactRow(value);
  return copy as R;
}
