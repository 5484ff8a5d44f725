// The shared environment pieces: the proxy URL check and passEnv merging.
import { describe, expect, it } from 'vitest';
import { checkProxyUrl, mergePassEnv } from './launch-env.js';

describe('checkProxyUrl', () => {
  it('takes http(s) base URLs and drops a trailing slash', () => {
    expect(checkProxyUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(checkProxyUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(checkProxyUrl('https://proxy.example/base')).toBe('https://proxy.example/base');
  });

  it.each(['', '127.0.0.1:8787', 'ftp://127.0.0.1', 'http://127.0.0.1:8787/?x=1', 'http://u:p@127.0.0.1'])('refuses %j', (url) => {
    expect(() => checkProxyUrl(url)).toThrow(/expected/);
  });
});

describe('mergePassEnv', () => {
  const base = { PATH: '/bin', HOME: '/h', OPENAI_API_KEY: 'dummy' };

  it('adds passEnv and lets it replace what is not owned', () => {
    expect(mergePassEnv(base, { EXTRA: '1', PATH: '/opt/bin' }, ['HOME'])).toEqual({
      PATH: '/opt/bin',
      HOME: '/h',
      OPENAI_API_KEY: 'dummy',
      EXTRA: '1',
    });
  });

  it('refuses an owned variable, saying what the driver sets it to', () => {
    expect(() => mergePassEnv(base, { HOME: '/elsewhere' }, ['HOME'])).toThrow('expected passEnv without HOME: the driver sets it itself');
    // The refused value never appears in the message (it can reach state/runs/<plan>.json).
    expect(() => mergePassEnv(base, { HOME: 'sk-secret-value' }, ['HOME'])).not.toThrow(/sk-secret-value/);
  });

  it('refuses a value with NUL', () => {
    expect(() => mergePassEnv(base, { X: 'a\u0000b' }, [])).toThrow(/without NUL/);
  });
});
