// Pins the secret shapes and credential files a review found the import let through, and the code it must still let through.
import { describe, expect, it } from 'vitest';
import { explainNeverCopied } from './classify-path.js';
import { findSecrets } from './scan-secrets.js';

// Fake keys are split (`${'sk-'}...`) so this file does not itself read as holding secrets to a scan of the repository.
const HEX32 = '0123456789abcdef0123456789abcdef';
const RANDOM = 'Xk29fLq0vR8mW3tY';

describe('findSecrets: shapes the kernel redacts or a review found', () => {
  it.each([
    ['Z.ai key', `const key = '${HEX32}${'.'}AbCdEf0123456789';`, 'Z.ai key'],
    ['a short sk- key', `client = new OpenAI('${'sk-'}Xk29fLq0vR8m')`, 'API key (sk-)'],
    ['a quoted Bearer header', `headers: { Authorization: '${'Bearer'} ${RANDOM}Zp7' },`, 'bearer token'],
    ['an unquoted Bearer header', `Authorization: ${'Bearer'} ${RANDOM}`, 'auth header'],
    ['an unquoted .env API_KEY', `API_KEY=${RANDOM}`, 'auth header'],
    ['an unquoted .env auth_token', `auth_token=${RANDOM}`, 'auth header'],
    ['a YAML POSTGRES_PASSWORD', `  POSTGRES_PASSWORD: ${RANDOM}`, 'secret assignment'],
    ['a .yarnrc.yml npmAuthToken', `npmAuthToken: ${'npm_'}${RANDOM}${RANDOM}abcd`, 'auth header'],
    ['a postgres URL with a password', `DATABASE_URL=${'postgres'}://user:pw@host/db`, 'BasicAuthDetector'],
    ['any scheme with user:pass@', `broker = '${'amqp'}://guest:${RANDOM}@rabbit:5672'`, 'BasicAuthDetector'],
    ['a Google API key', `maps.load('${'AIza'}SyD${RANDOM}${RANDOM}')`, 'gcp-api-key'],
    ['a Stripe live secret key', `stripe('${'sk_live_'}${RANDOM}${RANDOM}')`, 'stripe-access-token'],
    ['a Stripe live restricted key', `stripe('${'rk_live_'}${RANDOM}${RANDOM}')`, 'stripe-access-token'],
    ['an AWS key id that is no example', `aws = "${'AKIA'}Z2QH7DHBJ3MPLQWE"`, 'aws-access-token'],
    ['a URL password for a host outside the reserved names', `${'https'}://admin:${RANDOM}@example.co/`, 'BasicAuthDetector'],
  ])('finds %s', (_name, line, kind) => {
    expect(findSecrets(`const a = 1;\n${line}`)).toEqual([{ line: 2, kind }]);
  });
});

describe('findSecrets: common code that is not a secret', () => {
  it.each([
    'password: z.string(),',
    'const token = req.headers.authorization;',
    'api_key = os.environ["X"]',
    'api_key = process.env.X',
    'token: string;',
    "auth: file === undefined ? 'api-key' : 'chatgpt-login',",
    `headers: { Authorization: \`Bearer ${'$'}{token}\` },`,
    "headers: { Authorization: 'Bearer ' + token },",
    'accessToken: accessTokenFromStorage,',
    'secret: Buffer.from(raw, "base64"),',
    `API_KEY=${'$'}{API_KEY}`,
    `url = \`postgres://${'$'}{user}:${'$'}{password}@${'$'}{host}/db\``,
    "TRACKER_LEDGER_URL='postgres://tracker_app:...@db.example.com/tracker'",
    'Basic authentication is turned off.',
  ])('allows %s', (line) => {
    expect(findSecrets(line)).toEqual([]);
  });
});

describe('findSecrets: documentation examples the rule sets allowlist', () => {
  it.each([
    // The RFC example that removed a module, its tests and its docs from all 15 tasks of one repository.
    `    >>> parse("${'https'}://user:pass@example.com/path")`,
    `DATABASE_URL=${'postgres'}://app:${RANDOM}@db.example.org:5432/app`,
    `proxy = "${'http'}://me:${RANDOM}@192.0.2.10:3128"`,
    `url = '${'mysql'}://root:${RANDOM}@198.51.100.7/db'`,
    `broker = '${'amqp'}://guest:${RANDOM}@rabbit.test:5672'`,
    `${'redis'}://:${RANDOM}@localhost:6379/0`,
    // AWS's own documentation keys (gitleaks aws-access-token allowlist: .+EXAMPLE$).
    `aws_access_key_id = ${'AKIA'}IOSFODNN7EXAMPLE`,
    `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'EXAMPLE'}KEY`,
  ])('allows %s', (line) => {
    expect(findSecrets(line)).toEqual([]);
  });
});

describe('findSecrets in a test file: a URL password is judged as a named value', () => {
  // boltons' tests/test_urlutils.py:15, the line that emptied a synthesis of 6,562 candidates.
  const fixture = `    'http://wiki:${'pedia'}@hatnote.com',`;
  it('lets a URL parser test case through in a test file, not elsewhere', () => {
    expect(findSecrets(fixture, { testFile: true })).toEqual([]);
    expect(findSecrets(fixture)).toEqual([{ line: 1, kind: 'BasicAuthDetector' }]);
  });
  it('still finds a random password in a test file', () => {
    expect(findSecrets(`url = '${'https'}://ci:${RANDOM}@registry.io/x'`, { testFile: true })).toEqual([
      { line: 1, kind: 'BasicAuthDetector' },
    ]);
  });
});

describe('explainNeverCopied: credential files a review found copied', () => {
  it.each([
    '.envrc',
    'deploy/prod.env',
    '.env-local',
    '.yarnrc.yml',
    'home/.aws/credentials',
    '.aws/credentials',
    '.git-credentials',
    '.pgpass',
    'infra/prod.tfvars',
    '.docker/config.json',
    '.ENV',
    'pkg/.Npmrc',
  ])('%s is never copied', (path) => {
    expect(explainNeverCopied(path)).toBeTypeOf('string');
  });
  it.each(['src/credentials.ts', 'config.json', 'docker/config.json', 'src/environment.ts', 'yarn.lock'])('%s may be copied', (path) => {
    expect(explainNeverCopied(path)).toBeUndefined();
  });
});
