// Finds credentials in text before an import writes it: the kernel's rules (gitleaks, detect-secrets shapes) with their allowlists for documentation examples.
import { findSecrets as findSecretSpans, measureEntropy, type SecretSpan } from '../../kernel/index.js';
import { isCommentLine, isDocumentationExample, isMarkedExample, isPatternPrefix, isTestInput } from './secret-allowlist.js';

export { measureEntropy };

export interface SecretHit {
  /** 1-based line number. */
  line: number;
  kind: string;
}

/**
 * A named value counts only when it looks random: at least ENTROPY_BITS bits of Shannon entropy per character over
 * 8+ characters (gitleaks' generic-api-key asks 3.5 over 10+; 3 keeps an 8-character password, whose most is 3).
 */
export const ENTROPY_BITS = 3;

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

const URL_PASSWORD_KIND = 'BasicAuthDetector';

/** Where a text's values are examples rather than settings: a test's input, documentation's prose. */
export interface ScanContext {
  /** The text is a test file's. */
  testFile?: boolean;
  /** The text is documentation (Markdown, reStructuredText, plain text: `CHANGELOG.md`). */
  docsFile?: boolean;
  /** The file's path, for rules that are for some files only. */
  path?: string;
}

/** The line of `text` that `at` is on, without its line break. */
function readLineAt(text: string, at: number): string {
  const end = text.indexOf('\n', at);
  return text.slice(text.lastIndexOf('\n', at - 1) + 1, end === -1 ? text.length : end);
}

/** The text before `at` on its line, with the line above when only an opening quote or nothing precedes it there. */
function readBefore(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  const own = text.slice(start, at);
  if (start === 0 || !/^\s*[rbuf]{0,2}(?:"""|'''|["'`])?\s*$/i.test(own)) return own;
  return `${text.slice(text.lastIndexOf('\n', start - 2) + 1, start - 1)}${own}`;
}

/** The line `at` is on and the one above. */
function readAround(text: string, at: number): string {
  const start = text.lastIndexOf('\n', at - 1) + 1;
  return `${text.slice(text.lastIndexOf('\n', start - 2) + 1, start)}${readLineAt(text, at)}`;
}

/**
 * Whether the import takes a secret the kernel found for one: key material a test file assigns (a test key) and a
 * value documentation marks as fake or an example let through (secret-allowlist.ts); named values judged; a URL's password in a test, in
 * documentation or on a comment line judged as a named value is (an example of the form: `postgres://user:pw@host`);
 * documentation examples and a pattern's literal prefix let through.
 */
function isCredential(text: string, span: SecretSpan, context: ScanContext): boolean {
  const value = text.slice(span.start, span.end);
  if (span.named && !judgeValue(value, span.named === 'quoted')) return false;
  if (context.testFile === true && isTestInput(span.kind, span.named !== undefined, readBefore(text, span.start))) return false;
  if (context.docsFile === true && isMarkedExample(readAround(text, span.start))) return false;
  const example = context.testFile === true || context.docsFile === true || isCommentLine(readLineAt(text, span.start));
  if (example && span.kind === URL_PASSWORD_KIND && !judgeValue(value, true)) return false;
  if (isPatternPrefix(text.slice(span.end, span.end + 4))) return false;
  return !isDocumentationExample(value, text.slice(span.end, span.end + 260));
}

/**
 * Every secret in a text, by the line it starts on, one a line: the kernel's rules (kernel/secrets: gitleaks' rule set,
 * this project's shapes, named values; the one list everything kept is redacted with), the first rule that finds one
 * there naming it. Named values (`password = ...`, headers) are judged here, as the kernel redacts any value and a
 * fixture loses a whole file for one. JWTs are left to redaction: a JWT library's tests hold sample tokens.
 * `path`: the file's, for rules that are for some files only. A URL's password in a test (`testFile`), in documentation
 * (`docsFile`) or on a comment line is judged as a named value is (8+ characters, random by entropy): a URL parser's
 * test case such as boltons' `'http://wiki:pedia@hatnote.com'` is input, and `postgres://user:pw@host` in a comment or
 * a changelog the form explained, not a credential (one such comment left a rule module out of every fixture of this
 * project's history, and its tests with it), while a random password pasted there still counts. In code and
 * configuration any URL password counts (`DATABASE_URL=postgres://app:hunter2@db/app`).
 */
export function findSecrets(text: string, options: ScanContext = {}): SecretHit[] {
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
  // A file's rules by its path (gitleaks' `.tf`, `.php`, YAML rules); a text of no file (a spec) as a file of no name.
  for (const span of findSecretSpans(text, { path: options.path ?? '' })) {
    const line = lineOf(span.start);
    if (byLine.has(line) || span.kind === 'jwt' || !isCredential(text, span, options)) continue;
    byLine.set(line, span.kind);
  }
  return [...byLine].sort(([a], [b]) => a - b).map(([line, kind]) => ({ line, kind }));
}

/** Bytes with a NUL in the first 8 KB are binary, as git itself decides. */
export function isBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 8192).includes(0);
}
