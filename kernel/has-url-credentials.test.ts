import { describe, expect, it } from 'vitest';
import { hasUrlCredentials } from './has-url-credentials.js';

describe('hasUrlCredentials', () => {
  it('sees a user, a password or both, as text or URL', () => {
    expect(hasUrlCredentials('https://me@example.com')).toBe(true);
    expect(hasUrlCredentials('https://:key@example.com/v1')).toBe(true);
    expect(hasUrlCredentials(new URL('http://me:key@127.0.0.1:8080'))).toBe(true);
  });
  it('finds none in a plain URL, an @ in the path or text that is no URL', () => {
    expect(hasUrlCredentials('https://example.com/a@b')).toBe(false);
    expect(hasUrlCredentials('https://example.com/?user=me@x')).toBe(false);
    expect(hasUrlCredentials('not a url')).toBe(false);
  });
});
