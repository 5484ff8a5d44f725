// Where a login the proxy adds may go: a Google login only to the Code Assist methods its protocol taps or passes.
import { findLoginProtocol } from '../../ledger/vocabulary/index.js';
import type { Backend } from '../config/build-routing-table.js';
import { findProxyProtocol } from '../protocols/find-proxy-protocol.js';
import { escapeControls } from '../../kernel/index.js';
import type { Refusal } from './check-request.js';

export const LOGIN_SCOPE = 'proxy_login_scope';

/**
 * The refusal of a path the back end's login is not for, or null to forward it. The proxy serves `/v1/*` and
 * `/v1beta/*` for any back end (check-request.ts), but a Google login is good for far more of Google's APIs than Code
 * Assist; a sandboxed agent must reach only the methods docs/proxy.md names with it (generation, countTokens,
 * loadCodeAssist, retrieveUserQuota, listExperiments). A login with no protocol of its own (ChatGPT's) is checked by
 * the ChatGPT web-API refusal instead (classify-path.ts).
 */
export function refuseOutsideLogin(backend: Backend, path: string): Refusal | null {
  const id = backend.login === null ? undefined : findLoginProtocol(backend.login);
  if (id === undefined) return null;
  const protocol = findProxyProtocol(id);
  if (protocol.taps(path) || protocol.passes(path)) return null;
  return {
    status: 404,
    apiType: 'not_found_error',
    errorType: LOGIN_SCOPE,
    message: `tracker proxy: back end ${backend.name} sends a login only to ${id}'s methods, not to ${escapeControls(path)}`,
    kind: id,
  };
}
