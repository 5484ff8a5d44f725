// Finds credentials in text before an import writes it: the kernel's rules (gitleaks, detect-secrets shapes) with their allowlists for documentation examples.
import {
  BEARER_PATTERN,
  PRIVATE_KEY_RULE,
  SECRET_HEADER_PATTERN,
  SECRET_RULES,
  SECRET_SHAPES,
  type SecretRule,
} from '../../kernel/index.js';
import { isDocumentationExample } from './secret-allowlist.js';

export interface SecretHit {
  /** 1-based line number. */
  line: number;
  kind: string;
}

/** A rule, the kind it reports, and whether its value is judged here too (names with any value: headers, assignments). */
interface ScanRule {
  kind: string;
  rule: SecretRule;
  judged: boolean;
}

/** `gitleaks aws-access-token; detect-secrets ...` -> `aws-access-token`: the rule id a reader can look up. */
function nameRule(source: string): string {
  const first = (source.split(';')[0] as string).trim();
  return first.replace(/^(?:gitleaks|detect-secrets|agent-tracker:)\s+/, '').replace(/ \(.*\)$/, '');
}

const KEYWORD_SOURCE = 'detect-secrets KeywordDetector';

/**
 * The kernel's one list (kernel/secret-rules.ts, kernel/redact-secrets.ts), so what is redacted from rows is also kept
 * out of tasks: key blocks, the provider key shapes, the cloud keys and credential URLs, and the named assignments and
 * headers, whose values are judged here (the kernel redacts any value; a fixture loses a whole file for one).
 * JWTs and OAuth token fields are left to redaction: a JWT library's tests hold sample tokens.
 */
const RULES: readonly ScanRule[] = [
  { kind: 'private key block', rule: PRIVATE_KEY_RULE, judged: false },
  { kind: 'auth header', rule: { source: 'headers', pattern: SECRET_HEADER_PATTERN }, judged: true },
  { kind: 'bearer token', rule: { source: 'bearer', pattern: BEARER_PATTERN }, judged: true },
  ...SECRET_SHAPES.map((shape) => ({ kind: shape.kind, rule: { source: shape.kind, pattern: shape.pattern }, judged: false })),
  ...SECRET_RULES.map((rule) => ({
    kind: rule.source.startsWith(KEYWORD_SOURCE) ? 'secret assignment' : nameRule(rule.source),
    rule,
    judged: rule.source.startsWith(KEYWORD_SOURCE),
  })),
];

/** Each rule's pattern in its global form, compiled once (matchAll copies it, so sharing one is safe), not per file. */
const GLOBAL_PATTERNS: ReadonlyMap<ScanRule, RegExp> = new Map(
  RULES.map((one) => [
    one,
    new RegExp(one.rule.pattern.source, one.rule.pattern.flags.includes('g') ? one.rule.pattern.flags : `${one.rule.pattern.flags}g`),
  ]),
);

/**
 * A named value counts only when it looks random: at least ENTROPY_BITS bits of Shannon entropy per character over
 * 8+ characters (gitleaks' generic-api-key asks 3.5 over 10+; 3 keeps an 8-character password, whose most is 3).
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

/** Code after a name reads as random too (`z.string()`, `req.headers.authorization`, `Record<string, string>`). */
function looksLikeCode(value: string): boolean {
  return /[()[\]<>{}]/.test(value) || /^[A-Za-z_$][\w$]*\.[A-Za-z_$]/.test(value);
}

/**
 * Whether a value after a secret's name is a real secret: 8+ characters, not a reference or placeholder, random by
 * entropy. An unquoted value is also most often code or a type, so it must hold a digit and not read as code.
 */
function judgeValue(value: string, quoted: boolean): boolean {
  const bare = value.replace(/^["'`]+|["'`,;)]+$/g, '').replace(/^(?:bearer|basic|token)\s+/i, '');
  if (bare.length < 8 || /^[$<{%]/.test(bare) || /^(?:process\.env|os\.environ)/.test(bare)) return false;
  if (/(?:example|placeholder|redacted|your[_-])/i.test(bare) || measureEntropy(bare) < ENTROPY_BITS) return false;
  return quoted || (/[0-9]/.test(bare) && !looksLikeCode(bare));
}

const URL_PASSWORD_SOURCE = 'detect-secrets BasicAuthDetector';

/**
 * Every secret in a text, by the line it starts on, one a line (the first rule that finds one there). `testFile`: a
 * URL's password in a test is judged as a named value is (8+ characters, random by entropy): a URL parser's test
 * case such as boltons' `'http://wiki:pedia@hatnote.com'` is input, not a credential (issue 52, item 8: it emptied
 * a synthesis of 6,562 candidates), while a real token pasted into a test still counts.
 */
export function findSecrets(text: string, options: { testFile?: boolean } = {}): SecretHit[] {
  const byLine = new Map<number, string>();
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  const lineOf = (index: number): number => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= index) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  for (const scan of RULES) {
    const { kind, rule, judged } = scan;
    if (rule.hints && !rule.hints.some((hint) => text.includes(hint))) continue;
    for (const match of text.matchAll(GLOBAL_PATTERNS.get(scan) as RegExp)) {
      const prefix = match[1] ?? '';
      const value = match[0].slice(prefix.length);
      const end = (match.index ?? 0) + match[0].length;
      const line = lineOf((match.index ?? 0) + prefix.length);
      if (byLine.has(line) || rule.keep?.(value, prefix, text[end] ?? '')) continue;
      if (judged && !judgeValue(value, /["'`]$/.test(prefix))) continue;
      if (options.testFile === true && rule.source === URL_PASSWORD_SOURCE && !judgeValue(value, true)) continue;
      if (isDocumentationExample(value, text.slice(end, end + 260))) continue;
      byLine.set(line, kind);
    }
  }
  return [...byLine].sort(([a], [b]) => a - b).map(([line, kind]) => ({ line, kind }));
}

/** Bytes with a NUL in the first 8 KB are binary, as git itself decides. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
