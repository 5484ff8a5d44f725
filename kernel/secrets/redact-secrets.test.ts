import { describe, expect, it } from 'vitest';
import { redactRow, redactSecrets, redactText } from './redact-secrets.js';

describe('redactText', () => {
  it.each([
    ['Authorization: Bearer sk-ant-api03-abcdefghijklmnop', 'Authorization: [REDACTED]'],
    ['authorization: Basic dXNlcjpwYXNzd29yZA==', 'authorization: [REDACTED]'],
    ['x-api-key: abcdefghijklmnopqrstuvwxyz0123456789SECRET', 'x-api-key: [REDACTED]'],
    ['{"x-api-key":"abcdef0123456789"}', '{"x-api-key":"[REDACTED]"}'],
    ['key sk-ant-api03-SECRETSECRETSECRET in text', 'key [REDACTED] in text'],
    ['zai 0123456789abcdef0123456789abcdef.AbCdEfGhIjKlMnOp', 'zai [REDACTED]'],
    ['curl -H "Authorization: Bearer abcdefgh12345678"', 'curl -H "Authorization: [REDACTED]"'],
    ['token ghp_abcdefghijklmnopqrstuvwxyz0123 here', 'token [REDACTED] here'],
    // Keys in JSON text just after an escape (a tool call's input keeps its JSON): no word boundary before them.
    ['{"cmd":"echo\\nsk-proj-Zq8Xw7Vu6Ts5Rr4Q"}', '{"cmd":"echo\\n[REDACTED]"}'],
    ['{"cmd":"a\\tghp_abcdefghijklmnopqrstuvwxyz0123"}', '{"cmd":"a\\t[REDACTED]"}'],
    ['{"cmd":"a\\f0123456789abcdef0123456789abcdef.AbCdEfGhIjKlMnOp"}', '{"cmd":"a\\f[REDACTED]"}'],
  ])('redacts %s', (input, expected) => {
    expect(redactText(input)).toBe(expected);
  });

  it("redacts Codex's auth.json tokens (JWTs and a refresh token of no known shape) and a JWT anywhere", () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyLTEyMyJ9.c2lnbmF0dXJlLWJ5dGVz';
    const auth = JSON.stringify({
      tokens: { id_token: jwt, access_token: jwt, refresh_token: 'rt_Q7w8E9r0T1y2U3i4O5p6', account_id: 'acc-1' },
    });
    const redacted = redactText(auth);
    expect(redacted).not.toContain('eyJzdWIi');
    expect(redacted).not.toContain('rt_Q7w8');
    expect(redacted).toContain('"account_id":"acc-1"');
    expect(JSON.parse(redacted).tokens.refresh_token).toBe('[REDACTED]');
    expect(redactText(`token ${jwt} in a log`)).toBe('token [REDACTED] in a log');
    expect(redactText('{"accessToken":"opaque-value-1234"}')).toBe('{"accessToken":"[REDACTED]"}');
  });

  it('still leaves a task name and a longer hex run alone', () => {
    expect(redactText('task-abcdefghijklmnop')).toBe('task-abcdefghijklmnop');
    const hex = `f${'0123456789abcdef'.repeat(2)}.AbCdEfGhIjKlMnOp`;
    expect(redactText(hex)).toBe(hex);
  });

  it('keeps the quotes around a secret that a rule takes with its quotes, so JSON stays JSON', () => {
    // gitleaks' hashicorp-tf-password takes `"thisIsDog11"` whole, quotes and all.
    expect(redactText('administrator_login_password = "thisIsDog11"')).toBe('administrator_login_password = "[REDACTED]"');
    const json = redactText(JSON.stringify({ tf: 'administrator_login_password = "thisIsDog11"' }));
    expect(JSON.parse(json)).toEqual({ tf: 'administrator_login_password = [REDACTED]' });
  });

  it('counts a secret two rules find as one redaction', () => {
    expect(redactSecrets('export GITHUB_TOKEN=ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8')).toEqual({
      text: 'export GITHUB_TOKEN=[REDACTED]',
      redactions: 1,
    });
  });

  it('redacts a key split into string literals joined by +, each half, keeping the quotes and the +', () => {
    const body = 'AAAAbbbbCCCCddddEEEEffffGGGGhhhh';
    expect(redactText(`const k = "sk-ant-api03-" + "${body}";`)).toBe('const k = "[REDACTED]" + "[REDACTED]";');
    expect(redactText(`key = 'sk-ant-' +\n  'api03-${body.slice(0, 16)}' + \`${body.slice(16)}\``)).toBe(
      "key = '[REDACTED]' +\n  '[REDACTED]' + `[REDACTED]`",
    );
    // In a transcript's JSON, and with text around the key inside the first literal.
    const json = redactText(JSON.stringify({ input: `echo "export K=sk-ant-api03-" + "${body}"` }));
    expect(json).not.toContain(body);
    expect(JSON.parse(json).input).toBe('echo "export K=[REDACTED]" + "[REDACTED]"');
    for (const line of ['"Hello, " + name + "!"', `"task-" + "abcdefghijklmnop"`, "'a' + 'b'"]) expect(redactText(line)).toBe(line);
  });

  it('leaves a 16-hex test vector after a variable alone, and still redacts one given to a secret name', () => {
    for (const line of ['expect(siphash(key, "0123456789abcdef")).toBe(true)', "test.each([[key, '0123456789abcdef']])"])
      expect(redactText(line)).toBe(line);
    expect(redactText('key: 0123456789abcdef')).toBe('key: [REDACTED]');
    expect(redactText('System.setProperty("API_TOKEN", "0123456789abcdef")')).toBe('System.setProperty("API_TOKEN", "[REDACTED]")');
    expect(redactText('hmac(key, "0123456789abcdef0123456789abcdef")')).toBe('hmac(key, "[REDACTED]")');
  });

  it('leaves ordinary screens alone', () => {
    const screen = '│  5h limit:     [████░░░░] 20% used (resets 14:32) │\nCurrent session 23% used';
    expect(redactText(screen)).toBe(screen);
  });
});

describe('redactRow', () => {
  it('redacts nested string values and keeps JSON valid', () => {
    const row = {
      id: 'a',
      notes: 'Authorization: Bearer abcdefgh12345678',
      bars: { five_hour: { resets_text: 'sk-ant-api03-SECRETSECRETSECRET' } },
      tags: ['x-api-key: zzzzzzzzzzzz\\"q'],
    };
    const redacted = redactRow(row);
    expect(redacted).toEqual({
      id: 'a',
      notes: 'Authorization: [REDACTED]',
      bars: { five_hour: { resets_text: '[REDACTED]' } },
      tags: ['x-api-key: [REDACTED]\\"q'],
    });
    expect(JSON.parse(JSON.stringify(redacted))).toEqual(redacted);
    expect(row.notes).toContain('Bearer');
  });
});
