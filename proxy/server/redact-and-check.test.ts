// Tests key redaction by value, the loopback rule and the constant-time token check.
import { describe, expect, it } from 'vitest';
import { isIP } from 'node:net';
import { assertSafeHost, isLoopbackHost } from '../../kernel/index.js';
import { matchesToken } from '../../kernel/index.js';
import { collectSecrets, redactRowStrings, redactKnownKeys } from './redact-known-keys.js';

describe('redaction', () => {
  it('hides the configured keys, the token and the client key wherever they appear', () => {
    const secrets = collectSecrets(['sk-backend-0123456789'], 'proxy-token-xyz', {
      'x-api-key': 'sk-ant-client-abcdef',
      authorization: 'Bearer oauth-token-12345',
    });
    const row = {
      trace_id: 'req_sk-ant-client-abcdef',
      path: '/v1/messages',
      command: 'use sk-backend-0123456789 and oauth-token-12345',
      status: 200,
    };
    expect(redactRowStrings(row, secrets)).toEqual({
      trace_id: 'req_[redacted]',
      path: '/v1/messages',
      command: 'use [redacted] and [redacted]',
      status: 200,
    });
  });

  it('leaves short values alone (they are not keys, and would mangle ordinary text)', () => {
    expect(collectSecrets([], 'abc', { 'x-api-key': 'x' })).toEqual([]);
    expect(redactKnownKeys('abc', [])).toBe('abc');
  });
});

describe('binding rule', () => {
  it('treats 127.0.0.0/8, ::1 and localhost as loopback, and nothing else', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'])
      expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['0.0.0.0', '::', '192.168.1.2', 'example.com', '127.example.com']) expect(isLoopbackHost(host), host).toBe(false);
    // The kernel's own dotted-quad check agrees with node:net's isIP on the edge cases (leading zeros, 256, short forms).
    for (const host of ['127.0.0.1', '127.255.255.255', '127.000.0.1', '127.0.0.256', '127.1', '127.0.0.01', ' 127.0.0.1', '127.0.0.1.'])
      expect(isLoopbackHost(host), host).toBe(isIP(host) === 4 && host.startsWith('127.'));
  });

  it('needs a token off loopback', () => {
    expect(() => assertSafeHost('0.0.0.0', null)).toThrow(expect.objectContaining({ code: 'BAD_USAGE', where: '--host' }));
    expect(() => assertSafeHost('0.0.0.0', 'secret-token')).not.toThrow();
  });
});

describe('matchesToken', () => {
  it('accepts only the exact token, whatever the lengths', () => {
    expect(matchesToken('t0ken-1234', 't0ken-1234')).toBe(true);
    expect(matchesToken('t0ken-123', 't0ken-1234')).toBe(false);
    expect(matchesToken('t0ken-12345', 't0ken-1234')).toBe(false);
    expect(matchesToken(undefined, 't0ken-1234')).toBe(false);
    expect(matchesToken(['t0ken-1234', 't0ken-1234'], 't0ken-1234')).toBe(false);
  });
});
