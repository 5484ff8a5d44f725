// Tests that commands with arguments, case and missing slashes all meet on one base command.
import { describe, expect, it } from 'vitest';
import { normalizeCommand } from './normalize-command.js';

describe('normalizeCommand', () => {
  it('keeps the base command, lower-cased and trimmed', () => {
    expect(normalizeCommand('  /Test --args x')).toBe('/test');
    expect(normalizeCommand('/test')).toBe('/test');
    expect(normalizeCommand('/deploy\tprod')).toBe('/deploy');
  });

  it('adds the leading slash a bare name lacks, and keeps one slash only', () => {
    expect(normalizeCommand('test --watch')).toBe('/test');
    expect(normalizeCommand('//test')).toBe('/test');
  });

  it('is null for nothing to key on', () => {
    expect(normalizeCommand('')).toBeNull();
    expect(normalizeCommand('   ')).toBeNull();
    expect(normalizeCommand('/')).toBeNull();
    expect(normalizeCommand(null)).toBeNull();
    expect(normalizeCommand(undefined)).toBeNull();
  });
});
