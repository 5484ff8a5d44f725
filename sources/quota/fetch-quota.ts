// Reads one provider's quota endpoint: a read that spends no capacity, never follows a redirect, never leaks its credential.
import { AppError, escapeControls, hasUrlCredentials, redactText } from '../../kernel/index.js';
import { formatIssues } from '../parsers/parse-result.js';
import type { QuotaReading } from '../parsers/quota/quota-reading.js';
import { findQuotaKind, type QuotaCredential, type QuotaKindSpec, type QuotaRequest } from './kinds/index.js';
import type { QuotaEndpoint } from './quota-endpoints.js';

/** A real answer is well under a kilobyte or two; anything this large is not the endpoint we know. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export type QuotaFetch =
  | { ok: true; reading: QuotaReading; at: Date; raw: string }
  /** `raw` is the answer's body when one arrived (kept under rejects/ by the caller, redacted); null otherwise. */
  | { ok: false; error: AppError; raw: string | null };

export interface QuotaFetchOptions {
  timeoutMs?: number;
  now?: () => Date;
  /** The model whose bar to read where the endpoint keeps one per model (Gemini's buckets); else the one nearest its limit. */
  model?: string;
}

export async function fetchQuota(
  endpoint: QuotaEndpoint,
  credential: QuotaCredential,
  options: QuotaFetchOptions = {},
): Promise<QuotaFetch> {
  const spec = findQuotaKind(endpoint.kind);
  let asked = credential;
  let named: string | null = null;
  // A first request whose answer completes the credential (Gemini's project, from loadCodeAssist).
  if (spec.prepare?.needed(credential)) {
    const first = await exchangeQuota(
      spec,
      { ...endpoint, url: spec.prepare.url(endpoint.url) },
      credential,
      spec.prepare.request(credential),
      options,
    );
    if (!first.ok) return first;
    const completed = spec.prepare.complete(credential, first.body);
    if (completed === null) return { ok: false, error: new AppError('NOT_FOUND', spec.prepare.missing, { where: first.where }), raw: null };
    asked = completed;
    named = spec.prepare.plan?.(first.body) ?? null;
  }
  const answer = await exchangeQuota(spec, endpoint, asked, spec.buildRequest(asked), options);
  if (!answer.ok) return answer;
  const parsed = spec.parse(answer.body, answer.at, options.model);
  if (!parsed.ok)
    return {
      ok: false,
      error: new AppError('BAD_INPUT', scrub(formatIssues(parsed.issues, answer.where), credential)),
      raw: redactCredential(answer.body, credential), // kept under rejects/ as sent, less its secrets
    };
  const reading: QuotaReading = {
    kind: endpoint.kind,
    format: `quota-${endpoint.kind}`,
    ...parsed.value,
    plan: parsed.value.plan ?? named,
  };
  return { ok: true, reading, at: answer.at, raw: answer.body };
}

type Exchange = { ok: true; body: string; at: Date; where: string } | { ok: false; error: AppError; raw: string | null };

/** One request to a quota endpoint: no redirect followed, the body capped, every failure a line without the credential. */
async function exchangeQuota(
  spec: QuotaKindSpec,
  endpoint: QuotaEndpoint,
  credential: QuotaCredential,
  request: QuotaRequest,
  options: QuotaFetchOptions,
): Promise<Exchange> {
  const where = `${endpoint.kind} quota (${describeUrl(endpoint.url)})`;
  const url = checkUrl(endpoint);
  if (!url.ok) return { ok: false, error: url.error, raw: null };
  let response: Response;
  try {
    response = await fetch(url.value, {
      ...request,
      // A redirect could carry the credential to another host: refused, never followed.
      redirect: 'manual',
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const reason = (error as Error).name === 'TimeoutError' ? 'no answer in time' : describeCause(error);
    return { ok: false, error: new AppError('IO', `could not reach the endpoint: ${scrub(reason, credential)}`, { where }), raw: null };
  }
  const at = (options.now ?? (() => new Date()))();
  let body: string | null;
  try {
    body = await readCapped(response);
  } catch (error) {
    // A body that breaks off (connection reset) or drips past the timeout: this provider's transient failure.
    const reason =
      (error as Error).name === 'TimeoutError' ? 'the answer did not finish in time' : `the answer broke off (${describeCause(error)})`;
    return { ok: false, error: new AppError('IO', `${scrub(reason, credential)} (nothing was recorded)`, { where }), raw: null };
  }
  if (response.status >= 300 && response.status < 400) {
    return {
      ok: false,
      error: new AppError(
        'IO',
        `refused a redirect (HTTP ${response.status}) to ${escapeControls(describeUrl(response.headers.get('location') ?? '?'))}: quota endpoints are read only where they are`,
        { where },
      ),
      raw: null,
    };
  }
  const expiry = spec.describeExpiry?.(response.status, body, credential) ?? null;
  if (expiry !== null)
    return {
      ok: false,
      // An expired login is the user's to refresh, not the network's nor the endpoint's failure.
      error: new AppError('BAD_INPUT', `the login from ${credential.from} has expired (HTTP ${response.status}): ${expiry}`, {
        where,
        kind: 'quota-expired',
      }),
      raw: null,
    };
  if (!response.ok) {
    const hint = describeRefusal(spec, response.status, body, response.headers, credential);
    return {
      ok: false,
      // Redacted whole, then cut: a cut first could split a token so that no redaction recognises what is left.
      error: new AppError(
        'IO',
        `HTTP ${response.status}${hint}: ${body === null ? 'answer too large' : scrub(body, credential).slice(0, 160)}`,
        {
          where,
        },
      ),
      raw: null,
    };
  }
  if (body === null)
    return {
      ok: false,
      error: new AppError('BAD_INPUT', `answer over ${MAX_ANSWER_BYTES} bytes (nothing was recorded)`, { where }),
      raw: null,
    };
  return { ok: true, body, at, where };
}

function checkUrl(endpoint: QuotaEndpoint): { ok: true; value: URL } | { ok: false; error: AppError } {
  let url: URL;
  try {
    url = new URL(endpoint.url);
  } catch {
    return {
      ok: false,
      error: new AppError('BAD_USAGE', `not a URL: ${JSON.stringify(describeUrl(endpoint.url))}`, { where: endpoint.urlEnv }),
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return { ok: false, error: new AppError('BAD_USAGE', `expected an http(s) URL, got ${url.protocol}`, { where: endpoint.urlEnv }) };
  if (hasUrlCredentials(url))
    return {
      ok: false,
      error: new AppError('BAD_USAGE', "expected a URL without a user or password (credentials come from the provider's own login)", {
        where: endpoint.urlEnv,
      }),
    };
  return { ok: true, value: url };
}

/** The kind's own reading of the refusal first, else the one every login shares: refused on 401 and 403. */
function describeRefusal(spec: QuotaKindSpec, status: number, body: string | null, headers: Headers, credential: QuotaCredential): string {
  const own = spec.describeRefusal?.(status, body, headers, credential) ?? '';
  if (own !== '') return own;
  if (status === 401 || status === 403) return ` (the credential from ${credential.from} was refused: log in again)`;
  return '';
}

/** The URL without its query, for messages (a gateway may put a key in the query string). */
function describeUrl(text: string): string {
  return redactText(text.split('?')[0] ?? text);
}

/**
 * Removes the credential by value from text an endpoint sent back (some echo the token), then the known shapes, then
 * makes control characters visible (an endpoint's escape sequences must not reach a terminal). Cut only after this.
 */
function scrub(text: string, credential: QuotaCredential): string {
  return escapeControls(redactCredential(text, credential));
}

function redactCredential(text: string, credential: QuotaCredential): string {
  return redactText(credential.secret.length >= 4 ? text.split(credential.secret).join('[REDACTED]') : text);
}

/** undici puts the socket's own error (ECONNRESET, "other side closed") in `cause`. */
function describeCause(error: unknown): string {
  return ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message;
}

/** The body as text, or null when it is over the cap (the rest is not read). */
async function readCapped(response: Response): Promise<string | null> {
  if (!response.body) return '';
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      await response.body.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks).toString('utf8');
}
