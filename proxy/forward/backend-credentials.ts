// The credentials a back end sends in place of the client's: a key from the environment, or a ChatGPT login.
import type { Backend } from '../config/build-routing-table.js';
import type { ChatgptLogin } from './chatgpt-login.js';

/** Headers to send instead of the client's credentials, and their values, which no row may keep. */
export interface BackendCredentials {
  headers: Record<string, string>;
  secrets: string[];
}

/**
 * Null: the back end keeps the client's own credentials (they pass through untouched). Throws the login's AppError
 * when a ChatGPT login cannot be sent (none, or expired): the caller refuses the request.
 */
export function resolveBackendCredentials(
  backend: Backend,
  keys: ReadonlyMap<string, string>,
  logins: ReadonlyMap<string, ChatgptLogin>,
  nowMs: number,
): BackendCredentials | null {
  const login = backend.login ? logins.get(backend.name) : undefined;
  if (login) {
    const { token, accountId } = login.read(nowMs);
    // The two headers the ChatGPT back end identifies a login by (codex-rs/codex-api/src/auth.rs: bearer and ChatGPT-Account-ID).
    return { headers: { authorization: `Bearer ${token}`, 'chatgpt-account-id': accountId }, secrets: [token, accountId] };
  }
  const key = backend.auth ? keys.get(backend.name) : undefined;
  if (!backend.auth || !key) return null;
  const value = backend.auth.header === 'authorization' ? `Bearer ${key}` : key;
  return { headers: { [backend.auth.header]: value }, secrets: [key] };
}
