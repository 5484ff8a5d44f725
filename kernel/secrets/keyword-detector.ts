// Values after a secret's name (`password = ...`, `"client_secret": "..."`, `API_KEY=...`), judged as detect-secrets' KeywordDetector and its filters judge them.
import { isAllowedWord, isDocumentationExample, isIdentifier, isNumber, isReference, isTemplate } from './judge-value.js';
import type { SecretDetector, SecretSpan } from './secret-detector.js';

/**
 * detect-secrets' KeywordDetector names (its DENYLIST: password, passwd, secret, api_key, private_key, db_pass...,
 * detect_secrets/plugins/keyword.py; Apache-2.0) and gitleaks' generic-api-key ones (passw(or)d, secret, token),
 * ending the name (`DB_PASSWORD`, `client_secret`, `SecretAccessKey`, `npmAuthToken`; never `tokens` or
 * `password_hint`). `api_key` as detect-secrets writes it: `'api-key' : '...'` is a ternary's branches more often
 * than a key (`x-api-key` is a header, secret-rules.ts). Not `pwd`: a shell's `PWD=/home/...` is everywhere in an
 * agent's output.
 */
const NAME =
  '(?:pass(?:word|wd|phrase)|secret(?:[_-]?(?:access[_-]?)?key)?|token|priv(?:ate)?[_-]?key|(?:account|client|service|db|database)[_-]?key|(?:auth|api)_?key|(?:db|database|key)[_-]?pass|contrase(?:ñ|n)a)(?![A-Za-z0-9])';
/**
 * detect-secrets' CLOSING (`config['password']`, `"password"`), then `=`, `:`, `:=` or `=>` (never `==`). Spaces and
 * tabs only around the sign: a label ending a line (`password:`) is no assignment of the next line's first word.
 */
const ASSIGN = String.raw`["'\]]{0,2}[ \t]*(?::=|=>|[:=])(?!=)[ \t]*`;
const NAME_ASSIGN = new RegExp(`(${NAME})${ASSIGN}`, 'gi');
const ASSIGN_AHEAD = /^[ \t]*(?::=|=>|[:=])(?!=)/;
/** A character of an unquoted value. */
const VALUE_CHAR = /[^\s"'`,;&(){}[\]<>\\]/;
const MAX_QUOTED = 200;

interface Value {
  start: number;
  end: number;
  /** Where the text goes on after the value (past its closing quote). */
  after: number;
  quoted: boolean;
}

/** The value starting at `at`: quoted to its closing quote on the same line, else a run of value characters. */
function readValue(text: string, at: number): Value | null {
  const quote = text.charAt(at);
  if (quote === '"' || quote === "'" || quote === '`') {
    const close = text.indexOf(quote, at + 1);
    if (close === -1 || close - at > MAX_QUOTED + 1 || /[\r\n]/.test(text.slice(at + 1, close))) return null;
    return { start: at + 1, end: close, after: close + 1, quoted: true };
  }
  let end = at;
  while (end < text.length && VALUE_CHAR.test(text.charAt(end))) end += 1;
  return end === at ? null : { start: at, end, after: end, quoted: false };
}

/**
 * A value that is itself a name being assigned: `secret: aws_secret_access_key = ...`, `Password: Password: ...`,
 * `secret: "aws_secret_access_key": "..."`. Its own assignment is read next.
 */
function isLabel(text: string, value: Value): boolean {
  if (!value.quoted && /[:=]$/.test(text.slice(value.start, value.end))) return true;
  return ASSIGN_AHEAD.test(text.slice(value.after, value.after + 8));
}

/**
 * detect-secrets' filters (filters/heuristic.py: templated, `$`-prefixed, indirect references, no letter) and gitleaks'
 * global allowlist, then this project's reading of code: a quoted value is one unless it is prose after a name that
 * is not a password's (`secret: "the secret is in the sauce"`; a passphrase has spaces); an unquoted one is one unless
 * it reads as code (`input()`, `user_password`, `z.string`). `NAME=value` in capitals with nothing between (a shell's
 * or a .env file's assignment) is always a value, whatever it looks like. A number is a count (`max_token: 4096`)
 * unless the name is a password's.
 */
function isSecretValue(value: string, quoted: boolean, name: string, assignment: string, next: string): boolean {
  if (value.length < 4 || isTemplate(value) || isReference(value) || isAllowedWord(value) || isDocumentationExample(value)) return false;
  const password = /pass|contrase/i.test(name);
  if (isNumber(value) && !password) return false;
  if (quoted) return !/\s/.test(value) || password;
  if (/^[A-Z_]+=$/.test(assignment)) return true;
  return next !== '(' && !isIdentifier(value);
}

/** The whole name a match ends: `npmAuth` + `Token`, `MY_API_` + `KEY`. */
function readWholeName(text: string, start: number, name: string): string {
  let from = start;
  while (from > 0 && /[\w.-]/.test(text.charAt(from - 1))) from -= 1;
  return text.slice(from, start) + name;
}

export const KEYWORD_DETECTOR: SecretDetector = {
  kind: 'secret assignment',
  keywords: ['pass', 'secret', 'token', 'key', 'contrase'],
  find(text: string, found: SecretSpan[]): void {
    NAME_ASSIGN.lastIndex = 0;
    for (let match = NAME_ASSIGN.exec(text); match; match = NAME_ASSIGN.exec(text)) {
      const at = match.index + match[0].length;
      const value = readValue(text, at);
      if (!value) continue;
      const name = match[1] as string;
      const secret = text.slice(value.start, value.end);
      if (isLabel(text, value) || !isSecretValue(secret, value.quoted, name, match[0], text.charAt(value.after))) {
        // Read on from the value: a label or code may hold an assignment of its own (`input("Password: ")`).
        NAME_ASSIGN.lastIndex = at;
        continue;
      }
      const header = /(?:api[-_]?key|auth[-_]?token)$/i.test(readWholeName(text, match.index, name));
      found.push({
        start: value.start,
        end: value.end,
        kind: header ? 'auth header' : 'secret assignment',
        named: value.quoted ? 'quoted' : 'bare',
      });
      NAME_ASSIGN.lastIndex = value.after;
    }
  },
};
