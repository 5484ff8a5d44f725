// Suites that need a tool (bwrap, podman, PostgreSQL, go, pytest, cargo, a tmpfs) skip without it, except in CI.
import { AppError } from './app-error.js';

/** The variable `.ci/run` sets: there a missing tool fails the suite instead of skipping it. */
export const REQUIRE_TOOLS_VAR = 'TRACKER_REQUIRE_TOOLS';

/**
 * Passes a skip reason through (null: nothing is missing), or throws when TRACKER_REQUIRE_TOOLS=1: a CI run whose
 * machine lost bwrap or podman must go red, not green with the sandbox's tests skipped.
 */
export function allowSkip(missing: string | null, env: NodeJS.ProcessEnv = process.env): string | null {
  if (missing !== null && env[REQUIRE_TOOLS_VAR] === '1')
    throw new AppError('IO', `expected every tool the suite needs (${REQUIRE_TOOLS_VAR}=1), got one missing: ${missing}`, {
      kind: 'tool-missing',
    });
  return missing;
}
