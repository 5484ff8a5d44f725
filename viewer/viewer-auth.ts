// Who may talk to the viewer: loopback callers by Host, others with the token (once in the URL, then an HttpOnly cookie).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isLoopbackHost, matchesToken } from '../kernel/index.js';

export type AuthResult = 'allowed' | 'redirected' | 'refused';

/** One cookie name per port: two viewers on one machine do not overwrite each other's cookie (cookies ignore ports). */
export function nameAuthCookie(port: number): string {
  return `tracker_view_${port}`;
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

/**
 * Without a token the server listens on loopback only, and a Host that is not loopback is refused: a page on another
 * site could otherwise point a name it controls at 127.0.0.1 and read the ledger (DNS rebinding,
 * https://en.wikipedia.org/wiki/DNS_rebinding). With a token, the token decides: `?token=` once (answered with a
 * redirect that drops it from the address bar and history, and a cookie the page's scripts cannot read), then the
 * cookie; scripts may send it as x-tracker-auth instead, as with `tracker proxy`.
 */
export function checkViewerAuth(
  request: IncomingMessage,
  url: URL,
  response: ServerResponse,
  token: string | null,
  port: number,
): AuthResult {
  if (token === null) {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '');
    if (isLoopbackHost(host)) return 'allowed';
    sendRefusal(response, 421, `this viewer answers only on loopback (Host ${JSON.stringify(host)} refused)`);
    return 'refused';
  }
  const presented = url.searchParams.get('token');
  if (presented !== null && matchesToken(presented, token)) {
    url.searchParams.delete('token');
    response.writeHead(303, {
      location: `${url.pathname}${url.search}`,
      'set-cookie': `${nameAuthCookie(port)}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
    });
    response.end();
    return 'redirected';
  }
  if (matchesToken(readCookie(request, nameAuthCookie(port)), token) || matchesToken(request.headers['x-tracker-auth'], token))
    return 'allowed';
  sendRefusal(response, 401, 'this viewer needs its token: open the address it printed (with ?token=...), or send x-tracker-auth');
  return 'refused';
}

/** A 4xx answer: JSON with one clear line. */
export function sendRefusal(response: ServerResponse, status: number, message: string): void {
  const body = JSON.stringify({ error: message });
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(body);
}
