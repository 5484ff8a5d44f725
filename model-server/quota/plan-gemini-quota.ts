// Answers Code Assist's loadCodeAssist, listExperiments and retrieveUserQuota as Google does for Gemini CLI signed in with Google.
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { planJsonText, type ResponsePlan } from '../plan-response.js';
import type { SolverBars } from '../solver/solver-bars.js';
import { readQuota } from './read-quota.js';

/*
 * Shapes as Gemini CLI 0.61.0 reads them (its bundle): loadCodeAssist answers `currentTier`, `paidTier` for a Google
 * AI subscriber and, for an account Google manages a project for (free and Google AI plans), `cloudaicompanionProject`
 * as a string; retrieveUserQuota answers `buckets[]`, one per model, with `remainingFraction`, `resetTime` (ISO)
 * and `tokenType` "REQUESTS" (the CLI handles buckets without `remainingAmount`, which this stand-in leaves out: it
 * counts units, not requests). Errors use Google's envelope: `{"error": {"code", "message", "status"}}`.
 */

export interface GeminiQuotaInput {
  route: 'gemini_quota' | 'code_assist_load' | 'code_assist_experiments';
  headers: IncomingHttpHeaders;
  /** The request's body, parsed; null when it was not JSON. */
  body: unknown;
  bars: SolverBars | null;
  startedAtMs: number;
}

/** The models a Google AI plan's quota lists; the scripted account charges the first (the one agents are sent as). */
const BUCKET_MODELS = ['gemini-2.5-pro', 'gemini-2.5-flash'] as const;

export function planGeminiQuota(input: GeminiQuotaInput): ResponsePlan {
  const token = /^Bearer\s+(.*)$/i.exec(input.headers.authorization ?? '')?.[1]?.trim();
  if (!token)
    return refuse(401, 'UNAUTHENTICATED', 'Request is missing required authentication credential. Expected OAuth 2 access token.');
  // No experiment flags: the CLI reads `flags` and `experimentIds`, both optional (parseExperiments).
  if (input.route === 'code_assist_experiments') return planJsonText(200, {}, JSON.stringify({ experimentIds: [], flags: [] }));
  // A project the client names (GOOGLE_CLOUD_PROJECT: a Workspace or Standard account's own) is the one answered.
  const named = (input.body as { cloudaicompanionProject?: unknown } | null)?.cloudaicompanionProject;
  if (input.route === 'code_assist_load')
    return planJsonText(
      200,
      {},
      JSON.stringify({
        currentTier: { id: 'standard-tier', name: 'Gemini Code Assist', description: 'Unlimited coding assistant' },
        allowedTiers: [{ id: 'standard-tier', name: 'Gemini Code Assist', isDefault: true }],
        // The account's Google AI plan, as Google names a Google AI Pro subscriber's (Gemini CLI prefers it to currentTier).
        paidTier: { id: 'g1-pro-tier', name: 'Google AI Pro' },
        // A managed project named after the account, stable across reads, as Google's are per user.
        cloudaicompanionProject:
          typeof named === 'string' && named !== '' ? named : `scripted-${createHash('sha256').update(token).digest('hex').slice(0, 12)}`,
      }),
    );
  const project = (input.body as { project?: unknown } | null)?.project;
  if (typeof project !== 'string' || project === '')
    return refuse(400, 'INVALID_ARGUMENT', "Invalid value at 'project': a project is required.");
  const reading = readQuota(input.bars, token, input.startedAtMs);
  const resetTime = new Date(reading.dayResetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  const buckets = BUCKET_MODELS.map((modelId, index) => ({
    remainingFraction: index === 0 ? Math.max(0, 1 - reading.day) : 1,
    resetTime,
    tokenType: 'REQUESTS',
    modelId,
  }));
  return planJsonText(200, {}, JSON.stringify({ buckets }));
}

function refuse(code: number, status: string, message: string): ResponsePlan {
  return planJsonText(code, {}, JSON.stringify({ error: { code, message, status } }));
}
