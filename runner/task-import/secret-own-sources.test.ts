// Pins what a scan of this project's own sources took for secrets (comments, a rule set's patterns) and the real-looking keys it must still find there.
import { describe, expect, it } from 'vitest';
import { findSecrets } from './scan-secrets.js';

// Fake keys are split (`${'sk-'}...`) so this file does not itself read as holding secrets to a scan of the repository.
const RANDOM = 'Xk29fLq0vR8mW3tY';

describe('findSecrets: examples in comments, documentation and patterns are no secrets', () => {
  it.each([
    // kernel/secret-rules.ts:89 at f56c730^, aab6cac^ and 5e2ca22^: the module every fixture left out.
    ["// A password in a URL's user part (postgres://user:pw@host, mysql, mongodb+srv, redis, amqp, https): the", {}],
    // kernel/has-url-credentials.ts:3, the next module left out once the first was let through.
    ['/** True when `value` parses as a URL with a user name or password (`https://me:key@host`); an unparsable text has none. */', {}],
    // runner/task-import/scan-secrets.ts:98, which 7729be2's tests import.
    [" * case such as boltons' `'http://wiki:pedia@hatnote.com'` is input, not a credential", {}],
    ['# the broker is amqp://guest:guest@rabbit:5672/ by default', {}],
    // kernel/secret-rules.ts:161: xkcd 936's passphrase, published as an example.
    ['// a name that is not a password\'s (a sentence after `secret:` is prose; `password = "correct horse battery staple"`', {}],
    // CHANGELOG.md:89, changed with the code by most of this project's commits.
    ['  a `postgres://user:password@host` URL and an OpenSSH private key block stayed verbatim in', { docsFile: true }],
    // kernel/secrets/gitleaks-rules.ts:80: a pattern's literal prefix, not a key.
    ['    source: String.raw`\\b(sk-ant-admin01-[a-zA-Z0-9_\\-]{93}AA)(?:[\\x60\'"\\s;]|\\\\[nr]|$)`,', {}],
    ["const ADMIN = new RegExp('sk-ant-admin01-\\\\w{93}AA');", {}],
    // kernel/secrets/gitleaks-rules.ts:132: gitleaks' rule that is a key's public prefix, which finds itself.
    ["    source: 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t',", {}],
  ])('allows %s', (line, context) => {
    expect(findSecrets(`const a = 1;\n${line}`, context)).toEqual([]);
  });
});

describe('findSecrets: real-looking secrets in comments, documentation and code are still found', () => {
  it.each([
    ['an AWS key id in a comment', `// deploy with ${'AKIA'}Z2QH7DHBJ3MPLQWE`, {}, 'aws-access-token'],
    ['a GitHub token in a comment', ` * token: ${'ghp_'}${RANDOM}${RANDOM}Ab12`, {}, 'GitHub token'],
    [
      'a Slack bot token in Markdown',
      `The bot posts as \`${'xoxb-'}1234567890123-1234567890123-${RANDOM}Ab12Cd34\`.`,
      { docsFile: true },
      'slack-bot-token',
    ],
    ['a private key block in a comment', `# ${'-----BEGIN'} RSA PRIVATE KEY-----`, {}, 'private key block'],
    ['a random URL password in a comment', `// prod: ${'postgres'}://admin:${RANDOM}@db.internal/app`, {}, 'BasicAuthDetector'],
    [
      'a random URL password in Markdown',
      `Use \`${'postgres'}://admin:${RANDOM}@db.internal/app\``,
      { docsFile: true },
      'BasicAuthDetector',
    ],
    ['a short URL password in code', `DATABASE_URL=${'postgres'}://app:hunter2@db/app`, {}, 'BasicAuthDetector'],
    ['a passphrase of its own', 'password = "tundra velvet ocean maple"', {}, 'secret assignment'],
    [
      'an sk- key that no pattern syntax follows',
      `admin = new Client('${'sk-'}ant-admin01-${RANDOM}')`,
      {},
      'Anthropic key or OAuth token',
    ],
    ['an sk- key that a bracket follows in prose', `keys: [${'sk-'}proj-${RANDOM}]`, {}, 'API key (sk-)'],
    [
      'a short-lived Bedrock key (the public prefix and its request)',
      `AWS_BEARER_TOKEN_BEDROCK=${'bedrock-api-key-'}YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhCZWFyZXJUb2tlbiZYLUFtei1${RANDOM}`,
      {},
      'aws-amazon-bedrock-api-key-short-lived',
    ],
  ])('finds %s', (_name, line, context, kind) => {
    const hits = findSecrets(`const a = 1;\n${line}`, context);
    expect(hits.at(-1)).toEqual({ line: line.split('\n').length + 1, kind });
  });
});
