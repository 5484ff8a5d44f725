// Opens the logins a routing table's back ends send in place of the client's credentials (ChatGPT's, Google's).
import { PROFILE_LOGINS } from '../../ledger/vocabulary/index.js';
import type { RoutingTable } from '../config/build-routing-table.js';
import type { BackendLogin } from './backend-login.js';
import { ChatgptLogin } from './chatgpt-login.js';
import { CliLogin } from './cli-login.js';

/**
 * One login reader per back end that sends a login (ChatGPT's, Google's), each read once now: a missing or expired
 * login stops the start with the line naming the file, not the first request of an experiment.
 */
export function openBackendLogins(table: RoutingTable, env: NodeJS.ProcessEnv): Map<string, BackendLogin> {
  const logins = new Map<string, BackendLogin>();
  for (const backend of table.backends) {
    if (backend.login === null) continue;
    const login = backend.login === PROFILE_LOGINS.chatgpt ? new ChatgptLogin(env) : new CliLogin(backend.login, env);
    login.readHeaders(Date.now());
    logins.set(backend.name, login);
  }
  return logins;
}
