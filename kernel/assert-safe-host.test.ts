// Off loopback a server needs a token, and a token of white space is none.
import { describe, expect, it } from 'vitest';
import { isAppError } from './app-error.js';
import { assertSafeHost, isLoopbackHost } from './assert-safe-host.js';

describe('assertSafeHost', () => {
  it('lets loopback through without a token and refuses any other host without one', () => {
    expect(() => assertSafeHost('127.0.0.1', null)).not.toThrow();
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(() => assertSafeHost('0.0.0.0', null)).toThrow(/listening on 0\.0\.0\.0 \(not loopback\) needs --auth-token/);
    expect(() => assertSafeHost('0.0.0.0', 's3cret-token')).not.toThrow();
  });

  it('refuses a token of white space, on loopback too, naming the flag and never echoing it', () => {
    for (const [host, token] of [
      ['0.0.0.0', ' '],
      ['127.0.0.1', '\t  '],
    ] as const) {
      let caught: unknown;
      try {
        assertSafeHost(host, token);
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught) && caught.code === 'BAD_USAGE' && caught.where === '--auth-token').toBe(true);
      expect((caught as Error).message).toMatch(/expected a token with more than white space/);
    }
  });
});
