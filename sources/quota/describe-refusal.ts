// What a quota endpoint's refusal means for the user's credential and what to do about it (pure: status, body, headers).
import type { QuotaKind } from '../parsers/quota/quota-reading.js';
import type { QuotaCredential } from './quota-endpoints.js';

/**
 * What to do about it, worded for every place the line appears (`tracker quota`, `watch`, a run's window notes, where
 * unsetting the token would also take the agent's login). A `claude setup-token` token, which is what
 * CLAUDE_CODE_OAUTH_TOKEN usually holds, has the scope `user:inference` only; /api/oauth/usage needs `user:profile`,
 * which only an interactive login grants (the pinned claude 2.1.329 says "env-var and setup-token sessions default to
 * user:inference only"; anthropics/claude-code#11985, #12529, #22450).
 */
const SETUP_TOKEN_ADVICE =
  'tracker quota and watch read your interactive login (~/.claude/.credentials.json) when CLAUDE_CODE_OAUTH_TOKEN is unset; runs and the proxy take the bars from the answers';

/**
 * The parenthesised hint after `HTTP <status>` ('' for none). Two variants of the same refusal are recorded:
 * 403 permission_error "OAuth token does not meet scope requirement user:profile" (claude-code#12529, 2025-11) and,
 * later, a 429 from the edge with no request-id, byte-identical to a request with no credential at all
 * (alp82/curia#162, measured 2026-08). A 429 that carries a request-id is a real rate limit: no hint.
 */
export function describeRefusal(
  kind: QuotaKind,
  status: number,
  body: string | null,
  headers: Headers,
  credential: QuotaCredential,
): string {
  const fromEnv = credential.from === 'CLAUDE_CODE_OAUTH_TOKEN';
  if (kind === 'claude' && status === 403 && body?.includes('user:profile'))
    return ` (the token from ${credential.from} lacks the user:profile scope this endpoint needs; ${fromEnv ? `a \`claude setup-token\` token has only user:inference: ${SETUP_TOKEN_ADVICE}` : 'log in with `claude` again (/login)'})`;
  if (kind === 'claude' && status === 429 && fromEnv && !headers.has('request-id'))
    return ` (refused before the API, with no request-id: the endpoint answers so a token without the user:profile scope, such as a \`claude setup-token\` one in CLAUDE_CODE_OAUTH_TOKEN; ${SETUP_TOKEN_ADVICE})`;
  if (status === 401 || status === 403) return ` (the credential from ${credential.from} was refused: log in again)`;
  return '';
}
