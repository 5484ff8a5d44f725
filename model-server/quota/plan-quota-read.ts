// Answers a quota-endpoint GET: finds the credential (it names the account), reads its bars, or refuses as the real API does.
import type { IncomingHttpHeaders } from 'node:http';
import { buildAnthropicError } from '../error-envelopes.js';
import { planJsonText, type ResponsePlan } from '../plan-response.js';
import type { SolverBars } from '../solver/solver-bars.js';
import { buildClaudeUsageText, buildCodexUsageBody, buildGlmQuotaBody } from './build-quota-bodies.js';
import { readQuota, type QuotaReading } from './read-quota.js';
import type { ScriptedBars } from '../scripted-quota.js';

export type QuotaRoute = 'claude_usage' | 'codex_usage' | 'glm_quota';

export interface QuotaReadInput {
  route: QuotaRoute;
  headers: IncomingHttpHeaders;
  /** The solver's per-account bars; null in script mode, where every account reads 0 used. */
  bars: SolverBars | null;
  /** A script's tiny quota of this endpoint's API (scripted-quota.ts): its bars in place of the solver's; null: none. */
  scripted?: ScriptedBars | null;
  /** Epoch milliseconds the server started (the bars' resets count from it). */
  startedAtMs: number;
  nowMs: number;
  requestId: string;
}

/** How the stand-in tells a `claude setup-token` token (scope user:inference only) from an interactive login's. */
const SETUP_TOKEN_PREFIX = 'setup-token:';

/** The beta flag Claude Code sends; without it the real endpoint refuses OAuth (see below). */
const OAUTH_BETA = 'oauth-2025-04-20';

/** The token after `Bearer ` (any case), trimmed; null when absent or empty. Any non-empty token is accepted. */
function findBearerToken(headers: IncomingHttpHeaders): string | null {
  const token = /^Bearer\s+(.*)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  return token ? token : null;
}

/** GLM sends the raw key; monitors that add `Bearer ` work too, so both name the same account. */
function findGlmKey(headers: IncomingHttpHeaders): string | null {
  // A bare `Bearer` (clients trim the trailing space of `Bearer `) names no key.
  const key = (headers.authorization ?? '')
    .trim()
    .replace(/^Bearer(\s+|$)/i, '')
    .trim();
  return key ? key : null;
}

function hasOauthBeta(headers: IncomingHttpHeaders): boolean {
  const beta = headers['anthropic-beta'];
  const values = (Array.isArray(beta) ? beta.join(',') : (beta ?? '')).split(',').map((value) => value.trim());
  return values.includes(OAUTH_BETA);
}

export function planQuotaRead(input: QuotaReadInput): ResponsePlan {
  const { headers, requestId } = input;
  if (input.route === 'claude_usage') {
    const ids = { 'request-id': requestId };
    const token = findBearerToken(headers);
    if (token === null)
      return planJsonText(
        401,
        ids,
        JSON.stringify(
          buildAnthropicError(
            { status: 401, type: 'authentication_error', message: 'Missing bearer token: send Authorization: Bearer <OAuth token>' },
            requestId,
          ),
        ),
      );
    // Recorded from the real endpoint called without the beta header (HTTP 401): a monitor that forgets it must fail here too.
    if (!hasOauthBeta(headers)) {
      const error = {
        type: 'authentication_error',
        message: 'OAuth authentication is currently not supported.',
        details: { error_visibility: 'user_facing' },
      };
      return planJsonText(401, ids, JSON.stringify({ type: 'error', error, request_id: requestId }));
    }
    // A `claude setup-token` token has the scope user:inference only; the real endpoint wants user:profile and answers
    // this (anthropics/claude-code#12529, request ids and all). The stand-in cannot look a token's scopes up, so a
    // token that starts with `setup-token:` is one (model-server/README.md).
    if (token.startsWith(SETUP_TOKEN_PREFIX)) {
      const error = {
        type: 'permission_error',
        message: 'OAuth token does not meet scope requirement user:profile',
        details: { error_visibility: 'user_facing' },
      };
      return planJsonText(403, ids, JSON.stringify({ type: 'error', error, request_id: requestId }));
    }
    return planJsonText(200, ids, buildClaudeUsageText(readAccount(input, token)));
  }
  if (input.route === 'codex_usage') {
    const ids = { 'x-request-id': requestId };
    const token = findBearerToken(headers);
    // The envelope ChatGPT's backend answers a rejected token with (steipete/CodexBar#408: message, type null, code, param).
    if (token === null)
      return planJsonText(
        401,
        ids,
        JSON.stringify({
          error: { message: 'Missing authentication token. Please try signing in again.', type: null, code: null, param: null },
        }),
      );
    return planJsonText(200, ids, JSON.stringify(buildCodexUsageBody(readAccount(input, token), input.nowMs)));
  }
  const key = findGlmKey(headers);
  // Z.ai refuses inside an HTTP 200: a missing header gets code 1001 (a wrong key gets 401, which never happens here).
  if (key === null)
    return planJsonText(
      200,
      {},
      JSON.stringify({ code: 1001, msg: 'Authentication parameter not received in Header, unable to authenticate', success: false }),
    );
  return planJsonText(200, {}, JSON.stringify(buildGlmQuotaBody(readQuota(input.bars, key, input.startedAtMs))));
}

/** The account's bars: the solver's, or the script's tiny quota where it has one for this endpoint's API. */
function readAccount(input: QuotaReadInput, account: string): QuotaReading {
  const reading = readQuota(input.bars, account, input.startedAtMs);
  return input.scripted ? { ...reading, ...input.scripted } : reading;
}
