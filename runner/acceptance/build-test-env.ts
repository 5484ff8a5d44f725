// The environment the hidden tests run in: the process's own, minus anything of a test runner or a debugger.

/** Variables that would change how `node --test` or the code under test behaves if they leaked from the runner (e.g. when run inside vitest). */
const LEAKS = [/^NODE_OPTIONS$/, /^NODE_TEST_CONTEXT$/, /^NODE_V8_COVERAGE$/, /^NODE_CHANNEL_/, /^NODE_INSPECT/, /^NODE_ENV$/, /^VITEST/, /^VITE_/, /^JEST_WORKER_ID$/, /^TEST$/, /^TAP/];

/** A copy of `source` without the leaking variables; `extra` is added last. */
export function buildTestEnv(source: NodeJS.ProcessEnv = process.env, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (value !== undefined && !LEAKS.some((pattern) => pattern.test(key))) env[key] = value;
  }
  return { ...env, ...extra };
}
