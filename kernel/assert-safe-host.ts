// The binding rule shared by the proxy and the scripted model server: off loopback, clients must prove who they are.
import { AppError } from './app-error.js';

/** Loopback names and addresses: 127.0.0.0/8 (RFC 1122 section 3.2.1.3), ::1 and its IPv4-mapped form (RFC 4291). */
export function isLoopbackHost(host: string): boolean {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.toLowerCase().startsWith('::ffff:') ? bare.slice(7) : bare;
  return isIPv4(v4) && v4.startsWith('127.');
}

/**
 * Dotted-quad IPv4 as node:net's isIP accepts it (four decimal octets 0-255, no leading zeros but a lone 0): written
 * here so the kernel, which pure modules load, does not load node:net for one check.
 */
function isIPv4(text: string): boolean {
  const octets = text.split('.');
  return octets.length === 4 && octets.every((octet) => /^(?:0|[1-9]\d{0,2})$/.test(octet) && Number(octet) <= 255);
}

/** Throws unless the host is loopback or a token is set; `how` says how the token is given (flag or variable). */
export function assertSafeHost(
  host: string,
  authToken: string | null,
  how = '--auth-token (or TRACKER_PROXY_AUTH_TOKEN), which clients then send as x-tracker-auth',
  where = '--host',
): void {
  // A token of spaces guards nothing (`--auth-token " "` was taken off loopback); the viewer trims too.
  if (authToken !== null && authToken.trim() === '')
    throw new AppError('BAD_USAGE', `expected a token with more than white space for ${how}, got ${authToken.length} blank character(s)`, {
      where: '--auth-token',
    });
  if (!isLoopbackHost(host) && !authToken) {
    throw new AppError('BAD_USAGE', `listening on ${host} (not loopback) needs ${how}`, { where });
  }
}
