// The credentials a back end sends in place of the client's: a key from the environment, or a login (ChatGPT's, Google's).
import type { Backend } from '../config/build-routing-table.js';
import type { BackendLogin } from './backend-login.js';

/** Headers to send instead of the client's credentials, and their values, which no row may keep. */
export interface BackendCredentials {
  headers: Record<string, string>;
  secrets: string[];
}

/**
 * Null: the back end keeps the client's own credentials (they pass through untouched). Throws the login's AppError
 * when a login cannot be sent (none, or expired): the caller refuses the request.
 */
export function resolveBackendCredentials(
  backend: Backend,
  keys: ReadonlyMap<string, string>,
  logins: ReadonlyMap<string, BackendLogin>,
  nowMs: number,
): BackendCredentials | null {
  const login = backend.login ? logins.get(backend.name) : undefined;
  if (login) return login.readHeaders(nowMs);
  const key = backend.auth ? keys.get(backend.name) : undefined;
  if (!backend.auth || !key) return null;
  const value = backend.auth.header === 'authorization' ? `Bearer ${key}` : key;
  return { headers: { [backend.auth.header]: value }, secrets: [key] };
}
