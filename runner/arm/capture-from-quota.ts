// Takes an arm's before or after from the provider's own quota endpoint: a read-only GET, so no capacity is spent on it.
import type { StampContext } from '../../ledger/index.js';
import { isAppError } from '../../kernel/index.js';
import { fetchQuota, type QuotaCredential, type QuotaEndpoint } from '../../sources/quota/index.js';
import { recordWindowEnd, type CaptureResult } from './capture-window-end.js';

/** Where a provider's quota is read during a run: the real endpoint and credential, or the scripted server's. */
export interface QuotaSource {
  endpoint: QuotaEndpoint;
  /**
   * The credential as it is now, read again at each capture: a login its own CLI refreshes (Gemini's, hourly) must not
   * be the one the run started with. Throws the AppError that says why there is none (an expired login).
   */
  readCredential: () => QuotaCredential;
  /** The model the provider's arms use: its bucket is the bar, where the endpoint has one per model (Gemini's). */
  model?: string;
}

/** The quota read now through `source`, or the line that says why it could not be. */
export async function readQuotaSource(source: QuotaSource): Promise<Awaited<ReturnType<typeof fetchQuota>>> {
  let credential: QuotaCredential;
  try {
    credential = source.readCredential();
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, error, raw: null };
  }
  return fetchQuota(source.endpoint, credential, source.model === undefined ? {} : { model: source.model });
}

export interface QuotaCaptureRequest {
  dataDir: string;
  stamp: StampContext;
  provider: string;
  windowId: string;
  phase: 'before' | 'after';
  source: QuotaSource;
}

/** The capture, or null with the reason when the endpoint could not be read (the caller falls back to the proxy's readings). */
export async function captureFromQuota(request: QuotaCaptureRequest): Promise<{ result: CaptureResult } | { failed: string }> {
  const fetched = await readQuotaSource(request.source);
  if (!fetched.ok) return { failed: fetched.error.toLine() };
  if (Object.keys(fetched.reading.bars).length === 0)
    return { failed: `the ${request.source.endpoint.kind} quota endpoint reported no window` };
  const reading = { format: fetched.reading.format, bars: fetched.reading.bars, parse_errors: fetched.reading.parse_errors };
  return { result: recordWindowEnd(request, reading, fetched.at, 'quota', `from the ${request.source.endpoint.kind} quota endpoint`) };
}
