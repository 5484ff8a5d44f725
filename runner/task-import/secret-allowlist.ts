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
