// This project's secret shapes beside gitleaks' (gitleaks-rules.ts): key blocks cut short, auth headers, the agents' own providers' keys, credential URLs, cloud keys detect-secrets knows, password hashes.
import { isDocumentationExample, isIdentifier, isReference, isTemplate } from './judge-value.js';
import { detectPattern } from './pattern-detector.js';
import type { SecretDetector } from './secret-detector.js';

/**
 * Each rule names where its shape comes from: a gitleaks rule (config/gitleaks.toml, gitleaks/gitleaks at b58d3f1)
 * it widens, a detect-secrets plugin (Yelp/detect-secrets at 5e14193, detect_secrets/plugins/), or this project.
 * The rules read text with its JSON escapes undone (unescape-json.ts): `\b` is a word start inside JSON text too.
 */

const AWS_KEY_ID = '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}';
const AWS_PREFIXES = ['a3t', 'akia', 'asia', 'abia', 'acca'];
/** A crypt(3) hash's `$` as written, in a compose file (`$$`, Traefik's basicauth labels) or a shell's double quotes (`\$`). */
const D = String.raw`(?:\$\$|\\?\$)`;
/**
 * bcrypt (`$2y$05$`, 22 characters of salt, 31 of hash: also cut short, once past its salt), Apache's `$apr1$`,
 * SHA-crypt `$5$` / `$6$`.
 */
const CRYPT_HASH = new RegExp(
  `()${D}(?:2[abxy]?${D}\\d\\d${D}[./A-Za-z0-9]{22,}|apr1${D}[./A-Za-z0-9]{1,8}${D}[./A-Za-z0-9]{22}|[56]${D}(?:rounds=\\d+${D})?[./A-Za-z0-9]{1,16}${D}[./A-Za-z0-9]{43,86})`,
  'g',
);

/**
 * A header's value that is no credential: a template, a reference, a scheme alone (`Authorization: Bearer` in prose).
 * Any other value goes, a plain word too (`x-api-key: REASONREASON`): a header named so carries a credential.
 */
function isHeaderPlaceholder(value: string): boolean {
  const bare = value.replace(/^['`]/, '').replace(/^(?:bearer|basic|token)\s+/i, '');
  return isTemplate(bare) || isReference(bare) || /^(?:bearer|basic|token)\W*$/i.test(bare);
}

/**
 * Prose after `basic` or `bearer` (`basic authentication`, `Bearer tokens`) is words: a Basic credential is base64 of
 * `user:password`, a bearer token is no plain word (it has a digit or a sign).
 */
function isSchemeProse(value: string, prefix: string): boolean {
  if (/^basic/i.test(prefix)) {
    const decoded = Buffer.from(value, 'base64').toString('latin1');
    return !/^[\x20-\x7e]+:[\x20-\x7e]*$/.test(decoded);
  }
  return isTemplate(value) || /^[A-Za-z]+$/.test(value) || isIdentifier(value);
}

/**
 * Z.ai's `<32 hex>.<16 alnum>` keys, unless inside a longer hex run. Found from the dot: a pattern that starts with a
 * class is tried at every character (20 ms a MiB), one that starts with a dot only at dots.
 */
const Z_AI_TAIL = /\.[A-Za-z0-9]{16}(?![A-Za-z0-9])/g;
const Z_AI_KEY: SecretDetector = {
  kind: 'Z.ai key',
  keywords: [],
  find(text, found) {
    Z_AI_TAIL.lastIndex = 0;
    for (let match = Z_AI_TAIL.exec(text); match; match = Z_AI_TAIL.exec(text)) {
      const start = match.index - 32;
      if (start >= 0 && /^[a-f0-9]{32}$/.test(text.slice(start, match.index)) && !/[a-f0-9]/.test(text.charAt(start - 1)))
        found.push({ start, end: match.index + match[0].length, kind: 'Z.ai key' });
    }
  },
};

export const SECRET_RULES: readonly SecretDetector[] = [
  // A PEM or OpenSSH private key block to its END line; a block cut before its END loses the base64 lines left of it
  // (gitleaks private-key asks for the END line). Escaped line breaks in JSON are undone before the rules read it.
  detectPattern({
    kind: 'private key block',
    pattern:
      /()-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?:[\s\S]{0,20000}?-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----|(?:\s*[A-Za-z0-9+/=]{8,})*)/g,
    keywords: ['-----begin'],
  }),
  // Headers that carry a credential whatever it looks like, in header or JSON form, with any scheme.
  detectPattern({
    kind: 'auth header',
    pattern: /((?:(?:proxy-)?authorization|x-api-key|x-goog-api-key)"?\s*[:=]\s*"?)(?:(?:bearer|basic|token)\s+)?[^\s",`\\]+/gi,
    keywords: ['authorization', 'x-api-key', 'x-goog-api-key'],
    keep: isHeaderPlaceholder,
    named: true,
  }),
  detectPattern({
    kind: 'bearer token',
    pattern: /\b((?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
    keywords: ['bearer', 'basic'],
    keep: isSchemeProse,
    named: true,
  }),
  // Anthropic's keys and OAuth tokens (`sk-ant-api03-`, `sk-ant-oat01-`) of any length, even glued to a word before
  // them (an endpoint that echoes a token into its text); gitleaks anthropic-api-key asks for 93 characters and `AA`.
  detectPattern({ kind: 'Anthropic key or OAuth token', pattern: /()sk-ant-[a-z]{2,5}\d{2}-[A-Za-z0-9_-]{8,}/g, keywords: ['sk-ant-'] }),
  // OpenAI's and other sk- keys at a word start (`task-...` is no key); gitleaks openai-api-key asks for `T3BlbkFJ`.
  detectPattern({ kind: 'API key (sk-)', pattern: /\b()sk-[A-Za-z0-9_-]{12,}/g, keywords: ['sk-'] }),
  Z_AI_KEY,
  // GitHub tokens cut or padded (gitleaks github-pat and github-fine-grained-pat ask for exactly 36 and 82).
  detectPattern({
    kind: 'GitHub token',
    pattern: /\b()(?:gh[opusr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
  }),
  // JWTs of any size (gitleaks jwt asks for 17 characters a part): a Codex access token is one.
  detectPattern({ kind: 'jwt', pattern: /()eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, keywords: ['eyj'] }),
  // An AWS secret access key (40 base64 characters) within 100 characters after an access key id (a credentials
  // file, a CSV, STS's JSON): gitleaks has no rule for the secret.
  detectPattern({
    kind: 'AWSKeyDetector',
    pattern: new RegExp(`(\\b${AWS_KEY_ID}\\b[\\s\\S]{0,100}?(?<![A-Za-z0-9/+=]))[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])`, 'g'),
    keywords: AWS_PREFIXES,
    keep: (value, prefix) => isDocumentationExample(value) || isDocumentationExample(prefix),
  }),
  // A password in a URL's user part (postgres://user:pw@host, mongodb+srv, redis, amqp, https): the password only,
  // to its last `@` before the host, so the user and the host stay readable.
  detectPattern({
    kind: 'BasicAuthDetector',
    pattern: /(:\/\/[^\s:/?#@"'\\<>]*:)[^\s/?#"'\\<>]+(?=@)/g,
    keywords: ['://'],
    keep: isTemplate,
  }),
  detectPattern({
    kind: 'AzureStorageKeyDetector',
    pattern: /((?:AccountKey|SharedAccessKey)=)[A-Za-z0-9+/=]{20,}/g,
    keywords: ['accountkey=', 'sharedaccesskey='],
  }),
  // An Azure SAS token's signature (`...&sig=...`), the part that grants access (learn.microsoft.com, "Create SAS tokens").
  detectPattern({ kind: 'Azure shared access signature', pattern: /([?&]sig=)[A-Za-z0-9%+/=]{20,}/g, keywords: ['sig='] }),
  // A password hash an htpasswd or shadow file keeps: crackable offline, so as secret as the password.
  detectPattern({
    kind: 'htpasswd and crypt(3) password hashes',
    pattern: CRYPT_HASH,
    keywords: ['$2', 'apr1$', 'apr1\\$', '$5$', '$6$', '$5\\$', '$6\\$'],
  }),
  // Hugging Face's tokens with a digit (`hf_` and 34 letters or digits or more): gitleaks huggingface-access-token asks
  // for exactly 34 letters, so one with a digit was kept. The digit, and no `_` after, leave its false positives alone
  // (`hf_requiredCharacteristicTypesForDisplayMetadata`, `hf_servingcell..._h_prio`).
  detectPattern({
    kind: 'Hugging Face token',
    pattern: /\b()hf_(?=[A-Za-z]*[0-9])[A-Za-z0-9]{34,}(?![A-Za-z0-9_])/g,
    keywords: ['hf_'],
  }),
];
