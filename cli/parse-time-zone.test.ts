// Tests for `--tz`: a named zone checked at once, the machine's zone read only when a time needs it.
import { describe, expect, it } from 'vitest';
import { parseTimeZone } from './parse-flags.js';

describe('parseTimeZone', () => {
  it('returns a named zone as it is and refuses an unknown one naming --tz', () => {
    expect(parseTimeZone('Europe/London')).toBe('Europe/London');
    expect(() => parseTimeZone('Mars/Olympus')).toThrow(expect.objectContaining({ code: 'BAD_USAGE', where: '--tz' }));
  });

  it("leaves the machine's zone to a function that reads it when called", () => {
    const zone = parseTimeZone(undefined);
    expect(typeof zone).toBe('function');
    expect(typeof zone === 'function' ? zone() : zone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
