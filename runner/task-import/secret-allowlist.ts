// The findings a secret scan lets through: documentation examples (AWS's EXAMPLE keys, reserved hosts, published values), a pattern's literal prefix; pure.

/**
 * Hosts reserved for documentation and tests, never reachable on the internet: RFC 2606 and RFC 6761 names
 * (example.com, .net and .org with their subdomains, the .example, .test, .invalid and .localhost top-level names,
 * localhost), and RFC 5737 address blocks (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24). A password in a URL to one
 * of them (`postgres://user:pass@example.com/db`, python-semver's docs) is an example, not a credential.
 */
const RESERVED_HOST =
  /^(?:(?:[\w-]+\.)*example\.(?:com|net|org)|(?:[\w-]+\.)*[\w-]+\.(?:example|test|invalid|localhost)|localhost|(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3})$/i;

/**
 * Values published as examples, so no one's secret: gitleaks keeps such values as stop words (its global
 * allowlist's `014df517-39d1-4453-b7b3-9930c563627c`). xkcd 936's passphrase is the one every text on passphrases
 * quotes (`password = "correct horse battery staple"`).
 */
const PUBLISHED_EXAMPLES = [/correct[\s_-]?horse[\s_-]?battery[\s_-]?staple/i];

/**
 * Public texts a key starts with, which a rule finds alone: a short-lived Amazon Bedrock key is `bedrock-api-key-`, the
 * base64 of `bedrock.amazonaws.com`, then its presigned request (gitleaks' aws-amazon-bedrock-api-key-short-lived is
 * that text, so a port of gitleaks' rules finds itself). The text with no base64 after it is named, not a key.
 */
const PUBLIC_PREFIXES: readonly string[] = ['bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t'];

/**
 * Regular-expression syntax: a class, a group's `(?`, a counted repeat, an escape class. gitleaks' rules end a key at
 * a quote, a space, `;`, an escaped line break or the end (`(?:[\x60'"\s;]|\\[nr]|$)`), so a match running into
 * `[a-zA-Z0-9_\-]{93}` or `\\w{93}` (in a string) is the literal prefix of a pattern (a rule set's source), not a key.
 */
const PATTERN_SYNTAX = /^(?:\[|\(\?|\{\d|\\{1,2}[dDwWsSbB])/;

/** A comment line in the common languages: `//`, `/*`, a block comment's ` * ` body, `#`. */
const COMMENT_LINE = /^\s*(?:\/\/|\/\*|\*(?:\s|$)|#)/;

/** The host of a URL's authority that starts right after the user part (`@host:port/...`); undefined when none follows. */
function readHostAfter(after: string): string | undefined {
  const host = /^@(\[[^\]]*\]|[^\s/:?#"'`\\<>@]+)/.exec(after)?.[1];
  return host?.replace(/\.$/, '');
}

/**
 * Whether a matched value is a documentation example: a value holding `EXAMPLE` (gitleaks' aws-access-token
 * allowlist, `.+EXAMPLE$`; AWS documents `AKIAIOSFODNN7EXAMPLE` and `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`), a
 * published example (PUBLISHED_EXAMPLES), a public prefix alone (PUBLIC_PREFIXES), or the password of a URL whose host is reserved for documentation
 * (RESERVED_HOST). `after`: the text after the match.
 */
export function isDocumentationExample(value: string, after: string): boolean {
  if (value.includes('EXAMPLE') || PUBLISHED_EXAMPLES.some((example) => example.test(value))) return true;
  if (PUBLIC_PREFIXES.includes(value) && !/^[A-Za-z0-9+/=]/.test(after)) return true;
  const host = readHostAfter(after);
  return host !== undefined && RESERVED_HOST.test(host);
}

/** Whether the text right after a match is regular-expression syntax: the match is a pattern's literal prefix. */
export function isPatternPrefix(after: string): boolean {
  return PATTERN_SYNTAX.test(after);
}

/** Whether a line is a comment (COMMENT_LINE): a URL with a password there is an example of the form, as in a test. */
export function isCommentLine(line: string): boolean {
  return COMMENT_LINE.test(line);
}

/**
 * Kinds of key material that belong to no service: a PEM or OpenSSH private key, a random value after a secret's name.
 * A signing library's tests hold such keys as their input (26 candidates of one were refused); a service's
 * own token shape (`sk-ant-`, `AKIA`, `ghp_`) is a credential wherever it sits, as a real one pasted into a test is.
 */
const KEY_MATERIAL = new Set(['private key block', 'private-key', 'secret assignment', 'generic-api-key', 'bearer token', 'auth header']);

/** An assignment, a key or an argument right before a literal: `KEY = """`, `key: '`, `load_pem(b"`, `const k = \``. */
const ASSIGNED_BEFORE = /(?:[\w$\]'"]\s*(?:=|:|=>)|\(|,)\s*[\w.]*\(?\s*[rbuf]{0,2}(?:"""|'''|["'`])?\s*$/i;

/**
 * Whether a finding in a test file is the test's own input: key material (KEY_MATERIAL, or any value found by its
 * name) written as a literal assigned to a name, a key or an argument (`before`: the text before it on its line, and the
 * line above when it opens the literal there, as a PEM block's first line does).
 */
export function isTestInput(kind: string, named: boolean, before: string): boolean {
  if (!named && !KEY_MATERIAL.has(kind)) return false;
  return named || ASSIGNED_BEFORE.test(before);
}

/** Words by which documentation marks a value as no one's: "a fake token", "example key", "dummy", "not a real key". */
const MARKED_EXAMPLE = /\b(?:fake|dummy|example|sample|placeholder|made[- ]up|not a real)\b/i;

/** Whether documentation marks a finding as an example, on its own line or the one above (`around`: those lines). */
export function isMarkedExample(around: string): boolean {
  return MARKED_EXAMPLE.test(around);
}
