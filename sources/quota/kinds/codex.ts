// Codex's quota: the ChatGPT account endpoint (`GET /backend-api/wham/usage`) read with Codex's own ChatGPT login.
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { AppError } from '../../../kernel/index.js';
import { fingerprintAccount } from '../../../ledger/index.js';
import { parseCodexQuota } from '../../parsers/quota/parse-codex-quota.js';
import { readCredentialFile, readPath } from '../read-credential-file.js';
import { BASE_HEADERS, type QuotaCredential, type QuotaKindSpec } from './quota-kind.js';

export const CODEX_QUOTA: QuotaKindSpec = {
  id: 'codex',
  defaultUrl: 'https://chatgpt.com/backend-api/wham/usage',
  path: '/backend-api/wham/usage',
  places: '$CODEX_HOME/auth.json or ~/.codex/auth.json (ChatGPT login)',
  credentialDir: (env) => dirname(locateCodexAuthFile(env)),
  loadCredential: (env) => readCodexLogin(locateCodexAuthFile(env)),
  buildRequest: (credential) => ({
    method: 'GET',
    headers: {
      ...BASE_HEADERS,
      authorization: `Bearer ${credential.secret}`,
      ...(credential.accountId ? { 'chatgpt-account-id': credential.accountId } : {}),
    },
  }),
  // The proxy fingerprints the same `chatgpt-account-id` it forwards.
  readAccount: (credential) => (credential.accountId ? fingerprintAccount('chatgpt-account', credential.accountId) : null),
  describeExpiry,
  parse: (text, at) => parseCodexQuota(text, at),
};

/**
 * ChatGPT's answer to an access token past its time: 401 with `{"error":{"message":"Provided authentication token is
 * expired. Please try signing in again.","code":"token_expired"},"status":401}` (openai/codex#18769). Codex refreshes
 * its login when it runs; a refresh token already used needs `codex login`.
 */
function describeExpiry(status: number, body: string | null): string | null {
  if (status !== 401 || body === null || !/"code"\s*:\s*"token_expired"/.test(body)) return null;
  return 'run `codex` once to refresh it (or `codex login`)';
}

/** Codex's ChatGPT login in `file` (its auth.json): null when there is no such file, an error naming it when it has no token. */
export function readCodexLogin(file: string): QuotaCredential | null {
  const json = readCredentialFile(file);
  if (json === null) return null;
  const token = readPath(json, ['tokens', 'access_token']);
  const account = readPath(json, ['tokens', 'account_id']);
  if (typeof token !== 'string' || token === '')
    throw new AppError('BAD_INPUT', 'has no tokens.access_token (an API-key login has no ChatGPT bars; log in with ChatGPT)', {
      where: file,
    });
  return { secret: token, ...(typeof account === 'string' && account !== '' ? { accountId: account } : {}), from: file };
}

/** Where Codex keeps its login: `$CODEX_HOME/auth.json`, CODEX_HOME defaulting to ~/.codex (codex-rs/login/src/auth/storage.rs, get_auth_file). */
export function locateCodexAuthFile(env: NodeJS.ProcessEnv): string {
  return join(env.CODEX_HOME || join(env.HOME || homedir(), '.codex'), 'auth.json');
}
