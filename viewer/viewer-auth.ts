// Who may talk to the viewer: whoever presents its token (once in the URL, then an HttpOnly cookie), by a loopback Host when it listens on loopback.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AppError, isLoopbackHost, matchesToken } from '../kernel/index.js';

export type AuthResult = 'allowed' | 'redirected' | 'refused';

/** One cookie name per port: two viewers on one machine do not overwrite each other's cookie (cookies ignore ports). */
export function nameAuthCookie(port: number): string {
  return `tracker_view_${port}`;
}

/**
 * A fresh token for one start of the viewer (144 random bits, URL-safe). Even on loopback the viewer needs one: an
 * arm's agent shares the runner's loopback to reach its proxy, and without a token it read any other arm's diff and
 * hidden tests through the viewer. The agent cannot learn it: it is printed to the terminal only,
 * and the sandbox sees neither this process nor its environment (docs/isolation.md).
 */
export function createViewerToken(): string {
  return randomBytes(18).toString('base64url');
}

/** Refuses an empty token: a viewer anyone can read is not a mode it has. */
export function assertViewerToken(token: string): void {
  if (token.trim() === '') throw new AppError('BAD_USAGE', 'the viewer token is empty', { where: '--token (or TRACKER_VIEW_TOKEN)' });
}

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    // A cookie that does not decode is not the token (and must not throw: anyone reaching the port could send one).
    if (key === name) {
      try {
        return decodeURIComponent(value.join('='));
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface AuthSettings {
  token: string;
  port: number;
  /** Listening on loopback: a Host that is not loopback is refused before the token is looked at. */
  loopback: boolean;
}

/**
 * On loopback a Host that is not loopback is refused (421): a page on another site could point a name it controls at
 * 127.0.0.1 (DNS rebinding, https://en.wikipedia.org/wiki/DNS_rebinding); the cookie would not be sent to that name,
 * but the refusal does not depend on it. Then the token decides: `?token=` once (answered with a redirect that drops
 * it from the address bar and history, and a cookie the page's scripts cannot read), then the cookie; scripts may send
 * it as x-tracker-auth instead, as with `tracker proxy`.
 */
export function checkViewerAuth(request: IncomingMessage, url: URL, response: ServerResponse, settings: AuthSettings): AuthResult {
  if (settings.loopback) {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (!isLoopbackHost(host)) {
      sendRefusal(response, 421, `this viewer answers only on loopback (Host ${JSON.stringify(host)} refused)`);
      return 'refused';
    }
  }
  const presented = url.searchParams.get('token');
  if (presented !== null && matchesToken(presented, settings.token)) {
    url.searchParams.delete('token');
    response.writeHead(303, {
      location: `${url.pathname}${url.search}`,
      'set-cookie': `${nameAuthCookie(settings.port)}=${encodeURIComponent(settings.token)}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
    });
    response.end();
    return 'redirected';
  }
  const cookie = readCookie(request, nameAuthCookie(settings.port));
  if (matchesToken(cookie, settings.token) || matchesToken(request.headers['x-tracker-auth'], settings.token)) return 'allowed';
  sendRefusal(
    response,
    401,
    'this viewer needs its token: open the address `experiment view` printed (with ?token=...), or send x-tracker-auth',
  );
  return 'refused';
}

/** A 4xx answer: JSON with one clear line. */
export function sendRefusal(response: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}
