// Finds credentials in text before an import writes it: key blocks, provider key shapes and high-entropy secret assignments.
import { BEARER_PATTERN, SECRET_HEADER_PATTERN, SECRET_SHAPES } from '../../kernel/index.js';

export interface SecretHit {
  /** 1-based line number. */
  line: number;
  kind: string;
}

/** The kernel's patterns are global (they replace every match); a global RegExp carries lastIndex from one test to the next. */
function copyWithoutGlobal(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace('g', ''));
}

/** Shapes that are a secret wherever they appear. Anthropic comes before the kernel's sk- so the kind names the provider. */
const SHAPES: Array<[string, RegExp]> = [
  ['private key block', /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/],
  ['AWS access key', /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/],
  ['Anthropic key', /\bsk-ant-[A-Za-z0-9_-]{16,}/],
  ['Slack token', /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ['Google API key', /\bAIza[0-9A-Za-z_-]{35}/],
  ['Stripe key', /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}/],
  ['npm token', /\bnpm_[A-Za-z0-9]{36}/],
  // A URL naming a user and a password before its host. A password starting like a reference (${PW}, <pw>, %s) is a
  // template, and one starting with `...` or `***` is already elided (docs, logs): neither is a secret.
  ['URL with credentials', /\b[a-z][a-z0-9+.-]*:\/\/[^\s/:@'"]+:[^\s/@'"$<{%.*][^\s/@'"]*@/i],
  // The kernel's redaction shapes (sk-, Z.ai, GitHub): one list, so what is redacted from rows is also kept out of tasks.
  ...SECRET_SHAPES.map(({ kind, pattern }): [string, RegExp] => [kind, copyWithoutGlobal(pattern)]),
];

const NAMES = '(?:password|passwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credentials?)';
/**
 * `password = "..."`, `API_KEY: '...'`, `"secret": "..."`, `.env`'s `API_KEY=...`, YAML's `DB_PASSWORD: ...`: a value of
 * 8+ characters after a secret-sounding name; group 1 holds a quoted value, group 2 an unquoted one.
 * A quoted name needs its colon right after it, so a ternary (`x ? 'api-key' : 'chatgpt-login'`) is not an assignment.
 */
const ASSIGNMENT = new RegExp(
  `(?:^|[^A-Za-z0-9])(?:["'][A-Za-z0-9_.-]*${NAMES}["']:|[A-Za-z0-9_.-]*${NAMES}\\s*(?:[:=]|=>))\\s*(?:["']([^"'\\s]{8,})["']|([^"'\\s,;]{8,}))`,
  'i',
);
/** The kernel's `Authorization: ...` / `x-api-key: ...` names and `Bearer ...` credentials; their values are judged below. */
const HEADER = copyWithoutGlobal(SECRET_HEADER_PATTERN);
const BEARER = copyWithoutGlobal(BEARER_PATTERN);

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

/** Code after a name reads as random too (`z.string()`, `req.headers.authorization`, `Record<string, string>`). */
function looksLikeCode(value: string): boolean {
  return /[()[\]<>{}]/.test(value) || /^[A-Za-z_$][\w$]*\.[A-Za-z_$]/.test(value);
}

/**
 * Whether a value after a secret name is a real secret: 8+ characters, not a reference, random by entropy. An unquoted
 * value is also most often code or a type, so it must hold a digit and not read as code; generated keys almost always have one.
 */
function judgeValue(value: string, quoted: boolean): boolean {
  if (value.length < 8 || isPlaceholder(value) || measureEntropy(value) < ENTROPY_BITS) return false;
  return quoted || (/[0-9]/.test(value) && !looksLikeCode(value));
}

/** The value of a kernel header or bearer match (what follows group 1), without quotes, a scheme or trailing punctuation. */
function extractValue(match: RegExpExecArray): string {
  return match[0]
    .slice(match[1]?.length ?? 0)
    .replace(/^["'`]+|["'`,;)]+$/g, '')
    .replace(/^(?:bearer|basic|token)\s+/i, '');
}

/** The kind of secret a line holds, or undefined: definite shapes first, then secret names whose value looks random. */
function classifyLine(line: string): string | undefined {
  const shape = SHAPES.find(([, pattern]) => pattern.test(line));
  if (shape) return shape[0];
  const assignment = ASSIGNMENT.exec(line);
  if (assignment) {
    const quoted = assignment[1] !== undefined;
    if (judgeValue(assignment[1] ?? assignment[2] ?? '', quoted)) return 'secret assignment';
  }
  const header = HEADER.exec(line);
  if (header && judgeValue(extractValue(header), false)) return 'auth header';
  const bearer = BEARER.exec(line);
  if (bearer && judgeValue(extractValue(bearer), false)) return 'bearer token';
  return undefined;
}

/** Every line holding a secret, in order; one hit a line (the first kind that matches). */
export function findSecrets(text: string): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const [index, line] of text.split('\n').entries()) {
    const kind = classifyLine(line);
    if (kind !== undefined) hits.push({ line: index + 1, kind });
  }
  return hits;
}

/** Bytes with a NUL in the first 8 KB are binary, as git itself decides. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
