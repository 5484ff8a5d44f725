// Compares a presented token with the configured one in constant time.
import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * `!==` returns at the first differing character, which leaks the token's prefix through timing.
 * timingSafeEqual needs inputs of equal length, so both sides are hashed first (SHA-256 digests are
 * always 32 bytes): https://nodejs.org/api/crypto.html#cryptotimingsafeequala-b
 */
export function matchesToken(presented: string | string[] | undefined, token: string): boolean {
  if (typeof presented !== 'string') return false;
  return timingSafeEqual(digestOf(presented), digestOf(token));
}

function digestOf(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
