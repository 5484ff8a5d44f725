// The binding rule shared by the proxy and the scripted model server: off loopback, clients must prove who they are.
import { isIP } from 'node:net';
import { AppError } from '../../kernel/index.js';

/** Loopback names and addresses: 127.0.0.0/8 (RFC 1122 section 3.2.1.3), ::1 and its IPv4-mapped form (RFC 4291). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.toLowerCase().startsWith('::ffff:') ? bare.slice(7) : bare;
  return isIP(v4) === 4 && v4.startsWith('127.');
}

/** Throws unless the host is loopback or a token is set; `how` says how the token is given (flag or variable). */
export function assertSafeHost(
  host: string,
  authToken: string | null,
  how = '--auth-token (or TRACKER_PROXY_AUTH_TOKEN), which clients then send as x-tracker-auth',
  where = '--host',
): void {
  if (!isLoopbackHost(host) && !authToken) {
    throw new AppError('BAD_USAGE', `listening on ${host} (not loopback) needs ${how}`, { where });
  }
}
