// The environment the hidden tests run in: built from nothing, since they load code the agent wrote.
// No API keys, no real HOME, nothing of a test runner or a debugger (NODE_OPTIONS, VITEST_*) from the runner.

export interface TestEnvOptions {
  /** HOME for the tests: a folder of the arm's own (its sandbox home), never the user's. */
  homeDir: string;
  /** Where PATH is taken from; process.env by default. */
  source?: NodeJS.ProcessEnv;
}

/** Used when the runner's own environment has no PATH. */
const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin';

/** Exactly PATH, HOME, TZ=UTC and LANG=C.UTF-8; run the tests with `extendEnv: false` so nothing else is added. */
export function buildTestEnv(options: TestEnvOptions): Record<string, string> {
  const path = (options.source ?? process.env).PATH;
  return { PATH: path === undefined || path === '' ? FALLBACK_PATH : path, HOME: options.homeDir, TZ: 'UTC', LANG: 'C.UTF-8' };
}
