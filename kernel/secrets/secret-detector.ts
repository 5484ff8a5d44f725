// What every secret rule is to the finder (find-secrets.ts): a kind, the keywords it needs, and where in a text its secrets are.

/** One secret found: the range to hide, and the kind of rule that found it (a gitleaks rule id or this project's name). */
export interface SecretSpan {
  start: number;
  end: number;
  kind: string;
  /**
   * The value was found by the name before it (`password = ...`, `Authorization: ...`), not by its own shape: the
   * task import judges such a value itself (runner/task-import/scan-secrets.ts). `quoted`: it stood in quotes.
   */
  named?: 'quoted' | 'bare';
}

export interface SecretDetector {
  kind: string;
  /** Lower-case texts one of which a text must hold for this rule to be tried (case aside); empty: always tried. */
  keywords: readonly string[];
  /** The files this rule is for, when it is for some only (gitleaks' `path`); text that is no file gets every rule. */
  path?: RegExp;
  /** Adds each secret of `text` to `found`. */
  find(text: string, found: SecretSpan[]): void;
}

/** Shannon entropy in bits a character, as gitleaks computes it (detect/utils.go shannonEntropy). */
export function measureEntropy(value: string): number {
  if (value.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / value.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}

/** The line of `text` around [start, end), without its line breaks. */
export function readLineAround(text: string, start: number, end: number): string {
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  return text.slice(from, newline === -1 ? text.length : newline);
}
