// A missing tool skips a suite on a developer's machine and fails it in CI (TRACKER_REQUIRE_TOOLS=1).
import { describe, expect, it } from 'vitest';
import { isAppError } from './app-error.js';
import { allowSkip } from './require-tools.js';

describe('allowSkip', () => {
  it('passes the reason through where skipping is allowed', () => {
    expect(allowSkip('bwrap is not installed', {})).toBe('bwrap is not installed');
    expect(allowSkip(null, { TRACKER_REQUIRE_TOOLS: '1' })).toBeNull();
  });

  it('throws, naming the tool, where CI requires every tool', () => {
    let caught: unknown;
    try {
      allowSkip('podman is not installed', { TRACKER_REQUIRE_TOOLS: '1' });
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'tool-missing')).toBe(true);
    expect(String((caught as Error).message)).toContain('podman is not installed');
  });
});
