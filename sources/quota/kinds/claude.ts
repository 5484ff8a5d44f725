// Claude's quota endpoint (`GET /api/oauth/usage`): the login Claude Code keeps, the beta header, what a refusal means.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AppError, escapeControls } from '../../../kernel/index.js';
import { readClaudeAccount } from '../../logins/index.js';
import { parseClaudeQuota } from '../../parsers/quota/parse-claude-quota.js';
import { readCredentialFile, readPath } from '../read-credential-file.js';
import { BASE_HEADERS, type QuotaCredential, type QuotaKindSpec } from './quota-kind.js';

/**
 * What to do about it, worded for every place the line appears (`tracker quota`, `watch`, a run's window notes, where
 * unsetting the token would also take the agent's login). A `claude setup-token` token, which is what
 * CLAUDE_CODE_OAUTH_TOKEN usually holds, has the scope `user:inference` only; /api/oauth/usage needs `user:profile`,
 * which only an interactive login grants (the pinned claude 2.1.329 says "env-var and setup-token sessions default to
 * user:inference only"; anthropics/claude-code#11985, #12529, #22450).
 */
const SETUP_TOKEN_ADVICE =
  'tracker quota and watch read your interactive login (~/.claude/.credentials.json) when CLAUDE_CODE_OAUTH_TOKEN is unset; runs and the proxy take the bars from the answers';

export const CLAUDE_QUOTA: QuotaKindSpec = {
  id: 'claude',
  defaultUrl: 'https://api.anthropic.com/api/oauth/usage',
  path: '/api/oauth/usage',
  places: 'CLAUDE_CODE_OAUTH_TOKEN, $CLAUDE_CONFIG_DIR/.credentials.json or ~/.claude/.credentials.json',
  credentialDir: (env) => env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude'),
  loadCredential: loadClaudeLogin,
  buildRequest: (credential) => ({
    method: 'GET',
    headers: { ...BASE_HEADERS, authorization: `Bearer ${credential.secret}`, 'anthropic-beta': 'oauth-2025-04-20' },
  }),
  // The login file sits beside the `.claude.json` that names its organization; a CLAUDE_CODE_OAUTH_TOKEN may be any
  // login's, so it names none.
  readAccount: (credential, env) => (credential.from === 'CLAUDE_CODE_OAUTH_TOKEN' ? null : readClaudeAccount(env)),
  describeExpiry,
  describeRefusal,
  parse: (text) => parseClaudeQuota(text),
};

/**
 * The API's answer to an access token past its time, as users report it: 401 authentication_error "OAuth token has
 * expired. Please obtain a new token or refresh your existing token." (anthropics/claude-code#6459, #4293). Claude Code
 * refreshes its own login when it runs; a setup token is made anew.
 */
function describeExpiry(status: number, body: string | null, credential: QuotaCredential): string | null {
  if (status !== 401 || !body?.includes('OAuth token has expired')) return null;
  return credential.from === 'CLAUDE_CODE_OAUTH_TOKEN'
    ? 'make a new one with `claude setup-token`, or unset it to read your interactive login'
    : 'run `claude` once to refresh it (or /login)';
}

/**
 * CLAUDE_CODE_OAUTH_TOKEN, else `claudeAiOauth.accessToken` in $CLAUDE_CONFIG_DIR/.credentials.json or
 * ~/.claude/.credentials.json (where Claude Code keeps its login on Linux).
 */
function loadClaudeLogin(env: NodeJS.ProcessEnv): QuotaCredential | null {
  if (env.CLAUDE_CODE_OAUTH_TOKEN) return { secret: env.CLAUDE_CODE_OAUTH_TOKEN, from: 'CLAUDE_CODE_OAUTH_TOKEN' };
  const file = join(env.CLAUDE_CONFIG_DIR || join(env.HOME || homedir(), '.claude'), '.credentials.json');
  const json = readCredentialFile(file);
  if (json === null) return null;
  const token = readPath(json, ['claudeAiOauth', 'accessToken']);
  if (typeof token !== 'string' || token === '')
    throw new AppError('BAD_INPUT', 'has no claudeAiOauth.accessToken (log in with `claude` first)', { where: file });
  // Claude Code writes the login's scopes beside it; the usage endpoint refuses one without user:profile
  // (describeRefusal below), so say so before asking. A file without the list is asked anyway.
  const scopes = readPath(json, ['claudeAiOauth', 'scopes']);
  if (Array.isArray(scopes) && !scopes.includes('user:profile'))
    throw new AppError(
      'BAD_INPUT',
      `holds a login with the scopes ${escapeControls(JSON.stringify(scopes.filter((scope) => typeof scope === 'string')))} but not user:profile, which the usage endpoint needs: log in with \`claude\` (/login)`,
      { where: file, kind: 'quota-scope' },
    );
  return { secret: token, from: file };
}

/**
 * Two variants of the same refusal are recorded: 403 permission_error "OAuth token does not meet scope requirement
 * user:profile" (claude-code#12529, 2025-11) and, later, a 429 from the edge with no request-id, byte-identical to a
 * request with no credential at all (alp82/curia#162, measured 2026-08). A 429 that carries a request-id is a real
 * rate limit: no hint.
 */
function describeRefusal(status: number, body: string | null, headers: Headers, credential: QuotaCredential): string {
  const fromEnv = credential.from === 'CLAUDE_CODE_OAUTH_TOKEN';
  if (status === 403 && body?.includes('user:profile'))
    return ` (the token from ${credential.from} lacks the user:profile scope this endpoint needs; ${fromEnv ? `a \`claude setup-token\` token has only user:inference: ${SETUP_TOKEN_ADVICE}` : 'log in with `claude` again (/login)'})`;
  if (status === 429 && fromEnv && !headers.has('request-id'))
    return ` (refused before the API, with no request-id: the endpoint answers so a token without the user:profile scope, such as a \`claude setup-token\` one in CLAUDE_CODE_OAUTH_TOKEN; ${SETUP_TOKEN_ADVICE})`;
  return '';
}
