// Finds credentials in text before an import writes it: key blocks, provider key shapes and high-entropy secret assignments.

export interface SecretHit {
  /** 1-based line number. */
  line: number;
  kind: string;
}

const SHAPES: Array<[string, RegExp]> = [
  ['private key block', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/],
  ['AWS access key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['Anthropic key', /\bsk-ant-[A-Za-z0-9_-]{16,}/],
  ['API key (sk-)', /\bsk-(?:proj-)?[A-Za-z0-9_-]{20,}/],
  ['GitHub token', /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
];

const NAMES = '(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)';
/**
 * `password = "..."`, `API_KEY: '...'`, `"secret": "..."`: a quoted value of 8+ characters after a secret-sounding name.
 * A quoted name needs its colon right after it, so a ternary (`x ? 'api-key' : 'chatgpt-login'`) is not an assignment.
 */
const ASSIGNMENT = new RegExp(
  `(?:^|[^A-Za-z0-9])(?:["'][A-Za-z0-9_.-]*${NAMES}["']:|[A-Za-z0-9_.-]*${NAMES}\\s*(?:[:=]|=>))\\s*["']([^"'\\s]{8,})["']`,
  'i',
);

/**
 * A generic assignment counts only when its value looks random: at least ENTROPY_BITS bits of Shannon entropy per
 * character over 8+ characters. Words and placeholders ("changeme", "xxxxxxxx") stay below it; references ("${TOKEN}", process.env.X) are skipped.
 */
export const ENTROPY_BITS = 3;

/** Shannon entropy in bits per character. */
export function measureEntropy(value: string): number {
  const counts = new Map<string, number>();
  for (const char of value) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const p = count / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

function isPlaceholder(value: string): boolean {
  return /^[$<{%]/.test(value) || /^(?:process\.env|os\.environ)/.test(value) || /(?:example|placeholder|redacted|your[_-])/i.test(value);
}

/** Every line holding a secret, in order; one hit a line (the first kind that matches). */
export function findSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  const lines = text.split('\n');
  for (const [index, line] of lines.entries()) {
    const shape = SHAPES.find(([, pattern]) => pattern.test(line));
    if (shape) {
      hits.push({ line: index + 1, kind: shape[0] });
      continue;
    }
    const value = ASSIGNMENT.exec(line)?.[1];
    if (value !== undefined && !isPlaceholder(value) && measureEntropy(value) >= ENTROPY_BITS)
      hits.push({ line: index + 1, kind: 'secret assignment' });
  }
  return hits;
}

/** Bytes with a NUL in the first 8 KB are binary, as git itself decides. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
