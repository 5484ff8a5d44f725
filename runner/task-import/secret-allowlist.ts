// The documentation examples a secret scan lets through: AWS's EXAMPLE keys, credentials for RFC 2606/6761 and RFC 5737 hosts; pure.

/**
 * Hosts reserved for documentation and tests, never reachable on the internet: RFC 2606 and RFC 6761 names
 * (example.com, .net and .org with their subdomains, the .example, .test, .invalid and .localhost top-level names,
 * localhost), and RFC 5737 address blocks (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24). A password in a URL to one
 * of them (`postgres://user:pass@example.com/db`, python-semver's docs) is an example, not a credential.
 */
const RESERVED_HOST =
  /^(?:(?:[\w-]+\.)*example\.(?:com|net|org)|(?:[\w-]+\.)*[\w-]+\.(?:example|test|invalid|localhost)|localhost|(?:192\.0\.2|198\.51\.100|203\.0\.113)\.\d{1,3})$/i;

/** The host of a URL's authority that starts right after the user part (`@host:port/...`); undefined when none follows. */
function readHostAfter(after: string): string | undefined {
  const host = /^@(\[[^\]]*\]|[^\s/:?#"'`\\<>@]+)/.exec(after)?.[1];
  return host?.replace(/\.$/, '');
}

/**
 * Whether a matched value is a documentation example: a value holding `EXAMPLE` (gitleaks' aws-access-token
 * allowlist, `.+EXAMPLE$`; AWS documents `AKIAIOSFODNN7EXAMPLE` and `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`), or
 * the password of a URL whose host is reserved for documentation (RESERVED_HOST). `after`: the text after the match.
 */
export function isDocumentationExample(value: string, after: string): boolean {
  if (value.includes('EXAMPLE')) return true;
  const host = readHostAfter(after);
  return host !== undefined && RESERVED_HOST.test(host);
}
