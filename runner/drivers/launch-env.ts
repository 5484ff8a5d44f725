// The pieces every real driver's environment shares: a checked proxy URL, the runner's PATH, passEnv merged in.
import { AppError } from '../../kernel/index.js';

/** The proxy's base URL, checked (http or https, no query, fragment or user; a path is kept: an arm's) and without a trailing slash. */
export function checkProxyUrl(proxyUrl: string): string {
  let url: URL;
  try {
    url = new URL(proxyUrl);
  } catch {
    throw new AppError('BAD_INPUT', `expected the proxy's base URL like http://127.0.0.1:8787, got ${JSON.stringify(proxyUrl)}`, {
      where: 'proxyUrl',
    });
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search !== '' || url.hash !== '' || url.username !== '') {
    throw new AppError('BAD_INPUT', `expected an http(s) URL without query, fragment or user, got ${JSON.stringify(proxyUrl)}`, {
      where: 'proxyUrl',
    });
  }
  return proxyUrl.replace(/\/+$/, '');
}

/** The runner's own PATH, so the agent finds node, git and its tools (a sane default when it has none). */
export function readRunnerPath(): string {
  return process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin';
}

/**
 * `base` plus passEnv. passEnv may add anything and may replace PATH and the credentials the driver defaulted,
 * but not a variable the driver sets on purpose (HOME, the base URL, the headers, the no-telemetry switches):
 * those would send the agent's traffic or files somewhere else, so they are refused.
 */
export function mergePassEnv(
  base: Record<string, string>,
  passEnv: Record<string, string>,
  owned: readonly string[],
): Record<string, string> {
  const env = { ...base };
  for (const [name, value] of Object.entries(passEnv)) {
    if (owned.includes(name)) {
      // Neither value is shown: an environment value may be a secret, and this message can reach a file (state/runs).
      throw new AppError('BAD_INPUT', `expected passEnv without ${name}: the driver sets it itself`, { where: 'passEnv' });
    }
    if (typeof value !== 'string' || value.includes('\0')) {
      throw new AppError(
        'BAD_INPUT',
        `expected a string without NUL for passEnv.${name}, got ${typeof value === 'string' ? `${value.length} characters with a NUL (not shown)` : typeof value}`,
        { where: 'passEnv' },
      );
    }
    env[name] = value;
  }
  return env;
}
