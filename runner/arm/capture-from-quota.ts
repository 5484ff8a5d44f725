// Takes an arm's before or after from the provider's own quota endpoint: a read-only GET, so no capacity is spent on it.
import type { StampContext } from '../../ledger/index.js';
import { fetchQuota, type QuotaCredential, type QuotaEndpoint } from '../../sources/quota/index.js';
import { recordWindowEnd, type CaptureResult } from './capture-window-end.js';

/** Where a provider's quota is read during a run: the real endpoint and credential, or the scripted server's. */
export interface QuotaSource {
  endpoint: QuotaEndpoint;
  credential: QuotaCredential;
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
  const fetched = await fetchQuota(request.source.endpoint, request.source.credential);
  if (!fetched.ok) return { failed: fetched.error.toLine() };
  if (Object.keys(fetched.reading.bars).length === 0)
    return { failed: `the ${request.source.endpoint.kind} quota endpoint reported no window` };
  const reading = { format: fetched.reading.format, bars: fetched.reading.bars, parse_errors: fetched.reading.parse_errors };
  return { result: recordWindowEnd(request, reading, fetched.at, 'quota', `from the ${request.source.endpoint.kind} quota endpoint`) };
}
