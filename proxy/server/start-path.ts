// An everyday server's secret base path on loopback: a secret, as the viewer's token, in the URL (kept: keep-start-path.ts).
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { matchesToken } from '../../kernel/index.js';

export const START_PATH_PREFIX = '/_s/';
/** 128 random bits, hex: not guessable from inside a sandbox, and safe in any URL, TOML string or shell word. */
const TOKEN_BYTES = 16;

/**
 * A fresh base path for `tracker proxy` or `tracker otel` on loopback without a token: clients take the base URL
 * with it (ANTHROPIC_BASE_URL, a codex provider's base_url, OTEL_EXPORTER_OTLP_ENDPOINT all keep a path and append
 * theirs), as a run's arms do (arm-paths.ts); a process that was not told the URL gets 401.
 */
export function createStartPath(): string {
  return `${START_PATH_PREFIX}${randomBytes(TOKEN_BYTES).toString('hex')}`;
}

/**
 * For a request under `startPath` (`/_s/<hex>`, alone or followed by `/` or `?`): strips it from `req.url` and says
 * true. False for any other, `req` untouched. Compared in constant time, as a token is.
 */
export function stripStartPath(req: IncomingMessage, startPath: string): boolean {
  const url = req.url ?? '/';
  if (!url.startsWith(START_PATH_PREFIX)) return false;
  const rest = url.slice(START_PATH_PREFIX.length);
  const end = rest.search(/[/?]/);
  const given = `${START_PATH_PREFIX}${end < 0 ? rest : rest.slice(0, end)}`;
  if (!matchesToken(given, startPath)) return false;
  const after = end < 0 ? '' : rest.slice(end);
  req.url = after.startsWith('/') ? after : `/${after}`;
  return true;
}

/**
 * The one line a server says on its own terminal at the first request refused for a wrong or missing base path:
 * a client set up before a rotation, or with a URL of another data dir, is otherwise refused without a word here.
 * Names neither the secret nor the path given (it may hold an old secret).
 */
export function describeWrongStartPath(file: string, what: 'request' | 'export'): string {
  return `refused ${what === 'export' ? 'an export' : 'a request'} outside the base URL printed at the start (401; said once per start, each one counted by tracker status): set the client to that URL; its secret is kept in ${file} across restarts (--rotate-secret makes a new one)`;
}

/** The one line a server says at the first request or export refused for a missing or wrong x-tracker-auth token. */
export function describeWrongToken(what: 'request' | 'export'): string {
  return `refused ${what === 'export' ? 'an export' : 'a request'} with a missing or wrong x-tracker-auth token (401; said once per start, each one counted by tracker status): give the client the token this server was started with`;
}

/** `say`, called at most once however often the result is: a client retrying a wrong URL fills no terminal. */
export function sayOnce(say: (() => void) | undefined): () => void {
  let said = false;
  return () => {
    if (said || !say) return;
    said = true;
    say();
  };
}
