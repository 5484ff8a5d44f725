// An everyday server's secret base path on loopback (issue 50, item 3): a per-start secret, as the viewer's token, in the URL.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { matchesToken } from '../../kernel/index.js';

const PREFIX = '/_s/';
/** 128 random bits, hex: not guessable from inside a sandbox, and safe in any URL, TOML string or shell word. */
const TOKEN_BYTES = 16;

/**
 * A fresh base path for one start of `tracker proxy` or `tracker otel` on loopback without a token: clients take
 * the base URL with it (ANTHROPIC_BASE_URL, a codex provider's base_url, OTEL_EXPORTER_OTLP_ENDPOINT all keep a
 * path and append theirs), as a run's arms do (arm-paths.ts); a process that was not told the URL gets 401.
 */
export function createStartPath(): string {
  return `${PREFIX}${randomBytes(TOKEN_BYTES).toString('hex')}`;
}

/**
 * For a request under `startPath` (`/_s/<hex>`, alone or followed by `/` or `?`): strips it from `req.url` and says
 * true. False for any other, `req` untouched. Compared in constant time, as a token is.
 */
export function stripStartPath(req: IncomingMessage, startPath: string): boolean {
  const url = req.url ?? '/';
  if (!url.startsWith(PREFIX)) return false;
  const rest = url.slice(PREFIX.length);
  const end = rest.search(/[/?]/);
  const given = `${PREFIX}${end < 0 ? rest : rest.slice(0, end)}`;
  if (!matchesToken(given, startPath)) return false;
  const after = end < 0 ? '' : rest.slice(end);
  req.url = after.startsWith('/') ? after : `/${after}`;
  return true;
}
