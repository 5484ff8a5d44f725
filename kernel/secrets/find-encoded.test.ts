// Encoded runs found at every token boundary and decoded as gitleaks decodes them: base64, hex, percent-encoding.
import { describe, expect, it } from 'vitest';
import { findEncoded } from './find-encoded.js';

const KEY = ['ghp_', 'B4se64L1neOfItsOwn0123456789abcdefXY'].join('');
const B64 = Buffer.from(KEY).toString('base64');

describe('findEncoded', () => {
  it.each([
    ['alone', B64],
    ["after a diff's +", `+${B64}`],
    ["after a path's /", `/etc/${B64}`],
    ["after a flag's -", `--data-${B64}`],
    ['after an underscore', `auth_${B64}`],
    ['URL-safe', Buffer.from(KEY).toString('base64url')],
  ])('decodes base64 %s', (_where, text) => {
    expect(findEncoded(text).map((segment) => segment.decoded)).toEqual([KEY]);
  });

  it('decodes hex of text and percent-encoding', () => {
    expect(findEncoded(`x ${Buffer.from(KEY).toString('hex')} y`).map((segment) => segment.decoded)).toEqual([KEY]);
    expect(findEncoded('url?q=a%3Db%26token%3D9 z').map((segment) => segment.decoded)).toEqual(['=b&token=']);
  });

  it('decodes neither words, nor hashes, nor random ids (their bytes are not text)', () => {
    const text = [
      'const encodedChunkForTheBarChartRenderer = 1;',
      'sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      'id toolu_01A09q90qw90lq917835lq9X and msg_01XFDUDYJgAACzvnptvVoYEL',
      '"integrity": "sha512-WFN3FuwpMfVEiC4ZFGtHFuzLL2w5hYcnI3DTc5dWUbnvy0mhBTdLSo/6d1xSJgbPkM9PdzH5NvR1Ds5a6Ms9CQ=="',
    ].join('\n');
    expect(findEncoded(text)).toEqual([]);
  });
});
