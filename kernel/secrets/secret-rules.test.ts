// The corpus of planted secrets, redacted in plain text, JSON text, a diff and after a JSON line break; its look-alikes left alone.
import { describe, expect, it } from 'vitest';
import { HARMLESS_LINES, PLANTED_SECRETS } from '../../step-definitions/planted-secrets.js';
import { redactSecrets, redactText } from './redact-secrets.js';

describe('redactText on the shapes of gitleaks and detect-secrets', () => {
  it.each(PLANTED_SECRETS.map((planted) => [planted.kind, planted] as const))('redacts %s', (_kind, planted) => {
    const redacted = redactText(planted.text);
    for (const secret of planted.secrets) expect(redacted).not.toContain(secret);
    expect(redacted).toContain('[REDACTED]');
    // The same text inside a JSON string (a turn line of turns.jsonl, a tool call's input) keeps valid JSON.
    const json = redactText(JSON.stringify({ text: planted.text }));
    for (const secret of planted.secrets) expect(json).not.toContain(secret);
    expect(() => JSON.parse(json)).not.toThrow();
    // And escaped twice: a tool call's input (JSON text) inside a turn line.
    const twice = redactText(JSON.stringify({ input: JSON.stringify({ command: planted.text }) }));
    for (const secret of planted.secrets) expect(twice).not.toContain(secret);
    // Each line after a diff's `+`, and the text after a line break escaped in JSON (`\n` glued to its first word).
    const diff = redactText(planted.text.replace(/^/gm, '+'));
    for (const secret of planted.secrets) expect(diff).not.toContain(secret);
    const afterBreak = redactText(JSON.stringify({ text: `cat .env\n${planted.text}` }));
    for (const secret of planted.secrets) expect(afterBreak).not.toContain(secret);
    expect(() => JSON.parse(afterBreak)).not.toThrow();
  });

  it('keeps the user, the host and the names around a secret readable', () => {
    expect(redactText('postgres://app:pw0rd-1@db:5432/app')).toBe('postgres://app:[REDACTED]@db:5432/app');
    expect(redactText('mongodb+srv://u:p@ss@h/db')).toBe('mongodb+srv://u:[REDACTED]@h/db');
    expect(redactText('DB_PASSWORD=changeme')).toBe('DB_PASSWORD=[REDACTED]');
    expect(redactText('{"client_secret": "GOCSPX-abc123"}')).toBe('{"client_secret": "[REDACTED]"}');
    expect(redactText('a\n-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\nb')).toBe('a\n[REDACTED]\nb');
  });

  it('redacts what is left of a key block cut before its END line', () => {
    const cut = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQyNTUxOQAAACDdx2uT8K3vQ\n[... 900 more bytes cut ...]';
    expect(redactText(cut)).toBe('[REDACTED]\n[... 900 more bytes cut ...]');
  });

  it.each(HARMLESS_LINES.map((line) => [line]))('leaves %s as it is', (line) => {
    expect(redactSecrets(line)).toEqual({ text: line, redactions: 0 });
  });

  it('leaves templates and values already hidden alone', () => {
    for (const line of [`password: "$\{DB_PASSWORD}"`, `postgres://app:$\{PGPASSWORD}@db/app`, 'token: "<your token>"', 'secret = "****"'])
      expect(redactText(line)).toBe(line);
  });
});
