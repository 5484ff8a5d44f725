// A run's proxy serves each arm at a base URL of its own (a secret path prefix) and attributes by that, never by headers.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Refusal } from './check-request.js';
import { errorKindOf } from './classify-path.js';

/**
 * The attribution headers a path pins. A request under the path has these replaced by the path's values and any the
 * client sent removed, so neither leaving `x-tracker-window` out nor naming another arm's window moves its tokens out
 * of its arm (f9e718a charged such requests to no window, or to the window they named).
 */
export const PINNED_HEADERS = ['x-tracker-window', 'x-tracker-agent', 'x-tracker-feature', 'x-tracker-provider'] as const;

/** An arm's base URL while it is open; `close` makes every later request to it a 403. */
export interface ArmBaseUrl {
  url: string;
  close(): void;
}

export const ARM_PATH_REQUIRED = 'proxy_arm_path_required';
const PREFIX = '/_arm/';
/** 128 random bits, hex: not guessable from inside a sandbox, and safe in any URL, TOML string or header. */
const TOKEN_BYTES = 16;

export class ArmPaths {
  private readonly open = new Map<string, Record<string, string>>();

  /** A new base URL under `origin` whose requests carry `headers` (lower-case x-tracker-* names) and no others of PINNED_HEADERS. */
  openPath(origin: string, headers: Record<string, string>): ArmBaseUrl {
    const token = randomBytes(TOKEN_BYTES).toString('hex');
    const pinned = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
    this.open.set(token, pinned);
    return { url: `${origin}${PREFIX}${token}`, close: () => void this.open.delete(token) };
  }

  /**
   * For a request under an open path: strips the prefix from `req.url` and pins its headers; true. False for any other
   * request, which a run's proxy refuses (refuseUnpinned): an agent that drops the prefix loses its way to the API.
   */
  pin(req: IncomingMessage): boolean {
    const url = req.url ?? '/';
    if (!url.startsWith(PREFIX)) return false;
    const end = url.indexOf('/', PREFIX.length);
    const pinned = end < 0 ? undefined : this.open.get(url.slice(PREFIX.length, end));
    if (!pinned) return false;
    req.url = url.slice(end);
    for (const name of PINNED_HEADERS) delete req.headers[name];
    Object.assign(req.headers, pinned);
    return true;
  }
}

/** The 403 for a request to a run's proxy outside every open arm's base URL (no row: it names no window to charge). */
export function refuseUnpinned(path: string): Refusal {
  return {
    status: 403,
    apiType: 'permission_error',
    errorType: ARM_PATH_REQUIRED,
    message: "tracker proxy: this run's proxy answers an arm's agent only at the base URL the runner gave it",
    kind: errorKindOf(path),
  };
}
