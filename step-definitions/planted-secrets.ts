// Secrets of every shape the redaction knows, and look-alikes it must leave alone: planted by the specs and unit tests.
import { AppError, assertSafeHost } from '../kernel/index.js';
import { PLANTED_TOKENS, type PlantedSecret } from './planted-tokens.js';

export type { PlantedSecret };

/**
 * Each value is built from parts at run time, never written whole, so no secret scanner (GitHub's push protection,
 * gitleaks on this repository) takes this file for a leak. None of them is a real credential.
 */
const join = (...parts: string[]): string => parts.join('');

const AWS_ID = join('AKIA', 'Q3EGRT6X5ZKH7VBN');
const AWS_TEMP_ID = join('ASIA', 'J7MDENGBPXRFICYZ');
const AWS_SECRET = join('wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYzq8Xk3Lm0P');
const AWS_TEMP_SECRET = join('Zx8Yw7Vu6Ts5Rq4Po3Nm', '2Lk1Jj0Ih9Gg8Ff7Ee6D');
const OPENSSH_BODY = [
  join('b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW', 'QyNTUxOQAAACDdx2uT8K3vQ'),
  join('9nY2V4YW1wbGUta2V5LWJvZHktbGluZS10d28tbm90LXJlYWwtYXQtYWxsLXBsYW50ZWQ', 'tZm9yLXRlc3RzLW9ubHk'),
];
const PKCS8_BODY = join('MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 'pLaNtEdGcPsErViCeAcCoUnTkEy');
const ANTHROPIC_KEY = join('sk-ant-api03-', 'B4se64Wr4pPeDkEy0123456789abcdefXYZ');
const DOCKER_AUTH = Buffer.from(join('octocat:', 'ghp_', 'D0ck3rAuThT0k3n0123456789abcdefABCD')).toString('base64');
const KEY_IN_BASE64 = Buffer.from(ANTHROPIC_KEY).toString('base64');
const BCRYPT = join('$2y$05$', 'Pl4nT3dSaltPl4nT3dSaltuQ', 'x1n8Vb2Cq7Wd3Ef6Gh9Jk4Lm0NpRs5T');
/** Hugging Face's user tokens: `hf_` and 34 letters or more, digits among them (gitleaks' rule asks for 34 letters). */
const HF_TOKEN = join('hf_', 'Pl4nT3dHuGg1nGfAc3T0k3nQx7Wv9Zr2Ym5');
/** On a line of its own: after a diff's `+` or a JSON `\n` the run of base64 starts one character early. */
const TOKEN_IN_BASE64 = Buffer.from(join('ghp_', 'B4se64L1neOfItsOwn0123456789abcdefXY')).toString('base64');
const AZURE_KEY = `${join('Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsu', 'Fq2UVErCz4I6tq')}${'A'.repeat(24)}==`;

export const PLANTED_SECRETS: readonly PlantedSecret[] = [
  {
    kind: 'Anthropic key',
    text: `ANTHROPIC_API_KEY=${join('sk-ant-api03-', 'Pl4nTeDkEy0123456789abcdef')}`,
    secrets: [join('Pl4nTeDkEy', '0123456789abcdef')],
  },
  {
    kind: 'OpenAI key',
    text: `export OPENAI_KEY=${join('sk-proj-', 'Zq8Xw7Vu6Ts5Rr4Q3p2o1n')}`,
    secrets: [join('Zq8Xw7Vu6Ts5', 'Rr4Q3p2o1n')],
  },
  {
    kind: 'GitHub token',
    text: `git clone https://${join('ghp_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8')}@github.com/x/y`,
    secrets: [join('A1b2C3d4E5f6G7h8', 'I9j0K1l2M3n4O5p6Q7r8')],
  },
  {
    kind: 'GLM (Z.ai) key',
    text: `ZAI_API_KEY ${join('0123456789abcdef', '0123456789abcdef', '.', 'AbCdEfGhIjKlMnOp')}`,
    secrets: [join('0123456789abcdef', '0123456789abcdef')],
  },
  {
    kind: 'JWT',
    text: `session ${join('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiJwbGFudGVkIn0', '.', 'c2lnbmF0dXJlLXBsYW50ZWQ')}`,
    secrets: [join('eyJzdWIiOiJw', 'bGFudGVkIn0'), join('c2lnbmF0dXJl', 'LXBsYW50ZWQ')],
  },
  {
    kind: 'AWS credentials file',
    text: `[default]\naws_access_key_id = ${AWS_ID}\naws_secret_access_key = ${AWS_SECRET}`,
    secrets: [AWS_ID, AWS_SECRET],
  },
  {
    kind: 'AWS key pair in a CSV',
    text: `Access key ID,Secret access key\n${AWS_TEMP_ID},${AWS_TEMP_SECRET}`,
    secrets: [AWS_TEMP_ID, AWS_TEMP_SECRET],
  },
  {
    kind: 'postgres URL',
    text: `DATABASE_URL=postgres://app:${join('S3cr3t-P4ss', 'w0rd')}@db.internal:5432/app`,
    secrets: [join('S3cr3t-P4ss', 'w0rd')],
  },
  { kind: 'mysql URL', text: `mysql://root:${join('my5ql', 'Pw!x9')}@127.0.0.1:3306/shop`, secrets: [join('my5ql', 'Pw!x9')] },
  { kind: 'mongodb URL', text: `mongodb+srv://svc:${join('M0ngo', 'P@ss77')}@cluster0.example.net/db`, secrets: [join('M0ngo', 'P@ss77')] },
  { kind: 'redis URL', text: `redis://:${join('R3dis', 'Secret42')}@cache:6379/0`, secrets: [join('R3dis', 'Secret42')] },
  { kind: 'amqp URL', text: `amqp://guest:${join('Rabb1t', 'Pw88')}@mq:5672/`, secrets: [join('Rabb1t', 'Pw88')] },
  {
    kind: 'HTTP basic auth URL',
    text: `curl https://deploy:${join('Http8asic', 'Pw')}@example.com/repo.git`,
    secrets: [join('Http8asic', 'Pw')],
  },
  {
    kind: 'OpenSSH private key',
    text: `-----BEGIN OPENSSH PRIVATE KEY-----\n${OPENSSH_BODY.join('\n')}\n-----END OPENSSH PRIVATE KEY-----`,
    secrets: OPENSSH_BODY,
  },
  {
    kind: 'GCP service account (JSON, its key block with \\n escapes)',
    text: JSON.stringify({
      type: 'service_account',
      private_key_id: '1234567890abcdef',
      private_key: `-----BEGIN PRIVATE KEY-----\n${PKCS8_BODY}\n-----END PRIVATE KEY-----\n`,
      client_email: 'svc@project.iam.gserviceaccount.com',
    }),
    secrets: [PKCS8_BODY],
  },
  {
    kind: 'GCP API key',
    text: `key=${join('AIza', 'SyPl4nTeD0123456789abcdefghijklmnop')}`,
    secrets: [join('SyPl4nTeD', '0123456789abcdefghijklmn')],
  },
  {
    kind: 'Azure storage connection string',
    text: `DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=${AZURE_KEY};EndpointSuffix=core.windows.net`,
    secrets: [AZURE_KEY.slice(0, 40)],
  },
  { kind: 'password assignment (.env)', text: 'DB_PASSWORD=changeme', secrets: ['changeme'] },
  { kind: 'passwd in YAML', text: `passwd: ${join('Tr0ub4dor', '-3x')}`, secrets: [join('Tr0ub4dor', '-3x')] },
  { kind: 'secret assignment', text: `secret=${join('9f8e7d', '6c5b4a')}`, secrets: [join('9f8e7d', '6c5b4a')] },
  { kind: 'token assignment', text: `token=${join('tok-8c1d', '2e3f4a5b')}`, secrets: [join('tok-8c1d', '2e3f4a5b')] },
  { kind: 'quoted password in code', text: `password = "${join('hunter', '2!xyz')}"`, secrets: [join('hunter', '2!xyz')] },
  {
    kind: 'Slack bot token',
    text: `SLACK_BOT=${join('xoxb-', '123456789012-1234567890123-', 'AbCdEfGhIjKlMnOpQrStUvWx')}`,
    secrets: [join('AbCdEfGhIjKl', 'MnOpQrStUvWx')],
  },
  {
    kind: 'Slack webhook',
    text: `https://${join('hooks.slack.com', '/services/')}${join('T0PLANTED', '/B0PLANTED/', 'AbCdEfGhIjKlMnOpQrStUvWx')}`,
    secrets: [join('T0PLANTED', '/B0PLANTED/', 'AbCdEf')],
  },
  {
    kind: 'Stripe key',
    text: `stripe.api_base; ${join('sk_', 'live_', '4eC39HqLyjWDarjtT1zdp7dc')}`,
    secrets: [join('4eC39HqLy', 'jWDarjtT1zdp7dc')],
  },
  {
    kind: 'npm token',
    // Not the alphabet in order: gitleaks' global stop word `abcdefghijklmnopqrstuvwxyz` takes that for a placeholder.
    text: `//registry.npmjs.org/ ${join('npm_', 'Qw7Er2Ty9Ui4Op1As6Df3Gh8Jk5Lz0Xc7Vb2')}`,
    secrets: [join('Qw7Er2Ty9Ui4Op1As6D', 'f3Gh8Jk5Lz0Xc7Vb2')],
  },
  {
    kind: 'npm _authToken',
    text: `//registry.npmjs.org/:_authToken=${join('0a1b2c3d-', '4e5f-6789-abcd-ef0123456789')}`,
    secrets: [join('4e5f-6789', '-abcd-ef0123456789')],
  },
  // Shapes that were kept.
  {
    kind: 'AWS secret behind a label',
    text: `secret: aws_secret_access_key = ${join('Lb9Kq2Wm4Xn6Zp8Rt0Yv', 'Bd3Fg5Hj7Kl9Mn1Pq3Rs')}`,
    secrets: [join('Lb9Kq2Wm4Xn6Zp8Rt0Yv', 'Bd3Fg5Hj7Kl9Mn1Pq3Rs')],
  },
  { kind: 'password behind a label', text: `password: db_password = ${join('Gr4vel', '-Pit9')}`, secrets: [join('Gr4vel', '-Pit9')] },
  { kind: 'Anthropic key in base64', text: `echo ${KEY_IN_BASE64} | base64 -d > key`, secrets: [KEY_IN_BASE64.slice(8, 60)] },
  {
    kind: "Docker config.json's auth (user:token in base64)",
    text: JSON.stringify({ auths: { 'ghcr.io': { auth: DOCKER_AUTH } } }),
    secrets: [DOCKER_AUTH.slice(8)],
  },
  {
    kind: 'Twilio API key',
    text: `twilio api key sid ${join('SK', '0123456789abcdef', 'fedcba9876543210')}`,
    secrets: [join('0123456789abcdef', 'fedcba98')],
  },
  {
    kind: 'quoted passphrase with spaces',
    text: `password = "${join('correct horse ', 'battery st4ple')}"`,
    secrets: [join('horse ', 'battery st4ple')],
  },
  { kind: 'htpasswd bcrypt hash', text: `admin:${BCRYPT}`, secrets: [BCRYPT.slice(7)] },
  // The same hash as a compose file writes it (each `$` doubled, Traefik's basicauth label), as a shell's double
  // quotes need it, and cut short (a bounded log): each was kept whole.
  {
    kind: 'htpasswd bcrypt hash in a compose label',
    text: `traefik.http.middlewares.auth.basicauth.users=admin:${BCRYPT.replaceAll('$', () => '$$')}`,
    secrets: [BCRYPT.slice(7, 40)],
  },
  {
    kind: 'htpasswd bcrypt hash in shell double quotes',
    text: `echo "admin:${BCRYPT.replaceAll('$', () => '\\$')}" > .htpasswd`,
    secrets: [BCRYPT.slice(7, 40)],
  },
  { kind: 'htpasswd bcrypt hash cut short', text: `admin:${BCRYPT.slice(0, 40)}`, secrets: [BCRYPT.slice(7, 40)] },
  { kind: 'Hugging Face token', text: `huggingface-cli login --token ${HF_TOKEN}`, secrets: [HF_TOKEN.slice(3)] },
  // A key in base64 on a line of its own, and labels before a password that hid it.
  { kind: 'GitHub token in base64, a line of its own', text: TOKEN_IN_BASE64, secrets: [TOKEN_IN_BASE64.slice(4, 48)] },
  {
    kind: 'AWS secret behind a quoted label',
    text: `secret: "aws_secret_access_key": "${join('Qm7Xv2Lp9Rt4', 'Wz8Ks3Nd6Fh1Jb5Gc0Ty7Ue')}"`,
    secrets: [join('Qm7Xv2Lp9Rt4', 'Wz8Ks3Nd6Fh1Jb5Gc0Ty7Ue')],
  },
  {
    kind: 'password behind a label ending in a colon',
    text: `Password: Password: ${join('Sl4te', '-Qu4rry')}`,
    secrets: [join('Sl4te', '-Qu4rry')],
  },
  {
    kind: 'client secret behind a token label',
    text: `token: client_secret: ${join('cS7-', 'Xe2Ra9Pq')}`,
    secrets: [join('cS7-', 'Xe2Ra9Pq')],
  },
  ...PLANTED_TOKENS,
];

/** The line the proxy and the model server print when --auth-token is blank: the tool's own words, kept as written. */
function readAuthTokenError(): string {
  try {
    assertSafeHost('0.0.0.0', ' ');
  } catch (error) {
    if (error instanceof AppError) return error.toLine();
  }
  throw new Error('assertSafeHost accepted a blank --auth-token');
}

/** Text that looks near a secret but is not one: hashes, ids, code. Each line must come back as it was. */
export const HARMLESS_LINES: readonly string[] = [
  'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  // Identifiers after `hf_` (gitleaks' false positives of its Hugging Face rule).
  '- (id)hf_requiredCharacteristicTypesForDisplayMetadata;',
  '  M_UINT       (ServingCellPriorityParametersDescription_t,  H_PRIO,  2, &hf_servingcellpriorityparametersdescription_h_prio),',
  'commit 9fceb02d0ae598e95dc970b74767f19372d61af8',
  'request id 123e4567-e89b-12d3-a456-426614174000',
  'password = input("Password: ")',
  'token = get_token(session)',
  '  password: string;',
  'const secret = process.env.SECRET;',
  'login(username=username, password=password)',
  '{"max_tokens": 4096, "input_tokens": 1200, "stop_reason": "end_turn"}',
  'PWD=/home/agent/work',
  'see https://example.com:8443/path?page=2 and git@github.com:org/repo.git',
  'postgres://localhost:5432/app',
  'if password == "":',
  'password_hint: "your pet"',
  "SyntaxError: Unexpected token ':'",
  'TOKEN_LIMIT=4096',
  // A label ending a line is no assignment of the next line's first word.
  'password:\nnode-20 is required first',
  'secret: "the secret is in the sauce"',
  'const encodedChunkForTheBarChartRenderer = build();',
  // Prose after a scheme, references, AWS's documented example keys, counts named like tokens, the tool's own errors.
  'Basic authentication is turned off; a bearer token goes in the header instead.',
  'It needs basic understanding of Bearer semantics and Basic credentials.',
  'apiKey: process.env.ANTHROPIC_API_KEY,',
  'auth_token = os.environ["AUTH_TOKEN"]',
  `aws_access_key_id = ${'AKIA'}IOSFODNN7EXAMPLE`,
  `aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCY${'EXAMPLE'}KEY`,
  'max_token: 4096',
  '"max_token": 4096, "max_tokens": 8192',
  readAuthTokenError(),
  'listening on 0.0.0.0 (not loopback) needs --auth-token (or TRACKER_PROXY_AUTH_TOKEN), which clients then send as x-tracker-auth',
  '`Authorization: Bearer <OAuth token>` and `Authorization: Bearer` are sent',
  '{"OPENAI_API_KEY": null, "tokens": {"id_token": JWT}}',
  'export ZAI_API_KEY=...',
  'index 83db48f..bf269f4 100644',
  '"integrity": "sha512-WFN3FuwpMfVEiC4ZFGtHFuzLL2w5hYcnI3DTc5dWUbnvy0mhBTdLSo/6d1xSJgbPkM9PdzH5NvR1Ds5a6Ms9CQ=="',
  'trace 4bf92f3577b34da6a3ce929d0e0e4736 span 00f067aa0ba902b7',
];
